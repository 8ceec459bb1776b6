import { defineConfig } from '@playwright/test'

// `npm run test:electron`: the real desktop shell, for machines that can
// download Electron's binary (CI does on Linux, Windows and macOS). Not part of
// `npm test`, whose Playwright config only looks in e2e/ and never needs
// Electron. Without Electron or the built app the run fails, saying why.
export default defineConfig({
  testDir: 'e2e-electron',
  globalSetup: './e2e-electron/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  // Never retried: a desktop test that passes only sometimes is a failure to look at.
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/electron',
})
