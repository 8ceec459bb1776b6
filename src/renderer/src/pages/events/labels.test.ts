import { describe, expect, it } from 'vitest'
import { withFieldLabels } from './labels'

describe('withFieldLabels', () => {
  it('names each failed field by its label on the form', () => {
    expect(
      withFieldLabels('customer.email: must be an email address; quantity: too big', {
        'customer.email': 'Email',
        quantity: 'Quantity',
      }),
    ).toBe('Email: must be an email address; Quantity: too big')
  })

  it('leaves messages without a known field as they are', () => {
    expect(withFieldLabels('No tickets are left for Jazz Night.', { name: 'Name' })).toBe(
      'No tickets are left for Jazz Night.',
    )
    expect(withFieldLabels('venue_id: odd', {})).toBe('venue_id: odd')
  })
})
