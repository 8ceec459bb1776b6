// The packaged app ships every migration, where the app looks for them, and can
// load its SQLite addon. Checked with electron-builder's own config loader,
// schema and file matching, so what is tested is what `npm run dist` packs.
import { readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { getFileMatchers, type FileMatcher } from 'app-builder-lib/out/fileMatcher'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import type { Configuration, PlatformSpecificBuildOptions } from 'app-builder-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMigrations } from './db/migrate'
import { migrationsDirFor } from './shell/window'
import { tempDir } from '../../test/support/core'

// Not in electron-builder's type declarations, but exported: the copy `extraResources` goes through.
type CopyFiles = (matchers: FileMatcher[] | null) => Promise<unknown>
const { copyFiles } = (await import('app-builder-lib/out/fileMatcher')) as unknown as { copyFiles: CopyFiles }

const projectDir = join(__dirname, '../..')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort()
}

let config: Configuration
// Loading electron-builder and its schema takes seconds on a busy machine.
beforeAll(async () => {
  config = await getConfig(projectDir, null, null)
  await validateConfiguration(config, { isEnabled: false, add: () => {}, toString: () => '' } as never)
}, 60_000)

const platforms = ['linux', 'win', 'mac'] as const
const matcherOptions = (platform: (typeof platforms)[number]) => ({
  macroExpander: (pattern: string) => pattern,
  customBuildOptions: (config[platform] ?? {}) as PlatformSpecificBuildOptions,
  globalOutDir: join(projectDir, 'dist'),
  defaultSrc: projectDir,
})

describe('electron-builder.yml', () => {
  it('passes electron-builder schema check and builds AppImage, deb, NSIS and dmg', () => {
    expect(config).toMatchObject({
      appId: 'app.ticketi.desktop',
      productName: 'Ticketi',
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    })
    const icon = statSync(join(projectDir, String(config.icon)))
    expect(icon.size).toBeGreaterThan(1000)
  })

  describe.each(platforms)('packaged for %s', (platform) => {
    const resources = tempDir('ticketi-resources-')
    afterAll(() => resources.remove())

    it('copies every migration file into the folder the app reads migrations from', async () => {
      await copyFiles(getFileMatchers(config, 'extraResources', resources.path, matcherOptions(platform)))
      const packaged = migrationsDirFor({
        isPackaged: true,
        resourcesPath: resources.path,
        appPath: '/nowhere',
      })
      expect(filesUnder(packaged)).toEqual(filesUnder(join(projectDir, 'drizzle')))
      expect(filesUnder(packaged)).toContain('meta/_journal.json')
      expect(readMigrations(packaged)).toEqual(readMigrations(join(projectDir, 'drizzle')))
    })

    it('unpacks the SQLite addon from the asar archive', () => {
      const [unpack] = getFileMatchers(config, 'asarUnpack', '/app', matcherOptions(platform))!
      const isUnpacked = unpack!.createFilter()
      const addon = join(projectDir, 'node_modules/better-sqlite3')
      const natives = filesUnder(addon).filter((file) => file.endsWith('.node'))
      expect(natives.length).toBeGreaterThan(0)
      for (const file of [...natives, 'lib/index.js', 'package.json']) {
        const path = join(addon, file)
        expect(isUnpacked(path, statSync(path)), file).toBe(true)
      }
      const other = join(projectDir, 'node_modules/zod/package.json')
      expect(isUnpacked(other, statSync(other))).toBe(false)
    })
  })

  it("flips the fuses of Electron's security checklist in the packaged binary", () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    })
    // The integrity fuse checks the hash electron-builder records: the archive and the hash must both be there.
    expect(config.asar).not.toBe(false)
    expect(config.disableAsarIntegrity).not.toBe(true)
    for (const platform of platforms) expect(config[platform]).not.toHaveProperty('asar', false)
  })

  it('packs the built app and not the sources', () => {
    const [files] = getFileMatchers(config, 'files', '/app', matcherOptions('linux'))!
    const isPacked = files!.createFilter()
    const packed = (path: string) => isPacked(join(projectDir, path), { isDirectory: () => false } as never)
    expect(relative(projectDir, files!.from)).toBe('')
    expect(packed('package.json')).toBe(true)
    expect(packed('out/main/index.js')).toBe(true)
    expect(packed('out/renderer/index.html')).toBe(true)
    expect(packed('src/main/index.ts')).toBe(false)
    expect(packed('drizzle/0000_initial.sql')).toBe(false)
  })
})
