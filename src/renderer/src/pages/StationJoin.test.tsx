// @vitest-environment happy-dom
// A desktop laptop's first run, against a stand-in bridge: joining a host with
// its address and pairing code, through the renderer's real session store.
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ShellState } from '../../../shared/ipc'

const bridge = vi.hoisted(() => {
  const shell = vi.fn()
  const call = vi.fn()
  window.ticketi = { call, shell, onLive: () => () => {} } as never
  return { shell, call }
})

const { FirstRunChoice } = await import('./StationJoin')
const { useSession } = await import('../session/store')

afterEach(() => {
  cleanup()
  bridge.shell.mockReset()
})

const joined: ShellState = {
  needs_setup: false,
  operator: { name: 'Door', role: 'door' },
  kiosk: { on: false, event_id: null },
  station: { host: 'http://192.168.1.20:8080', name: 'Door 2', role: 'door' },
  connection: { state: 'connected', host: 'http://192.168.1.20:8080', since: null },
}

async function joinScreen() {
  const user = userEvent.setup()
  render(<FirstRunChoice />)
  await user.click(screen.getByRole('button', { name: /Join a host/ }))
  return {
    user,
    address: screen.getByLabelText('Host address') as HTMLInputElement,
    code: screen.getByLabelText('Pairing code') as HTMLInputElement,
    join: screen.getByRole('button', { name: 'Join' }),
  }
}

describe('joining a host on the first run', () => {
  it('asks for the address and all 8 digits of the pairing code before it joins', async () => {
    const { user, address, code, join } = await joinScreen()
    expect(join).toHaveProperty('disabled', true)
    await user.type(address, '192.168.1.20:8080')
    await user.type(code, '1234-567')
    expect(code.value).toBe('1234567')
    expect(join).toHaveProperty('disabled', true)
    await user.type(code, '8 9')
    expect(code.value).toBe('12345678')
    expect(join).toHaveProperty('disabled', false)
    expect(bridge.shell).not.toHaveBeenCalled()
  })

  it('takes the code from a pasted join link', async () => {
    const { user, address, code, join } = await joinScreen()
    await user.click(address)
    await user.paste('http://192.168.1.20:8080/#/join?code=87654321')
    expect(code.value).toBe('87654321')
    expect(join).toHaveProperty('disabled', false)
  })

  it("shows the host's refusal in words and lets the code be typed again", async () => {
    bridge.shell.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'UNAUTHORIZED',
        error: 'That pairing code is wrong or has expired: ask the admin for a new one.',
      },
    })
    const { user, address, code, join } = await joinScreen()
    await user.type(address, ' 192.168.1.20:8080 ')
    await user.type(code, '12345678')
    await user.click(join)
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That pairing code is wrong or has expired: ask the admin for a new one.',
    )
    expect(bridge.shell).toHaveBeenCalledExactlyOnceWith({
      action: 'joinHost',
      address: '192.168.1.20:8080',
      code: '12345678',
    })
    expect(join).toHaveProperty('disabled', false)
    expect(address.value).toBe(' 192.168.1.20:8080 ')
  })

  it('joins, then takes up the station session the main process now holds', async () => {
    bridge.shell.mockResolvedValue({ ok: true, value: joined })
    const door = { role: 'door', station: 'Door 2', operator: 'Door' }
    bridge.call.mockResolvedValue({ ok: true, value: door })
    const { user, address, code, join } = await joinScreen()
    await user.type(address, '192.168.1.20:8080')
    await user.type(code, '12345678')
    await user.click(join)
    await waitFor(() => expect(useSession.getState().status).toBe('signed-in'))
    expect(useSession.getState().who).toEqual(door)
    expect(bridge.call).toHaveBeenCalledWith('whoAmI', {})
    expect(bridge.shell.mock.calls.map(([request]) => request.action)).toEqual(['joinHost', 'state'])
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('goes back to the choice of holding the database or joining', async () => {
    const { user } = await joinScreen()
    await user.click(screen.getByRole('button', { name: 'Back' }))
    expect(screen.getByRole('button', { name: /This laptop holds the database/ })).toBeTruthy()
  })
})
