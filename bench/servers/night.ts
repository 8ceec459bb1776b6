// The headless host for the mixed night: `night.ts <dataDir> <adminToken> <smtpPort> [<checkout>]`.
// Its mail worker sends to the bench's local SMTP server. With <checkout>, the host is that
// checkout's code (the same bench against the code before a change). Prints {"port": N}.
import { join } from 'node:path'
import { watchHost } from './host-watch'

async function main() {
  // TICKETI_BENCH_WATCH=1: what the host itself saw, printed as it stops (host-watch.ts).
  const watch = process.env.TICKETI_BENCH_WATCH === '1' ? watchHost() : null
  const [dataDir, adminToken, smtpPort, root = join(__dirname, '..', '..')] = process.argv.slice(2)
  if (!dataDir || !adminToken || !smtpPort)
    throw new Error('usage: night.ts <dataDir> <adminToken> <smtpPort>')
  const { startHost } = (await import(
    join(root, 'src', 'main', 'headless.ts')
  )) as typeof import('../../src/main/headless')
  const host = await startHost({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    adminToken,
    logError: () => {},
    mail: {
      worker: true,
      environment: {
        transport: 'smtp',
        host: '127.0.0.1',
        port: Number(smtpPort),
        security: 'none',
        user: null,
        password: null,
        from: { name: 'Bench', address: 'bench@example.com' },
      },
    },
  })
  console.log(JSON.stringify({ port: Number(new URL(host.url).port) }))
  process.once('SIGTERM', () => {
    const stop = () => void host.close().then(() => process.exit(0))
    // Exit only once the line is written: it is long, and exiting would cut it short.
    if (watch) process.stdout.write(`${JSON.stringify({ watch: watch.report() })}\n`, stop)
    else stop()
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
