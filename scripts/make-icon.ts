// Renders resources/icon.svg to the 512x512 resources/icon.png electron-builder
// needs, in the machine's Chromium: `npx tsx scripts/make-icon.ts` after editing the SVG.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'

const resources = join(__dirname, '..', 'resources')
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8')

async function render(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
  try {
    const page = await browser.newPage({ viewport: { width: 512, height: 512 } })
    await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`)
    await page.locator('svg').screenshot({ path: join(resources, 'icon.png'), omitBackground: true })
  } finally {
    await browser.close()
  }
}

void render()
