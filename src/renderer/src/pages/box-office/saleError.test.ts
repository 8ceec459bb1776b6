import { describe, expect, it } from 'vitest'
import { TicketiError } from '../../../../shared/errors'
import { saleError } from './saleError'

describe('saleError', () => {
  it('says no free codes are left when the event is sold out', () => {
    const message = saleError(
      new TicketiError('SOLD_OUT', 'Only 2 tickets are left for Jazz; 5 were asked for.'),
    )
    expect(message).toContain('No free codes left')
    expect(message).toContain('Only 2 tickets are left')
  })

  it('names the form field a validation message is about', () => {
    const message = saleError(
      new TicketiError('VALIDATION', 'customer.email: must be an email address like ann@example.com'),
    )
    expect(message).toBe('Email: must be an email address like ann@example.com')
  })
})
