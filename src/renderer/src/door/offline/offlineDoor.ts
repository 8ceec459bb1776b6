// One door for one event and station, online or not, without anyone switching a
// mode: it asks the host while the host answers (within 1.5 s), and answers from
// its own copy when it does not, at once from then on, while it probes the host
// in the background. Back online, the queue goes up in scan order before the
// door asks the host again, so new scans stay behind the old ones.
import type { VenueFormat } from '../../../../shared/venue-format'
import type { CheckInAnswer } from '../../../../shared/views'
import { DoorCopy, type DoorTally } from './doorCopy'
import type { DoorDb, QueuedEntry } from './doorDb'
import type { CopyTicket } from './doorList'
import { isUnreachable, NoAnswer, withinMs, type DoorHost } from './hostDoor'
import { localAnswer, type DoorAnswer } from './localAnswer'
import { countQueued, enqueue, newBatching, queuedFor, sendQueue } from './uploadQueue'

type QueuedCheckIn = QueuedEntry & { kind: 'checkin' }

/**
 * SPEC §6: a door that loses the host answers from its copy within 1.5 s of the first failed
 * request. The wait leaves time for the durable queue write and the paint within those 1.5 s.
 */
export const HOST_ANSWER_MS = 1200
/** While the host is away, how often the door asks whether it is back (SPEC: queue sent within 1 s). */
export const PROBE_MS = 200
/** While online, how often the door pulls what changed, besides each live change of the event. */
export const PULL_MS = 3000

export interface DoorState {
  /** The host answered the last request. */
  online: boolean
  /** The copy is loaded, so the door can answer alone. */
  ready: boolean
  /** When the copy last matched the host (ISO), or null with no copy yet. */
  listFrom: string | null
  /** Check-ins and undos made here that the host has not got yet. */
  waiting: number
  sending: boolean
  /** Why the queue could not be sent though the host answers (it stays queued). */
  problem: string | null
  /** Admissions the host found were already in at another door, since this door came back. */
  conflicts: number
}

export interface DoorOptions {
  host: DoorHost
  db: DoorDb
  station: string
  eventId: number
  venue: () => VenueFormat
  now?: () => Date
  newNonce: () => string
  /** The timings above, shorter in tests. */
  timing?: { answerMs: number; probeMs: number; pullMs: number }
}

export class OfflineDoor {
  private state: DoorState = {
    online: true,
    ready: false,
    listFrom: null,
    waiting: 0,
    sending: false,
    problem: null,
    conflicts: 0,
  }
  private readonly listeners = new Set<() => void>()
  private readonly copy: DoorCopy
  /** Tickets the door changed alone that the host has not heard of yet. */
  private readonly held = new Set<number>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private syncing: Promise<void> | null = null
  private again = false
  private stopped = false
  private readonly batching = newBatching()
  /** Scans queued while the batches go up: they wait behind them, and count as waiting too. */
  private queuedWhileSending = 0

  private readonly timing: NonNullable<DoorOptions['timing']>

  constructor(private readonly options: DoorOptions) {
    this.copy = new DoorCopy(options.db)
    this.timing = options.timing ?? { answerMs: HOST_ANSWER_MS, probeMs: PROBE_MS, pullMs: PULL_MS }
  }

  getState = (): DoorState => this.state
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Loads what this browser kept, then catches up with the host (the whole list when none was kept). */
  async start(): Promise<void> {
    const { db, station, eventId } = this.options
    await this.copy.load(station, eventId)
    for (const entry of await queuedFor(db, station))
      if (entry.ticket_id !== null) this.held.add(entry.ticket_id)
    this.set({
      ready: this.copy.ready,
      listFrom: this.copy.meta?.synced_at ?? null,
      waiting: await countQueued(db, station),
    })
    await this.sync()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }

  /** Sends what waits now (or gives up after `ms`; it stays queued). */
  async sendNow(ms: number): Promise<void> {
    await withinMs(this.sync(), ms).catch(() => {})
  }

  /** A live change for this event: pull what changed. */
  changed(): void {
    if (this.state.online) void this.sync()
  }

  /** The counters from this door's own copy: the host's figures are old while it is away. */
  localCounts(): DoorTally {
    return this.copy.counts()
  }

  async checkIn(code: string, nonce: string, direction: 'in' | 'out'): Promise<DoorAnswer> {
    const { host, eventId } = this.options
    if (this.answersAlone()) return this.answerHere(code, nonce, direction)
    try {
      const answer = await withinMs(
        host.checkIn({ event_id: eventId, code, nonce, direction }),
        this.timing.answerMs,
      )
      this.heardFrom(answer)
      return answer
    } catch (error) {
      if (!isUnreachable(error) || !this.copy.ready) throw error
      // The request may still reach the host: the queued entry keeps its nonce, so it counts once.
      this.lost()
      return this.answerHere(code, nonce, direction)
    }
  }

  /** Undoes an admission: on the host, or queued (in order, after the check-ins before it). */
  async undo(ticketId: number, reason: string): Promise<'host' | 'queued'> {
    const nonce = this.options.newNonce()
    if (!this.answersAlone()) {
      try {
        await withinMs(this.options.host.undo({ ticket_id: ticketId, reason, nonce }), this.timing.answerMs)
        const ticket = this.copy.get(ticketId)
        if (ticket) this.copy.put(undone(ticket))
        return 'host'
      } catch (error) {
        if (!isUnreachable(error) || !this.copy.ready) throw error
        this.lost()
      }
    }
    const ticket = this.copy.get(ticketId)
    const after = ticket ? undone(ticket) : null
    const { station, eventId, db } = this.options
    await enqueue(
      db,
      {
        kind: 'undo',
        station,
        event_id: eventId,
        nonce,
        scanned_at: this.nowIso(),
        ticket_id: ticketId,
        reason,
      },
      after,
    )
    this.held.add(ticketId)
    if (after) this.copy.put(after)
    this.queued()
    return 'queued'
  }

  /** Offline, or online with a queue still going up: the copy answers, and the scan joins the queue. */
  private answersAlone(): boolean {
    return this.copy.ready && (!this.state.online || this.state.waiting > 0)
  }

  private async answerHere(code: string, nonce: string, direction: 'in' | 'out'): Promise<DoorAnswer> {
    const { db, station, eventId } = this.options
    const meta = this.copy.meta!
    const ticket = this.copy.find(code)
    const now = this.nowIso()
    const { answer, after } = localAnswer(meta.event, ticket, code, direction, {
      station,
      now,
      listFrom: meta.synced_at,
      venue: this.options.venue(),
    })
    const ticketId = ticket?.id ?? null
    const seq = await enqueue(
      db,
      {
        kind: 'checkin',
        station,
        event_id: eventId,
        code,
        nonce,
        scanned_at: now,
        direction,
        // The copy never answers THROTTLED: only the host paces a station.
        offline_result: answer.result as QueuedCheckIn['offline_result'],
        ticket_id: ticketId,
      },
      after,
    )
    if (after) this.copy.put(after)
    if (ticketId !== null) this.held.add(ticketId)
    this.queued()
    // A negative id: the host numbers it once it is uploaded.
    return { ...answer, checkin_id: -seq }
  }

  private queued() {
    if (this.state.sending) this.queuedWhileSending++
    this.set({ waiting: this.state.waiting + 1 })
    if (this.state.online) void this.sync()
  }

  /** An online answer moved the ticket: the copy follows at once rather than at the next pull. */
  private heardFrom(answer: CheckInAnswer) {
    const ticket = answer.ticket && this.copy.get(answer.ticket.id)
    if (answer.result !== 'OK' || !ticket) return
    const inside = answer.direction === 'in'
    this.copy.put({
      ...ticket,
      status: 'checked_in',
      inside,
      checked_in_at: ticket.checked_in_at ?? this.nowIso(),
      checked_in_by: ticket.checked_in_by ?? this.options.station,
    })
  }

  private lost() {
    if (this.state.online) this.set({ online: false })
    this.schedule(this.timing.probeMs)
  }

  /** One at a time: send the queue, then pull what changed; asked again meanwhile, once more after. */
  private sync(): Promise<void> {
    if (this.syncing) {
      this.again = true
      return this.syncing
    }
    this.syncing = (async () => {
      do {
        this.again = false
        await this.syncOnce()
      } while (this.again && !this.stopped)
    })().finally(() => {
      this.syncing = null
    })
    return this.syncing
  }

  private async syncOnce(): Promise<void> {
    if (this.stopped) return
    try {
      // Offline, the pull is the probe; once it answers, the queue goes first.
      await this.pull()
      this.set({ online: true })
      if (this.state.waiting > 0) await this.send()
      this.schedule(this.state.online ? this.timing.pullMs : this.timing.probeMs)
    } catch (error) {
      if (isUnreachable(error)) this.lost()
      else this.schedule(this.timing.pullMs)
    }
  }

  private async send() {
    const { db, station, host } = this.options
    this.set({ sending: true })
    this.queuedWhileSending = 0
    const onLeft = (left: number) => this.set({ waiting: left + this.queuedWhileSending })
    // A batch of 500 takes the host a fraction of a second; 9.6 s means it is not answering.
    const outcome = await sendQueue(db, station, host, onLeft, this.batching, this.timing.answerMs * 8)
    const waiting = await countQueued(db, station)
    this.set({ sending: false, waiting })
    if (outcome.status === 'unreachable') throw new NoAnswer()
    if (outcome.status === 'refused') return this.set({ problem: outcome.message })
    this.set({ problem: null, conflicts: this.state.conflicts + outcome.conflicts })
    // The host has all of it now: its rows for those tickets are the truth again. A conflict may
    // have left a ticket as the door did not guess (voided meanwhile): then the whole list again.
    this.held.clear()
    await this.pull(outcome.conflicts > 0)
  }

  private async pull(whole = false) {
    const { host, eventId, station } = this.options
    let since = whole ? 0 : (this.copy.meta?.version ?? 0)
    for (;;) {
      const page = await withinMs(host.doorList(eventId, since), this.timing.answerMs * 2)
      await this.copy.apply(station, page, since, this.held, this.nowIso())
      since = page.version
      if (page.complete) break
    }
    this.set({ ready: true, listFrom: this.copy.meta!.synced_at })
  }

  private schedule(ms: number) {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.sync(), ms)
  }

  private nowIso(): string {
    return (this.options.now?.() ?? new Date()).toISOString()
  }

  private set(change: Partial<DoorState>) {
    this.state = { ...this.state, ...change }
    for (const listener of this.listeners) listener()
  }
}

function undone(ticket: CopyTicket): CopyTicket {
  return { ...ticket, status: 'assigned', inside: false, checked_in_at: null, checked_in_by: null }
}
