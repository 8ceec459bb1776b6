import { describe, expect, it } from 'vitest'
import { parseLaunchArguments } from './command-line'

// What Electron itself puts in front of the app's own flags.
const electron = ['/opt/Ticketi/ticketi', 'out/main/index.js', '--no-sandbox', '--inspect=0']
const parse = (...args: string[]) => parseLaunchArguments([...electron, ...args], '/home/door')

describe('the command line', () => {
  it('starts an ordinary window without flags, ignoring Electron and Chromium switches', () => {
    expect(parse()).toEqual({ kioskEventId: null, dataDir: null, restore: null, problems: [] })
  })

  it.each([[['--kiosk', '--event', '3']], [['--event', '3', '--kiosk']], [['--kiosk', '--event=3']]])(
    'reads a door kiosk for event 3 from %j',
    (args) => {
      expect(parse(...args)).toEqual({ kioskEventId: 3, dataDir: null, restore: null, problems: [] })
    },
  )

  it('reads a data folder, made absolute against the folder Ticketi was started in', () => {
    expect(parse('--data-dir', 'venue').dataDir).toBe('/home/door/venue')
    expect(parse('--data-dir=/srv/ticketi').dataDir).toBe('/srv/ticketi')
  })

  it.each([
    [['--kiosk'], 'Kiosk mode needs the event to check in'],
    [['--kiosk', '--event'], '--event needs an event number like --event 3, not nothing'],
    [['--kiosk', '--event', '--data-dir', 'x'], 'not nothing'],
    [['--kiosk', '--event', 'jazz'], 'not "jazz"'],
    [['--kiosk', '--event', '0'], 'not "0"'],
    [['--kiosk', '--event', '-3'], 'not "-3"'],
    [['--kiosk', '--event', '99999999999'], 'not "99999999999"'],
    [['--event', '3'], '--event only means something with --kiosk'],
  ])('refuses %j in words and starts without kiosk mode', (args, problem) => {
    const launch = parse(...args)
    expect(launch.kioskEventId).toBeNull()
    expect(launch.problems).toEqual([expect.stringContaining(problem)])
  })

  it('takes the backup to put back from --restore, and says so when it names none', () => {
    expect(parse('--restore', 'ticketi-manual-2026-12-01T20-00-00-000Z.db').restore).toBe(
      'ticketi-manual-2026-12-01T20-00-00-000Z.db',
    )
    expect(parse('--restore').problems).toEqual([
      expect.stringContaining('--restore needs the name of a backup'),
    ])
  })

  it('says so when --data-dir has no folder', () => {
    expect(parse('--data-dir')).toEqual({
      kioskEventId: null,
      dataDir: null,
      restore: null,
      problems: ['--data-dir needs a folder, like --data-dir ./venue-data.'],
    })
  })
})
