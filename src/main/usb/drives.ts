// The removable drives this computer has mounted, found without native modules:
// each OS's own tools and mount points, read through one interface. The parsers
// are pure functions, tested on outputs captured from real machines.
import { execFile } from 'node:child_process'
import { readdir, readFile, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import type { RemovableDrive } from '../../shared/ipc'

/** Runs a system command and gives its standard output; rejects when it fails or takes too long. */
export type RunCommand = (command: string, args: string[]) => Promise<string>

export interface DriveSystem {
  platform: NodeJS.Platform
  run: RunCommand
  readFile(path: string): Promise<string>
  readdir(path: string): Promise<string[]>
  realpath(path: string): Promise<string>
}

export const realSystem: DriveSystem = {
  platform: process.platform,
  run: (command, args) =>
    new Promise((resolve, reject) =>
      execFile(command, args, { timeout: 5000, windowsHide: true }, (error, stdout) =>
        error ? reject(error) : resolve(String(stdout)),
      ),
    ),
  readFile: (path) => readFile(path, 'utf8'),
  readdir: (path) => readdir(path),
  realpath: (path) => realpath(path),
}

interface LsblkDevice {
  name?: string
  rm?: boolean | string | number
  hotplug?: boolean | string | number
  mountpoint?: string | null
  mountpoints?: Array<string | null>
  label?: string | null
  size?: number | string | null
  children?: LsblkDevice[]
}

const yes = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true'

function sizeOf(value: unknown): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN
  return Number.isFinite(n) ? n : null
}

/** `lsblk -J -b -o NAME,RM,HOTPLUG,MOUNTPOINT,LABEL,SIZE`: mounted partitions of removable or hot-plugged disks. */
export function parseLsblk(json: string): RemovableDrive[] {
  const drives: RemovableDrive[] = []
  const walk = (device: LsblkDevice, removable: boolean) => {
    const isRemovable = removable || yes(device.rm) || yes(device.hotplug)
    const mounts = [device.mountpoint, ...(device.mountpoints ?? [])].filter(
      (m): m is string => typeof m === 'string' && m.startsWith('/') && m !== '/' && !m.startsWith('/boot'),
    )
    const mount = mounts[0]
    if (isRemovable && mount && !drives.some((d) => d.path === mount)) {
      drives.push({
        path: mount,
        label: device.label || device.name || mount,
        size_bytes: sizeOf(device.size),
      })
    }
    for (const child of device.children ?? []) walk(child, isRemovable)
  }
  const parsed = JSON.parse(json) as { blockdevices?: LsblkDevice[] }
  for (const device of parsed.blockdevices ?? []) walk(device, false)
  return drives
}

/** /proc/mounts octal escapes: "\040" is a space in a label like "MY STICK". */
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
}

/** /proc/mounts when lsblk is missing: what desktops mount under /media and /run/media is removable. */
export function parseProcMounts(text: string): RemovableDrive[] {
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields.length >= 3)
    .map((fields) => unescapeMount(fields[1]!))
    .filter((path) => /^\/(run\/)?media\/./.test(path))
    .map((path) => ({ path, label: path.split('/').at(-1)!, size_bytes: null }))
}

/** macOS mounts every volume under /Volumes; the one that leads back to "/" is the system disk. */
export function parseMacVolumes(volumes: Array<{ name: string; realpath: string }>): RemovableDrive[] {
  return volumes
    .filter((v) => v.realpath !== '/' && !v.name.startsWith('.') && v.name !== 'Recovery')
    .map((v) => ({ path: join('/Volumes', v.name), label: v.name, size_bytes: null }))
}

interface WindowsVolume {
  DriveLetter?: string | null
  FileSystemLabel?: string | null
  Size?: number | null
}

/** `Get-Volume | Where-Object DriveType -eq 'Removable' | ConvertTo-Json`: one object, or an array of them. */
export function parseWindowsVolumes(json: string): RemovableDrive[] {
  if (json.trim() === '') return []
  const parsed = JSON.parse(json) as WindowsVolume | WindowsVolume[]
  return (Array.isArray(parsed) ? parsed : [parsed])
    .filter((v) => typeof v.DriveLetter === 'string' && /^[A-Z]$/i.test(v.DriveLetter))
    .map((v) => ({
      path: `${v.DriveLetter!.toUpperCase()}:\\`,
      label: v.FileSystemLabel || `Removable drive (${v.DriveLetter!.toUpperCase()}:)`,
      size_bytes: sizeOf(v.Size),
    }))
}

/** `wmic logicaldisk where drivetype=2 get DeviceID,Size,VolumeName /format:csv`, for Windows without PowerShell. */
export function parseWmic(text: string): RemovableDrive[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const header = lines.shift()?.split(',') ?? []
  const at = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase())
  return lines
    .map((line) => line.split(','))
    .filter((cells) => /^[A-Z]:$/i.test(cells[at('DeviceID')] ?? ''))
    .map((cells) => {
      const letter = cells[at('DeviceID')]!.toUpperCase()
      return {
        path: `${letter}\\`,
        label: cells[at('VolumeName')] || `Removable drive (${letter})`,
        size_bytes: sizeOf(cells[at('Size')]),
      }
    })
}

const WINDOWS_VOLUMES =
  "Get-Volume | Where-Object DriveType -eq 'Removable' | Select-Object DriveLetter,FileSystemLabel,Size | ConvertTo-Json"

/** The removable drives mounted now, by whichever way this OS tells. */
export async function listRemovableDrives(system: DriveSystem = realSystem): Promise<RemovableDrive[]> {
  switch (system.platform) {
    case 'linux':
      try {
        return parseLsblk(
          await system.run('lsblk', ['-J', '-b', '-o', 'NAME,RM,HOTPLUG,MOUNTPOINT,LABEL,SIZE']),
        )
      } catch {
        return parseProcMounts(await system.readFile('/proc/mounts'))
      }
    case 'darwin': {
      const names = await system.readdir('/Volumes').catch(() => [] as string[])
      const volumes = await Promise.all(
        names.map(async (name) => ({
          name,
          realpath: await system.realpath(join('/Volumes', name)).catch(() => '/'),
        })),
      )
      return parseMacVolumes(volumes)
    }
    case 'win32':
      try {
        return parseWindowsVolumes(
          await system.run('powershell.exe', ['-NoProfile', '-Command', WINDOWS_VOLUMES]),
        )
      } catch {
        return parseWmic(
          await system.run('wmic', [
            'logicaldisk',
            'where',
            'drivetype=2',
            'get',
            'DeviceID,Size,VolumeName',
            '/format:csv',
          ]),
        )
      }
    default:
      return []
  }
}
