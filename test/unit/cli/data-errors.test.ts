import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'

type ErrorJson = { error: { code: string; message: string } }

/** Nine levels of nine aliases each: 9^9 nodes once expanded ("billion laughs"). */
function aliasBomb(): string {
  const lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i < 9; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`
    )
  return lines.join('\n') + '\ncluster:\n  name: lab\n'
}

describe('wild: a broken data folder gets a specific error with the next step', () => {
  it('says config.yaml is a folder instead of EISDIR', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'instances', 'lab', 'config.yaml'), { recursive: true })
      const r = await runWild(['--data-dir', dir, '--instance', 'lab', '--json', 'config', 'get', 'cluster.name'])
      expect(r.code).toBe(1)
      const { error } = r.json() as ErrorJson
      expect(error.code).toBe('IO')
      expect(error.message).toContain('is a folder, not a file')
      expect(error.message).not.toContain('EISDIR')
      const list = await runWild(['--data-dir', dir, '--json', 'instance', 'list'])
      expect((list.json() as { error: string }[])[0]!.error).toContain('is a folder, not a file')
    })
  })

  it('says the data folder is a file instead of ENOTDIR', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'data')
      await writeFile(file, 'not a folder')
      for (const args of [
        ['instance', 'create', 'lab'],
        ['instance', 'list'],
        ['config', 'get', 'cluster.name']
      ]) {
        const r = await runWild(['--data-dir', file, '--json', ...args])
        expect(r.code, args.join(' ')).toBe(1)
        const { error } = r.json() as ErrorJson
        expect(error.code, args.join(' ')).toBe('IO')
        expect(error.message).toContain(`The data folder ${file} is a file`)
        expect(error.message).toContain('--data-dir')
      }
    })
  })

  it('refuses a YAML alias bomb in config.yaml as CONFIG_INVALID, saying why', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'instances', 'lab'), { recursive: true })
      await writeFile(join(dir, 'instances', 'lab', 'config.yaml'), aliasBomb())
      const r = await runWild(['--data-dir', dir, '--instance', 'lab', '--json', 'config', 'get', 'cluster.name'])
      expect(r.code).toBe(1)
      const { error } = r.json() as ErrorJson
      expect(error.code).toBe('CONFIG_INVALID')
      expect(error.message).toMatch(/aliases/)
      expect(error.message).toContain(join(dir, 'instances', 'lab', 'config.yaml'))
    })
  })

  it('fails fast with a clear error for a data folder where folders cannot be made (/proc/self)', async () => {
    const t0 = Date.now()
    const r = await runWild(['--data-dir', '/proc/self', '--json', 'instance', 'create', 'lab'], {}, 20_000)
    expect(Date.now() - t0).toBeLessThan(15_000)
    expect(r.code).toBe(1)
    const { error } = r.json() as ErrorJson
    expect(error.code).toBe('IO')
    expect(error.message).toContain('/proc/self/instances')
    expect(error.message).toContain('--data-dir')
  }, 30_000)
})
