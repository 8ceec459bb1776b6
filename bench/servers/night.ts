// The headless host for the mixed night: `night.ts <dataDir> <adminToken> <smtpPort> [<checkout>]`.
// Its mail worker sends to the bench's local SMTP server. With <checkout>, the host is that
// checkout's code (the same bench against the code before a change). Prints {"port": N}.
import { join } from 'node:path'
import { benchServerStop } from './host-watch'

async function main() {
  const stopping = benchServerStop()
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
  stopping.stopWith(() => host.close())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
