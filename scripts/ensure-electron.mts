// Runs before `npm start`, `npm run dev` and `npm run test:electron`.
// The electron package has no install script, so `npm ci` never downloads its
// binary (and works offline). This fetches it once, through Electron's own
// installer, so Electron's download settings apply as documented:
// ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache,
// electron_use_remote_checksums, ELECTRON_GET_USE_PROXY.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const { version } = require('electron/package.json') as { version: string }
// As the installer picks them.
const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform
const arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch

/** What electron-vite reads: path.txt naming a binary in dist/, of this version. */
function isDownloaded(): boolean {
  try {
    const binary = readFileSync(join(electronDir, 'path.txt'), 'utf8')
    const distVersion = readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '')
    return distVersion === version && existsSync(join(electronDir, 'dist', binary))
  } catch {
    return false
  }
}

/** The installer prints an error's stack; a person needs only its message. */
function errorMessage(stderr: string): string {
  const lines = stderr.split('\n')
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line))
  const message = (firstFrame === -1 ? lines : lines.slice(0, firstFrame)).map((line) => line.trim())
  const reason = message.filter(Boolean).slice(-3).join(' ') || 'no reason given'
  // Node's fetch says only this when it reaches no server at all (offline, wrong host, refused).
  return reason === 'TypeError: fetch failed' ? 'no connection to it (fetch failed)' : reason
}

function explainFailure(reason: string): string {
  const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror
  const source = mirror ? `the mirror ${mirror}` : "Electron's releases on GitHub"
  const slashHint =
    mirror && !mirror.endsWith('/') ? ['', 'Note: ELECTRON_MIRROR must end with a slash (/).'] : []
  const folder = (process.env.ELECTRON_CUSTOM_DIR ?? `v${version}`).replace('{{ version }}', version)
  const zip = `electron-v${version}-${platform}-${arch}.zip`
  return [
    '',
    `Ticketi cannot start: Electron ${version}, the desktop shell it runs in, is not downloaded yet.`,
    '',
    '`npm ci` does not download it, so that installing works offline. The first `npm start`',
    `downloads it once (about 100 MB) into ${relative(process.cwd(), join(electronDir, 'dist')) || '.'};`,
    'after that, starting needs no internet.',
    '',
    `The download from ${source} failed: ${reason}`,
    ...slashHint,
    '',
    'To fix it, either:',
    '  - connect this computer to the internet once and run `npm start` again, or',
    '  - download from a mirror that keeps copies of Electron releases:',
    '      ELECTRON_MIRROR=https://mirror.example.org/electron/ npm start',
    `    (the mirror must serve ${folder}/${zip}), or`,
    '  - behind a proxy: HTTPS_PROXY=http://proxy:3128 ELECTRON_GET_USE_PROXY=1 npm start',
    '',
  ].join('\n')
}

function download(): void {
  console.log(`Downloading Electron ${version} for ${platform}-${arch} (once; about 100 MB)...`)
  const installer = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    // stderr is kept back: on failure the installer prints a stack trace.
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (installer.error) fail(installer.error.message)
  if (installer.signal) fail(`the download was stopped (${installer.signal})`)
  if (installer.status !== 0) fail(errorMessage(installer.stderr))
  process.stderr.write(installer.stderr)
  if (!isDownloaded())
    fail(`the installer finished, but no Electron ${version} is in node_modules/electron/dist`)
  console.log(`Electron ${version} is ready.`)
}

function fail(reason: string): never {
  console.error(explainFailure(reason))
  process.exit(1)
}

// ELECTRON_EXEC_PATH is electron-vite's way to run an Electron that is already on the machine.
if (!process.env.ELECTRON_EXEC_PATH && !isDownloaded()) download()
