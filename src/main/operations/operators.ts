// Operators as admins manage them: see who is locked out, give someone a new PIN.
import { asc } from 'drizzle-orm'
import { operator } from '../db/schema'
import type { Handlers } from '../dispatcher'
import { changePin, operatorView } from '../operators'

export const operatorOperations: Pick<Handlers, 'listOperators' | 'setOperatorPin'> = {
  listOperators(_input, { store: { db }, now }) {
    return db
      .select()
      .from(operator)
      .orderBy(asc(operator.id))
      .all()
      .map((row) => operatorView(row, now))
  },

  setOperatorPin({ operator_id, pin }, { store, now, audit }) {
    const [before, after] = changePin(store, operator_id, pin)
    // The hash never goes into the log: only that the PIN changed and any lock was lifted.
    audit({
      action: 'set pin',
      entity: 'operator',
      entity_id: operator_id,
      before: operatorView(before, now),
      after: operatorView(after, now),
    })
    return operatorView(after, now)
  },
}
