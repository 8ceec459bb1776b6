// `npm run test:electron` needs Electron's binary and the built app. Without
// either, every test fails here with what to do, rather than being skipped.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Where the electron package keeps its binary once downloaded (path.txt names it), or null. */
function downloadedElectron(): string | null {
  const require = createRequire(join(process.cwd(), 'package.json'))
  const electronDir = dirname(require.resolve('electron/package.json'))
  try {
    const binary = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

export default function globalSetup(): void {
  if (!process.env.ELECTRON_EXEC_PATH && !downloadedElectron()) {
    throw new Error(
      [
        "The desktop tests need Electron's binary, which is not downloaded here.",
        'Run them with `npm run test:electron`, which downloads it once (see README: the Electron download),',
        'or point ELECTRON_EXEC_PATH at an Electron of the version in package.json.',
      ].join('\n'),
    )
  }
  if (!existsSync(join(process.cwd(), 'out', 'main', 'index.js'))) {
    throw new Error(
      'The app is not built: run `npm run test:electron`, which builds it first (npm run build).',
    )
  }
}
