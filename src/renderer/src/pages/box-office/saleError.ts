// What to tell the seller when a sale is refused: each problem beside the field
// it is about (from the refusal's details, never parsed back from its sentence),
// and anything else above the Sell button.
import { TicketiError, fieldProblems } from '../../../../shared/errors'
import { errorMessage } from '../../api/client'

export const SALE_FIELDS = [
  'customer.name',
  'customer.email',
  'customer.phone',
  'holder_name',
  'ticket_type_id',
  'quantity',
  'payment_method',
] as const

export type SaleField = (typeof SALE_FIELDS)[number]

export interface SaleProblems {
  fields: Partial<Record<SaleField, string>>
  /** What belongs to no one field: the host is unreachable, the event closed, ... */
  form: string | null
}

export const NO_PROBLEMS: SaleProblems = { fields: {}, form: null }

const isSaleField = (path: string): path is SaleField => (SALE_FIELDS as readonly string[]).includes(path)

export function saleProblems(error: unknown): SaleProblems {
  // Too few tickets left is about how many were asked for: the message says what is left and what to do.
  if (error instanceof TicketiError && error.code === 'SOLD_OUT') {
    return { fields: { quantity: error.message }, form: null }
  }
  const problems = fieldProblems(error)
  if (problems.length === 0) return { fields: {}, form: errorMessage(error) }
  const fields: SaleProblems['fields'] = {}
  const elsewhere: string[] = []
  for (const { path, message } of problems) {
    if (isSaleField(path)) fields[path] ??= message
    else elsewhere.push(message)
  }
  return { fields, form: elsewhere.length ? elsewhere.join(' ') : null }
}

/** The problems left once the seller changes a field: its own message and the form's go, as both may be stale. */
export function withoutProblem(problems: SaleProblems, field: SaleField): SaleProblems {
  if (!problems.fields[field] && !problems.form) return problems
  const fields = { ...problems.fields }
  delete fields[field]
  // A shortage depends on the type as much as on the quantity.
  if (field === 'ticket_type_id') delete fields.quantity
  return { fields, form: null }
}
