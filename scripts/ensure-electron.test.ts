// `npm start` on a fresh install: Electron's binary is fetched on first start through
// Electron's own installer (so ELECTRON_MIRROR works), and a failed fetch explains itself.
// Each test runs the real `npm start` in a temp copy of the project whose
// node_modules links to the real one, except for its own electron package (where the
// installer unpacks) and electron-vite (so that it finds that electron package).
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'

const projectDir = join(__dirname, '..')
const { version } = JSON.parse(readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8'))
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`
const binaryName = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron'

interface ZipEntry {
  name: string
  data: Buffer
  mode: number
}

/** A zip of stored (uncompressed) entries, with Unix modes so the stand-in stays executable. */
function zip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const { name, data, mode } of entries) {
    const fileName = Buffer.from(name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(10, 4)
    local.writeUInt16LE(0x21, 12) // 1980-01-01
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made on Unix: the external attributes hold the mode
    central.writeUInt16LE(10, 6)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(mode * 0x10000, 38)
    central.writeUInt32LE(offset, 42)
    parts.push(local, fileName, data)
    directory.push(central, fileName)
    offset += local.length + fileName.length + data.length
  }
  const directorySize = directory.reduce((size, part) => size + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, ...directory, end])
}

/** Stands in for Electron: records the arguments it was started with, then exits 0. */
const standIn = zip([
  {
    name: binaryName,
    data: Buffer.from('#!/bin/sh\nprintf "%s\\n" "$@" > "$STAND_IN_MARKER"\necho "stand-in Electron ran"\n'),
    mode: 0o100755,
  },
  { name: 'version', data: Buffer.from(version), mode: 0o100644 },
])

/** A mirror laid out as Electron's releases are: $ELECTRON_MIRROR/v<version>/<file>. */
async function startMirror(): Promise<{ url: string; port: number; requests: string[]; server: Server }> {
  const requests: string[] = []
  const shasums = `${createHash('sha256').update(standIn).digest('hex')} *${zipName}\n`
  const server = createServer((request, response) => {
    requests.push(request.url ?? '')
    if (request.url === `/v${version}/${zipName}`) response.end(standIn)
    else if (request.url === `/v${version}/SHASUMS256.txt`) response.end(shasums)
    else response.writeHead(404).end()
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, port, requests, server }
}

const closeServer = (server: Server): Promise<void> => new Promise((closed) => server.close(() => closed()))

/** An address where nothing listens: the mirror is down. */
async function downMirrorUrl(): Promise<string> {
  const { url, server } = await startMirror()
  await closeServer(server)
  return url
}

/** A venue's proxy: it tunnels every connection to the mirror, whichever address was asked for. */
async function startProxy(
  mirrorPort: number,
): Promise<{ url: string; tunnels: string[]; close: () => Promise<void> }> {
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((_request, response) => response.writeHead(405).end())
  server.on('connect', (request, client: Socket) => {
    tunnels.push(request.url ?? '')
    const upstream = connect(mirrorPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client).pipe(upstream)
    })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => socket.destroy())
    }
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const { port } = server.address() as AddressInfo
  const close = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy()
    await closeServer(server)
  }
  return { url: `http://127.0.0.1:${port}`, tunnels, close }
}

const temps: string[] = []
afterEach(() => {
  // rmSync removes the links in node_modules, never what they point at.
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** The project's sources and its own electron + electron-vite; every other package is a link. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ticketi-start-'))
  temps.push(dir)
  // Every tsconfig: tsconfig.json only names the per-process configs, which the config bundler reads.
  const tsconfigs = readdirSync(projectDir).filter((name) => /^tsconfig(\.\w+)?\.json$/.test(name))
  for (const file of ['package.json', 'electron.config.ts', ...tsconfigs]) {
    cpSync(join(projectDir, file), join(dir, file))
  }
  for (const folder of ['src', 'scripts'])
    cpSync(join(projectDir, folder), join(dir, folder), { recursive: true })
  const modules = join(dir, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(join(projectDir, 'node_modules'))) {
    const from = join(projectDir, 'node_modules', name)
    if (name === 'electron') {
      // Only the package's own files: a developer's downloaded dist/ stays behind.
      cpSync(from, join(modules, name), {
        recursive: true,
        filter: (path) => !/[/\\](dist|path\.txt)$/.test(path.slice(from.length)),
      })
    } else if (name === 'electron-vite' || name === '.bin') {
      cpSync(from, join(modules, name), { recursive: true, verbatimSymlinks: true })
    } else if (!name.startsWith('.')) {
      symlinkSync(from, join(modules, name))
    }
  }
  return dir
}

interface Run {
  code: number | null
  output: string
}

/** Runs `npm start` for real, with Electron's download settings and no inherited download or proxy settings. */
function npmStart(
  dir: string,
  mirror: string,
  args: string[] = [],
  settings: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/electron|proxy/i.test(key)) env[key] = value
  }
  Object.assign(env, {
    ELECTRON_MIRROR: mirror,
    electron_config_cache: join(dir, 'electron-cache'),
    // The stand-in is not in the electron package's checksums.json: check it against the mirror's SHASUMS256.txt.
    electron_use_remote_checksums: '1',
    ELECTRON_GET_NO_PROGRESS: '1',
    STAND_IN_MARKER: join(dir, 'stand-in-ran.txt'),
    NO_COLOR: '1',
    ...settings,
  })
  return new Promise((done, failed) => {
    const npm = spawn('npm', ['start', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    npm.stdout.on('data', (chunk) => (output += chunk))
    npm.stderr.on('data', (chunk) => (output += chunk))
    npm.on('error', failed)
    npm.on('close', (code) => done({ code, output }))
  })
}

function findFile(dir: string, name: string): boolean {
  if (!existsSync(dir)) return false
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((path) => path.endsWith(name))
}

describe('npm start on a fresh install', () => {
  it('stops with a message a person can act on when Electron cannot be downloaded', async () => {
    const dir = copyProject()
    const mirror = await downMirrorUrl()

    const run = await npmStart(dir, mirror)

    expect(run.code).not.toBe(0)
    expect(run.output).toContain(`Electron ${version}, the desktop shell it runs in, is not downloaded yet`)
    expect(run.output).toContain('needs no internet')
    expect(run.output).toContain(`The download from the mirror ${mirror} failed: no connection to it`)
    expect(run.output).toContain('ELECTRON_MIRROR=https://mirror.example.org/electron/ npm start')
    expect(run.output).toContain(`v${version}/${zipName}`)
    expect(run.output).not.toMatch(/^\s+at /m)
    expect(run.output).not.toContain('Electron uninstall')
    expect(existsSync(join(dir, 'node_modules/electron/path.txt'))).toBe(false)
    expect(existsSync(join(dir, 'stand-in-ran.txt'))).toBe(false)
  })

  it('names a mirror that lacks this Electron, and the missing slash', async () => {
    const dir = copyProject()
    const { url, server } = await startMirror()
    try {
      const run = await npmStart(dir, `${url}electron`)

      expect(run.code).not.toBe(0)
      expect(run.output).toContain(`404 (Not Found) for ${url}electronv${version}/${zipName}`)
      expect(run.output).toContain('ELECTRON_MIRROR must end with a slash')
      expect(run.output).not.toMatch(/^\s+at /m)
    } finally {
      await closeServer(server)
    }
  })

  it(
    'downloads Electron once through ELECTRON_MIRROR, starts it, and starts again with the mirror down',
    { timeout: 240_000 },
    async () => {
      const dir = copyProject()
      const marker = join(dir, 'stand-in-ran.txt')
      const realElectron = join(projectDir, 'node_modules/electron')
      const realInstalled = existsSync(join(realElectron, 'path.txt'))
      const mirror = await startMirror()

      // The README's form: electron-vite passes what follows the second -- to Electron.
      const first = await npmStart(dir, mirror.url, ['--', '--', '--kiosk'])
      await closeServer(mirror.server)

      expect(first.output).toContain(`Electron ${version} is ready.`)
      expect(first.output).toContain('stand-in Electron ran')
      expect(first.code).toBe(0)
      expect(readFileSync(marker, 'utf8').split('\n')).toEqual(['.', '--kiosk', ''])
      expect([...mirror.requests].sort()).toEqual(
        [`/v${version}/${zipName}`, `/v${version}/SHASUMS256.txt`].sort(),
      )
      expect(readFileSync(join(dir, 'node_modules/electron/path.txt'), 'utf8')).toBe(binaryName)
      expect(findFile(join(dir, 'electron-cache'), zipName)).toBe(true)
      expect(existsSync(join(realElectron, 'path.txt'))).toBe(realInstalled)

      rmSync(marker)
      const second = await npmStart(dir, mirror.url)

      expect(second.code).toBe(0)
      expect(second.output).not.toContain('Downloading Electron')
      expect(readFileSync(marker, 'utf8')).toBe('.\n')
    },
  )

  it('downloads Electron through a proxy with ELECTRON_GET_USE_PROXY', { timeout: 240_000 }, async () => {
    const dir = copyProject()
    const mirror = await startMirror()
    const proxy = await startProxy(mirror.port)
    // Nothing listens at this mirror's address: only the proxy's tunnel reaches a server.
    const unreachable = await downMirrorUrl()
    try {
      const run = await npmStart(dir, unreachable, [], { HTTP_PROXY: proxy.url, ELECTRON_GET_USE_PROXY: '1' })

      expect(run.output).toContain('stand-in Electron ran')
      expect(run.code).toBe(0)
      expect(proxy.tunnels).toContain(new URL(unreachable).host)
      expect(mirror.requests).toContain(`/v${version}/${zipName}`)
    } finally {
      await proxy.close()
      await closeServer(mirror.server)
    }
  })
})
