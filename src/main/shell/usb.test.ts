import { describe, expect, it } from 'vitest'
import { ADMIN, DOOR } from '../../../test/support/core'
import type { UsbExport } from '../usb/usb-export'
import { createUsbShell } from './usb'

const drives = [{ path: '/media/venue/STICK', label: 'STICK', size_bytes: null }]
const usb = {
  drives: async () => drives,
  run: async () => ({ folder: '/media/venue/STICK/Jazz Night', files: [] }),
} as unknown as UsbExport

describe("the window's USB requests", () => {
  it('lists drives and exports for a signed-in seller, as envelopes', async () => {
    const answer = createUsbShell(
      () => usb,
      () => ADMIN,
      () => {},
    )
    expect(await answer({ action: 'drives' })).toEqual({ ok: true, value: drives })
    expect(await answer({ action: 'export' })).toMatchObject({
      ok: true,
      value: { folder: expect.any(String) },
    })
  })

  it('refuses nobody signed in, a door station and a station without its own database', async () => {
    const refused = async (who: typeof ADMIN | null, u: UsbExport | null) =>
      (await createUsbShell(
        () => u,
        () => who,
        () => {},
        () => {},
      )({ action: 'drives' })) as {
        ok: false
        error: { code: string; error: string }
      }
    expect((await refused(null, usb)).error.code).toBe('UNAUTHORIZED')
    expect((await refused(DOOR, usb)).error.code).toBe('FORBIDDEN')
    expect((await refused(ADMIN, null)).error.error).toContain('download the files here instead')
  })
})
