import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES } from '@shared/contract/names'
import { OperationType, type Operation } from '@shared/contract/operations'
import { OPERATION_AFFECTS, operationAffects } from '@shared/operation-affects'
import { applyEvent } from '@renderer/api/events'

/** The shared table says what each operation changes; the renderer only follows it. */

describe('operation affects', () => {
  it('names, for every operation type, command families or commands that exist', () => {
    for (const type of OperationType.options) {
      const affects = operationAffects(type)
      expect(affects.length, type).toBeGreaterThan(0)
      for (const a of affects)
        expect(
          COMMAND_NAMES.some((c) => c === a || (a.endsWith('.') && c.startsWith(a))),
          `${type}: ${a}`
        ).toBe(true)
    }
    expect(Object.keys(OPERATION_AFFECTS).sort()).toEqual([...OperationType.options].sort())
  })

  it('a finished operation refreshes what the table names and nothing else', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const keys = [
      ['nodes.list', { instance: 'a' }],
      ['cluster.status', { instance: 'a' }],
      ['assets.list', {}],
      ['instances.list', {}]
    ] as const
    for (const k of keys) qc.setQueryData([...k], { v: 1 })
    const op = { id: 'reset-1', type: 'reset', instance: 'a', status: 'completed' } as unknown as Operation
    applyEvent(qc, 'operation.updated', op)
    await Promise.resolve()
    const stale = keys.filter((k) => qc.getQueryState([...k])?.isInvalidated).map((k) => k[0])
    expect(stale.sort()).toEqual(['instances.list', 'nodes.list'])
  })
})
