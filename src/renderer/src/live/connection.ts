// The state of this browser's live stream to its host, for the header's badge.
import { create } from 'zustand'

export type LiveState =
  /** Not started (the desktop app on its own database needs no stream). */
  | { status: 'off' }
  | { status: 'connecting' }
  | { status: 'connected' }
  /** The stream dropped; trying again. `since`: when it dropped (ms since the epoch). */
  | { status: 'reconnecting'; since: number }
  /** The host did not answer at all since `since`. */
  | { status: 'unreachable'; since: number }

export const useLiveConnection = create<{ state: LiveState; set(state: LiveState): void }>((set) => ({
  state: { status: 'off' },
  set: (state) => set({ state }),
}))
