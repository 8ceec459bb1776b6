// Runs after `npm run build` in `npm test`: the built app in out/ must carry no
// test helper. The helpers live under test/ (never under src/), so only an import
// from production code could pull one in; this finds any that slipped through
// by the functions and constants the helpers declare and production code does not.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const DECLARED = /export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/g

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, keep)
    return keep(path) ? [path] : []
  })
}

const isSource = (path: string) => /\.(ts|tsx|mts)$/.test(path) && !/\.test\.tsx?$/.test(path)

/** Names the test helpers declare that no production source declares or uses. */
export function helperNames(testDir: string, srcDir: string): string[] {
  const names = new Set<string>()
  for (const file of filesUnder(testDir, isSource)) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(DECLARED)) names.add(name!)
  }
  const production = filesUnder(srcDir, isSource)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n')
  return [...names].filter((name) => !new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(production))
}

/** Every place in the built files where a test helper shows: a file named like one, or one of its names. */
export function testHelpersIn(outDir: string, names: string[]): string[] {
  const found: string[] = []
  for (const file of filesUnder(outDir, (path) => /\.(m?js|cjs|html)$/.test(path))) {
    const where = relative(outDir, file)
    if (/(^|[\\/])(test|fake)[^\\/]*$/i.test(where)) found.push(`${where}: named like a test helper`)
    const text = readFileSync(file, 'utf8')
    for (const name of names) {
      if (new RegExp(`(function\\*?|const|let|class)\\s+${name.replace(/\$/g, '\\$')}\\b`).test(text)) {
        found.push(`${where}: declares ${name}`)
      }
    }
  }
  return found
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')
  const names = helperNames(join(root, 'test'), join(root, 'src'))
  const found = testHelpersIn(join(root, 'out'), names)
  if (found.length > 0) {
    console.error(`The build carries test helpers:\n  ${found.join('\n  ')}`)
    process.exit(1)
  }
  console.log(`No test helper in out/ (checked ${names.length} helper names).`)
}
