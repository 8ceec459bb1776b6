// Sending a sale's codes by email after the sale: to an address the customer
// gives later (a phone-only or walk-in buyer), or again to the one on file.
import { TicketiError } from '../../shared/errors'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import { queueSaleEmail } from './assign'
import { normalizeEmail } from './sell-to-customers'

export const saleEmailOperations: Pick<Handlers, 'emailSale'> = {
  emailSale({ sale_id, email }, ctx) {
    const { sqlite } = ctx.store
    const sale = prepared(
      sqlite,
      `SELECT s.customer_id, c.email,
              (SELECT count(*) FROM ticket t WHERE t.sale_id = s.id AND t.status IN ('assigned', 'checked_in'))
                AS valid
         FROM sale s JOIN customer c ON c.id = s.customer_id WHERE s.id = +?`,
    ).get(sale_id) as { customer_id: number; email: string | null; valid: number } | undefined
    if (!sale) throw new TicketiError('NOT_FOUND', `There is no sale with id ${sale_id}.`)
    if (sale.valid === 0) {
      throw new TicketiError('NOT_ASSIGNED', 'Every ticket of this sale is void; there is no code to send.')
    }
    const recipient = email === undefined ? sale.email : normalizeEmail(email)
    if (!recipient) {
      throw new TicketiError('NO_EMAIL', 'This customer has no email address; type one to send the codes.')
    }
    if (recipient !== sale.email) {
      prepared(sqlite, 'UPDATE customer SET email = ? WHERE id = ?').run(recipient, sale.customer_id)
      ctx.audit({
        action: 'setCustomerEmail',
        entity: 'customer',
        entity_id: sale.customer_id,
        before: { email: sale.email },
        after: { email: recipient },
      })
    }
    const outboxId = queueSaleEmail(ctx, sale_id, recipient)
    ctx.audit({
      action: 'emailSale',
      entity: 'sale',
      entity_id: sale_id,
      after: { outbox_id: outboxId, recipient },
    })
    return { outbox_id: outboxId, recipient }
  },
}
