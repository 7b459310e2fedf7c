import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { commandNames, contract } from '@shared/contract'
import { buildProgram } from '@cli/program'
import { verbTable } from '@cli/verbs/table'
import { CLI_ONLY } from '@cli/verbs/cli-only'
import { withTempDir } from '../../helpers/tmp'
import { wildInProcess } from '../../helpers/cli-in-process'

/** Every leaf verb of `wild`, as its words joined by spaces. */
function leafVerbs(cmd: Command, path: string[] = []): string[] {
  return cmd.commands.flatMap((c) => (c.commands.length === 0 ? [[...path, c.name()].join(' ')] : leafVerbs(c, [...path, c.name()])))
}

/** Every command of `wild`, groups and verbs with verbs under them (`diagnostics`, `diagnostics bundle`) included. */
function allCommands(cmd: Command, path: string[] = []): string[] {
  return cmd.commands.flatMap((c) => [[...path, c.name()].join(' '), ...allCommands(c, [...path, c.name()])])
}

const entries = Object.entries(verbTable)
const pathOf = (e: (typeof entries)[number][1]) => ('path' in e ? e.path.join(' ') : null)

describe('the CLI speaks the contract', () => {
  it('has an entry for every contract command, and none for a command the contract lacks', () => {
    expect(Object.keys(verbTable).sort()).toEqual([...commandNames].sort())
  })

  it('names a contract command (or a reason in CLI_ONLY) for every wild verb, and a real verb for every entry', () => {
    const verbs = leafVerbs(buildProgram()).filter((v) => v !== 'help')
    const claimed = new Set([...entries.map(([, e]) => pathOf(e)).filter((p): p is string => p !== null), ...Object.keys(CLI_ONLY)])
    expect(verbs.filter((v) => !claimed.has(v))).toEqual([])
    const commands = allCommands(buildProgram())
    expect([...claimed].filter((v) => !commands.includes(v))).toEqual([])
  })

  it('lets no hand-written verb reach the core: src/cli/commands uses a session (the dispatch), never coreFor or a core import', () => {
    const dir = 'src/cli/commands'
    const reaching = readdirSync(dir).flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => /\b(coreFor|instanceFor)\b/.test(l) || (/^import (?!type )/.test(l) && /from '(@core|@main|[./]+\/(core|main))[/']/.test(l)))
        .map((l) => `${f}: ${l}`)
    )
    expect(reaching).toEqual([])
  })

  it('gives each dispatched verb a path of its own', () => {
    const paths = entries.filter(([, e]) => e.kind === 'verb').map(([, e]) => pathOf(e))
    expect(new Set(paths).size).toBe(paths.length)
  })
})

describe('a verb runs through the dispatch', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    process.exitCode = undefined
  })

  const wild = wildInProcess

  it('prints exactly the contract output under --json, and the human text without it', async () => {
    await withTempDir(async (dir) => {
      const created = await wild('--data-dir', dir, '--json', 'instance', 'create', 'alpha')
      expect(created.code).toBe(0)
      const out = JSON.parse(created.stdout)
      expect(contract['instances.create'].output.parse(out)).toEqual(out)
      expect(Object.keys(out)).toEqual(Object.keys(contract['instances.create'].output.parse(out)))

      const machines = await wild('--data-dir', dir, '--json', 'machines', 'list')
      expect(JSON.parse(machines.stdout)).toEqual({ machines: [], count: 0, scannedAt: null, scanning: false })

      const human = await wild('--data-dir', dir, 'instance', 'list')
      expect(human.stdout).toMatch(/^\s+NAME\s+CLUSTER\s+NODES\s+STATE\n\*\s+alpha/)
    })
  })

  it('refuses a bad input once, at the contract, as a VALIDATION error with exit 1', async () => {
    await withTempDir(async (dir) => {
      const r = await wild('--data-dir', dir, '--json', 'instance', 'create', 'Not A Name')
      expect(r.code).toBe(1)
      expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('input to instances.create') } })
    })
  })
})
