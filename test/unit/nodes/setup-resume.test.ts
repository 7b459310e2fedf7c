import { describe, expect, it } from 'vitest'
import { earlierWaitStart, interruptedReason, WAIT_STEP } from '@core/cluster/setup-resume'
import { canTransition } from '@core/nodes/state'
import type { Operation } from '@shared/contract/operations'

describe('resuming an interrupted setup', () => {
  it('interrupted is reachable from every state and leads anywhere setup goes', () => {
    for (const s of ['added', 'configured', 'applying', 'installing', 'ready', 'failed'] as const) {
      expect(canTransition(s, 'interrupted')).toBe(true)
      expect(canTransition('interrupted', s)).toBe(true)
    }
  })

  it('says the machine keeps installing only once it has its configuration', () => {
    expect(interruptedReason(true)).toMatch(/^Stopped waiting — the machine keeps installing/)
    expect(interruptedReason(false)).not.toMatch(/keeps installing/)
  })

  it('a resumed wait starts when the stopped one did, never at the resume', () => {
    const step = (status: string, startedAt: string | null) => ({ name: WAIT_STEP, status, startedAt, endedAt: null, message: null })
    const op = (id: string, startedAt: string, status: string, waitStatus: string, waitStart: string | null) =>
      ({ id, type: 'setup', target: 'cp-1', status, startedAt, steps: [step(waitStatus, waitStart)] }) as unknown as Operation
    const first = op('op_1', '2026-01-01T10:00:00.000Z', 'cancelled', 'cancelled', '2026-01-01T10:01:00.000Z')
    expect(earlierWaitStart([first, op('op_2', '2026-01-01T10:05:00.000Z', 'running', 'pending', null)], 'cp-1', 'op_2')).toBe('2026-01-01T10:01:00.000Z')
    // A failed earlier run, or another node's run, is not continued.
    expect(earlierWaitStart([{ ...first, status: 'failed' }], 'cp-1', 'op_2')).toBeNull()
    expect(earlierWaitStart([{ ...first, target: 'cp-2' }], 'cp-1', 'op_2')).toBeNull()
  })
})
