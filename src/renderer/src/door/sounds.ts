// A distinct sound per answer, so door staff know the result without looking:
// generated with the Web Audio API (no audio files to ship or load). Sound is
// a courtesy: nothing here may ever throw, and a blocked AudioContext (before
// the first key press) just stays silent.
import type { CheckInResult } from '../../../shared/views'

type Tone = { hz: number; ms: number; wave: OscillatorType }

const BEEP = 90
const buzz = (hz: number, ms: number): Tone => ({ hz, ms, wave: 'square' })
const OK: Tone[] = [
  { hz: 1320, ms: BEEP, wave: 'sine' },
  { hz: 1760, ms: BEEP * 1.5, wave: 'sine' },
]

/** Bright and rising for OK, softer and falling for a duplicate, low buzzes for every refusal, each its own rhythm. */
export const SOUNDS: Record<DoorSound, Tone[]> = {
  OK,
  DUPLICATE: [
    { hz: 660, ms: 160, wave: 'triangle' },
    { hz: 520, ms: 220, wave: 'triangle' },
  ],
  UNKNOWN: [buzz(150, 450)],
  WRONG_EVENT: [buzz(200, 150), buzz(300, 150), buzz(200, 150)],
  VOID: [buzz(120, 300), buzz(120, 300)],
  NOT_ASSIGNED: [buzz(300, 150), buzz(220, 150), buzz(150, 250)],
  NOT_INSIDE: [{ hz: 520, ms: 300, wave: 'triangle' }],
  REENTRY_DISABLED: [buzz(180, 200), buzz(180, 400)],
  THROTTLED: [buzz(100, 800)],
  NOT_CHECKED: [buzz(220, 120), buzz(220, 120), buzz(220, 120)],
}

export type DoorSound = CheckInResult | 'NOT_CHECKED'

export function tonesFor(sound: DoorSound, direction: 'in' | 'out'): Tone[] {
  // Leaving sounds like arriving played backwards.
  if (sound === 'OK' && direction === 'out') return [...OK].reverse()
  return SOUNDS[sound]
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
