// The app as `npm run dist` packs it: electron-builder's unpacked folder (built
// here with `electron-builder --dir` unless it is newer than the build), its
// fuses as flipped in the binary, and a first run that opens the database with
// the migrations from <resources>/drizzle. The packaged binary refuses
// --inspect (a fuse), so Playwright reaches its window over Chromium's
// DevTools port instead of through _electron.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { chromium, expect, test, type Browser, type Page } from '@playwright/test'
import { readMigrations } from '../src/main/db/migrate'
import { dataFolder, PINS, SANDBOX_ARGS } from './shell'

const projectDir = process.cwd()
const dist = join(projectDir, 'dist')

interface Packaged {
  /** What @electron/fuses reads: the .app on macOS, else the executable. */
  fuseTarget: string
  executable: string
  resources: string
}

function packagedApp(): Packaged | null {
  if (process.platform === 'win32') {
    const dir = join(dist, 'win-unpacked')
    const executable = join(dir, 'Ticketi.exe')
    return { fuseTarget: executable, executable, resources: join(dir, 'resources') }
  }
  if (process.platform === 'darwin') {
    const folder = existsSync(dist) ? readdirSync(dist).find((name) => /^mac(-\w+)?$/.test(name)) : undefined
    if (!folder) return null
    const app = join(dist, folder, 'Ticketi.app')
    return {
      fuseTarget: app,
      executable: join(app, 'Contents', 'MacOS', 'Ticketi'),
      resources: join(app, 'Contents', 'Resources'),
    }
  }
  const dir = join(dist, 'linux-unpacked')
  return {
    fuseTarget: join(dir, 'ticketi'),
    executable: join(dir, 'ticketi'),
    resources: join(dir, 'resources'),
  }
}

/** The unpacked app of this build: packed again when it is missing or older than out/. */
function packOnce(): Packaged {
  const built = statSync(join(projectDir, 'out', 'main', 'index.js')).mtimeMs
  const current = packagedApp()
  if (
    current &&
    existsSync(current.executable) &&
    statSync(join(current.resources, 'app.asar')).mtimeMs >= built
  )
    return current
  const cli = join(projectDir, 'node_modules', 'electron-builder', 'cli.js')
  const packing = spawnSync(process.execPath, [cli, '--dir', '--publish', 'never'], {
    cwd: projectDir,
    stdio: 'inherit',
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  })
  if (packing.status !== 0) throw new Error(`electron-builder --dir failed (exit ${packing.status})`)
  const packed = packagedApp()
  if (!packed || !existsSync(packed.executable)) throw new Error(`electron-builder made no app in ${dist}`)
  return packed
}

// The fuse wire holds one ASCII byte per fuse: '1' on, '0' off.
const ON = '1'.charCodeAt(0)
const OFF = '0'.charCodeAt(0)

let app: Packaged
let child: ChildProcess | null = null
let browser: Browser | null = null
let data: ReturnType<typeof dataFolder>

test.beforeAll(() => {
  // Packing takes minutes on a CI runner; the tests after it take seconds.
  test.setTimeout(15 * 60_000)
  app = packOnce()
})
test.beforeEach(() => {
  data = dataFolder()
})
test.afterEach(async () => {
  await browser?.close()
  browser = null
  child?.kill()
  child = null
  data.remove()
})

/** Starts the packaged binary and answers its window, reached over the DevTools port it prints. */
async function startPackaged(): Promise<Page> {
  const started = spawn(
    app.executable,
    [...SANDBOX_ARGS, '--remote-debugging-port=0', '--data-dir', data.path],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
    },
  )
  child = started
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = ''
    started.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    started.once('exit', (code) => reject(new Error(`The packaged app exited with ${code}:\n${output}`)))
  })
  browser = await chromium.connectOverCDP(endpoint)
  const context = browser.contexts()[0]!
  const page =
    context.pages().find((p) => p.url().startsWith('app://')) ?? (await context.waitForEvent('page'))
  await page.waitForLoadState('domcontentloaded')
  return page
}

test('the packaged app carries the migrations, the asar archive and the security fuses', async () => {
  expect(readMigrations(join(app.resources, 'drizzle'))).toEqual(readMigrations(join(projectDir, 'drizzle')))
  expect(existsSync(join(app.resources, 'app.asar'))).toBe(true)
  // onlyLoadAppFromAsar: no loose app folder beside it would be loaded anyway, but none is shipped either.
  expect(existsSync(join(app.resources, 'app'))).toBe(false)
  const wire = await getCurrentFuseWire(app.fuseTarget)
  expect(wire).toMatchObject({
    [FuseV1Options.RunAsNode]: OFF,
    [FuseV1Options.EnableCookieEncryption]: ON,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: OFF,
    [FuseV1Options.EnableNodeCliInspectArguments]: OFF,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ON,
    [FuseV1Options.OnlyLoadAppFromAsar]: ON,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: OFF,
  })
})

test('the packaged app opens its database from resources/drizzle on the first run and keeps it', async () => {
  let page = await startPackaged()
  expect(page.url()).toMatch(/^app:\/\/ticketi\/index\.html/)
  await expect(page.getByText('Welcome to Ticketi')).toBeVisible()
  const shell = (p: Page, request: Parameters<NonNullable<Window['ticketi']>['shell']>[0]) =>
    p.evaluate((r) => window.ticketi!.shell(r), request)
  expect(await shell(page, { action: 'setup', pins: PINS })).toMatchObject({ ok: true })
  const created = await page.evaluate(() =>
    window.ticketi!.call('createEvent', {
      name: 'Packaged Night',
      starts_at: '2026-12-01T20:00:00Z',
      capacity: 5,
    }),
  )
  expect(created).toMatchObject({ ok: true, value: { name: 'Packaged Night' } })

  // Started again on the same folder: the database and its event are there.
  await browser!.close()
  browser = null
  const exited = new Promise((resolve) => child!.once('exit', resolve))
  child!.kill()
  await exited
  page = await startPackaged()
  expect(await shell(page, { action: 'signIn', role: 'admin', pin: PINS.admin })).toMatchObject({ ok: true })
  expect(await page.evaluate(() => window.ticketi!.call('listEvents', {}))).toMatchObject({
    ok: true,
    value: [{ name: 'Packaged Night' }],
  })
})
