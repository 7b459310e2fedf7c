import { describe, expect, it } from 'vitest'
import { contract } from '@shared/contract'
import { withTempDir } from '../../helpers/tmp'
import { wildInProcess } from '../../helpers/cli-in-process'

const wild = wildInProcess

describe('node, ops, talos and diagnostics verbs speak the contract', () => {
  it('hardware.detect takes a null instance: a machine in maintenance mode is read without one', () => {
    expect(contract['hardware.detect'].input.parse({ instance: null, ip: '192.168.1.50' })).toEqual({ instance: null, ip: '192.168.1.50' })
  })

  it('node detect on a fresh data folder asks the machine without an instance, and refuses a bad address at the contract', async () => {
    await withTempDir(async (dir) => {
      const bad = await wild('--data-dir', dir, '--talosctl', `${dir}/none`, '--json', 'node', 'detect', '192.168.1.256')
      expect(bad.code).toBe(1)
      expect(JSON.parse(bad.stdout)).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('input to hardware.detect') } })
      // Got past the instance (there is none) to talosctl, which is missing here.
      const r = await wild('--data-dir', dir, '--talosctl', `${dir}/none`, '--json', 'node', 'detect', '192.168.1.50')
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'TALOSCTL_NOT_FOUND' } })
    })
  })

  it('node detect with --instance naming no instance says so', async () => {
    await withTempDir(async (dir) => {
      const r = await wild('--data-dir', dir, '--instance', 'nope', '--json', 'node', 'detect', '192.168.1.50')
      expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no instance named "nope"') } })
    })
  })

  it('ops list prints the readable and the unreadable operations in one list', async () => {
    await withTempDir(async (dir) => {
      expect((await wild('--data-dir', dir, 'instance', 'create', 'lab')).code).toBe(0)
      const empty = await wild('--data-dir', dir, 'ops', 'list')
      expect(empty).toMatchObject({ code: 0, stdout: 'No operations yet.\n' })
      expect(JSON.parse((await wild('--data-dir', dir, '--json', 'ops', 'list')).stdout)).toEqual([])
    })
  })
})
