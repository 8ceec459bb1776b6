// The mail thread itself: it answers from its own thread, and on Linux that
// thread alone runs at a lower priority, so a busy outbox takes only the CPU
// the door leaves over. While the door is busy it keeps to its pace (pace.test.ts
// holds the pace itself) and still sends every message.
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { watchTheDoor } from '../door-watch'
import { startMailThread, type MailThread } from './mail-thread'
import type { OutboxRow } from './message'
import { yieldCpuToTheDoor } from './thread'
import { startTestSmtp } from '../../../test/support/smtp'
import { smtpSettings } from '../../../test/support/mail-core'

let thread: MailThread | null = null
afterEach(async () => {
  await thread?.stop()
  thread = null
})

/** The nice value of each thread of this process, from /proc. */
function niceValues(): number[] {
  return readdirSync('/proc/self/task').map((task) => {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
  })
}

describe('the mail thread', () => {
  it('probes the server from its own thread, which alone runs at a lower priority on Linux', async () => {
    const server = await startTestSmtp()
    try {
      thread = startMailThread(() => {})
      thread.use(smtpSettings(server.port), {})
      expect(await thread.courier.probe()).toBe(true)
      if (process.platform !== 'linux') return
      expect(niceValues()).toContain(10)
      // The main thread is never lowered: the door runs there.
      expect(yieldCpuToTheDoor()).toBe(false)
      expect(niceValues()[0]).toBe(0)
    } finally {
      await server.close()
    }
  })

  it('sends every message while the door is busy, one after another', async () => {
    const server = await startTestSmtp()
    try {
      const door = watchTheDoor()
      thread = startMailThread(() => {}, door)
      thread.use(smtpSettings(server.port), {})
      door.checkedIn()
      const row = (id: number): OutboxRow => ({
        id,
        sale_id: null,
        recipient: `guest${id}@example.com`,
        subject: 'Your table tonight',
        body: 'See you at 20:00.',
        sale_snapshot: null,
        created_at: new Date().toISOString(),
      })
      const sent = await Promise.all([1, 2, 3].map((id) => thread!.courier.deliver(row(id))))
      expect(sent.map((result) => 'delivery' in result)).toEqual([true, true, true])
      expect(server.arrivals.map((a) => a.to).sort()).toEqual([
        ['guest1@example.com'],
        ['guest2@example.com'],
        ['guest3@example.com'],
      ])
      door.stop()
    } finally {
      await server.close()
    }
  })
})
