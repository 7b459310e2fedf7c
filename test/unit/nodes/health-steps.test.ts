import { describe, expect, it } from 'vitest'
import { HEALTH_STEPS, runHealthAsSteps } from '@core/cluster/health-steps'
import { parseHealthLine } from '@core/talos/health'
import type { OperationHandle } from '@core/operations/types'
import { AppError } from '@shared/errors'

function recorder() {
  const events: string[] = []
  const op: Pick<OperationHandle, 'step' | 'skip' | 'log' | 'message'> = {
    async step(name, fn) {
      events.push(`start ${name}`)
      try {
        const v = await fn()
        events.push(`ok ${name}`)
        return v
      } catch (e) {
        events.push(`fail ${name}`)
        throw e
      }
    },
    skip: (name) => events.push(`skip ${name}`),
    log: (line) => events.push(`log ${line}`),
    message: () => {}
  }
  return { op, events }
}

const lines =
  (...ls: string[]) =>
  async (on: (e: ReturnType<typeof parseHealthLine>) => void) => {
    for (const l of ls) {
      on(parseHealthLine(l))
      await new Promise((r) => setTimeout(r, 1))
    }
  }

describe('health checks as steps', () => {
  it('turns each condition into a step that completes on its OK line, and skips the ones not run', async () => {
    const { op, events } = recorder()
    await runHealthAsSteps(
      op,
      lines(
        'discovered nodes: ["10.0.0.11"]',
        'waiting for etcd to be healthy: ...',
        'waiting for etcd to be healthy: etcd not running',
        'waiting for etcd to be healthy: OK',
        'waiting for apid to be ready: ...',
        'waiting for apid to be ready: OK'
      )
    )
    expect(events.filter((e) => !e.startsWith('skip'))).toEqual([
      'log Nodes in the health check: 10.0.0.11',
      'start Check: etcd to be healthy',
      'log etcd to be healthy: etcd not running',
      'ok Check: etcd to be healthy',
      'start Check: apid to be ready',
      'ok Check: apid to be ready'
    ])
    expect(events.filter((e) => e.startsWith('skip'))).toHaveLength(HEALTH_STEPS.length - 2)
  })

  it('fails the step that was running when talosctl gives up', async () => {
    const { op, events } = recorder()
    const err = new AppError('TIMEOUT', 'healthcheck error: context deadline exceeded')
    await expect(
      runHealthAsSteps(op, async (on) => {
        await lines('waiting for etcd to be healthy: ...')(on)
        throw err
      })
    ).rejects.toBe(err)
    expect(events).toContain('fail Check: etcd to be healthy')
    expect(events.some((e) => e.startsWith('skip'))).toBe(false)
  })
})
