import { describe, expect, it } from 'vitest'
import { TicketiError } from '../../../../shared/errors'
import { saleProblems, withoutProblem } from './saleError'

describe('saleProblems', () => {
  it('puts each validation problem beside its field, from the details and not the sentence', () => {
    const problems = saleProblems(
      new TicketiError('VALIDATION', 'a sentence nobody parses', [
        { path: 'customer.email', message: 'Type an email address like ann@example.com' },
        { path: 'quantity', message: 'Sell at least 1 ticket' },
      ]),
    )
    expect(problems).toEqual({
      fields: {
        'customer.email': 'Type an email address like ann@example.com',
        quantity: 'Sell at least 1 ticket',
      },
      form: null,
    })
  })

  it('shows a problem of no form field, and any other refusal, above the Sell button', () => {
    expect(
      saleProblems(new TicketiError('VALIDATION', 'x', [{ path: 'event_id', message: 'No such event' }])),
    ).toEqual({
      fields: {},
      form: 'No such event',
    })
    expect(saleProblems(new TicketiError('CONFLICT', 'The event is closed.'))).toEqual({
      fields: {},
      form: 'The event is closed.',
    })
  })

  it('puts a shortage beside the quantity, in the host’s words', () => {
    const message = 'Only 2 “VIP” tickets are left for Jazz; 5 were asked for. Sell 2 or fewer.'
    expect(saleProblems(new TicketiError('SOLD_OUT', message)).fields.quantity).toBe(message)
  })

  it('drops a field’s message, and the form’s, once the seller changes that field', () => {
    const problems = {
      fields: { 'customer.email': 'Type an email address', quantity: 'Only 2 left' },
      form: 'The host cannot be reached.',
    }
    expect(withoutProblem(problems, 'customer.email')).toEqual({
      fields: { quantity: 'Only 2 left' },
      form: null,
    })
    expect(withoutProblem(problems, 'ticket_type_id').fields).toEqual({
      'customer.email': 'Type an email address',
    })
  })
})
