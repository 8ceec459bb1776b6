// "Try a sample event" (POST /api/v1/sample-event, `npm run serve -- --demo`):
// an event on now, made through the ordinary operations, so its numbers agree.
import { afterEach, describe, expect, it } from 'vitest'
import type { EventView, Timeline } from '../../shared/views'
import { api, count, startTestHost, type TestHost } from '../../../test/support/host'

let t: TestHost
afterEach(() => t.dispose())

describe('POST /api/v1/sample-event', () => {
  it('makes an event on now with ticket types, sales, emails and check-ins that all agree', async () => {
    t = await startTestHost()
    const event = await t.ok<EventView>('POST', '/api/v1/sample-event', {}, 201)
    const starts = Date.parse(event.starts_at)
    expect(starts).toBeLessThan(Date.now())
    expect(Date.parse(event.ends_at!)).toBeGreaterThan(Date.now())

    const report = await api(t).reconciliation(event.id)
    expect(report.ticket_types.map((type) => type.name)).toEqual(['Standard', 'Student', 'Guest list'])
    const sold = count(
      t.sqlite,
      "SELECT count(*) FROM ticket WHERE event_id = ? AND status != 'available'",
      event.id,
    )
    expect(report.totals.assigned).toBe(sold)
    expect(report.totals.checked_in).toBe(
      count(t.sqlite, "SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'checked_in'", event.id),
    )
    expect(report.totals.checked_in).toBeGreaterThan(sold / 2)
    expect(report.totals.inside_now).toBeLessThan(report.totals.checked_in)
    expect(count(t.sqlite, 'SELECT count(*) FROM email_outbox')).toBeGreaterThan(40)
    // A walk-in or two gave no email.
    expect(report.sales_without_email).toBeGreaterThan(0)
    expect(count(t.sqlite, "SELECT count(*) FROM checkin WHERE result = 'DUPLICATE'")).toBe(1)

    const timeline = await t.ok<Timeline>('GET', `/api/v1/reports/timeline?event_id=${event.id}`)
    const arrivals = timeline.door.reduce((sum, slot) => sum + slot.arrivals, 0)
    expect(arrivals).toBe(
      count(t.sqlite, "SELECT count(*) FROM checkin WHERE result = 'OK' AND direction = 'in'"),
    )
    expect(timeline.door.at(-1)!.inside).toBe(report.totals.inside_now)
    expect(timeline.sales.length).toBeGreaterThan(5)
  })

  it('is for the admin only', async () => {
    t = await startTestHost()
    const seller = await api(t).createStation({ name: 'Till', role: 'boxoffice' })
    expect((await t.request('POST', '/api/v1/sample-event', { token: seller.token })).status).toBe(403)
    expect(count(t.sqlite, 'SELECT count(*) FROM event')).toBe(0)
  })
})
