// The one read model of a ticket: the joins that name its type, buyer and holder, which
// the door, the box office's lists and searches, and the sale answers all derive from.
// Each reader picks the columns it needs; the joins and the holder's name are the same.
// Like every read that joins tables, a reader binds its values as `+?` (see db/prepared.ts).

/** A ticket with its type, its buyer and its holder (the buyer when no one else was named). */
export const TICKET_JOINS = `
    FROM ticket t
    LEFT JOIN ticket_type tt ON tt.id = t.ticket_type_id
    LEFT JOIN customer c ON c.id = t.customer_id
    LEFT JOIN person p ON p.id = t.person_id`

/** Who holds the ticket: the person named at the sale or transfer, else the buyer. */
export const HOLDER_NAME = 'coalesce(p.name, c.name)'

/** What the door reads of a ticket to answer a typed or scanned code; the door list pages through the same rows. */
export const DOOR_TICKET_SQL = `
  SELECT t.id, t.uuid, t.event_id, t.short_code, t.status, t.inside, t.checked_in_at, t.checked_in_by, t.door_version,
         tt.name AS ticket_type_name, ${HOLDER_NAME} AS holder_name
  ${TICKET_JOINS}`

/** One ticket as the door reads it, again after a station lost a race for it. */
export const DOOR_TICKET_BY_ID_SQL = `${DOOR_TICKET_SQL} WHERE t.id = +?`

/** What every screen and API answer shows of a ticket (see ticketView). */
export const TICKET_SELECT_SQL = `
  SELECT t.id, t.uuid, t.event_id, t.ticket_type_id, tt.name AS ticket_type_name, t.short_code,
         t.status, t.customer_id, c.name AS customer_name, c.email AS customer_email,
         c.phone AS customer_phone, ${HOLDER_NAME} AS holder_name, t.sale_id,
         t.price_cents, t.inside, t.assigned_at, t.checked_in_at, t.checked_in_by, t.email_status,
         t.voided_at, t.void_reason, t.refund_id, t.replaced_by
  ${TICKET_JOINS}`
