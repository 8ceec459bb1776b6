// Server-sent events as GET /api/v1/live writes them, read back: the web UI's
// stream and a desktop station's main process both take frames apart here.
import { LIVE_EVENT_NAMES, type LiveChange, type LiveEventName } from './live'

export interface SseFrame {
  id: string | null
  event: string
  data: string
}

/** One frame (the text between two blank lines); null for a comment-only heartbeat. */
export function parseSseFrame(block: string): SseFrame | null {
  const frame: SseFrame = { id: null, event: 'message', data: '' }
  let any = false
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') frame.id = value
    else if (field === 'event') frame.event = value
    else if (field === 'data') frame.data += (frame.data ? '\n' : '') + value
    else continue
    any = true
  }
  return any ? frame : null
}

/** Splits what has arrived into whole frames and the start of the next one. */
export function takeSseFrames(buffered: string): { frames: SseFrame[]; rest: string } {
  const text = buffered.replace(/\r\n?/g, '\n')
  const frames: SseFrame[] = []
  let start = 0
  let end: number
  while ((end = text.indexOf('\n\n', start)) >= 0) {
    const frame = parseSseFrame(text.slice(start, end))
    if (frame) frames.push(frame)
    start = end + 2
  }
  return { frames, rest: text.slice(start) }
}

/** The change a frame carries, or null for `ready`, `reset` and anything unknown. */
export function liveChangeOf(frame: SseFrame): LiveChange | null {
  if (!(LIVE_EVENT_NAMES as readonly string[]).includes(frame.event)) return null
  const data = JSON.parse(frame.data) as LiveChange['data']
  return { type: frame.event as LiveEventName, event_id: data.event_id, data }
}
