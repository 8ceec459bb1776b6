// Box office search on a sold-out 300,000-ticket event, through the real dispatcher,
// each search followed by a door check-in on the same event: the check-in is the
// baseline from the same run, and the searches never wait for a scan of the tickets.
import { invoke } from '../src/main/dispatcher'
import type { Principal } from '../src/shared/principal'
import { newEvent, type BenchEvent } from './core'
import { printTable, seededRandom, shuffle, summarize, timeMs, type Row } from './stats'

export const SEARCH_EVENT_SIZE = 300_000
const PER_SALE = 6
const ADMIN: Principal = { role: 'admin', station: 'Bench box office', operator: 'bench' }
const DOOR: Principal = { role: 'door', station: 'Bench door', operator: 'bench' }

// 40 x 40 names, accents included: about 30 customers share each full name, and a
// common last name such as Martin has about 1,250 customers (7,500 tickets).
const FIRST = (
  'Alice Zoë José Hélène Lucas Léa Hugo Chloé Louis Emma Gabriel Inès Jules Manon Adam Camille ' +
  'Raphaël Sarah Arthur Jade Noé Louise Paul Lina Nathan Eva Théo Anaïs Tom Clara Enzo Maëlle ' +
  'Victor Juliette Samuel Lola Mathis Agathe Malo Élise'
).split(' ')
const LAST = (
  'Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre ' +
  'Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert ' +
  'Bonnet François Martínez Legrand Garnier Faure Rousseau Blanc Guérin Müller Henry Roussel ' +
  'Nicolas Perrin'
).split(' ')

/** The way a customer's number was typed at the sale, in turn: the search must not care. */
function phoneAsTyped(n: number): string {
  const digits = String(600_000_000 + n * 7919).slice(-8)
  const pairs = digits.match(/../g)!.join(' ')
  switch (n % 4) {
    case 0:
      return `06${digits}`
    case 1:
      return `+33 6 ${pairs}`
    case 2:
      return `06 ${pairs}`
    default:
      return `+336${digits}`
  }
}

interface Customer {
  first: string
  last: string
  phone: string
  email: string
}

const customerOf = (n: number): Customer => ({
  first: FIRST[n % FIRST.length]!,
  last: LAST[Math.floor(n / FIRST.length) % LAST.length]!,
  phone: phoneAsTyped(n),
  email: `buyer${n}@example.com`,
})

/**
 * Sells the whole event, 6 tickets to each customer, in one transaction of bare SQL: a
 * sale through the dispatcher (its email included) would take minutes for 50,000 sales on
 * a shared machine, and it is the search that is measured. The search index still comes
 * from the database's own triggers on the customer rows.
 */
export function sellOut(ev: BenchEvent): { codes: string[]; uuids: string[] } {
  const { sqlite } = ev.core.store
  const now = new Date().toISOString()
  const addCustomer = sqlite.prepare(
    'INSERT INTO customer (name, email, phone, created_at) VALUES (?, ?, ?, ?)',
  )
  const assign = sqlite.prepare(
    `UPDATE ticket SET status = 'assigned', short_code = ?, customer_id = ?, price_cents = 2500, assigned_at = ?
      WHERE id = ?`,
  )
  const tickets = sqlite
    .prepare('SELECT id, uuid FROM ticket WHERE event_id = ? ORDER BY id')
    .all(ev.eventId) as Array<{
    id: number
    uuid: string
  }>
  const codes = shuffle(
    Array.from({ length: 1_000_000 }, (_, i) => String(i).padStart(6, '0')),
    seededRandom(5),
  ).slice(0, tickets.length)
  sqlite
    .transaction(() => {
      for (let sale = 0; sale * PER_SALE < tickets.length; sale++) {
        const c = customerOf(sale)
        // As the box office stores them: email lower-cased, phone as digits and a leading +.
        const phone = c.phone.replace(/[^0-9+]/g, '')
        const customerId = Number(
          addCustomer.run(`${c.first} ${c.last}`, c.email, phone, now).lastInsertRowid,
        )
        for (let k = sale * PER_SALE; k < Math.min((sale + 1) * PER_SALE, tickets.length); k++) {
          assign.run(codes[k], customerId, now, tickets[k]!.id)
        }
      }
    })
    .immediate()
  return { codes, uuids: tickets.map((t) => t.uuid) }
}

/** What cashiers type, in turn: names in both orders, without accents, in part; phones; codes. */
export function searchMix(n: number, codes: string[], uuids: string[]): Array<{ kind: string; q: string }> {
  const random = seededRandom(3)
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!
  const forms: Array<[string, (c: Customer) => string]> = [
    ['last first', (c) => `${c.last} ${c.first}`],
    ['no accents', (c) => `${c.first} ${c.last}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()],
    ['prefixes', (c) => `${c.first.slice(0, 3)} ${c.last.slice(0, 3)}`],
    [
      'phone 06.12…',
      (c) =>
        c.phone
          .replace(/\s/g, '')
          .replace(/^\+33/, '0')
          .replace(/(..)(?!$)/g, '$1.'),
    ],
    ['phone +33…', (c) => c.phone.replace(/^0/, '+33 ')],
    ['email start', (c) => c.email.slice(0, 8)],
    ['code', () => pick(codes)],
    ['uuid', () => pick(uuids)],
  ]
  const sales = SEARCH_EVENT_SIZE / PER_SALE
  return Array.from({ length: n }, (_, i) => {
    const [kind, form] = forms[i % forms.length]!
    return { kind, q: form(customerOf(Math.floor(random() * sales))) }
  })
}

export function benchSearch(step: (message: string) => void, n = 1600): Row[] {
  step(`search: seeding ${SEARCH_EVENT_SIZE.toLocaleString('en')} tickets and selling them all`)
  const ev = newEvent(SEARCH_EVENT_SIZE)
  try {
    invoke(ev.core.dispatch, 'seedInventory', { event_id: ev.eventId, count: SEARCH_EVENT_SIZE }, ADMIN)
    const { codes, uuids } = sellOut(ev)
    const toScan = shuffle([...codes], seededRandom(4))
    const queries = searchMix(n, codes, uuids)
    const search = (q: string) =>
      invoke(ev.core.dispatch, 'listTickets', { event_id: ev.eventId, q, limit: 50 }, ADMIN)
    const checkIn = (code: string) =>
      invoke(ev.core.dispatch, 'checkIn', { event_id: ev.eventId, code }, DOOR)
    // Warm-up: compiles the statements and reads the indexes into the page cache.
    for (let i = 0; i < 50; i++) {
      search(queries[i]!.q)
      checkIn(toScan.pop()!)
    }

    step(`search: ${n} searches, each followed by a check-in and a bare code lookup on the same event`)
    const lookup = ev.core.store.sqlite.prepare('SELECT * FROM ticket WHERE event_id = ? AND short_code = ?')
    const searches: number[] = []
    const checkIns: number[] = []
    const lookups: number[] = []
    const byKind = new Map<string, number[]>()
    let empty = 0
    queries.forEach(({ q, kind }) => {
      let found = 0
      const ms = timeMs(() => void (found = search(q).total))
      searches.push(ms)
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms])
      if (found === 0) empty++
      const code = toScan.pop()!
      checkIns.push(timeMs(() => void checkIn(code)))
      lookups.push(timeMs(() => void lookup.get(ev.eventId, code)))
    })
    if (empty > 0) console.warn(`warning: ${empty} searches found nothing`)
    const kinds = [...byKind].map(([kind, ms]) => {
      const k = summarize(ms)
      return `${kind} ${k.p50.toFixed(1)}/${k.p99.toFixed(1)}`
    })
    step(`search: median/p99 ms by what was typed: ${kinds.join(', ')}`)
    // Not in the figures: one letter is only the start of a search, and finds thousands of tickets.
    const letter = summarize(
      ['m', 'a', 'j', 'l', 'z'].flatMap((q) => [0, 1, 2, 3].map(() => timeMs(() => void search(q)))),
    )
    step(
      `search: a single letter (m, a, j, l, z), median ${letter.p50.toFixed(1)} ms, max ${letter.max.toFixed(1)} ms`,
    )
    const s = summarize(searches)
    const c = summarize(checkIns)
    const b = summarize(lookups)
    const label = `box office search, 300k tickets sold out (n=${n})`
    return [
      {
        figure: `${label} median; baseline: check-in`,
        value: s.p50,
        unit: 'ms',
        baseline: c.p50,
        goalBelow: 20,
      },
      {
        figure: `${label} p99; baseline: check-in`,
        value: s.p99,
        unit: 'ms',
        baseline: c.p99,
        goalBelow: 20,
      },
      { figure: `${label} median; baseline: bare code lookup`, value: s.p50, unit: 'ms', baseline: b.p50 },
      { figure: `${label} p99; baseline: bare code lookup`, value: s.p99, unit: 'ms', baseline: b.p99 },
    ]
  } finally {
    ev.dispose()
  }
}

// `npx tsx bench/search.ts` runs this part alone.
if (process.argv[1]?.endsWith('search.ts')) {
  printTable(benchSearch((message) => console.log(`- ${message}`)))
}
