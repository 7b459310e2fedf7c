import { readdirSync, readFileSync } from 'node:fs'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { preset } from '../../src/lab/machines'
import { fake, newLab, run, sleep, splitObjects } from './lab-helpers'

/** Per-machine fault knobs: unreachable, silent, slow, failNext, garbage. */

const dial = (ip: string, why: string): string =>
  `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:50000: connect: ${why}"`

function childrenOf(pid: number): number[] {
  const kids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) kids.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return kids
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('fault knobs', () => {
  it('makes an unreachable machine fail with the refused, no-route or i/o timeout text', async () => {
    const lab = await newLab({
      machines: [
        preset('nvme-mini-pc', { faults: { unreachable: 'refused' } }),
        preset('sata-tower', { faults: { unreachable: 'no-route' } }),
        preset('virtio-vm', { faults: { unreachable: 'timeout' } })
      ],
      timing: { dialTimeoutMs: 150 }
    })
    const g = (ip: string) => run(lab, ['get', 'machinestatus', '-i', '-n', ip])
    expect((await g('127.0.10.11')).stderr).toBe(`1 error occurred:\n\t* ${dial('127.0.10.11', 'connection refused')}\n\n\n`)
    expect((await g('127.0.10.12')).stderr).toContain(dial('127.0.10.12', 'no route to host'))
    const t0 = Date.now()
    const timeout = await g('127.0.10.13')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    expect(timeout.stderr).toContain(
      'rpc error: code = Unavailable desc = last connection error: connection error: desc = "transport: Error while dialing: dial tcp 127.0.10.13:50000: i/o timeout"'
    )
    expect(timeout.exitCode).toBe(1)
  })

  it('hangs on a silent machine until killed; SIGTERM ends it within 1 s and leaves no process', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc', { faults: { silent: true } })] })
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const proc = execa(lab.talosctlPath, ['get', 'disks', '-i', '-n', '127.0.10.11', '-o', 'json'], { env: lab.env, reject: false })
      const pid = proc.pid!
      await sleep(700)
      expect(alive(pid)).toBe(true)
      expect(childrenOf(pid)).toEqual([])
      const killedAt = Date.now()
      proc.kill(signal)
      const r = await proc
      expect(Date.now() - killedAt).toBeLessThan(1000)
      expect(r.signal).toBe(signal)
      expect(r.stdout).toBe('')
      expect(alive(pid)).toBe(false)
    }
  })

  it('ends a silent call run in-process when its signal aborts', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc', { faults: { silent: true } })] })
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 100)
    const t0 = Date.now()
    const r = await run(lab, ['get', 'disks', '-i', '-n', '127.0.10.11'], { signal: ac.signal })
    expect(r.exitCode).toBe(130)
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  it('delays every answer of a slow machine', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc', { faults: { slowMs: 300 } })] })
    const t0 = Date.now()
    const r = await run(lab, ['get', 'hostname', '-i', '-n', '127.0.10.11', '-o', 'json'])
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290)
    expect(r.exitCode).toBe(0)
  })

  it('fails exactly the next N calls with the given error, then answers again', async () => {
    const error = 'rpc error: code = FailedPrecondition desc = time is not in sync yet'
    const lab = await newLab({ machines: [preset('nvme-mini-pc', { faults: { failNext: { count: 2, error } } })] })
    const call = () => fake(lab, ['get', 'hostname', '-i', '-n', '127.0.10.11', '-o', 'json'])
    const first = await call()
    expect(first.exitCode).toBe(1)
    expect(first.stderr).toBe(`1 error occurred:\n\t* ${error}\n\n\n`)
    expect((await call()).exitCode).toBe(1)
    const third = await call()
    expect(third.exitCode).toBe(0)
    expect(JSON.parse(third.stdout).spec.hostname).toBe('talos-2gd-7ph')
    expect((await lab.machineById('nvme-mini-pc'))?.machine.faults.failNext?.count).toBe(0)
  })

  it('prints malformed output with exit 0 for a garbage machine', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc', { faults: { garbage: true } })] })
    const r = await fake(lab, ['get', 'disks', '-i', '-n', '127.0.10.11', '-o', 'json'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout.length).toBeGreaterThan(0)
    expect(() => splitObjects(r.stdout).map((s) => JSON.parse(s))).toThrow()
  })
})
