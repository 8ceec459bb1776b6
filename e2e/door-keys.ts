// Many codes typed at a door faster than Playwright can type them: key events
// dispatched to the window inside the page, where the door's own keyboard
// handler takes them (as a scanner's keys, ended with Enter), each code after
// the answer to the one before. For queues of thousands of check-ins.
import type { Page } from '@playwright/test'

// A string, so no bundler's helpers (tsx names its functions) go into the page.
const IN_PAGE = `async (codes) => {
  const key = (k) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, cancelable: true }))
  const shown = () => document.querySelector('[data-testid="door-result"]')
  for (const code of codes) {
    // Each answer is a new screen: wait for this code's, not the last one still on show.
    const before = shown()
    key('Escape')
    for (const ch of code) key(ch)
    key('Enter')
    while (shown() === null || shown() === before) await new Promise((resolve) => setTimeout(resolve, 1))
  }
  key('Escape')
}`

export async function typeCodesInPage(page: Page, codes: string[]): Promise<void> {
  await page.evaluate(`(${IN_PAGE})(${JSON.stringify(codes)})`)
}
