// How a ticket is read back for every screen and API answer, in one place.
import type { EmailStatus, TicketStatus, TicketView } from '../../shared/views'

export const TICKET_SELECT_SQL = `
  SELECT t.id, t.uuid, t.event_id, t.ticket_type_id, tt.name AS ticket_type_name, t.short_code,
         t.status, t.customer_id, c.name AS customer_name, c.email AS customer_email,
         c.phone AS customer_phone, coalesce(p.name, c.name) AS holder_name, t.sale_id,
         t.price_cents, t.inside, t.assigned_at, t.checked_in_at, t.checked_in_by, t.email_status
    FROM ticket t
    LEFT JOIN ticket_type tt ON tt.id = t.ticket_type_id
    LEFT JOIN customer c ON c.id = t.customer_id
    LEFT JOIN person p ON p.id = t.person_id`

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
  }
}
