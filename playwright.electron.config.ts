import { defineConfig } from '@playwright/test'

// `npm run test:electron`: the real desktop shell, for machines that can
// download Electron's binary. Not part of `npm test`, whose Playwright config
// only looks in e2e/ and never needs Electron.
export default defineConfig({
  testDir: 'e2e-electron',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results/electron',
})
