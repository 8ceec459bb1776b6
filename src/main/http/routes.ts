// The LAN API (SPEC §5): each route is a thin mapping of a URL onto one
// operation of the contract. Validation, roles and transactions are the
// dispatcher's job, never the route's.
import type { OperationName } from '../../shared/contract'
import { TicketiError } from '../../shared/errors'
import { EXPORT_FORMATS, EXPORT_REPORT_NAMES } from '../../shared/exports'
import { MAX_IMPORT_BYTES } from '../../shared/guest-list'

export interface RouteRequest {
  params: Record<string, string>
  query: Record<string, string | string[] | undefined>
  body: unknown
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  url: string
  operation: OperationName
  /** The HTTP status of a success, when not 200. */
  created?: boolean
  /** A body larger than the endpoint's usual limit is accepted (a guest list). */
  bodyLimit?: number
  input(request: RouteRequest): unknown
}

/** "12" becomes 12 so the schema can check it; anything else is left for the schema to refuse. */
export function numeric(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new TicketiError('VALIDATION', 'The request body must be a JSON object.')
  }
  return body as Record<string, unknown>
}

const body = ({ body }: RouteRequest) => bodyObject(body)
const withEventId = (r: RouteRequest) => ({ ...bodyObject(r.body), event_id: numeric(r.params.id) })
const eventIdQuery = ({ query }: RouteRequest) => ({ event_id: numeric(query.event_id) })
const eventIdParam = ({ params }: RouteRequest) => ({ event_id: numeric(params.id) })
const withTicketTypeId = (r: RouteRequest) => ({
  ...bodyObject(r.body),
  ticket_type_id: numeric(r.params.id),
})

/** "true" and "false" in a query string become booleans; anything else is left for the schema to refuse. */
function flag(value: unknown): unknown {
  return value === 'true' ? true : value === 'false' ? false : value
}

/** A guest list's bytes as base64 are a third larger than the file, plus the JSON around them. */
export const IMPORT_BODY_LIMIT_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024

const fixedRoutes: Route[] = [
  { method: 'GET', url: '/me', operation: 'whoAmI', input: () => ({}) },
  { method: 'POST', url: '/events', operation: 'createEvent', created: true, input: body },
  {
    method: 'GET',
    url: '/events',
    operation: 'listEvents',
    input: ({ query }) => ({ include_archived: flag(query.include_archived) }),
  },
  { method: 'GET', url: '/events/:id', operation: 'getEvent', input: eventIdParam },
  { method: 'PATCH', url: '/events/:id', operation: 'updateEvent', input: withEventId },
  { method: 'POST', url: '/events/:id/archive', operation: 'archiveEvent', input: eventIdParam },
  { method: 'POST', url: '/events/:id/unarchive', operation: 'unarchiveEvent', input: eventIdParam },
  {
    method: 'POST',
    url: '/events/:id/ticket-types',
    operation: 'addTicketType',
    created: true,
    input: withEventId,
  },
  { method: 'PATCH', url: '/ticket-types/:id', operation: 'updateTicketType', input: withTicketTypeId },
  {
    method: 'DELETE',
    url: '/ticket-types/:id',
    operation: 'deleteTicketType',
    input: ({ params }) => ({ ticket_type_id: numeric(params.id) }),
  },
  { method: 'POST', url: '/events/:id/seed', operation: 'seedInventory', created: true, input: withEventId },
  {
    method: 'GET',
    url: '/events/:id/tickets',
    operation: 'listTickets',
    input: ({ params, query }) => ({
      event_id: numeric(params.id),
      status: query.status,
      q: query.q,
      limit: query.limit === undefined ? undefined : numeric(query.limit),
      offset: query.offset === undefined ? undefined : numeric(query.offset),
    }),
  },
  { method: 'POST', url: '/assign', operation: 'assign', created: true, input: body },
  { method: 'POST', url: '/resend', operation: 'resend', input: body },
  {
    method: 'POST',
    url: '/sales/:id/email',
    operation: 'emailSale',
    input: (r) => ({ ...bodyObject(r.body), sale_id: numeric(r.params.id) }),
  },
  { method: 'POST', url: '/checkin', operation: 'checkIn', input: body },
  { method: 'POST', url: '/checkins/upload', operation: 'uploadCheckIns', input: body },
  {
    method: 'GET',
    url: '/events/:id/door-list',
    operation: 'doorList',
    input: ({ params, query }) => ({
      event_id: numeric(params.id),
      since: query.since === undefined ? undefined : numeric(query.since),
    }),
  },
  {
    method: 'POST',
    url: '/tickets/:id/undo-checkin',
    operation: 'undoCheckIn',
    input: (r) => ({ ...bodyObject(r.body), ticket_id: numeric(r.params.id) }),
  },
  {
    method: 'POST',
    url: '/tickets/:id/void',
    operation: 'voidTicket',
    input: (r) => ({ ...bodyObject(r.body), ticket_id: numeric(r.params.id) }),
  },
  {
    method: 'POST',
    url: '/tickets/:id/transfer',
    operation: 'transferTicket',
    input: (r) => ({ ...bodyObject(r.body), ticket_id: numeric(r.params.id) }),
  },
  {
    method: 'GET',
    url: '/sales/:id',
    operation: 'getSale',
    input: ({ params }) => ({ sale_id: numeric(params.id) }),
  },
  {
    method: 'POST',
    url: '/sales/:id/refund',
    operation: 'refundSale',
    input: (r) => ({ ...bodyObject(r.body), sale_id: numeric(r.params.id) }),
  },
  {
    method: 'GET',
    url: '/reports/cash-up',
    operation: 'cashUp',
    input: ({ query }) => ({
      event_id: numeric(query.event_id),
      from: query.from,
      to: query.to,
      operator: query.operator,
      station: query.station,
    }),
  },
  { method: 'GET', url: '/reports/reconciliation', operation: 'reconciliation', input: eventIdQuery },
  { method: 'GET', url: '/reports/reconciliation.csv', operation: 'reconciliationCsv', input: eventIdQuery },
  { method: 'GET', url: '/reports/door-counts', operation: 'doorCounts', input: eventIdQuery },
  { method: 'GET', url: '/reports/door-conflicts', operation: 'doorConflicts', input: eventIdQuery },
  { method: 'GET', url: '/reports/door-conflicts.csv', operation: 'doorConflictsCsv', input: eventIdQuery },
  { method: 'GET', url: '/reports/timeline', operation: 'timeline', input: eventIdQuery },
  { method: 'POST', url: '/backups', operation: 'createBackup', created: true, input: () => ({}) },
  { method: 'GET', url: '/backups', operation: 'listBackups', input: () => ({}) },
  {
    method: 'POST',
    url: '/backups/:name/restore',
    operation: 'restoreBackup',
    input: ({ params }) => ({ name: params.name }),
  },
  { method: 'DELETE', url: '/backups/pending-restore', operation: 'cancelRestore', input: () => ({}) },
  { method: 'POST', url: '/sample-event', operation: 'createSampleEvent', created: true, input: () => ({}) },
  {
    method: 'POST',
    url: '/events/:id/imports',
    operation: 'importGuestList',
    bodyLimit: IMPORT_BODY_LIMIT_BYTES,
    input: withEventId,
  },
  { method: 'POST', url: '/stations', operation: 'createStation', created: true, input: body },
  { method: 'GET', url: '/stations', operation: 'listStations', input: () => ({}) },
  {
    method: 'PATCH',
    url: '/stations/:id',
    operation: 'renameStation',
    input: (r) => ({ ...bodyObject(r.body), station_id: numeric(r.params.id) }),
  },
  { method: 'POST', url: '/pairings', operation: 'createPairing', created: true, input: body },
  {
    method: 'POST',
    url: '/stations/:id/revoke',
    operation: 'revokeStation',
    input: ({ params }) => ({ station_id: numeric(params.id) }),
  },
  { method: 'GET', url: '/settings/mail', operation: 'getMailSettings', input: () => ({}) },
  { method: 'PUT', url: '/settings/mail', operation: 'updateMailSettings', input: body },
  { method: 'POST', url: '/settings/mail/test', operation: 'sendTestEmail', input: body },
  { method: 'GET', url: '/settings/venue', operation: 'getVenueSettings', input: () => ({}) },
  { method: 'PUT', url: '/settings/venue', operation: 'updateVenueSettings', input: body },
  {
    method: 'GET',
    url: '/emails',
    operation: 'listEmails',
    input: ({ query }) => ({
      event_id: query.event_id === undefined ? undefined : numeric(query.event_id),
      sale_id: query.sale_id === undefined ? undefined : numeric(query.sale_id),
      status: query.status,
      limit: query.limit === undefined ? undefined : numeric(query.limit),
      offset: query.offset === undefined ? undefined : numeric(query.offset),
    }),
  },
  { method: 'GET', url: '/operators', operation: 'listOperators', input: () => ({}) },
  {
    method: 'POST',
    url: '/operators/:id/pin',
    operation: 'setOperatorPin',
    input: (r) => ({ ...bodyObject(r.body), operator_id: numeric(r.params.id) }),
  },
]

/**
 * Every export as /reports/<report>.csv and .xlsx; a route above with the same
 * address (the reconciliation CSV) keeps its own operation.
 */
const exportRoutes: Route[] = EXPORT_REPORT_NAMES.flatMap((report) =>
  EXPORT_FORMATS.map((format): Route => ({
    method: 'GET',
    url: `/reports/${report}.${format}`,
    operation: 'exportReport',
    input: ({ query }) => ({ event_id: numeric(query.event_id), report, format }),
  })),
).filter((r) => !fixedRoutes.some((f) => f.method === r.method && f.url === r.url))

export const routes: Route[] = [...fixedRoutes, ...exportRoutes]
