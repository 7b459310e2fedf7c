import { describe, expect, it } from 'vitest'
import type { Lab } from '../../src/lab/lab'
import { preset } from '../../src/lab/machines'
import { eventually, newLab, run, sleep } from './lab-helpers'

/**
 * `talosctl services`, `logs`, `dmesg`, `reboot`, `shutdown`, `etcd remove-member` and
 * `etcd leave` against the Talos docs' shapes: the services table, "<node>: " prefixed log and
 * kernel lines, follow streaming until stopped, and etcd's refusals.
 */

const TIMING = { installDelayMs: 60, rebootDelayMs: 150, bootDelayMs: 40, healthStepMs: 10, logStepMs: 20 }
const CPS = ['127.0.10.21', '127.0.10.22', '127.0.10.23']
const WORKER = '127.0.10.24'

/** Three control planes and a worker, bootstrapped on the first. */
async function cluster(timing: typeof TIMING = TIMING): Promise<Lab> {
  const machines = [
    ...CPS.map((ip, i) => preset('nvme-mini-pc', { id: `cp-${i + 1}`, ip, hostname: `cp-${i + 1}` })),
    preset('nvme-mini-pc', { id: 'w-1', ip: WORKER, hostname: 'w-1' })
  ]
  const lab = await newLab({ machines, timing })
  expect((await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.21:6443', '-o', 'o', '--install-disk', '/dev/nvme0n1'])).exitCode).toBe(0)
  for (const ip of CPS) expect((await run(lab, ['apply-config', '-i', '-n', ip, '-f', 'o/controlplane.yaml'])).exitCode).toBe(0)
  expect((await run(lab, ['apply-config', '-i', '-n', WORKER, '-f', 'o/worker.yaml'])).exitCode).toBe(0)
  for (const id of ['cp-1', 'cp-2', 'cp-3', 'w-1']) await eventually(async () => ((await lab.machineById(id))?.stage === 'running' ? true : undefined))
  expect((await secure(lab, CPS[0]!, 'bootstrap')).exitCode).toBe(0)
  return lab
}

const secure = (lab: Lab, node: string, ...a: string[]) => run(lab, ['--talosconfig', 'o/talosconfig', '-e', CPS[0]!, '-n', node, ...a])

async function memberIds(lab: Lab): Promise<Map<string, string>> {
  const r = await secure(lab, CPS[0]!, 'etcd', 'members')
  expect(r.exitCode).toBe(0)
  return new Map(
    r.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => {
        const c = l.split(/\s{2,}/)
        return [c[2]!, c[1]!]
      })
  )
}

describe('talosctl services (lab)', () => {
  it('prints the documented table: etcd and trustd on a control plane only', async () => {
    const lab = await cluster()
    const r = await secure(lab, `${CPS[0]},${WORKER}`, 'services')
    expect(r.exitCode).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['NODE', 'SERVICE', 'STATE', 'HEALTH', 'LAST CHANGE', 'LAST EVENT'])
    expect(lines.find((l) => l.startsWith(CPS[0]!) && / etcd /.test(l))).toMatch(
      /^127\.0\.10\.21\s+etcd\s+Running\s+OK\s+(\d+h)?(\d+m)?\d+s ago\s+Health check successful$/
    )
    expect(lines.find((l) => / machined /.test(l))).toMatch(/Running\s+\?\s+.*Service started as goroutine$/)
    expect(lines.filter((l) => l.startsWith(WORKER)).some((l) => / (etcd|trustd) /.test(l))).toBe(false)
    expect(lines.filter((l) => l.startsWith(WORKER)).some((l) => / kubelet /.test(l))).toBe(true)
  }, 20_000)

  it('an unreachable node fails with the dial error', async () => {
    const lab = await cluster()
    await lab.setFaults('w-1', { unreachable: 'refused' })
    const r = await secure(lab, WORKER, 'services')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain(
      `* ${WORKER}: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${WORKER}:50000: connect: connection refused"`
    )
  }, 20_000)
})

describe('talosctl logs / dmesg (lab)', () => {
  it('prints "<node>: " prefixed lines of the service, --tail limits them', async () => {
    const lab = await cluster()
    const r = await secure(lab, CPS[0]!, 'logs', 'etcd', '--tail', '5')
    expect(r.exitCode).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(5)
    for (const l of lines) expect(l).toMatch(/^127\.0\.10\.21: \{"level":"info","ts":"[^"]+","caller":"etcdserver\//)
    const kubelet = await secure(lab, CPS[0]!, 'logs', 'kubelet')
    expect(kubelet.stdout.split('\n')[0]).toMatch(/^127\.0\.10\.21: I\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ kubelet\.go:\d+\] "/)
  }, 20_000)

  it('-f keeps streaming new lines until stopped', async () => {
    const lab = await cluster()
    const ac = new AbortController()
    const pending = secureSignal(lab, ac.signal, 'logs', '-f', '--tail', '0', 'machined')
    await sleep(200)
    ac.abort()
    const r = await pending
    expect(r.exitCode).toBe(130)
    expect(r.stdout.trimEnd().split('\n').length).toBeGreaterThanOrEqual(3)
    expect(r.stdout).toMatch(/^127\.0\.10\.21: \[talos\] /)
  }, 20_000)

  it('dmesg prints kernel lines in the documented format', async () => {
    const lab = await cluster()
    const r = await secure(lab, CPS[1]!, 'dmesg')
    expect(r.exitCode).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(/^127\.0\.10\.22: kern: {4}info: \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z\]: Linux version /)
  }, 20_000)

  it('logs needs exactly one argument', async () => {
    const lab = await cluster()
    const r = await secure(lab, CPS[0]!, 'logs')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^accepts 1 arg\(s\), received 0/)
  }, 20_000)
})

function secureSignal(lab: Lab, signal: AbortSignal, ...a: string[]) {
  return run(lab, ['--talosconfig', 'o/talosconfig', '-e', CPS[0]!, '-n', CPS[0]!, ...a], { signal })
}

describe('talosctl reboot / shutdown (lab)', () => {
  it('a rebooted node is unreachable, then comes back running', async () => {
    // Down for 2 s: the call that finds it down is a new process, which a busy machine may take longer than 150 ms to start.
    const lab = await cluster({ ...TIMING, rebootDelayMs: 2000 })
    expect((await secure(lab, WORKER, 'reboot')).exitCode).toBe(0)
    const during = await secure(lab, WORKER, 'services')
    expect(during.stderr).toContain('connect: no route to host')
    await eventually(async () => ((await secure(lab, WORKER, 'services')).exitCode === 0 ? true : undefined))
    await eventually(async () => ((await lab.machineById('w-1'))?.stage === 'running' ? true : undefined))
  }, 20_000)

  it('a shut-down node stays unreachable', async () => {
    const lab = await cluster()
    expect((await secure(lab, WORKER, 'shutdown')).exitCode).toBe(0)
    await sleep(TIMING.rebootDelayMs + TIMING.bootDelayMs + 50)
    const r = await secure(lab, WORKER, 'services')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('connect: no route to host')
  }, 20_000)
})

describe('talosctl etcd remove-member / leave (lab)', () => {
  it('remove-member drops the member from the list', async () => {
    const lab = await cluster()
    const before = await memberIds(lab)
    expect([...before.keys()].sort()).toEqual(['cp-1', 'cp-2', 'cp-3'])
    const r = await secure(lab, CPS[0]!, 'etcd', 'remove-member', before.get('cp-3')!)
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect([...(await memberIds(lab)).keys()].sort()).toEqual(['cp-1', 'cp-2'])
  }, 20_000)

  it('remove-member refuses an unknown ID and a malformed one with the real texts', async () => {
    const lab = await cluster()
    const unknown = await secure(lab, CPS[0]!, 'etcd', 'remove-member', '1')
    expect(unknown.exitCode).toBe(1)
    expect(unknown.stderr).toBe('rpc error: code = Unknown desc = failed to remove member 1: etcdserver: member not found\n')
    const bad = await secure(lab, CPS[0]!, 'etcd', 'remove-member', 'xyz')
    expect(bad.stderr).toBe('error parsing member ID: strconv.ParseUint: parsing "xyz": invalid syntax\n')
  }, 20_000)

  it('etcd refuses a removal that leaves no started majority', async () => {
    const lab = await cluster()
    const ids = await memberIds(lab)
    expect((await secure(lab, CPS[2]!, 'shutdown')).exitCode).toBe(0)
    // Members cp-1, cp-2 (started) and cp-3 (off): removing cp-2 leaves cp-1 and cp-3, one started of two.
    const r = await secure(lab, CPS[0]!, 'etcd', 'remove-member', ids.get('cp-2')!)
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/failed to remove member \d+: etcdserver: re-configuration failed due to not enough started members\n$/)
    // Removing the one that is off is fine.
    expect((await secure(lab, CPS[0]!, 'etcd', 'remove-member', ids.get('cp-3')!)).exitCode).toBe(0)
  }, 20_000)

  it('leave removes the node it runs on; a worker refuses', async () => {
    const lab = await cluster()
    expect((await secure(lab, CPS[1]!, 'etcd', 'leave')).exitCode).toBe(0)
    expect([...(await memberIds(lab)).keys()].sort()).toEqual(['cp-1', 'cp-3'])
    const w = await secure(lab, WORKER, 'etcd', 'leave')
    expect(w.exitCode).toBe(1)
    expect(w.stderr).toContain('rpc error: code = Unimplemented desc = etcd leave is only available on control plane nodes')
  }, 20_000)
})
