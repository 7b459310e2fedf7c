import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EventBus } from '@core/event-bus'
import { createOperationsRegistry } from '@core/operations/registry'
import { createOperation, finish } from '@core/operations/state'
import { makeTempDir } from '../../helpers/tmp'

let dir: string
const opsDir = () => join(dir, 'instances', 'home', 'operations')
const good = (id: string, instance = 'home') =>
  JSON.stringify(
    finish(
      createOperation({ id, type: 'verify', instance, target: 't', steps: [], now: new Date().toISOString() }),
      { status: 'completed', message: 'ok' },
      new Date().toISOString()
    )
  )

beforeEach(async () => {
  dir = await makeTempDir()
  await fs.mkdir(opsDir(), { recursive: true })
})
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

describe('unreadable op files', () => {
  it('each says why, list() leaves them out, get() says unreadable (IO) instead of not found', async () => {
    const files: Record<string, string> = {
      op_verify_ok: good('op_verify_ok'),
      op_verify_empty: '',
      op_verify_cut: good('op_verify_cut').slice(0, 40),
      op_verify_shape: JSON.stringify({ id: 'op_verify_shape', status: 'exploded' }),
      op_verify_other: good('op_verify_other', 'elsewhere'),
      op_verify_renamed: good('op_verify_original')
    }
    for (const [id, text] of Object.entries(files)) await fs.writeFile(join(opsDir(), `${id}.json`), text)
    const ops = createOperationsRegistry({ dataDir: dir, events: new EventBus() })

    expect((await ops.list('home')).map((o) => o.id)).toEqual(['op_verify_ok'])
    const bad = Object.fromEntries((await ops.unreadable('home')).map((u) => [u.id, u.reason]))
    expect(bad).toEqual({
      op_verify_cut: expect.stringMatching(/^not valid JSON, probably cut short/),
      op_verify_empty: 'the file is empty',
      op_verify_other: 'it records instance "elsewhere", not "home"',
      op_verify_renamed: "it records the id op_verify_original, not the file's name",
      op_verify_shape: expect.stringMatching(/^not an operation record \(/)
    })
    await expect(ops.get('home', 'op_verify_cut')).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(/op_verify_cut is unreadable: not valid JSON.*op_verify_cut\.json.*wild ops cleanup/)
    })
    await expect(ops.get('home', 'op_verify_absent')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await ops.close()
  })
})
