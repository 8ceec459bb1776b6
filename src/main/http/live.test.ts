import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, api, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

interface SseEvent {
  id: number | null
  event: string
  data: Record<string, unknown>
}

/** A live stream read with fetch, as the web UI reads it; events are parsed as they arrive. */
async function listen(t: TestHost, query: string, headers: Record<string, string> = {}, token = ADMIN_TOKEN) {
  const controller = new AbortController()
  const response = await fetch(`${t.url}/api/v1/live${query}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: controller.signal,
  })
  const events: SseEvent[] = []
  const comments: string[] = []
  let ended = false
  let wake: () => void = () => {}
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffered = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffered += value
        let end: number
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end)
          buffered = buffered.slice(end + 2)
          const fields = new Map<string, string>()
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim())
            const at = line.indexOf(': ')
            if (at > 0) fields.set(line.slice(0, at), line.slice(at + 2))
          }
          if (fields.has('event')) {
            events.push({
              id: fields.has('id') ? Number(fields.get('id')) : null,
              event: fields.get('event')!,
              data: JSON.parse(fields.get('data') ?? 'null') as Record<string, unknown>,
            })
          }
        }
        wake()
      }
    } catch {
      // Aborted by the test.
    }
    ended = true
    wake()
  })()

  async function until(ok: () => boolean, what: string) {
    const deadline = Date.now() + 5000
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`no ${what}; got ${JSON.stringify(events)}`)
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, 50)
      })
    }
  }
  return {
    response,
    events,
    comments,
    ended: () => ended,
    /** Waits until an event of this name has arrived (after the first `skip` of them). */
    next: async (name: string, skip = 0) => {
      await until(() => events.filter((e) => e.event === name).length > skip, `"${name}" event`)
      return events.filter((e) => e.event === name)[skip]!
    },
    until,
    close: () => controller.abort(),
  }
}

const named = (events: SseEvent[]) => events.filter((e) => e.event !== 'ready' && e.event !== 'reset')

describe('GET /api/v1/live', () => {
  let t: TestHost
  let eventId: number
  beforeEach(async () => {
    t = await startTestHost()
    ;({ eventId } = await seededEvent(t, 10))
  })
  afterEach(() => t.dispose())

  it('needs a token like every other route', async () => {
    expect((await t.request('GET', '/api/v1/live', { token: null })).status).toBe(401)
    expect((await t.request('GET', '/api/v1/live', { token: 'not-a-token-of-this-host' })).status).toBe(401)
    expect((await t.request('GET', '/api/v1/live?event_id=999')).body).toMatchObject({ code: 'NOT_FOUND' })
    expect((await t.request('GET', '/api/v1/live?event_id=abc')).body).toMatchObject({ code: 'VALIDATION' })
  })

  it('names each change of the event, with increasing ids: sale, check-in attempts, undo, counts', async () => {
    const live = await listen(t, `?event_id=${eventId}`)
    expect(live.response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const http = api(t)
    const sale = await http.assign({ event_id: eventId, customer: { name: 'Ada' }, quantity: 2 })
    const code = sale.tickets[0]!.short_code!
    await live.next('sale')
    await http.checkIn({ event_id: eventId, code })
    await http.checkIn({ event_id: eventId, code })
    await http.checkIn({ event_id: eventId, code: code === '999' ? '998' : '999' })
    await live.next('checkin', 2)
    await t.ok('POST', `/api/v1/tickets/${sale.tickets[0]!.id}/undo-checkin`, { reason: 'wrong guest' })
    await live.next('undo')
    const counts = await live
      .until(
        () =>
          live.events.some(
            (e) =>
              e.event === 'counts' &&
              (e.data.totals as { checked_in: number }).checked_in === 0 &&
              e.id! > live.events.find((u) => u.event === 'undo')!.id!,
          ),
        'counts after the undo',
      )
      .then(() => live.events.filter((e) => e.event === 'counts').at(-1)!)
    live.close()

    const changes = named(live.events)
    const ids = changes.map((e) => e.id!)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(ids.length)
    const saleEvent = changes.find((e) => e.event === 'sale')!
    expect(saleEvent.data).toMatchObject({
      event_id: eventId,
      sale_id: sale.sale_id,
      ticket_ids: sale.tickets.map((x) => x.id),
    })
    const checkins = changes.filter((e) => e.event === 'checkin').map((e) => [e.data.code, e.data.result])
    expect(checkins).toEqual([
      [code, 'OK'],
      [code, 'DUPLICATE'],
      [code === '999' ? '998' : '999', 'UNKNOWN'],
    ])
    expect(changes.find((e) => e.event === 'undo')!.data).toMatchObject({
      ticket_id: sale.tickets[0]!.id,
      reason: 'wrong guest',
    })
    expect(counts.data).toMatchObject({ event_id: eventId, totals: { assigned: 2, checked_in: 0 } })
    expect(counts.data.totals).not.toHaveProperty('revenue_cents')
  })

  it('names voids, transfers and refunds, with the code to refuse and never a uuid', async () => {
    const live = await listen(t, `?event_id=${eventId}`)
    const http = api(t)
    const sale = await http.assign({ event_id: eventId, customer: { name: 'Ada' }, quantity: 3 })
    const [a, b, c] = sale.tickets
    await t.ok('POST', `/api/v1/tickets/${a!.id}/void`, { reason: 'Duplicate sale' })
    const moved = await t.ok<{ short_code: string }>('POST', `/api/v1/tickets/${b!.id}/transfer`, {
      holder: { name: 'Bea' },
    })
    await t.ok('POST', `/api/v1/sales/${sale.sale_id}/refund`, {
      amount_cents: 1500,
      payment_method: 'cash',
      reason: 'Could not come',
      ticket_ids: [c!.id],
    })
    const refund = await live.next('refund')
    live.close()
    const voids = live.events.filter((e) => e.event === 'void').map((e) => e.data)
    expect(voids).toEqual([
      expect.objectContaining({ ticket_id: a!.id, code: a!.short_code, reason: 'Duplicate sale' }),
      expect.objectContaining({ ticket_id: c!.id, code: c!.short_code }),
    ])
    expect(live.events.find((e) => e.event === 'transfer')!.data).toMatchObject({
      event_id: eventId,
      ticket_id: b!.id,
      old_code: b!.short_code,
      code: moved.short_code,
    })
    expect(refund.data).toMatchObject({ sale_id: sale.sale_id, amount_cents: 1500, ticket_ids: [c!.id] })
    const text = JSON.stringify(live.events)
    for (const ticket of sale.tickets) expect(text).not.toContain(ticket.uuid)
  })

  it('never shows a scanned ticket uuid, only the ticket code', async () => {
    const live = await listen(t, `?event_id=${eventId}`)
    const sale = await api(t).assign({ event_id: eventId, customer: { name: 'Ada' } })
    await api(t).checkIn({ event_id: eventId, code: sale.tickets[0]!.uuid })
    const checkin = await live.next('checkin')
    live.close()
    expect(checkin.data).toMatchObject({ code: sale.tickets[0]!.short_code, scanned: true, result: 'OK' })
    expect(JSON.stringify(live.events)).not.toContain(sale.tickets[0]!.uuid)
  })

  it('resumes from Last-Event-ID with nothing missed, in the order a connected station saw', async () => {
    const http = api(t)
    const watching = await listen(t, `?event_id=${eventId}`)
    const dropped = await listen(t, `?event_id=${eventId}`)
    const sale = await http.assign({ event_id: eventId, customer: { name: 'Ada' }, quantity: 3 })
    const seen = await dropped.next('sale')
    dropped.close()
    for (const ticket of sale.tickets) await http.checkIn({ event_id: eventId, code: ticket.short_code! })
    await t.ok('POST', `/api/v1/tickets/${sale.tickets[1]!.id}/undo-checkin`, { reason: 'mistake' })
    await watching.next('undo')
    // Changes of another event are not this stream's.
    const other = await seededEvent(t, 2)
    await http.assign({ event_id: other.eventId, customer: { name: 'Bob' } })

    const resumed = await listen(t, `?event_id=${eventId}`, { 'last-event-id': String(seen.id) })
    await resumed.next('ready')
    resumed.close()
    watching.close()
    const after = (events: SseEvent[]) =>
      named(events).filter((e) => e.id! > seen.id! && e.event !== 'counts')
    const replayed = after(resumed.events)
    expect(replayed.map((e) => e.event)).toEqual(['checkin', 'checkin', 'checkin', 'undo'])
    expect(replayed).toEqual(after(watching.events).filter((e) => e.id! <= replayed.at(-1)!.id!))
  })

  it('asks a station to reload everything when it resumes from an id the host no longer keeps', async () => {
    await api(t).assign({ event_id: eventId, customer: { name: 'Ada' } })
    // An id from before the host restarted, say: higher than any this host gave.
    const live = await listen(t, `?event_id=${eventId}`, { 'last-event-id': '999999' })
    const reset = await live.next('reset')
    live.close()
    expect(live.events.map((e) => e.event)).toEqual(['reset'])
    expect(reset.data).toMatchObject({ last_event_id: reset.id })
  })

  it('ends the stream of a station that is revoked', async () => {
    const station = await api(t).createStation({ name: 'Door 2', role: 'door' })
    const live = await listen(t, `?event_id=${eventId}`, {}, station.token)
    await live.next('ready')
    await t.ok('POST', `/api/v1/stations/${station.id}/revoke`)
    await live.until(live.ended, 'end of the stream')
    expect((await t.request('GET', '/api/v1/live', { token: station.token })).status).toBe(401)
  })

  it('tells nobody of a write that rolled back', async () => {
    const live = await listen(t, `?event_id=${eventId}`)
    // The sale is noted live before its audit row is written; that row now fails, so it rolls back.
    t.sqlite.exec(`CREATE TEMP TRIGGER refuse_sale BEFORE INSERT ON audit_log WHEN NEW.action = 'assign'
                   BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`)
    const refused = await t.request('POST', '/api/v1/assign', {
      json: { event_id: eventId, customer: { name: 'Ada' } },
    })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    t.sqlite.exec('DROP TRIGGER refuse_sale')
    await api(t).checkIn({ event_id: eventId, code: '000' })
    await live.next('checkin')
    live.close()
    expect(named(live.events).map((e) => e.event)).toEqual(['checkin'])
  })
})

describe('a quiet live stream', () => {
  it('gets a heartbeat comment', async () => {
    const t = await startTestHost(undefined, { liveHeartbeatMs: 50 })
    try {
      const live = await listen(t, '')
      await live.until(() => live.comments.includes('heartbeat'), 'heartbeat')
      live.close()
    } finally {
      await t.dispose()
    }
  })
})
