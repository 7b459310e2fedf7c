import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manifestPath, VANILLA_SCHEMATIC_ID, type AssetSet } from '@core/assets/catalog'
import { manifestLockPath, readManifest, updateManifest } from '@core/assets/manifest'
import { withLock } from '@core/config/lock'
import { makeTempDir } from '../../helpers/tmp'

let pxe: string
const set: AssetSet = { schematicId: VANILLA_SCHEMATIC_ID, version: 'v1.11.5', arch: 'amd64' }
const entry = (sha: string) => ({
  url: 'http://127.0.0.1/x',
  size: 3,
  sha256: sha.repeat(64),
  downloadedAt: '2025-01-01T00:00:00.000Z',
  verifiedAt: null,
  corrupt: false,
  downloadedBy: null
})
const write = (value: unknown) => fs.writeFile(manifestPath(pxe, set), typeof value === 'string' ? value : JSON.stringify(value))

beforeEach(async () => {
  pxe = await makeTempDir()
  await fs.mkdir(join(pxe, `${set.schematicId}@${set.version}`, set.arch), { recursive: true })
})
afterEach(async () => {
  await fs.rm(pxe, { recursive: true, force: true })
})

describe('manifest.json', () => {
  it('reads missing, garbage or foreign manifests as empty, and drops only the entries that do not parse', async () => {
    expect((await readManifest(pxe, set)).assets).toEqual({})
    await write('{not json')
    expect((await readManifest(pxe, set)).assets).toEqual({})
    await write({ schemaVersion: 1, ...set, version: 'v1.10.0', assets: { kernel: entry('a') } })
    expect((await readManifest(pxe, set)).assets).toEqual({})
    await write({ schemaVersion: 1, ...set, assets: { kernel: entry('a'), iso: { ...entry('b'), sha256: 'zz' }, bogus: 1 } })
    expect((await readManifest(pxe, set)).assets).toEqual({ kernel: entry('a') })
  })

  it('writes only while holding the lock another process (here: another holder) has', async () => {
    let release!: () => void
    let entered!: () => void
    const inside = new Promise<void>((r) => (entered = r))
    const holder = withLock(manifestLockPath(pxe, set), async () => {
      entered()
      await new Promise<void>((r) => (release = r))
    })
    await inside
    let written = false
    const update = updateManifest(pxe, set, (m) => ({ ...m, assets: { ...m.assets, kernel: entry('c') } })).then(() => (written = true))
    await sleep(300)
    expect(written).toBe(false)
    release()
    await Promise.all([holder, update])
    expect((await readManifest(pxe, set)).assets.kernel?.sha256).toBe('c'.repeat(64))
  })
})
