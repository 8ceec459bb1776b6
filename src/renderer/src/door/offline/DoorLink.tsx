// The door's word on its host: nothing while all is well; OFFLINE with how old
// its list is when it answers alone; how many check-ins wait to reach the host.
import { useVenueFormat } from '../../venue/format'
import type { DoorState } from './offlineDoor'

function waitingWords(waiting: number): string {
  return waiting === 1 ? '1 check-in waits for the host' : `${waiting} check-ins wait for the host`
}

/** Quiet while all is well: how fresh the door's own list is, should the host go away. */
export function ListAge({ state }: { state: DoorState }) {
  const { time } = useVenueFormat()
  if (!state.online || !state.listFrom) return null
  return (
    <span data-testid="door-list" data-list-from={state.listFrom}>
      This door&apos;s own list: from {time(state.listFrom)}.
    </span>
  )
}

export function DoorLink({ state }: { state: DoorState }) {
  const { time } = useVenueFormat()
  const listFrom = state.listFrom ? time(state.listFrom) : null
  if (!state.online) {
    return (
      <div
        role="status"
        data-testid="door-offline"
        className="rounded-2xl border-2 border-amber-400 bg-amber-400/15 px-4 py-3 text-amber-100"
      >
        <p className="text-xl font-black tracking-wide text-amber-300">
          OFFLINE{listFrom && <span className="font-bold"> · list from {listFrom}</span>}
        </p>
        <p className="mt-1 text-sm leading-snug">
          {state.ready
            ? 'The host does not answer: this door answers from its own list and keeps every check-in for the host.'
            : 'The host does not answer and this door has no list of its own yet: guests cannot be checked in.'}
        </p>
        {state.waiting > 0 && (
          <p data-testid="door-waiting" className="mt-2 text-lg font-bold">
            {waitingWords(state.waiting)}
          </p>
        )}
      </div>
    )
  }
  if (state.waiting === 0 && state.problem === null) return null
  return (
    <div role="status" className="rounded-2xl border border-sky-400/50 bg-sky-400/10 px-4 py-3 text-sky-100">
      {state.waiting > 0 && (
        <p data-testid="door-waiting" className="text-lg font-bold">
          {state.sending ? 'Sending: ' : ''}
          {waitingWords(state.waiting)}
        </p>
      )}
      {state.problem && (
        <p className="mt-1 text-sm text-red-200">
          The host refused them for now ({state.problem}). They stay on this door; tell a supervisor.
        </p>
      )}
    </div>
  )
}
