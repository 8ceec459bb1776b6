// How a Node process that hosts the LAN API is started: `npm run serve`, the
// browser tests' host and the benchmarks' hosts all start it with these flags.

/**
 * A young generation of at most 4 MB per semi-space. Node's default lets it grow to tens of
 * megabytes on a laptop with plenty of memory, and one collection of it, while an export's or a
 * guest list's rows were in flight, held the door 30 to 60 ms on the test machine. Capped, each
 * took 12 ms at most, and the door's check-ins ran as fast (BENCHMARKS.md, "A fifth round").
 * Electron takes V8 flags for its main process only from its own command line, so the desktop
 * app keeps its defaults.
 */
export const HOST_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4']
