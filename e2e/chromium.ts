// The browser tests' Chromium, shared by the browser tests and the door benchmark.
// On Linux it is the machine's (Debian's `chromium` package), never a browser
// Playwright downloads. Elsewhere, CHROMIUM_PATH names one; without it Playwright
// uses the Chromium that `npx playwright install chromium` put in its own cache
// (what CI does on Windows and macOS, which have no package to install).
const executablePath =
  process.env.CHROMIUM_PATH || (process.platform === 'linux' ? '/usr/bin/chromium' : undefined)

export const CHROMIUM = {
  ...(executablePath ? { executablePath } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
