import { readFileSync, existsSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

const config = parse(readFileSync('electron-builder.yml', 'utf8'))

describe('packaging', () => {
  it('flips the Electron fuses that lock the app down', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false
    })
    expect(config.asar).toBe(true)
  })

  it('builds AppImage and deb on Linux and declares macOS and Windows targets', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target.length).toBeGreaterThan(0)
    expect(config.win.target.length).toBeGreaterThan(0)
  })

  it('ships only the built app, with its icons present', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']))
    expect(config.files.some((f: string) => f.startsWith('src'))).toBe(false)
    for (const size of [16, 32, 256, 512]) expect(existsSync(`build/icons/${size}x${size}.png`)).toBe(true)
  })

  it('ships the wild CLI with its chunks, and publishes no update feed until one is configured', () => {
    expect(config.extraResources).toEqual(expect.arrayContaining([{ from: 'out/cli', to: 'cli', filter: ['**/*'] }]))
    expect(config.publish).toBeNull()
    expect(readFileSync('electron-builder.yml', 'utf8')).toMatch(/#\s+provider: generic/)
  })

  it('lists in dependencies only what out/main loads at run time (the CLI and renderer are bundled)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
    for (const bundled of ['execa', 'electron-store', 'react']) expect(pkg.dependencies[bundled]).toBeUndefined()
    for (const runtime of ['pino', 'yazl', 'electron-updater', 'zod', 'commander']) expect(pkg.dependencies[runtime]).toBeDefined()
  })
})
