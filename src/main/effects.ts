// Operations that wait on the network (the test email) cannot run inside the
// dispatcher's synchronous transaction. Checked like every other call, they run
// here, outside any transaction; the pipeline sends them (src/main/pipeline.ts).
import type { EffectName, OutputOf, ParsedInputOf } from '../shared/contract'
import type { Outcome } from '../shared/errors'
import type { Principal } from '../shared/principal'
import { toEnvelope, type CheckedCall } from './dispatcher'
import type { InPieces } from './exports/text-in-pieces'

/** A file of 10 MB is answered in pieces; the transports make it whole where they must. */
type EffectOutput<N extends EffectName> = N extends 'exportReport' | 'checkinsCsv'
  ? InPieces<OutputOf<N>>
  : OutputOf<N>

export type Effects = {
  [N in EffectName]: (input: ParsedInputOf<N>, who: Principal) => Promise<EffectOutput<N>>
}

export async function runEffect(
  effects: Effects,
  call: CheckedCall<'effect'>,
  logError: (error: unknown) => void = console.error,
): Promise<Outcome<unknown>> {
  try {
    const run = effects[call.name] as (input: unknown, who: Principal) => Promise<unknown>
    return { ok: true, value: await run(call.input, call.who) }
  } catch (error) {
    return { ok: false, error: toEnvelope(error, logError) }
  }
}
