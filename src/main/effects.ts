// Operations that wait on the network (the test email) cannot run inside the
// dispatcher's synchronous transaction. They pass the same checks (name, role,
// input schema) through admit(), then run outside any transaction. Everything
// else goes on to the dispatch it wraps. IPC and HTTP both call through here.
import {
  isEffect,
  isOperationName,
  type EffectName,
  type OutputOf,
  type ParsedInputOf,
} from '../shared/contract'
import { admit, toEnvelope, type Dispatch, type Principal } from './dispatcher'
import type { AsyncDispatch } from './group-commit'

export type Effects = {
  [N in EffectName]: (input: ParsedInputOf<N>, who: Principal) => Promise<OutputOf<N>>
}

export function withEffects(
  dispatch: Dispatch | AsyncDispatch,
  effects: Effects,
  logError: (error: unknown) => void = console.error,
): AsyncDispatch {
  return async (name, rawInput, who) => {
    if (!isOperationName(name) || !isEffect(name)) return dispatch(name, rawInput, who)
    try {
      const admitted = admit(name, rawInput, who)
      const run = effects[admitted.name as EffectName] as (input: unknown, who: Principal) => Promise<unknown>
      return { ok: true, value: await run(admitted.input, who) }
    } catch (error) {
      return { ok: false, error: toEnvelope(error, logError) }
    }
  }
}
