// The keyboard at the door: digits, Backspace, Enter and Escape work wherever
// the focus is on the page, and a USB QR scanner (which is a keyboard typing the
// ticket uuid and Enter) works the same way. Fields and dialogs keep their keys.
import { useEffect } from 'react'
import type { CodeEntry } from './codeEntry'
import { unlockSound } from './sounds'

const SCANNED_CHAR = /^[0-9A-Za-z-]$/

// The event chooser is left out on purpose: were it to keep the focus, a scanned uuid would go
// to its type-ahead ("b…" picks "Blues Night") and the next codes would be checked at the wrong event.
function isField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA'].includes(target.tagName))
  )
}

function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], [role="button"]') !== null
}

export function useDoorKeys(entry: CodeEntry, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
      if (isField(event.target)) return
      const fromChooser = event.target instanceof HTMLSelectElement
      const origin = { keyboard: true, at: event.timeStamp }
      const { key } = event
      if (key === 'Enter') {
        // A focused button keeps Enter while no code is waiting (and on the failure screen's own
        // buttons); a scanner's Enter must never press "Undo" just because it had the focus.
        const { phase, typed } = entry.current()
        const idle = (phase === 'typing' && typed === '') || phase === 'failed'
        if ((isControl(event.target) || fromChooser) && idle) return
        if (event.repeat) return
        event.preventDefault()
        if (fromChooser) (event.target as HTMLSelectElement).blur()
        unlockSound()
        if (phase === 'failed') entry.retry(origin)
        else entry.enter(origin)
      } else if (key === 'Backspace') {
        event.preventDefault()
        if (fromChooser) (event.target as HTMLSelectElement).blur()
        entry.backspace()
      } else if (key === 'Escape') {
        entry.clear()
      } else if (SCANNED_CHAR.test(key)) {
        event.preventDefault()
        if (fromChooser) (event.target as HTMLSelectElement).blur()
        unlockSound()
        entry.key(key, origin)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [entry, enabled])
}
