// How a ticket is read back for every screen and API answer: the rows of
// TICKET_SELECT_SQL (ticket-read-model.ts) as the contract's TicketView.
import type { EmailStatus, TicketStatus, TicketView } from '../../shared/views'

export interface TicketRow {
  id: number
  uuid: string
  event_id: number
  ticket_type_id: number | null
  ticket_type_name: string | null
  short_code: string | null
  status: TicketStatus
  customer_id: number | null
  customer_name: string | null
  customer_email: string | null
  customer_phone: string | null
  holder_name: string | null
  sale_id: number | null
  price_cents: number | null
  inside: number
  assigned_at: string | null
  checked_in_at: string | null
  checked_in_by: string | null
  email_status: EmailStatus
  voided_at: string | null
  void_reason: string | null
  refund_id: number | null
  replaced_by: number | null
}

export function ticketView(row: TicketRow): TicketView {
  return {
    id: row.id,
    uuid: row.uuid,
    event_id: row.event_id,
    ticket_type_id: row.ticket_type_id,
    ticket_type_name: row.ticket_type_name,
    short_code: row.short_code,
    status: row.status,
    customer:
      row.customer_id === null
        ? null
        : {
            id: row.customer_id,
            name: row.customer_name ?? '',
            email: row.customer_email,
            phone: row.customer_phone,
          },
    holder_name: row.holder_name,
    sale_id: row.sale_id,
    price_cents: row.price_cents,
    inside: row.inside === 1,
    assigned_at: row.assigned_at,
    checked_in_at: row.checked_in_at,
    checked_in_by: row.checked_in_by,
    email_status: row.email_status,
    voided_at: row.voided_at,
    void_reason: row.void_reason,
    refund_id: row.refund_id,
    replaced_by: row.replaced_by,
  }
}
