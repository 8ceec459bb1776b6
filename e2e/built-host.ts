// Starts the built headless host (out/main/host.js, as `npm run serve` does) on a
// free port and waits for the URL it prints: for the browser tests and the door benchmark.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { HOST_NODE_FLAGS } from '../src/main/host-process'

export interface BuiltHost {
  url: string
  /** The host's process, for freezing it (SIGSTOP) as a host that stops answering. */
  pid: number
  stop(): Promise<void>
  /** Ends it as a power cut would (SIGKILL): no shutdown of its own. */
  kill(): Promise<void>
}

export async function startBuiltHost(
  projectDir: string,
  dataDir: string,
  adminToken: string,
  port = 0,
): Promise<BuiltHost> {
  // TICKETI_BENCH_CPU_PROF=<dir>: the host writes a V8 CPU profile there when it stops (bench/).
  const profile = process.env.TICKETI_BENCH_CPU_PROF
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []
  const host = spawn(
    process.execPath,
    [
      ...HOST_NODE_FLAGS,
      ...profiling,
      join('out', 'main', 'host.js'),
      '--data-dir',
      dataDir,
      '--port',
      String(port),
    ],
    {
      cwd: projectDir,
      env: { ...process.env, TICKETI_ADMIN_TOKEN: adminToken },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    host.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    host.once('exit', (code) =>
      reject(new Error(`The host exited with ${code} before listening:\n${output}`)),
    )
  })
  return {
    url,
    pid: host.pid!,
    async stop() {
      host.kill('SIGTERM')
      await exited
    },
    async kill() {
      host.kill('SIGKILL')
      await exited
    },
  }
}
