import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

/** Bundles the child script into one CommonJS file (as scripts/build-node.mjs does for the CLI). */
export async function buildChild(outFile: string): Promise<string> {
  const input = resolve(dirname(fileURLToPath(import.meta.url)), 'config-child.ts')
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: input,
      target: 'node20',
      outDir: dirname(outFile),
      emptyOutDir: false,
      minify: false,
      rollupOptions: {
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { format: 'cjs', entryFileNames: outFile.split('/').pop() }
      }
    },
    ssr: { noExternal: true, target: 'node' }
  })
  return outFile
}
