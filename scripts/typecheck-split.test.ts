// `npm run typecheck` checks each process with its own config (tsconfig.json's
// references). This proves the split holds: a probe file put in a folder is
// checked with that folder's config, and the DOM in main or shared code, or
// Node in the renderer, fails the type check, while each process's own APIs pass.
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const projectDir = join(__dirname, '..')
const normal = (path: string) => path.replace(/\\/g, '/').toLowerCase()

function parse(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(projectDir, config), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    },
  })
  if (!parsed) throw new Error(`${config} cannot be read`)
  return parsed
}

// Library files parse the same for every probe: parsed once.
const parsedLibraries = new Map<string, ts.SourceFile | undefined>()

/** The type errors of `source` as a file in `folder`, checked with `config`. */
function errorsOf(config: string, folder: string, source: string): string[] {
  const parsed = parse(config)
  const probe = join(projectDir, folder, 'type-probe.ts')
  const isProbe = (file: string) => normal(file) === normal(probe)
  const host = ts.createCompilerHost(parsed.options)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (file) => isProbe(file) || fileExists.call(host, file)
  host.readFile = (file) => (isProbe(file) ? source : readFile.call(host, file))
  host.getSourceFile = (file, language, ...rest) => {
    if (isProbe(file)) return ts.createSourceFile(file, source, language)
    const key = `${file}:${JSON.stringify(language)}`
    if (!parsedLibraries.has(key)) parsedLibraries.set(key, getSourceFile.call(host, file, language, ...rest))
    return parsedLibraries.get(key)
  }
  const program = ts.createProgram({ rootNames: [probe], options: parsed.options, host })
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))
}

const DOM = 'export const title: string = document.title + window.location.href\n'
const NODE =
  'import { readFileSync } from "node:fs"\nexport const here: string = process.cwd() + readFileSync("x", "utf8")\n'

// Each probe builds a program with the TypeScript libraries: seconds each on a busy machine.
describe('the type check per process', { timeout: 120_000 }, () => {
  it('checks every folder with one of the referenced configs', () => {
    const root = parse('tsconfig.json')
    const configs = root.projectReferences!.map((r) => normal(r.path).split('/').pop())
    expect(configs).toEqual([
      'tsconfig.shared.json',
      'tsconfig.node.json',
      'tsconfig.web.json',
      'tsconfig.e2e.json',
    ])
    const covered = (config: string, file: string) =>
      parse(config)
        .fileNames.map(normal)
        .includes(normal(join(projectDir, file)))
    expect(covered('tsconfig.shared.json', 'src/shared/contract.ts')).toBe(true)
    expect(covered('tsconfig.node.json', 'src/main/index.ts')).toBe(true)
    expect(covered('tsconfig.node.json', 'src/preload/index.ts')).toBe(true)
    expect(covered('tsconfig.web.json', 'src/renderer/src/App.tsx')).toBe(true)
    expect(covered('tsconfig.e2e.json', 'e2e/support.ts')).toBe(true)
    expect(covered('tsconfig.e2e.json', 'e2e-electron/shell.ts')).toBe(true)
    expect(covered('tsconfig.web.json', 'src/renderer/src/door/codeEntry.test.ts')).toBe(false)
  })

  it('refuses the DOM and Node in shared code', () => {
    expect(errorsOf('tsconfig.shared.json', 'src/shared', DOM).join('\n')).toMatch(
      /Cannot find name 'document'/,
    )
    const node = errorsOf('tsconfig.shared.json', 'src/shared', NODE).join('\n')
    expect(node).toMatch(/Cannot find module 'node:fs'/)
    expect(node).toMatch(/Cannot find name 'process'/)
    expect(
      errorsOf('tsconfig.shared.json', 'src/shared', 'export const n: number = [1].at(-1) ?? 0\n'),
    ).toEqual([])
  })

  it('refuses the DOM in the main process and allows Node there', () => {
    const dom = errorsOf('tsconfig.node.json', 'src/main', DOM).join('\n')
    expect(dom).toMatch(/Cannot find name 'document'/)
    expect(dom).toMatch(/Cannot find name 'window'/)
    expect(errorsOf('tsconfig.node.json', 'src/main', NODE)).toEqual([])
  })

  it('refuses Node in the renderer and allows the DOM there', () => {
    const node = errorsOf('tsconfig.web.json', 'src/renderer/src', NODE).join('\n')
    expect(node).toMatch(/Cannot find module 'node:fs'/)
    expect(node).toMatch(/Cannot find name 'process'/)
    expect(
      errorsOf('tsconfig.web.json', 'src/renderer/src', 'export const b = Buffer.from("x")\n').join(),
    ).toMatch(/Cannot find name 'Buffer'/)
    expect(errorsOf('tsconfig.web.json', 'src/renderer/src', DOM)).toEqual([])
    // qrcode's Node types do not bring Node into the renderer.
    const qr =
      'import QRCode from "qrcode"\nexport const svg: Promise<string> = QRCode.toString("x", { type: "svg" })\n'
    expect(
      errorsOf('tsconfig.web.json', 'src/renderer/src', qr + 'export const p = process\n').join(),
    ).toMatch(/Cannot find name 'process'/)
  })
})
