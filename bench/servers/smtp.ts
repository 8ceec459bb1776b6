// A local SMTP server in its own process, so receiving the outbox's messages
// takes nothing from the load generator: `smtp.ts`. Prints {"port": N} once it
// listens, then {"arrived": n} for each message it accepts.
import { startTestSmtp } from '../../test/support/smtp'

async function main() {
  let arrived = 0
  const server = await startTestSmtp({
    onArrival: () => console.log(JSON.stringify({ arrived: ++arrived })),
  })
  console.log(JSON.stringify({ port: server.port }))
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
