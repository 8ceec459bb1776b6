// What to tell the seller when a sale is refused, in the words of the counter.
import { TicketiError } from '../../../../shared/errors'
import { errorMessage } from '../../api/client'
import { withFieldLabels } from '../events/labels'

const LABELS = {
  customer: 'Customer',
  'customer.name': 'Customer name',
  'customer.email': 'Email',
  'customer.phone': 'Phone',
  holder_name: 'Holder name',
  quantity: 'Quantity',
  ticket_type_id: 'Ticket type',
  payment_method: 'Payment',
}

export function saleError(error: unknown): string {
  if (error instanceof TicketiError && error.code === 'SOLD_OUT') {
    return `No free codes left to sell. ${error.message} Seed more tickets on the Events page.`
  }
  return withFieldLabels(errorMessage(error), LABELS)
}
