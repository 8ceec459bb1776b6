// The door's sound switch, kept per laptop: a quiet venue mutes it once for the night.
import { useState } from 'react'

const MUTED_KEY = 'ticketi.doorMuted'

export function useMuted(): [boolean, (muted: boolean) => void] {
  const [muted, setMuted] = useState(() => {
    try {
      return window.localStorage.getItem(MUTED_KEY) === '1'
    } catch {
      return false
    }
  })
  function change(next: boolean) {
    setMuted(next)
    try {
      window.localStorage.setItem(MUTED_KEY, next ? '1' : '0')
    } catch {
      // Not kept across a reload, but the switch still works now.
    }
  }
  return [muted, change]
}
