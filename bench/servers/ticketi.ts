// The real headless host (Fastify + dispatcher + SQLite) on a database the
// parent prepared: `ticketi.ts <dataDir>`. Prints {"port": N} once it listens
// and closes the database on SIGTERM. The bench calls it with station tokens.
// With TICKETI_SMTP_URL set, the outbox worker runs and sends there, as with `npm run serve`.
import { randomBytes } from 'node:crypto'
import { startHost } from '../../src/main/headless'
import { mailEnvironment } from '../../src/main/mail/environment'
import { benchServerStop } from './host-watch'

async function main() {
  const stopping = benchServerStop()
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: ticketi.ts <dataDir>')
  const adminToken = randomBytes(24).toString('hex')
  const environment = mailEnvironment(process.env)
  const mail = environment ? { worker: true, environment } : {}
  const host = await startHost({ dataDir, port: 0, host: '127.0.0.1', adminToken, mail })
  console.log(JSON.stringify({ port: Number(new URL(host.url).port) }))
  stopping.stopWith(() => host.close())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
