import { resolve } from 'node:path'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // index: the Electron app; host: the headless host (`npm run serve`); mail-thread: the
        // worker thread both start to compose and send mail (src/main/mail/mail-thread.ts finds it).
        input: {
          index: resolve('src/main/index.ts'),
          host: resolve('src/main/host.ts'),
          'mail-thread': resolve('src/main/mail/thread.ts'),
        },
      },
    },
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve('src/preload/index.ts') } } },
  },
  renderer: {
    root: 'src/renderer',
    // Minified: browsers on the LAN download it, and the door laptop parses it at every start.
    build: { minify: true, rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react(), tailwindcss()],
  },
})
