// The desktop app's own flags: `--kiosk --event ID` for a door laptop and
// `--data-dir DIR` for a separate database (tests, a second venue). Anything
// else on the command line belongs to Electron or Chromium and is left alone.
import { resolve } from 'node:path'

export interface LaunchOptions {
  /** The event a door kiosk checks in, or null for the ordinary window. */
  kioskEventId: number | null
  /** An absolute folder for the database, or null for Electron's user data folder. */
  dataDir: string | null
  /** A backup in the data folder's backups/ to put back before the database is opened. */
  restore: string | null
  /** What was wrong, in words for the person who typed it; the app still starts. */
  problems: string[]
}

/** The value of `--name value` or `--name=value`; undefined when the flag is absent, null when its value is. */
function valueOf(argv: readonly string[], name: string): string | null | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1) || null
    if (arg === name) {
      const next = argv[i + 1]
      return next === undefined || next.startsWith('--') ? null : next
    }
  }
  return undefined
}

export function parseLaunchArguments(argv: readonly string[], cwd = process.cwd()): LaunchOptions {
  const problems: string[] = []
  const kiosk = argv.includes('--kiosk')
  const eventArg = valueOf(argv, '--event')
  let kioskEventId: number | null = null

  if (kiosk && eventArg === undefined) {
    problems.push(
      'Kiosk mode needs the event to check in: add --event and its number, like --kiosk --event 3.',
    )
  } else if (eventArg !== undefined && !/^[1-9][0-9]{0,8}$/.test(eventArg ?? '')) {
    problems.push(
      `--event needs an event number like --event 3, not ${eventArg === null ? 'nothing' : `"${eventArg}"`}.`,
    )
  } else if (eventArg !== undefined && !kiosk) {
    problems.push('--event only means something with --kiosk: use --kiosk --event 3 for a door laptop.')
  } else if (eventArg !== undefined) {
    kioskEventId = Number(eventArg)
  }

  const dataArg = valueOf(argv, '--data-dir')
  if (dataArg === null) problems.push('--data-dir needs a folder, like --data-dir ./venue-data.')

  const restore = valueOf(argv, '--restore')
  if (restore === null)
    problems.push('--restore needs the name of a backup, like --restore ticketi-manual-….db.')

  return { kioskEventId, dataDir: dataArg ? resolve(cwd, dataArg) : null, restore: restore ?? null, problems }
}
