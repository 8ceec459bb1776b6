// The sales made at this counter in this browser tab, newest first, so a reload
// (or a slip of the F5 key) keeps the codes the seller was reading out. They sit
// in sessionStorage, which the tab forgets when it closes, and hold only what the
// panel shows: no ticket uuid (the QR's secret) and no token. Whoever signs in
// next in the same tab sees only their own.
import { useCallback, useState } from 'react'
import type { AssignResult } from '../../../../shared/views'

const KEY = 'ticketi.box-office.recent-sales'
/** Enough to answer "what was my code again?" from the last customers in the queue. */
const KEEP = 12

export interface RecentSale {
  /** Who sold it: the station and operator signed in at the time. */
  seller: string
  event_id: number
  sale_id: number
  customer: AssignResult['customer']
  payment_method: AssignResult['payment_method']
  amount_cents: number
  email_queued: boolean
  sold_at: string
  tickets: Array<{
    id: number
    short_code: string | null
    ticket_type_name: string | null
    holder_name: string | null
  }>
}

export function recentSale(
  seller: string,
  eventId: number,
  sale: AssignResult,
  soldAt = new Date(),
): RecentSale {
  return {
    seller,
    event_id: eventId,
    sale_id: sale.sale_id,
    customer: sale.customer,
    payment_method: sale.payment_method,
    amount_cents: sale.amount_cents,
    email_queued: sale.email_queued,
    sold_at: soldAt.toISOString(),
    tickets: sale.tickets.map(({ id, short_code, ticket_type_name, holder_name }) => ({
      id,
      short_code,
      ticket_type_name,
      holder_name,
    })),
  }
}

function load(): RecentSale[] {
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? '[]')
    return Array.isArray(stored) ? (stored as RecentSale[]) : []
  } catch {
    // Storage refused or garbled: the panel starts empty rather than failing the page.
    return []
  }
}

function save(sales: RecentSale[]): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(sales.slice(0, KEEP)))
  } catch {
    // A full or disabled storage only costs the list after a reload.
  }
}

/** This tab's recent sales of one event by one seller, and the ways the counter changes them. */
export function useRecentSales(seller: string, eventId: number) {
  const [all, setAll] = useState(load)
  const change = useCallback((next: (sales: RecentSale[]) => RecentSale[]) => {
    setAll((current) => {
      const updated = next(current).slice(0, KEEP)
      save(updated)
      return updated
    })
  }, [])
  return {
    sales: all.filter((s) => s.seller === seller && s.event_id === eventId),
    remember: useCallback(
      (sale: RecentSale) => change((sales) => [sale, ...sales.filter((s) => s.sale_id !== sale.sale_id)]),
      [change],
    ),
    /** The customer gave an email address after the sale, and the codes went to it. */
    emailed: useCallback(
      (saleId: number, recipient: string) =>
        change((sales) =>
          sales.map((s) =>
            s.sale_id === saleId
              ? { ...s, email_queued: true, customer: { ...s.customer, email: recipient } }
              : s,
          ),
        ),
      [change],
    ),
  }
}
