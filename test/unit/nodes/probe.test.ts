import { describe, expect, it } from 'vitest'
import { probeMachine, type ProbeTalos } from '@core/cluster/probe'
import { AppError, type ErrorCode } from '@shared/errors'

type Answer = 'maintenance' | 'ours' | ErrorCode

/** A machine that answers insecure and secure calls as scripted; records the calls made. */
function machine(insecure: Answer, secure: Answer) {
  const calls: string[] = []
  const answer = (a: Answer, value: () => unknown) => {
    if (a === 'maintenance' || a === 'ours') return Promise.resolve(value())
    return Promise.reject(new AppError(a, a))
  }
  const talos = {
    machineStatus: (o: { insecure?: boolean }) => {
      calls.push(o.insecure ? 'status --insecure' : 'status')
      return answer(o.insecure ? insecure : secure, () => ({ spec: { stage: o.insecure ? 'maintenance' : 'running' } }))
    },
    version: () => {
      calls.push('version')
      return answer(secure, () => ({ client: null, servers: [{ tag: 'v1.11.6' }] }))
    }
  } as unknown as ProbeTalos
  return { talos, calls }
}

describe('who answers at an address', () => {
  it.each<[string, Answer, Answer, string | null, string]>([
    ['a machine in maintenance mode', 'maintenance', 'CERT_OR_AUTH', '/t', 'maintenance'],
    ['our configured machine', 'NOT_IN_MAINTENANCE', 'ours', '/t', 'ours'],
    ["another cluster's machine", 'NOT_IN_MAINTENANCE', 'CERT_OR_AUTH', '/t', 'foreign'],
    ['a configured machine before we have credentials', 'NOT_IN_MAINTENANCE', 'ours', null, 'foreign'],
    ['nothing (refused or no route)', 'NODE_UNREACHABLE', 'NODE_UNREACHABLE', '/t', 'unreachable'],
    ['a machine too slow to answer', 'TIMEOUT', 'TIMEOUT', '/t', 'unreachable']
  ])('%s', async (_name, insecure, secure, talosconfig, kind) => {
    expect((await probeMachine(machine(insecure, secure).talos, '10.0.0.5', talosconfig)).kind).toBe(kind)
  })

  it('asks with credentials first when the machine should be ours: one call', async () => {
    const m = machine('NOT_IN_MAINTENANCE', 'ours')
    expect(await probeMachine(m.talos, '10.0.0.5', '/t', { expectOurs: true })).toEqual({ kind: 'ours', stage: null, version: 'v1.11.6' })
    expect(m.calls).toEqual(['version'])
  })

  it('falls back to the insecure ladder when the credentials are refused', async () => {
    const m = machine('maintenance', 'CERT_OR_AUTH')
    expect((await probeMachine(m.talos, '10.0.0.5', '/t', { expectOurs: true })).kind).toBe('maintenance')
    expect(m.calls).toEqual(['version', 'status --insecure'])
  })

  it('passes other failures on', async () => {
    await expect(probeMachine(machine('CANCELLED', 'ours').talos, '10.0.0.5', '/t')).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
