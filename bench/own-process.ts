// Bench scripts in processes of their own (bench/servers/<name>.ts under tsx): a part
// of the bench (part.ts: see there for why), or another computer of the night
// (children.ts).
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { HOST_NODE_FLAGS } from '../src/main/host-process'
import type { Row } from './stats'

/** How a bench script starts: with Node `flags`, `env` added to ours, from `root` (another checkout's). */
export interface ChildOptions {
  flags?: readonly string[]
  env?: NodeJS.ProcessEnv
  root?: string
}

/** Starts bench/servers/<name>.ts under tsx; `onLine` gets each JSON line it prints. */
export function startChild(
  name: string,
  args: string[],
  onLine: (said: unknown) => void,
  { flags = [], env = {}, root = join(__dirname, '..') }: ChildOptions = {},
) {
  const script = join(root, 'bench', 'servers', `${name}.ts`)
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  createInterface({ input: child.stdout }).on('line', (line) => onLine(JSON.parse(line)))
  return { child, exited }
}

/**
 * Runs a part of the bench (bench/servers/part.ts) and returns its rows. Started as the host is
 * (`npm run serve`): the exports, the backup and the guest list run there as in the host, and the
 * night's load generator, with collections as short, times the door without adding pauses of its
 * own. A part that opens the parent's database needs it closed first.
 */
export async function inOwnProcess(args: string[]): Promise<Row[]> {
  let rows: Row[] | null = null
  const { exited } = startChild('part', args, (said) => (rows = said as Row[]), { flags: HOST_NODE_FLAGS })
  const code = await exited
  if (code !== 0 || !rows) throw new Error(`bench/servers/part.ts ${args[0]} exited with ${code}`)
  return rows
}
