// A distinct sound per answer, so door staff know the result without looking:
// generated with the Web Audio API (no audio files to ship or load). Sound is
// a courtesy: nothing here may ever throw, and a blocked AudioContext (before
// the first key press) just stays silent.
import type { CheckInResult } from '../../../shared/views'

type Tone = { hz: number; ms: number; wave: OscillatorType }

const BEEP = 90
const OK: Tone[] = [
  { hz: 1320, ms: BEEP, wave: 'sine' },
  { hz: 1760, ms: BEEP * 1.5, wave: 'sine' },
]
const DUPLICATE: Tone[] = [
  { hz: 660, ms: 160, wave: 'triangle' },
  { hz: 520, ms: 220, wave: 'triangle' },
]
const REFUSED: Tone[] = [{ hz: 150, ms: 450, wave: 'square' }]
const NOT_CHECKED: Tone[] = [
  { hz: 220, ms: 120, wave: 'square' },
  { hz: 220, ms: 120, wave: 'square' },
  { hz: 220, ms: 120, wave: 'square' },
]

export type DoorSound = CheckInResult | 'NOT_CHECKED'

function tonesFor(sound: DoorSound, direction: 'in' | 'out'): Tone[] {
  if (sound === 'OK') return direction === 'out' ? [...OK].reverse() : OK
  if (sound === 'DUPLICATE') return DUPLICATE
  if (sound === 'NOT_CHECKED') return NOT_CHECKED
  return REFUSED
}

let context: AudioContext | null = null

function audio(): AudioContext | null {
  try {
    context ??= new AudioContext()
    if (context.state === 'suspended') context.resume().catch(() => {})
    return context
  } catch {
    return null
  }
}

/** Lets the browser start audio: call from a key or pointer handler, before the first answer. */
export function unlockSound(): void {
  audio()
}

export function playSound(sound: DoorSound, direction: 'in' | 'out' = 'in'): void {
  const ctx = audio()
  if (!ctx || ctx.state !== 'running') return
  try {
    let at = ctx.currentTime + 0.01
    for (const tone of tonesFor(sound, direction)) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.type = tone.wave
      osc.frequency.value = tone.hz
      const end = at + tone.ms / 1000
      // Short ramps at both ends: without them every beep starts and stops with a click.
      gain.gain.setValueAtTime(0, at)
      gain.gain.linearRampToValueAtTime(0.25, at + 0.01)
      gain.gain.setValueAtTime(0.25, end - 0.02)
      gain.gain.linearRampToValueAtTime(0, end)
      osc.connect(gain).connect(ctx.destination)
      osc.start(at)
      osc.stop(end)
      at = end + 0.04
    }
  } catch {
    // A device without audio output: the screen still says it all.
  }
}
