import { chmodSync, existsSync, readFileSync } from 'node:fs'
import { devNull } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTalosRunner, type OutputStream } from '@core/talos/runner'
import { AppError } from '@shared/errors'
import { makeTempDir } from '../../helpers/tmp'

const FAKE = join(__dirname, 'fixtures', 'fake-talosctl.mjs')

beforeAll(() => {
  // Git may not keep the executable bit; the runner runs the file directly, like talosctl.
  chmodSync(FAKE, 0o755)
})

/** Alive and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false
  } catch {
    if (existsSync('/proc/self')) return false
  }
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitFor<T>(fn: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const runner = (env: Record<string, string>, defaultTimeoutMs = 10_000) => createTalosRunner({ talosctlPath: FAKE, env, defaultTimeoutMs })

const leftovers: number[] = []
afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone, as it should be
    }
  }
})

async function startHung(extraEnv: Record<string, string>, opts: { signal?: AbortSignal; timeoutMs?: number }) {
  const dir = await makeTempDir()
  const pidFile = join(dir, 'pids.json')
  const promise = runner({ FAKE_MODE: 'hang', FAKE_PID_FILE: pidFile, ...extraEnv }).run(['get', 'disks'], opts)
  promise.catch(() => {})
  const pids = await waitFor(
    () => (existsSync(pidFile) ? (JSON.parse(readFileSync(pidFile, 'utf8')) as { child: number; grandchild: number }) : undefined),
    5000
  )
  leftovers.push(pids.child, pids.grandchild)
  return { promise, pids }
}

describe('talosctl runner', () => {
  it('passes arguments verbatim, with no shell in between', async () => {
    const args = ['get', 'disks', '$(touch /tmp/x)', 'a b', '"quoted"', '; ls']
    const { stdout } = await runner({ FAKE_MODE: 'echo' }).run(args)
    expect(JSON.parse(stdout).argv).toEqual(args)
  })

  it('never lets talosctl read the default talosconfig when none is given', async () => {
    const { stdout } = await runner({ FAKE_MODE: 'echo', TALOSCONFIG: '/home/op/.talos/config' }).run(['version', '--client'])
    expect(JSON.parse(stdout)).toMatchObject({ TALOSCONFIG: devNull, argv: ['version', '--client'] })
  })

  it("uses the instance's talosconfig as flag and environment when given", async () => {
    const { stdout } = await runner({ FAKE_MODE: 'echo' }).run(['bootstrap'], { talosconfig: '/i/talosconfig' })
    expect(JSON.parse(stdout)).toMatchObject({ TALOSCONFIG: '/i/talosconfig', argv: ['--talosconfig', '/i/talosconfig', 'bootstrap'] })
  })

  it('hands extra environment (the lab file) to talosctl', async () => {
    const { stdout } = await runner({ FAKE_MODE: 'echo', WILD_LAB_FILE: '/tmp/lab.json' }).run(['get', 'disks'])
    expect(JSON.parse(stdout).WILD_LAB_FILE).toBe('/tmp/lab.json')
  })

  it('streams stdout and stderr lines, including a last line with no newline', async () => {
    const lines: [OutputStream, string][] = []
    const r = await runner({ FAKE_MODE: 'lines' }).run(['health'], { onLine: (s, l) => lines.push([s, l]) })
    expect(lines.filter(([s]) => s === 'stdout').map(([, l]) => l)).toEqual(['out 1', 'out 2', 'partial, no newline'])
    expect(lines.filter(([s]) => s === 'stderr').map(([, l]) => l)).toEqual(['err 1'])
    expect(r.stdout).toBe('out 1\nout 2\npartial, no newline')
  })

  it('turns exit 1 with a refusal on stderr into NODE_UNREACHABLE with the stderr tail', async () => {
    const stderr =
      'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 192.168.1.50:50000: connect: connection refused"\n'
    const err = await runner({ FAKE_MODE: 'fail', FAKE_STDERR: stderr })
      .run(['get', 'disks', '--insecure', '-n', '192.168.1.50', '-o', 'json'])
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'NODE_UNREACHABLE', details: { exitCode: 1, stderrTail: stderr.trim() } })
  })

  it('reports a missing binary as TALOSCTL_NOT_FOUND', async () => {
    const r = createTalosRunner({ talosctlPath: '/nonexistent/bin/talosctl', defaultTimeoutMs: 5000 })
    await expect(r.run(['version', '--client'])).rejects.toMatchObject({
      code: 'TALOSCTL_NOT_FOUND',
      message: expect.stringMatching(/was not found at "\/nonexistent\/bin\/talosctl"/)
    })
  })

  it('does not start talosctl when the signal is already aborted', async () => {
    const c = new AbortController()
    c.abort()
    await expect(runner({ FAKE_MODE: 'echo' }).run(['get', 'disks'], { signal: c.signal })).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('kills a hung talosctl and its child within a second of a cancel, leaving no process behind', { timeout: 5000 }, async () => {
    const c = new AbortController()
    const { promise, pids } = await startHung({}, { signal: c.signal })
    expect(alive(pids.child) && alive(pids.grandchild)).toBe(true)
    const t0 = Date.now()
    c.abort()
    const err = await promise.catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CANCELLED' })
    await waitFor(() => (!alive(pids.child) && !alive(pids.grandchild) ? true : undefined), 1000)
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  it('kills a talosctl that ignores SIGTERM too', { timeout: 5000 }, async () => {
    const c = new AbortController()
    const { promise, pids } = await startHung({ FAKE_IGNORE_TERM: '1' }, { signal: c.signal })
    const t0 = Date.now()
    c.abort()
    await expect(promise).rejects.toMatchObject({ code: 'CANCELLED' })
    await waitFor(() => (!alive(pids.child) && !alive(pids.grandchild) ? true : undefined), 1000)
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  it('stops a call at its timeout with TIMEOUT and no process left', { timeout: 5000 }, async () => {
    const { promise, pids } = await startHung({}, { timeoutMs: 600 })
    const err = await promise.catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/did not finish within 1 s/) })
    await waitFor(() => (!alive(pids.child) && !alive(pids.grandchild) ? true : undefined), 1000)
  })
})
