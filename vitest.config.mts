import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { aliases } from './scripts/aliases.mjs'

export default defineConfig({
  test: {
    // Two files at a time: most tests wait on child processes and timers, so a second worker
    // (vitest's default is cores - 1, one worker here) nearly halves the wall time.
    // Files that listen on loopback use their own ports and addresses for this.
    maxWorkers: 2,
    // Builds the simulated talosctl (out/lab/talosctl.js) when its sources changed.
    globalSetup: ['test/helpers/global-setup.ts'],
    projects: [
      {
        // Each project resolves the same import aliases as tsc and the bundlers.
        resolve: { alias: aliases() },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/lab/**/*.test.ts'],
          // lets vi.mock('electron') reach electron-store's own import of electron
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 30_000,
          hookTimeout: 30_000
        }
      },
      {
        plugins: [react()],
        resolve: { alias: aliases() },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts']
        }
      },
      {
        resolve: { alias: aliases() },
        // Real firmware (QEMU + iPXE + OVMF) booting from `wild pxe serve` in network namespaces:
        // needs root and Debian packages (scripts/ensure-netboot-deps.sh), minutes not seconds.
        // Its files run beside the others (each LAN has namespaces of its own): a project without
        // file parallelism runs after every other file, a minute and a half with one worker idle.
        test: {
          name: 'netboot',
          environment: 'node',
          include: ['test/netboot/**/*.test.ts'],
          testTimeout: 200_000,
          hookTimeout: 900_000
        }
      }
    ]
  }
})
