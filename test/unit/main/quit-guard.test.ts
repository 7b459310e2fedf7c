import { describe, expect, it, vi } from 'vitest'
import { createQuitGuard, quitDecision, quitQuestion } from '@main/shell/quit-guard'

function guard(o: { running: number; answer?: 'stop' | 'keep'; stopMs?: number; maxWaitMs?: number }) {
  const calls: string[] = []
  let running = o.running
  const g = createQuitGuard({
    running: () => running,
    ask: vi.fn(async (n: number) => (calls.push(`ask ${n}`), o.answer ?? 'keep')),
    stop: async () => {
      calls.push('stop')
      await new Promise((r) => setTimeout(r, o.stopMs ?? 0))
      running = 0
      calls.push('stopped')
    },
    exit: () => void calls.push('exit'),
    kept: () => void calls.push('kept'),
    maxWaitMs: o.maxWaitMs
  })
  const prevent = vi.fn()
  return { calls, quit: () => g(prevent), prevent }
}

describe('quit while operations run', () => {
  it('decides: quit when idle, ask when running, wait while stopping', () => {
    expect(quitDecision({ running: 0, stopping: false })).toBe('quit')
    expect(quitDecision({ running: 2, stopping: false })).toBe('ask')
    expect(quitDecision({ running: 2, stopping: true })).toBe('wait')
    expect(quitQuestion(2)).toMatchObject({ message: '2 operations are running', buttons: ['Keep running', 'Stop them and quit'] })
    expect(quitQuestion(1).message).toBe('1 operation is running')
  })

  it('quits without asking when nothing runs, after the core closed', async () => {
    const g = guard({ running: 0 })
    await g.quit()
    expect(g.calls).toEqual(['stop', 'stopped', 'exit'])
  })

  it('keeps running when the operator says so', async () => {
    const g = guard({ running: 3, answer: 'keep' })
    await g.quit()
    expect(g.prevent).toHaveBeenCalled()
    expect(g.calls).toEqual(['ask 3', 'kept'])
  })

  it('on "stop", cancels and waits for the operations before exiting', async () => {
    const g = guard({ running: 1, answer: 'stop', stopMs: 50 })
    await g.quit()
    expect(g.calls).toEqual(['ask 1', 'stop', 'stopped', 'exit'])
  })

  it('exits after the bounded wait even if the operations do not stop', async () => {
    const g = guard({ running: 1, answer: 'stop', stopMs: 5_000, maxWaitMs: 30 })
    const t = Date.now()
    await g.quit()
    expect(Date.now() - t).toBeLessThan(2_000)
    expect(g.calls).toEqual(['ask 1', 'stop', 'exit'])
  })

  it('does not ask twice while stopping (a second Quit)', async () => {
    const g = guard({ running: 1, answer: 'stop', stopMs: 50 })
    await Promise.all([g.quit(), g.quit()])
    expect(g.calls.filter((c) => c.startsWith('ask'))).toHaveLength(1)
  })
})
