// Runs a part of the bench in a process of its own (bench/servers/part.ts) and
// returns its rows: see that file for why.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { HOST_NODE_FLAGS } from '../src/main/host-process'
import type { Row } from './stats'

/**
 * Started as the host is (`npm run serve`): the exports, the backup and the guest list run there
 * as in the host, and the night's load generator, with collections as short, times the door
 * without adding pauses of its own. A part that opens the parent's database needs it closed first.
 */
export async function inOwnProcess(args: string[]): Promise<Row[]> {
  const script = join(__dirname, 'servers', 'part.ts')
  const child = spawn(process.execPath, [...HOST_NODE_FLAGS, '--import', 'tsx', script, ...args], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`bench/servers/part.ts ${args[0]} exited with ${code}`)
  return JSON.parse(out.trim().split('\n').at(-1)!) as Row[]
}
