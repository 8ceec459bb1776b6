import { describe, expect, it } from 'vitest'
import {
  listRemovableDrives,
  parseLsblk,
  parseMacVolumes,
  parseProcMounts,
  parseWindowsVolumes,
  parseWmic,
  type DriveSystem,
} from './drives'

// Captured from a Debian laptop with a USB stick and an SD card in (lsblk 2.38, -b for bytes).
const LSBLK = `{
   "blockdevices": [
      {"name":"sda", "rm":true, "hotplug":true, "mountpoint":null, "label":null, "size":15728640000,
         "children": [
            {"name":"sda1", "rm":true, "hotplug":true, "mountpoint":"/media/venue/DOOR STICK", "label":"DOOR STICK", "size":15727591424}
         ]
      },
      {"name":"mmcblk0", "rm":false, "hotplug":true, "mountpoint":null, "label":null, "size":31914983424,
         "children": [
            {"name":"mmcblk0p1", "rm":false, "hotplug":true, "mountpoint":"/media/venue/3A1F-22B0", "label":null, "size":31913934848}
         ]
      },
      {"name":"nvme0n1", "rm":false, "hotplug":false, "mountpoint":null, "label":null, "size":512110190592,
         "children": [
            {"name":"nvme0n1p1", "rm":false, "hotplug":false, "mountpoint":"/boot/efi", "label":null, "size":536870912},
            {"name":"nvme0n1p2", "rm":false, "hotplug":false, "mountpoint":"/", "label":null, "size":511572254720}
         ]
      }
   ]
}`

// util-linux 2.33 writes the flags as "0"/"1" strings and sizes as text.
const LSBLK_OLD = `{"blockdevices": [{"name": "sdb", "rm": "1", "hotplug": "1", "mountpoint": null, "label": null, "size": "8053063680",
  "children": [{"name": "sdb1", "rm": "1", "hotplug": "1", "mountpoint": "/run/media/anna/KINGSTON", "label": "KINGSTON", "size": "8052015104"}]},
  {"name": "sr0", "rm": "1", "hotplug": "0", "mountpoint": null, "label": null, "size": "1073741312"}]}`

const PROC_MOUNTS = `/dev/nvme0n1p2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda1 /media/venue/DOOR\\040STICK vfat rw,nosuid,nodev,relatime,uid=1000 0 0
/dev/sdb1 /run/media/anna/KINGSTON exfat rw,nosuid,nodev 0 0
tmpfs /run/user/1000 tmpfs rw,nosuid,nodev 0 0
`

// PowerShell 5.1 on Windows 11: one stick gives an object, two give an array.
const GET_VOLUME_ONE = `{
    "DriveLetter":  "E",
    "FileSystemLabel":  "DOOR STICK",
    "Size":  15727591424
}`
const GET_VOLUME_TWO = `[
    { "DriveLetter":  "E", "FileSystemLabel":  "DOOR STICK", "Size":  15727591424 },
    { "DriveLetter":  null, "FileSystemLabel":  "", "Size":  0 },
    { "DriveLetter":  "F", "FileSystemLabel":  "", "Size":  31913934848 }
]`
const WMIC = `\r\r\nNode,DeviceID,Size,VolumeName\r\r\nBOXOFFICE-PC,E:,15727591424,DOOR STICK\r\r\nBOXOFFICE-PC,F:,,\r\r\n`

describe('finding removable drives', () => {
  it('reads lsblk: mounted partitions of removable or hot-plugged disks, never the system disk', () => {
    expect(parseLsblk(LSBLK)).toEqual([
      { path: '/media/venue/DOOR STICK', label: 'DOOR STICK', size_bytes: 15727591424 },
      { path: '/media/venue/3A1F-22B0', label: 'mmcblk0p1', size_bytes: 31913934848 },
    ])
    expect(parseLsblk(LSBLK_OLD)).toEqual([
      { path: '/run/media/anna/KINGSTON', label: 'KINGSTON', size_bytes: 8052015104 },
    ])
  })

  it('reads /proc/mounts under /media and /run/media when lsblk is missing', () => {
    expect(parseProcMounts(PROC_MOUNTS).map((d) => d.path)).toEqual([
      '/media/venue/DOOR STICK',
      '/run/media/anna/KINGSTON',
    ])
  })

  it('reads /Volumes on macOS, leaving out the volume that is the system disk', () => {
    expect(
      parseMacVolumes([
        { name: 'Macintosh HD', realpath: '/' },
        { name: 'DOOR STICK', realpath: '/Volumes/DOOR STICK' },
      ]),
    ).toEqual([{ path: '/Volumes/DOOR STICK', label: 'DOOR STICK', size_bytes: null }])
  })

  it('reads Get-Volume and wmic on Windows', () => {
    expect(parseWindowsVolumes(GET_VOLUME_ONE)).toEqual([
      { path: 'E:\\', label: 'DOOR STICK', size_bytes: 15727591424 },
    ])
    expect(parseWindowsVolumes(GET_VOLUME_TWO).map((d) => [d.path, d.label])).toEqual([
      ['E:\\', 'DOOR STICK'],
      ['F:\\', 'Removable drive (F:)'],
    ])
    expect(parseWindowsVolumes('')).toEqual([])
    expect(parseWmic(WMIC)).toEqual([
      { path: 'E:\\', label: 'DOOR STICK', size_bytes: 15727591424 },
      { path: 'F:\\', label: 'Removable drive (F:)', size_bytes: null },
    ])
  })

  it('asks each system its own way, and falls back when the first tool is missing', async () => {
    const missing = () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOENT' }))
    const system = (platform: NodeJS.Platform, run: DriveSystem['run']): DriveSystem => ({
      platform,
      run,
      readFile: async () => PROC_MOUNTS,
      readdir: async () => ['Macintosh HD', 'DOOR STICK'],
      realpath: async (p) => (p.endsWith('Macintosh HD') ? '/' : p),
    })
    expect(await listRemovableDrives(system('linux', async () => LSBLK))).toHaveLength(2)
    expect(await listRemovableDrives(system('linux', missing))).toHaveLength(2)
    expect(await listRemovableDrives(system('darwin', missing))).toHaveLength(1)
    expect(
      await listRemovableDrives(
        system('win32', async (cmd) => (cmd === 'powershell.exe' ? GET_VOLUME_TWO : '')),
      ),
    ).toHaveLength(2)
    expect(
      await listRemovableDrives(
        system('win32', (cmd) => (cmd === 'wmic' ? Promise.resolve(WMIC) : missing())),
      ),
    ).toHaveLength(2)
  })
})
