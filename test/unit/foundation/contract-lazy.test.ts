import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { commandNames, contract } from '@shared/contract'
import { command } from '@shared/contract/types'

// Every `wild` run is a new process that runs one command: the contract's schemas are built when
// a command is dispatched, not when the contract is imported (bench: `npm run bench -- node-list`).
describe('contract commands build their schemas on first use', () => {
  it('every command of the contract is declared with command(), so reading the contract builds no schema', () => {
    const eager = commandNames.filter((name) => {
      const def = contract[name] as object
      return !['input', 'output'].every((key) => typeof Object.getOwnPropertyDescriptor(def, key)?.get === 'function')
    })
    expect(eager, 'declare these with command({ summary, input: () => …, output: () => … })').toEqual([])
  })

  it('builds each schema once, when it is first read, and keeps it', () => {
    const input = vi.fn(() => z.object({ instance: z.string() }).strict())
    const output = vi.fn(() => z.array(z.string()))
    const def = command({ summary: 'A test command', input, output })
    expect(def.summary).toBe('A test command')
    expect(input).not.toHaveBeenCalled()
    expect(output).not.toHaveBeenCalled()
    expect(def.input.parse({ instance: 'lab' })).toEqual({ instance: 'lab' })
    expect(def.input).toBe(def.input)
    expect(input).toHaveBeenCalledTimes(1)
    expect(output).not.toHaveBeenCalled()
    expect(def.output.safeParse([1]).success).toBe(false)
    expect(output).toHaveBeenCalledTimes(1)
  })

  it('still checks a command in and out through the dispatch', () => {
    expect(contract['nodes.list'].input.safeParse({ instance: 'Not A Name' }).success).toBe(false)
    expect(contract['nodes.list'].output.safeParse([]).success).toBe(true)
  })
})
