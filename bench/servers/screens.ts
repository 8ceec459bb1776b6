// Screens listening live, as stations on other computers would: `screens.ts <port>
// <eventId> <token>...` opens one GET /api/v1/live stream per token, prints
// {"listening": n} once all are open, and on SIGTERM {"heard": n}, the check-ins
// they heard in all.
import { get, type IncomingMessage } from 'node:http'

async function main() {
  const [port, eventId, ...tokens] = process.argv.slice(2)
  if (!port || !eventId || tokens.length === 0)
    throw new Error('usage: screens.ts <port> <eventId> <token>...')
  let heard = 0
  const streams = await Promise.all(
    tokens.map(
      (token) =>
        new Promise<IncomingMessage>((resolve, reject) => {
          get(
            {
              host: '127.0.0.1',
              port: Number(port),
              path: `/api/v1/live?event_id=${eventId}`,
              headers: { authorization: `Bearer ${token}` },
            },
            (res) => {
              if (res.statusCode !== 200) return reject(new Error(`live answered ${res.statusCode}`))
              res.setEncoding('utf8')
              res.on('data', (chunk: string) => (heard += chunk.split('event: checkin').length - 1))
              resolve(res)
            },
          ).on('error', reject)
        }),
    ),
  )
  console.log(JSON.stringify({ listening: streams.length }))
  process.once('SIGTERM', () => {
    for (const stream of streams) stream.destroy()
    console.log(JSON.stringify({ heard }))
    process.exit(0)
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
