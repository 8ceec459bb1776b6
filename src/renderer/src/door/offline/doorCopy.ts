// This door's copy of the chosen event's list: in memory for an answer within a
// frame, in IndexedDB so it is there after a reload. Kept fresh by pulling what
// changed since its version; the host's rows never overwrite a ticket this door
// changed alone until the host has heard of it.
import type { DoorCountsTotals } from '../../../../shared/views'
import type { CopyMeta, DoorDb } from './doorDb'
import type { CopyEvent, CopyTicket, DoorListPage } from './doorList'
import { isTicketUuid, uuidHash } from './uuidHash'

/** The three counters above the door's keypad. */
export type DoorTally = Pick<DoorCountsTotals, 'checked_in' | 'assigned' | 'inside_now'>

export class DoorCopy {
  meta: CopyMeta | null = null
  private byCode = new Map<string, CopyTicket>()
  private byHash = new Map<string, CopyTicket>()
  private byId = new Map<number, CopyTicket>()

  constructor(private readonly db: DoorDb) {}

  /** Loads the copy kept for this station and event; any other copy is cleared. */
  async load(station: string, eventId: number): Promise<boolean> {
    const meta = await this.db.get('meta', 'copy')
    if (!meta || meta.station !== station || meta.event.id !== eventId) {
      await clearCopy(this.db)
      return false
    }
    this.meta = meta
    for (const ticket of await this.db.getAll('tickets')) this.index(ticket)
    return true
  }

  get ready(): boolean {
    return this.meta !== null
  }

  get size(): number {
    return this.byId.size
  }

  /** The door's counters as this copy has them: what the door shows while the host is away. */
  counts(): DoorTally {
    const tally = { checked_in: 0, assigned: 0, inside_now: 0 }
    for (const ticket of this.byId.values()) {
      // "Expected" counts every sold ticket, the ones already in too (as reconciliation does).
      if (ticket.status === 'assigned' || ticket.status === 'checked_in') tally.assigned++
      if (ticket.status === 'checked_in') tally.checked_in++
      if (ticket.inside) tally.inside_now++
    }
    return tally
  }

  find(code: string): CopyTicket | undefined {
    return isTicketUuid(code) ? this.byHash.get(uuidHash(code)) : this.byCode.get(code)
  }

  get(id: number): CopyTicket | undefined {
    return this.byId.get(id)
  }

  /** A ticket as this door (or the host, answering online) just left it. */
  put(ticket: CopyTicket): void {
    this.index(ticket)
  }

  /**
   * One page of the host's list. A first page (since 0) replaces the copy; `held` are tickets
   * this door changed alone that the host has not heard of yet: their rows wait.
   */
  async apply(station: string, page: DoorListPage, since: number, held: ReadonlySet<number>, at: string) {
    const meta: CopyMeta = { station, event: page.event, version: page.version, synced_at: at }
    const rows = page.tickets.filter((ticket) => !held.has(ticket.id))
    const tx = this.db.transaction(['tickets', 'meta'], 'readwrite')
    if (since === 0) {
      const kept = [...held].flatMap((id) => this.byId.get(id) ?? [])
      void tx.objectStore('tickets').clear()
      this.clearIndex()
      for (const ticket of kept) {
        void tx.objectStore('tickets').put(ticket)
        this.index(ticket)
      }
    }
    for (const ticket of rows) {
      if (ticket.short_code === null || ticket.status === 'available') {
        void tx.objectStore('tickets').delete(ticket.id)
        this.drop(ticket.id)
      } else {
        void tx.objectStore('tickets').put(ticket)
        this.index(ticket)
      }
    }
    void tx.objectStore('meta').put(meta, 'copy')
    await tx.done
    this.meta = meta
  }

  /** The host answered though nothing changed: the copy is as fresh as now. */
  async touch(at: string, event?: CopyEvent): Promise<void> {
    if (!this.meta) return
    this.meta = { ...this.meta, synced_at: at, event: event ?? this.meta.event }
    await this.db.put('meta', this.meta, 'copy')
  }

  forget(): void {
    this.meta = null
    this.clearIndex()
  }

  private index(ticket: CopyTicket) {
    this.drop(ticket.id)
    this.byId.set(ticket.id, ticket)
    if (ticket.short_code !== null) this.byCode.set(ticket.short_code, ticket)
    this.byHash.set(ticket.uuid_hash, ticket)
  }

  private drop(id: number) {
    const old = this.byId.get(id)
    if (!old) return
    this.byId.delete(id)
    if (old.short_code !== null && this.byCode.get(old.short_code) === old) this.byCode.delete(old.short_code)
    if (this.byHash.get(old.uuid_hash) === old) this.byHash.delete(old.uuid_hash)
  }

  private clearIndex() {
    this.byCode.clear()
    this.byHash.clear()
    this.byId.clear()
  }
}

/** Signing out, a revoked station or another event: the list goes, the queue stays. */
export async function clearCopy(db: DoorDb): Promise<void> {
  const tx = db.transaction(['tickets', 'meta'], 'readwrite')
  void tx.objectStore('tickets').clear()
  void tx.objectStore('meta').delete('copy')
  await tx.done
}
