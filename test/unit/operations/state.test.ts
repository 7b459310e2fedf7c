import { describe, expect, it } from 'vitest'
import { Operation } from '@shared/contract/operations'
import { selectForCleanup } from '@core/operations/cleanup'
import { compactTimestamp, newOperationId } from '@core/operations/ids'
import { STALE_AFTER_MS, whyAbandoned } from '@core/operations/liveness'
import { nextRate } from '@core/operations/rate'
import { appendLog, clampPercent, createOperation, endStep, finish, interruptedMessage, skipStep, startStep } from '@core/operations/state'
import { OperationId } from '@shared/schemas/common'

const T0 = '2025-01-02T03:04:05.000Z'
const base = () => createOperation({ id: 'op_setup_20250102030405_abc', type: 'setup', instance: 'home', target: 'cp-1', steps: ['A', 'B', 'C'], now: T0 })

describe('operation ids', () => {
  it('reads op_<type>_<yyyymmddhhmmss>_<random> and passes the OperationId schema', () => {
    const id = newOperationId('discover', new Date(T0), () => 'x1y2z3')
    expect(id).toBe('op_discover_20250102030405_x1y2z3')
    expect(OperationId.safeParse(id).success).toBe(true)
    expect(OperationId.safeParse(newOperationId('download', new Date())).success).toBe(true)
  })
  it('formats the timestamp in UTC', () => {
    expect(compactTimestamp(new Date('1999-12-31T23:59:58.999Z'))).toBe('19991231235958')
  })
})

describe('operation state transitions', () => {
  it('shows planned steps as pending before they run and validates against the contract schema', () => {
    const op = base()
    expect(op.steps.map((s) => [s.name, s.status])).toEqual([
      ['A', 'pending'],
      ['B', 'pending'],
      ['C', 'pending']
    ])
    expect(Operation.safeParse(op).success).toBe(true)
  })

  it('records the current step, its start and its end', () => {
    let op = startStep(base(), 'A', '2025-01-02T03:04:06.000Z')
    expect(op).toMatchObject({ currentStep: 'A', currentStepStartedAt: '2025-01-02T03:04:06.000Z', message: 'A…' })
    op = endStep(op, 'A', 'completed', '2025-01-02T03:04:07.000Z')
    expect(op.currentStep).toBeNull()
    expect(op.steps[0]).toMatchObject({ status: 'completed', startedAt: '2025-01-02T03:04:06.000Z', endedAt: '2025-01-02T03:04:07.000Z' })
  })

  it('appends an unplanned step at the end', () => {
    const op = startStep(base(), 'Extra', T0)
    expect(op.steps.map((s) => s.name)).toEqual(['A', 'B', 'C', 'Extra'])
  })

  it('keeps the newest running step current when steps run side by side', () => {
    let op = startStep(startStep(base(), 'A', T0), 'B', T0)
    op = endStep(op, 'B', 'completed', T0)
    expect(op.currentStep).toBe('A')
  })

  it('marks a skipped step with its reason', () => {
    expect(skipStep(base(), 'B', 'already applied', T0).steps[1]).toMatchObject({ status: 'skipped', message: 'already applied' })
  })

  it.each([
    [{ status: 'completed', message: 'Done' } as const, 'completed', 'completed', 100],
    [{ status: 'failed', error: { code: 'TIMEOUT', message: 'x timed out' }, failedStep: 'A' } as const, 'failed', 'failed', 0],
    [{ status: 'cancelled', message: 'Cancelled by the operator.' } as const, 'cancelled', 'cancelled', 0],
    [{ status: 'interrupted', message: 'stopped' } as const, 'interrupted', 'cancelled', 0]
  ])('finishing as %o gives status %s, the running step %s', (final, status, stepStatus, progress) => {
    const op = finish(startStep(base(), 'A', T0), final, '2025-01-02T03:05:00.000Z')
    expect(op.status).toBe(status)
    expect(op.steps[0]!.status).toBe(stepStatus)
    expect(op.steps[1]!.status).toBe('pending')
    expect(op.progress).toBe(progress)
    expect(op.currentStep).toBeNull()
    expect(op.endedAt).toBe('2025-01-02T03:05:00.000Z')
    expect(Operation.safeParse(op).success).toBe(true)
  })

  it('puts the failed step and the error on a failed op', () => {
    const op = finish(base(), { status: 'failed', error: { code: 'NODE_UNREACHABLE', message: 'no answer' }, failedStep: 'B' }, T0)
    expect(op).toMatchObject({ failedStep: 'B', error: { code: 'NODE_UNREACHABLE', message: 'no answer' }, message: 'no answer' })
  })

  it('says where an interrupted op stopped', () => {
    expect(interruptedMessage(startStep(base(), 'Apply configuration', T0))).toMatch(/during "Apply configuration".*run it again/)
  })

  it.each([
    [50, 50],
    [-3, 0],
    [140, 100],
    [Number.NaN, null]
  ])('clamps progress %s to %s', (input, out) => expect(clampPercent(input)).toBe(out))
})

describe('log tail', () => {
  it.each([
    [[], 'one', 3, ['one']],
    [['a', 'b'], 'c\nd', 3, ['b', 'c', 'd']],
    [['a'], 'x\r\ny\n\n', 5, ['a', 'x', 'y']],
    [[], 'z'.repeat(5000), 2, ['z'.repeat(2000) + '…']]
  ])('appending to %o the text %j with max %i keeps %o', (tail, text, max, expected) => {
    expect(appendLog(tail, text, max)).toEqual(expected)
  })
})

describe('byte rate', () => {
  it('starts unknown, then follows a steady rate', () => {
    let s = nextRate(null, 0, 0)
    expect(s.rate).toBeNull()
    for (let t = 500; t <= 10_000; t += 500) s = nextRate(s, t * 1000, t) // 1 MB/s
    expect(s.rate).toBeCloseTo(1_000_000, -3)
  })
  it('ignores samples closer than 200 ms and restarts when the counter goes back', () => {
    const s = nextRate(nextRate(null, 0, 0), 1000, 1000)
    expect(nextRate(s, 5000, 1050)).toBe(s)
    expect(nextRate(s, 10, 2000).rate).toBeNull()
  })
  it('smooths a spike instead of jumping to it', () => {
    let s = nextRate(null, 0, 0)
    for (let t = 1000; t <= 5000; t += 1000) s = nextRate(s, t / 10, t) // 100 B/s
    s = nextRate(s, 500 + 10_000, 6000) // one second at 10 kB/s
    expect(s.rate!).toBeGreaterThan(100)
    expect(s.rate!).toBeLessThan(10_000)
  })
})

describe('liveness of an op on disk', () => {
  const now = 1_000_000
  it.each([
    ['held by a registry here', { owner: null, heldHere: true }, null],
    ['no owner recorded (hand-written or old file)', { owner: null, heldHere: false }, /no process owns it/],
    ['owned by this pid but held by no registry', { owner: { pid: 10, heartbeatAt: now }, heldHere: false }, /pid 10.*gone/],
    ['owner alive with a fresh heartbeat', { owner: { pid: 99, heartbeatAt: now - 1000 }, heldHere: false }, null],
    ['owner dead', { owner: { pid: 98, heartbeatAt: now - 1000 }, heldHere: false }, /pid 98\) is no longer running/],
    ['owner alive but heartbeat stale', { owner: { pid: 99, heartbeatAt: now - STALE_AFTER_MS - 1 }, heldHere: false }, /pid 99\) sent no heartbeat for 30 s/],
    [
      'owner alive, silent past three of the heartbeats it promised',
      { owner: { pid: 99, heartbeatAt: now - 1300, heartbeatMs: 400 }, heldHere: false },
      /no heartbeat/
    ],
    ['owner alive, within three of the heartbeats it promised', { owner: { pid: 99, heartbeatAt: now - 1100, heartbeatMs: 400 }, heldHere: false }, null]
  ])('%s → %s', (_name, input, why) => {
    const got = whyAbandoned({ ...input, ownPid: 10, now, alive: (pid) => pid === 99 })
    if (why === null) expect(got).toBeNull()
    else expect(got).toMatch(why)
  })
})

describe('cleanup selection', () => {
  const day = 24 * 3600 * 1000
  const now = Date.parse('2025-03-01T00:00:00Z')
  const mk = (id: string, daysAgo: number, status: Operation['status']) => ({
    ...base(),
    id,
    status,
    startedAt: new Date(now - daysAgo * day).toISOString(),
    endedAt: status === 'running' ? null : new Date(now - daysAgo * day + 1000).toISOString()
  })
  const ops = [mk('op_a', 1, 'completed'), mk('op_b', 10, 'failed'), mk('op_c', 40, 'running'), mk('op_d', 30, 'cancelled'), mk('op_e', 5, 'interrupted')]

  it.each([
    [{ olderThanDays: 7 }, ['op_b', 'op_d']],
    [{ keep: 2 }, ['op_b', 'op_d']],
    [{ keep: 0 }, ['op_a', 'op_e', 'op_b', 'op_d']],
    [{ olderThanDays: 20, keep: 3 }, ['op_d']],
    [{}, []]
  ])('with %o removes %o and never a running op', (options, expected) => {
    expect(selectForCleanup(ops, now, options).sort()).toEqual([...expected].sort())
  })
})
