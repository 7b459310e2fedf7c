import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { describe, expect, it, vi } from 'vitest'
import * as yaml from 'yaml'
import { CONFIG_SCHEMA_FINGERPRINT, configCacheFile } from '@core/config/read-cache'
import { ConfigFile } from '@core/config/schema'
import { withTempDir } from '../../helpers/tmp'
import { COMMENTED, makeInstance } from './helpers'

vi.mock('yaml', async (orig) => {
  const real = await orig<typeof import('yaml')>()
  return { ...real, parseDocument: vi.fn(real.parseDocument) }
})

describe('config read cache', () => {
  it('answers an unchanged config.yaml without parsing YAML, with the same config', async () => {
    await withTempDir(async (dir) => {
      const { store } = await makeInstance(dir, 'lab', COMMENTED)
      const first = await store.read('lab')
      expect(JSON.parse(await readFile(configCacheFile(dir, 'lab'), 'utf8'))).toMatchObject({ config: first.config })
      vi.mocked(yaml.parseDocument).mockClear()
      const second = await store.read('lab')
      expect(yaml.parseDocument).not.toHaveBeenCalled()
      expect(second.config).toEqual(first.config)
      // The document is still there for whoever asks (parsed then, on demand).
      expect(second.doc.toString()).toBe(first.doc.toString())
    })
  })

  it('misses as soon as the text changes, even to a same-sized edit outside the app', async () => {
    await withTempDir(async (dir) => {
      const { store, file } = await makeInstance(dir, 'lab', COMMENTED)
      await store.read('lab')
      await writeFile(file, COMMENTED.replace('10.5.0.10', '10.5.0.12'))
      expect((await store.read('lab')).config.cluster?.nodes?.control?.vip).toBe('10.5.0.12')
    })
  })

  it('ignores a damaged or foreign cache file and still refuses an invalid config', async () => {
    await withTempDir(async (dir) => {
      const { store, file } = await makeInstance(dir, 'lab', COMMENTED)
      await store.read('lab')
      await writeFile(configCacheFile(dir, 'lab'), '{not json')
      expect((await store.read('lab')).config.cluster?.name).toBe('lab')
      // A cache entry forged for a broken text is never trusted: the key is the text's hash.
      await writeFile(file, 'cluster: [')
      await expect(store.read('lab')).rejects.toMatchObject({ code: 'CONFIG_INVALID' })
    })
  })

  it('is keyed by the schema too: a change to ConfigFile must update the fingerprint', () => {
    const now = createHash('sha256')
      .update(JSON.stringify(z.toJSONSchema(ConfigFile, { io: 'input', unrepresentable: 'any' })))
      .digest('hex')
      .slice(0, 16)
    expect(CONFIG_SCHEMA_FINGERPRINT, `ConfigFile changed: set CONFIG_SCHEMA_FINGERPRINT to '${now}'`).toBe(now)
  })
})
