import { describe, expect, it } from 'vitest'
import { EventGate } from '@main/ipc/event-gate'
import type { EventMessage } from '@shared/ipc'

describe('EventGate', () => {
  it('holds events until ready, then delivers them in order', () => {
    const sent: EventMessage[] = []
    const gate = new EventGate((m) => sent.push(m))
    gate.push({ name: 'a', payload: 1 })
    gate.push({ name: 'b', payload: 2 })
    expect(sent).toEqual([])
    gate.open()
    gate.push({ name: 'c', payload: 3 })
    expect(sent.map((m) => m.name)).toEqual(['a', 'b', 'c'])
  })

  it('queues again after a reload closes it', () => {
    const sent: string[] = []
    const gate = new EventGate((m) => sent.push(m.name))
    gate.open()
    gate.close()
    gate.push({ name: 'x', payload: null })
    expect(sent).toEqual([])
    expect(gate.pending).toBe(1)
    gate.open()
    expect(sent).toEqual(['x'])
  })

  it('bounds the queue, dropping the oldest', () => {
    const sent: number[] = []
    const gate = new EventGate((m) => sent.push(m.payload as number), 3)
    for (let i = 0; i < 5; i++) gate.push({ name: 'n', payload: i })
    gate.open()
    expect(sent).toEqual([2, 3, 4])
  })
})
