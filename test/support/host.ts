// Shared set-up for the HTTP tests: a real headless host on a temp SQLite file,
// listening on 127.0.0.1 port 0, and a small fetch wrapper that speaks its JSON.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InputOf, OutputOf } from '../../src/shared/contract'
import type { ErrorEnvelope } from '../../src/shared/errors'
import { startHost, type RunningHost } from '../../src/main/headless'
import { tempDir } from './core'

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

export interface HttpAnswer<T = unknown> {
  status: number
  headers: Headers
  bytes: Uint8Array
  /** The body decoded as UTF-8, a byte order mark included, before any JSON parsing. */
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: T
}

export interface RequestOptions {
  /** Sent as JSON unless `raw` is given. */
  json?: unknown
  /** Sent byte for byte, with whatever content-type `headers` names. */
  raw?: string | Uint8Array<ArrayBuffer>
  /** The Bearer token; null sends no Authorization header. Defaults to the admin token. */
  token?: string | null
  headers?: Record<string, string>
}

export interface TestHost {
  host: RunningHost
  url: string
  dataDir: string
  sqlite: RunningHost['core']['store']['sqlite']
  /** Everything the host reported through logError: a 5xx leaves a trace here. */
  loggedErrors: unknown[]
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<HttpAnswer<T>>
  /** A request that must succeed with `status`; returns its JSON body. */
  ok<T = unknown>(method: string, path: string, json?: unknown, status?: number, token?: string): Promise<T>
  /** Stops the server and closes the database, keeping the data folder. */
  stop(): Promise<void>
  /** Stops the host and removes its data folder. */
  dispose(): Promise<void>
}

let renderer: string | null = null
function standInRenderer(): string {
  if (!renderer) {
    renderer = mkdtempSync(join(tmpdir(), 'ticketi-ui-'))
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Ticketi</title>')
    const made = renderer
    process.once('exit', () => rmSync(made, { recursive: true, force: true }))
  }
  return renderer
}

export interface TestHostOptions {
  clock?: () => number
  /**
   * Most tests send wrong tokens on purpose, far more than 20 a minute from one address; only
   * the tests of the failure limit itself keep the host's real limit.
   */
  failuresAllowed?: number
  liveHeartbeatMs?: number
  /** A backup to put back before the database is opened (`--restore NAME`). */
  restore?: string
}

/** Starts a host on `dataDir`, or on a fresh temp folder that dispose() removes. */
export async function startTestHost(dataDir?: string, options: TestHostOptions = {}): Promise<TestHost> {
  const dir = dataDir ? null : tempDir('ticketi-http-')
  const path = dataDir ?? dir!.path
  const loggedErrors: unknown[] = []
  const host = await startHost({
    dataDir: path,
    port: 0,
    host: '127.0.0.1',
    adminToken: ADMIN_TOKEN,
    // A stand-in web UI, so routing is the same as in production whether or not out/ was built.
    rendererDir: standInRenderer(),
    logError: (error) => loggedErrors.push(error),
    clock: options.clock,
    failuresAllowed: options.failuresAllowed ?? 1_000_000,
    liveHeartbeatMs: options.liveHeartbeatMs,
    restore: options.restore,
  })

  async function request<T>(method: string, urlPath: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers }
    const token = options.token === undefined ? ADMIN_TOKEN : options.token
    if (token !== null) headers.authorization = `Bearer ${token}`
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.raw
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(`${host.url}${urlPath}`, { method, headers, body })
    const bytes = new Uint8Array(await response.arrayBuffer())
    // Keeps a byte order mark in the text, where Response.text() would drop it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    return { status: response.status, headers: response.headers, bytes, text, body: parsed as T }
  }

  return {
    host,
    url: host.url,
    dataDir: path,
    sqlite: host.core.store.sqlite,
    loggedErrors,
    request,
    async ok<T>(method: string, urlPath: string, json?: unknown, status = 200, token?: string) {
      const answer = await request<T>(method, urlPath, { json, token })
      if (answer.status !== status) {
        throw new Error(`${method} ${urlPath} answered ${answer.status}, not ${status}: ${answer.text}`)
      }
      return answer.body
    },
    stop: () => host.close(),
    async dispose() {
      await host.close()
      dir?.remove()
    },
  }
}

/** Typed shorthands for the routes most tests need to set up their data. */
export function api(t: TestHost) {
  return {
    createEvent: (input: InputOf<'createEvent'>) =>
      t.ok<OutputOf<'createEvent'>>('POST', '/api/v1/events', input, 201),
    addTicketType: (eventId: number, input: Omit<InputOf<'addTicketType'>, 'event_id'>) =>
      t.ok<OutputOf<'addTicketType'>>('POST', `/api/v1/events/${eventId}/ticket-types`, input, 201),
    seed: (eventId: number, count: number, ticketTypeId?: number) =>
      t.ok<OutputOf<'seedInventory'>>(
        'POST',
        `/api/v1/events/${eventId}/seed`,
        { count, ticket_type_id: ticketTypeId },
        201,
      ),
    assign: (input: InputOf<'assign'>) => t.ok<OutputOf<'assign'>>('POST', '/api/v1/assign', input, 201),
    checkIn: (input: InputOf<'checkIn'>, token?: string) =>
      t.request<OutputOf<'checkIn'> | (ErrorEnvelope & { details: OutputOf<'checkIn'> })>(
        'POST',
        '/api/v1/checkin',
        { json: input, token },
      ),
    reconciliation: (eventId: number) =>
      t.ok<OutputOf<'reconciliation'>>('GET', `/api/v1/reports/reconciliation?event_id=${eventId}`),
    createStation: (input: InputOf<'createStation'>) =>
      t.ok<OutputOf<'createStation'>>('POST', '/api/v1/stations', input, 201),
  }
}

/** An event on the Jazz Night pattern, with one priced ticket type and `seed` tickets of it. */
export async function seededEvent(
  t: TestHost,
  seed: number,
  overrides: Partial<InputOf<'createEvent'>> = {},
): Promise<{ eventId: number; typeId: number }> {
  const http = api(t)
  const event = await http.createEvent({
    name: 'Jazz Night',
    venue: 'The Cellar',
    starts_at: '2026-12-01T20:00:00Z',
    capacity: 1000,
    ...overrides,
  })
  const type = await http.addTicketType(event.id, { name: 'Standard', price_cents: 1500 })
  if (seed > 0) await http.seed(event.id, seed, type.id)
  return { eventId: event.id, typeId: type.id }
}

/**
 * Row count and content digest of every table (audit_log included): two equal
 * fingerprints mean the request changed nothing in the database.
 */
export function fingerprint(sqlite: TestHost['sqlite']): Record<string, { rows: number; digest: string }> {
  // Ordinary tables only: the search index (FTS5 tables and their shadow tables) is derived
  // from the customer and person rows, which are compared.
  const tables = sqlite
    .prepare(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[]
  const result: Record<string, { rows: number; digest: string }> = {}
  for (const table of tables) {
    const rows = (sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as object[]).map(
      // When a station was last seen is bookkeeping of the token check, not a change by the request.
      (row) => (table === 'station' ? { ...row, last_seen_at: null } : row),
    )
    result[table] = {
      rows: rows.length,
      digest: createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16),
    }
  }
  return result
}

/** A single number from SQL, for comparing the API's counts with the database. */
export function count(sqlite: TestHost['sqlite'], sql: string, ...params: unknown[]): number {
  return sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number
}
