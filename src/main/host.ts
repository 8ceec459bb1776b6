// `npm run serve -- --data-dir DIR --port PORT [--host ADDRESS]`
// Serves the LAN API and the web UI from a plain Node process.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { adminTokenProblem, newToken } from './auth'
import { invoke } from './dispatcher'
import { startHost, type RunningHost } from './headless'
import { mailEnvironment } from './mail/environment'
import { describeTransport, type MailSettings } from './mail/settings'

/** `--demo`: a sample event, made only in a database without events so a restart adds no second one. */
async function sampleNight(host: RunningHost): Promise<string> {
  const who = { role: 'admin', station: 'admin token', operator: 'Sample night' } as const
  const events = invoke(host.core.dispatch, 'listEvents', { include_archived: true }, who)
  if (events.length > 0) return `Ticketi data has events already; no sample event was added (--demo).`
  const sample = await host.core.effects.createSampleEvent({}, who)
  return `Ticketi made a sample event: "${sample.name}" (id ${sample.id}), with sales and check-ins.`
}

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run serve -- --data-dir DIR --port PORT [--host 127.0.0.1|0.0.0.0] [--restore BACKUP] [--demo]`,
  )
  process.exit(2)
}

async function main() {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string', default: join(homedir(), '.ticketi') },
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        // Puts a backup from the data folder's backups/ back before the database is opened.
        restore: { type: 'string' },
        // A sample event to look around in, when the database has no event yet.
        demo: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    usage((error as Error).message)
  }
  // Digits only: Number('') is 0, which would quietly pick a random port.
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    usage(`--port must be 0 to 65535, not "${values.port}".`)

  let adminToken = process.env.TICKETI_ADMIN_TOKEN ?? ''
  const weakness = adminToken.length > 0 ? adminTokenProblem(adminToken) : null
  if (weakness) usage(weakness)
  if (!adminToken) {
    adminToken = newToken()
    console.log(`No TICKETI_ADMIN_TOKEN set; admin token for this run: ${adminToken}`)
  }

  let environment: MailSettings | null
  try {
    environment = mailEnvironment(process.env)
  } catch (error) {
    usage((error as Error).message)
  }

  const dataDir = resolve(values['data-dir'])
  const host = await startHost({
    dataDir,
    port,
    host: values.host,
    adminToken,
    mail: { worker: true, environment },
    restore: values.restore,
  })
  if (host.core.restored) {
    const { restored, kept_aside } = host.core.restored
    console.log(
      `Ticketi restored the backup ${restored}` +
        (kept_aside ? `; the database it replaced is kept as backups/${kept_aside}` : ''),
    )
  }
  if (values.demo) console.log(await sampleNight(host))

  const stop = (signal: string) => {
    console.log(`${signal}: closing the database`)
    host.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  // Announced only once a signal would close the database cleanly: whoever waits for this line may stop us at once.
  console.log(`Ticketi data: ${host.core.store.path}`)
  const mail = host.core.mail.context
  console.log(
    environment
      ? `Ticketi mail (from the environment): ${describeTransport(environment)}`
      : `Ticketi mail: as set in Settings (on a new install: .eml files in ${mail.defaultDir})`,
  )
  console.log(`Ticketi is listening on ${host.url}`)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
