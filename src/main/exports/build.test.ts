import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportProgress } from '../../shared/views'
import { BOX_OFFICE, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'
import { buildExport } from './build'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

describe('building an export', () => {
  it('reads a page at a time, lets other work in between, reports its progress and writes each ticket once', async () => {
    const { eventId } = seededEvent(core, 25)
    for (let i = 0; i < 5; i++) {
      core.call('assign', { event_id: eventId, customer: { name: `Guest ${i}` }, quantity: 5 }, BOX_OFFICE)
    }
    const progress: ExportProgress[] = []
    let othersRan = 0
    const other = setInterval(() => othersRan++, 0)
    const file = await buildExport({
      store: core.store,
      eventId,
      report: 'attendees',
      format: 'csv',
      now: '2026-12-01T23:00:00.000Z',
      pageRows: 4,
      onProgress: (p) => {
        progress.push(p)
      },
    })
    clearInterval(other)
    expect(file).toMatchObject({
      filename: 'attendees-jazz-night-2026-12-01.csv',
      rows: 25,
      encoding: 'utf-8',
    })
    const ids = file.content
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',').at(-1))
    expect(new Set(ids).size).toBe(25)
    expect(progress.map((p) => p.rows_done)).toEqual([0, 4, 8, 12, 16, 20, 24, 25, 25])
    expect(progress.at(-1)).toEqual({ rows_done: 25, rows_total: 25, done: true })
    expect(othersRan).toBeGreaterThan(0)
  })

  it('follows the progress of an export through exportProgress while it is built', async () => {
    const { eventId } = seededEvent(core, 10)
    core.call('assign', { event_id: eventId, customer: { name: 'Ann' }, quantity: 10 }, BOX_OFFICE)
    const file = await core.dispatchAsync(
      'exportReport',
      { event_id: eventId, report: 'sales', format: 'xlsx', progress_id: 'export-0001' },
      BOX_OFFICE,
    )
    expect(file).toMatchObject({ ok: true, value: { encoding: 'base64', rows: 1 } })
    const progress = await core.dispatchAsync('exportProgress', { progress_id: 'export-0001' }, BOX_OFFICE)
    expect(progress).toEqual({ ok: true, value: { rows_done: 1, rows_total: 1, done: true } })
  })
})
