import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { helperNames, testHelpersIn } from './check-build.mjs'

let root: string
afterEach(() => rmSync(root, { recursive: true, force: true }))

function project(files: Record<string, string>) {
  root = mkdtempSync(join(tmpdir(), 'ticketi-build-check-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
}

describe('the build check', () => {
  it('knows the helpers by the names production code does not have', () => {
    project({
      'test/support/core.ts': 'export function openTestCore() {}\nexport const ADMIN = {}\n',
      'src/main/core.ts': 'export function openCore() {}\nconst ADMIN = 1\n',
    })
    expect(helperNames(join(root, 'test'), join(root, 'src'))).toEqual(['openTestCore'])
  })

  it('finds a helper bundled into out/, and a file named like one', () => {
    project({
      'out/main/host.js': 'function openCore() {}\nfunction openTestCore() { return 1 }\n',
      'out/main/chunks/fake-door-host.js': 'export {}\n',
    })
    expect(testHelpersIn(join(root, 'out'), ['openTestCore']).sort()).toEqual([
      'main/chunks/fake-door-host.js: named like a test helper',
      'main/host.js: declares openTestCore',
    ])
  })

  it('passes a build without them', () => {
    project({ 'out/main/host.js': 'function openCore() {}\nopenCore()\n' })
    expect(testHelpersIn(join(root, 'out'), ['openTestCore'])).toEqual([])
  })
})
