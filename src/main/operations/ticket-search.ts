// What a cashier types into the box office search, turned into index lookups: names and
// emails by word prefix, in any order and without accents; phone numbers by their digits,
// however they are written; door codes and ticket uuids exactly. The FTS5 tables and the
// triggers that keep them up to date are in drizzle/0004_search_index.sql.

/** The last 9 digits are the national number: "+33 6 12 34 56 78" and "06 12 34 56 78" agree on them. */
const NATIONAL_DIGITS = 9
/** Fewer digits than this are a door code, not a piece of a phone number. */
const PHONE_MIN_DIGITS = 4
const PHONE_SHAPED = /^\+?[0-9 ()./-]+$/

/** An FTS5 string (its tokenizer splits it into words, folds case and accents) as a prefix. */
function prefix(text: string): string {
  return `"${text.replaceAll('"', '""')}"*`
}

/** Every word typed starts a word of the name or the email, in any order. */
function wordsMatch(q: string): string | null {
  const words = q.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word))
  return words.length === 0 ? null : `{name email} : (${words.map(prefix).join(' AND ')})`
}

/**
 * A whole number is found by its national digits, whatever its country code or trunk 0.
 * A partial one by its digits from the start, or by any run of its national digits
 * (the index holds their suffixes), so "34 56" or "0612 3" find "+33612345678".
 */
function phoneMatch(q: string): string | null {
  const digits = q.replace(/\D/g, '')
  if (digits.length < PHONE_MIN_DIGITS) return null
  const forms =
    digits.length >= NATIONAL_DIGITS
      ? [`"${digits.slice(-NATIONAL_DIGITS)}"`, prefix(digits)]
      : [...new Set([digits, digits.replace(/^0+/, '')])].filter(Boolean).map(prefix)
  return `phone : (${forms.join(' OR ')})`
}

/**
 * A search reads at most this many matching tickets, so one letter typed (the start of
 * every search) costs no more than a name: the page shows the first ones and says there
 * are more.
 */
export const SEARCH_CAP = 1000

export interface TicketSearch {
  /** The ids of the event's matching tickets (up to SEARCH_CAP + 1), with its named parameters. */
  found: string
  params: Record<string, string>
  /** Puts the ticket whose code or uuid was typed before tickets that only share a name or number. */
  orderBy: string
}

/**
 * Each branch is answered by an index (FTS5, then ticket_customer or ticket_person, or the
 * code and uuid indexes), and the branches are read in turn only until the cap is reached,
 * so a search never reads every ticket of the event. The code and uuid come first: the
 * ticket typed is always among those read.
 */
export function ticketSearch(q: string, { byStatus }: { byStatus: boolean }): TicketSearch {
  // Digits and a phone's punctuation are a door code or a phone number, never a name; as
  // words, "+33 6 12" would also read every indexed word that starts with a 6.
  const phoneShaped = PHONE_SHAPED.test(q)
  const words = phoneShaped ? null : wordsMatch(q)
  const phone = phoneShaped ? phoneMatch(q) : null
  const customerMatch = [words, phone].filter(Boolean).join(' OR ')
  // The unary + keeps SQLite from walking every ticket of the event in an event index
  // instead of the few found by customer, holder or uuid.
  const ofEvent = `+event_id = @event_id${byStatus ? ' AND +status = @status' : ''}`
  const branches = [
    `SELECT id FROM ticket WHERE event_id = @event_id AND short_code = @q${byStatus ? ' AND +status = @status' : ''}`,
    `SELECT id FROM ticket WHERE uuid = @q AND ${ofEvent}`,
  ]
  const params: Record<string, string> = { q }
  if (customerMatch) {
    branches.push(`SELECT id FROM ticket WHERE customer_id IN
      (SELECT rowid FROM customer_search WHERE customer_search MATCH @customer_match) AND ${ofEvent}`)
    params.customer_match = customerMatch
  }
  if (words) {
    branches.push(`SELECT id FROM ticket WHERE person_id IN
      (SELECT rowid FROM person_search WHERE person_search MATCH @person_match) AND ${ofEvent}`)
    params.person_match = words
  }
  return {
    found: `SELECT id FROM (${branches.join(' UNION ALL ')}) LIMIT ${SEARCH_CAP + 1}`,
    params,
    orderBy: '(t.short_code IS @q OR t.uuid = @q) DESC, t.id',
  }
}
