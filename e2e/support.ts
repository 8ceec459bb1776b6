// What the browser tests share: the host global setup started, signing in
// through the UI, and (for tests about one page) setting data up over the API.
import { expect, type APIRequestContext, type Page } from '@playwright/test'
import type { InputOf, OperationName, OutputOf } from '../src/shared/contract'

export const hostUrl = () => process.env.TICKETI_E2E_URL!
export const adminToken = () => process.env.TICKETI_E2E_TOKEN!

/** A pairing made over the API with the admin token, as an admin at the host would in Settings. */
export async function makePairing(
  request: APIRequestContext,
  role: 'admin' | 'boxoffice' | 'door',
  name?: string,
) {
  const station = name ?? `${role} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  return operate(request, 'createPairing', { name: station, role })
}

/** Joins as a new admin station through its join link (so a reload stays signed in), landing on `path`. */
export async function signIn(page: Page, path = '') {
  const pairing = await makePairing(page.request, 'admin')
  await page.goto(pairing.join_url!)
  await expect(page.getByLabel('Pairing code')).toHaveValue(pairing.pairing_code)
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
  if (path) await page.goto(`${hostUrl()}/#${path}`)
}

/** Signs in with the admin token under "Sign in with a token instead": good for this page only. */
export async function signInWithToken(page: Page, token = adminToken()) {
  await page.getByText('Sign in with a token instead').click()
  await page.getByLabel('Station token').fill(token)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/**
 * For stand-in desktop bridges: `window.callHost(token, name, input)` runs an operation on the
 * real host and answers as the preload bridge does. Call it before the stand-in's own init script.
 */
declare global {
  interface Window {
    callHost(token: string | null, name: string, input: unknown): Promise<unknown>
  }
}

export async function addCallHost(page: Page) {
  await page.addInitScript(() => {
    Object.assign(window, {
      async callHost(token: string | null, name: string, input: unknown) {
        const response = await fetch(`/api/v1/operations/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        })
        const body = await response.json()
        return response.ok ? { ok: true, value: body } : { ok: false, error: body }
      },
    })
  })
}

/** Runs an operation over the LAN API, as another station would; for setting up, never for what a test proves. */
export async function operate<N extends OperationName>(
  request: APIRequestContext,
  name: N,
  input: InputOf<N>,
): Promise<OutputOf<N>> {
  const response = await request.post(`${hostUrl()}/api/v1/operations/${name}`, {
    headers: { authorization: `Bearer ${adminToken()}` },
    data: input,
  })
  expect(response.ok(), `${name}: ${await response.text()}`).toBe(true)
  return (await response.json()) as OutputOf<N>
}

/** A name no earlier test used: every test shares the one host. */
export function unique(name: string): string {
  return `${name} ${Date.now().toString(36).slice(-5)}`
}

/** Picks an option of a <select> by the text it shows (event options also show the date). */
export async function chooseOption(page: Page, label: string, text: string) {
  const select = page.getByLabel(label, { exact: true })
  const value = await select.locator('option', { hasText: text }).getAttribute('value')
  await select.selectOption(value!)
}

/** A number as a page or the CSV shows it ("1,234", "€25.00", "25.00", "—") in a comparable form. */
export function figure(text: string | null | undefined): string {
  const digits = (text ?? '').replace(/[^0-9.]/g, '')
  return digits === '' ? '' : String(Number(digits))
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}-1280x800.png` })
