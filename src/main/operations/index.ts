// The handler map: one entry per operation of src/shared/contract.ts.
import { isEffect, operations, type OperationName } from '../../shared/contract'
import type { Handlers } from '../dispatcher'
import { assignOperations } from './assign'
import { cashUpOperations } from './cash-up'
import { backupOperations } from './backups'
import { checkInOperations } from './checkin'
import { checkInUploadOperations } from './checkin-upload'
import { doorConflictOperations } from './door-conflicts'
import { doorListOperations } from './door-list'
import { eventOperations } from './events'
import { guestImportOperations } from './guest-import'
import { inventoryOperations } from './inventory'
import { mailOperations } from './mail'
import { operatorOperations } from './operators'
import { reconciliationOperations } from './reconciliation'
import { refundOperations } from './refunds'
import { saleEmailOperations } from './sale-email'
import { stationOperations } from './stations'
import { venueOperations } from './venue'
import { ticketTypeOperations } from './ticket-types'
import { voidTransferOperations } from './void-transfer'
import { timelineOperations } from './timeline'

const domains = [
  eventOperations,
  ticketTypeOperations,
  inventoryOperations,
  assignOperations,
  guestImportOperations,
  saleEmailOperations,
  checkInOperations,
  checkInUploadOperations,
  doorListOperations,
  voidTransferOperations,
  refundOperations,
  cashUpOperations,
  reconciliationOperations,
  doorConflictOperations,
  stationOperations,
  operatorOperations,
  mailOperations,
  venueOperations,
  backupOperations,
  timelineOperations,
]

/** Merges the domains' handlers, refusing a name handled twice or not at all. */
function mergeHandlers(parts: ReadonlyArray<Partial<Handlers>>): Handlers {
  const merged: Partial<Handlers> = {}
  for (const part of parts) {
    for (const name of Object.keys(part) as Array<keyof Handlers>) {
      if (name in merged) throw new Error(`Operation "${name}" has two handlers`)
      Object.assign(merged, { [name]: part[name] })
    }
  }
  const missing = Object.keys(operations).filter(
    (name) => !(name in merged) && !isEffect(name as OperationName),
  )
  if (missing.length > 0) throw new Error(`Operations without a handler: ${missing.join(', ')}`)
  return merged as Handlers
}

export const handlers: Handlers = mergeHandlers(domains)
