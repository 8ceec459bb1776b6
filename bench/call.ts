// One request of a bench's station, timed from the moment it is sent to the last byte of its
// answer: shared by the night's load generator and the box office's own process.
import { request, type Agent } from 'node:http'
import { elapsedMs } from './stats'

export interface Answer {
  status: number
  body: string
  bytes: number
  ms: number
}

export function call(
  agent: Agent,
  port: number,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
  /** The answer is a file: its bytes are counted, not kept (the body is then empty). */
  saved = false,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (payload !== undefined) {
    headers['content-type'] = 'application/json'
    headers['content-length'] = String(Buffer.byteLength(payload))
  }
  const start = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      let bytes = 0
      // A file is counted as it comes, as a browser saves it to disk: not joined and decoded in
      // a process that times the door stations meanwhile.
      const keep = !saved || res.statusCode !== 200
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        if (keep) chunks.push(chunk)
      })
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          bytes,
          ms: elapsedMs(start),
        }),
      )
    })
    req.on('error', reject)
    req.end(payload)
  })
}
