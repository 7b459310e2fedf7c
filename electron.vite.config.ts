import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { aliases } from './scripts/aliases.mjs'

// ESM-only dependencies cannot be require()d from the CommonJS main bundle, so they are bundled.
const esmOnly = ['execa', 'electron-store']

export default defineConfig({
  main: {
    resolve: { alias: aliases() },
    build: {
      externalizeDeps: { exclude: esmOnly },
      rollupOptions: { input: { index: resolve('src/main/index.ts') } }
    }
  },
  preload: {
    resolve: { alias: aliases() },
    build: {
      // A sandboxed preload cannot load chunks or ESM: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', inlineDynamicImports: true, entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: { alias: aliases() },
    plugins: [react(), tailwindcss()],
    build: {
      // Minified: the first screen's JavaScript is what the operator waits for at start-up.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
