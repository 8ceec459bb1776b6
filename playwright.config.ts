import { defineConfig } from '@playwright/test'
import { CHROMIUM } from './e2e/chromium'

// Browser tests run in the machine's Chromium (Debian's `chromium` package);
// Playwright's own browser download is never used.
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: CHROMIUM,
  },
})
