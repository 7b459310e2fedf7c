import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandNames, eventNames } from '@shared/contract'

const FILE = resolve('src/shared/contract/names.ts')

/** The file's whole text for the contract as it is: `UPDATE_CONTRACT_NAMES=1 npx vitest run <this file>` writes it. */
function generated(): string {
  const list = (names: readonly string[]) => names.map((n) => `  '${n}'`).join(',\n')
  return `// Generated from the contract by test/unit/foundation/contract-names.test.ts — do not edit by hand:
// UPDATE_CONTRACT_NAMES=1 npx vitest run test/unit/foundation/contract-names.test.ts
// The preload needs the names alone; importing the contract would ship zod and every schema in it.

export const COMMAND_NAMES = [
${list(commandNames)}
] as const

export const EVENT_NAMES = [
${list(eventNames)}
] as const
`
}

describe('the names-only contract module', () => {
  it('lists exactly the contract commands and events', () => {
    if (process.env.UPDATE_CONTRACT_NAMES === '1') writeFileSync(FILE, generated())
    // A command added to the contract but not here would be refused by the preload as unknown.
    expect(readFileSync(FILE, 'utf8'), 'run: UPDATE_CONTRACT_NAMES=1 npx vitest run test/unit/foundation/contract-names.test.ts').toBe(generated())
  })
})
