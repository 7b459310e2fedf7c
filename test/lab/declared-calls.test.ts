import { describe, expect, it } from 'vitest'
import { DECLARED_CALLS } from '../../src/core/talos/calls'
import { callTalos, defineCall, type AnyCallDecl } from '../../src/core/talos/calls/define'
import { createTalosRunner } from '../../src/core/talos/runner'
import type { Lab } from '../../src/lab/lab'
import { checkArgs, parseFlags } from '../../src/lab/talosctl/args'
import { GLOBAL_FLAGS, type Command } from '../../src/lab/talosctl/command'
import { COMMANDS } from '../../src/lab/talosctl/commands'
import { runTalosctl } from '../../src/lab/talosctl/run'
import { twoNodeCluster } from './lab-helpers'

/**
 * Every talosctl call the core declares (src/core/talos/calls) must exist in the simulated lab:
 * its example arguments are matched against the lab's command table and its flag parser, and
 * the reads run against a bootstrapped lab and must parse with the declared output reader.
 */

const TIMING = { installDelayMs: 40, rebootDelayMs: 80, bootDelayMs: 20, healthStepMs: 5, logStepMs: 10 }

function labCommand(path: string[]): Command | undefined {
  return COMMANDS.find(
    (c) => c.path.length === path.length && c.path.every((w, i) => w === path[i] || (i === path.length - 1 && c.aliases?.includes(path[i]!)))
  )
}

/** Why the lab cannot take this declaration's example, or null when it can. */
function refusal(decl: AnyCallDecl): string | null {
  const command = labCommand(decl.lab)
  if (!command) return `no lab command "${decl.lab.join(' ')}" in src/lab/talosctl/commands.ts`
  const args = decl.args(decl.example)
  if (decl.lab.some((w, i) => args[i] !== w)) return `its arguments start with "${args.slice(0, decl.lab.length).join(' ')}", not "${decl.lab.join(' ')}"`
  try {
    const parsed = parseFlags(args.slice(decl.lab.length), [...command.flags, ...GLOBAL_FLAGS])
    checkArgs(command.args, parsed.args, command.path.join(' '))
  } catch (e) {
    return `the lab refuses ${args.join(' ')}: ${(e as Error).message}`
  }
  return null
}

/** The core's runner, with the lab's talosctl in-process and the lab folder as working directory. */
function labRunner(lab: Lab) {
  return createTalosRunner({
    talosctlPath: 'talosctl',
    defaultTimeoutMs: 20_000,
    exec: async (args, o) => {
      let stdout = ''
      let stderr = ''
      const exitCode = await runTalosctl([...args], {
        env: { ...lab.env, HOME: lab.home, ...o.env },
        stdout: { write: (s: string) => (o.onStdout ? o.onStdout(s) : (stdout += s)) },
        stderr: { write: (s: string) => ((stderr += s), o.onStderr?.(s)) },
        cwd: lab.dir,
        signal: o.signal
      })
      return { exitCode, stdout, stderr }
    }
  })
}

describe('declared talosctl calls', () => {
  it('lists every family (a declaration per call the core makes)', () => {
    const names = DECLARED_CALLS.map((d) => d.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of ['get', 'version', 'gen config', 'apply-config', 'health', 'reset', 'services', 'logs', 'etcd members', 'upgrade', 'upgrade-k8s']) {
      expect(names).toContain(name)
    }
  })

  it.each(DECLARED_CALLS.map((d) => [d.name, d] as const))('the lab implements %s', (_name, decl) => {
    expect(refusal(decl)).toBeNull()
  })

  it('fails for a declaration the lab does not implement', () => {
    const missing = defineCall({ name: 'time', lab: ['time'], args: () => ['time'], timeoutMs: 1000, output: () => undefined, example: {} })
    expect(refusal(missing)).toMatch(/no lab command "time"/)
    const wrongFlag = defineCall({
      name: 'services',
      lab: ['services'],
      args: () => ['services', '--no-such-flag'],
      timeoutMs: 1000,
      output: () => undefined,
      example: {}
    })
    expect(refusal(wrongFlag)).toMatch(/the lab refuses services --no-such-flag/)
  })

  it('reads run against a bootstrapped lab and parse with the declared output', async () => {
    const lab = await twoNodeCluster(TIMING)
    const runner = labRunner(lab)
    const reads = DECLARED_CALLS.filter((d) => d.labRead)
    expect(reads.length).toBeGreaterThan(0)
    for (const decl of reads) {
      const out: unknown = await callTalos(runner, decl, decl.example)
      expect(out, decl.name).toBeTruthy()
      if (Array.isArray(out)) expect(out.length, decl.name).toBeGreaterThan(0)
    }
  }, 30_000)
})
