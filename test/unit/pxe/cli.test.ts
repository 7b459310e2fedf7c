import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLI, runWild } from '../../helpers/cli'
import { execFile } from 'node:child_process'
import { execa } from 'execa'
import { prepareInstance } from './fixture'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wild-pxe-cli-'))
  await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'console=ttyS0' })
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

/** The CLI as an unprivileged user: nobody when the tests run as root (CI), else ourselves. */
function runUnprivileged(args: string[]): Promise<{ code: number; stderr: string }> {
  const asRoot = process.getuid?.() === 0
  const cmd = asRoot ? 'setpriv' : process.execPath
  const argv = asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', process.execPath, CLI, ...args] : [CLI, ...args]
  return new Promise((resolve) => {
    execFile(cmd, argv, { timeout: 30_000, env: { ...process.env, WILD_CENTRAL_DATA: '' } }, (err, _stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr })
    )
  })
}

describe('wild pxe', () => {
  it('serve refuses an unknown interface, naming it', async () => {
    const r = await runWild(['--data-dir', dataDir, 'pxe', 'serve', '--interface', 'nosuch0'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/There is no network interface "nosuch0"/)
  })

  it('serve without root or CAP_NET_BIND_SERVICE fails at once, naming sudo and setcap', async () => {
    await chmod(dataDir, 0o755)
    const r = await runUnprivileged(['--data-dir', dataDir, 'pxe', 'serve', '--interface', 'lo'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/Not running as root and without CAP_NET_BIND_SERVICE/)
    expect(r.stderr).toMatch(/sudo wild pxe serve/)
    expect(r.stderr).toMatch(/setcap cap_net_bind_service=\+ep/)
    expect(r.stderr).toMatch(/\[FORBIDDEN\]/)
  })

  it('serve refuses a bad --http-port', async () => {
    const port = await runWild(['--data-dir', dataDir, 'pxe', 'serve', '--interface', 'lo', '--http-port', '99999'])
    expect(port.code).toBe(1)
    expect(port.stderr).toMatch(/Invalid option at httpPort/)
  })

  it('status says no server runs, as text and JSON', async () => {
    const text = await runWild(['--data-dir', dataDir, 'pxe', 'status'])
    expect(text.stdout).toMatch(/No network boot server runs for instance "lab"/)
    const json = await runWild(['--data-dir', dataDir, '--json', 'pxe', 'status'])
    // Exactly pxe.status's output: the contract's view of the server, whichever process runs it.
    expect(json.json()).toMatchObject({ running: false, instance: 'lab', runBy: null, pid: null, clients: [] })
  })

  it('--demo serve simulates the boots (JSON lines) and stops cleanly on SIGINT', async () => {
    const demoDir = await mkdtemp(join(tmpdir(), 'wild-pxe-demo-'))
    try {
      await prepareInstance(demoDir, 'demo', { kernel: 'K', initramfs: 'I', cmdline: 'console=ttyS0' })
      const child = execa(process.execPath, [CLI, '--demo', '--data-dir', demoDir, '--json', 'pxe', 'serve', '--interface', 'demo0'], {
        timeout: 30_000,
        cancelSignal: AbortSignal.timeout(30_000),
        reject: false
      })
      const first = await new Promise<string>((resolve) => {
        let out = ''
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString()
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
      })
      expect(JSON.parse(first)).toEqual({ event: 'boot', mac: '00:e0:4c:68:01:a2', ip: '127.0.10.15', arch: 'amd64', firmware: 'bios', stage: 'dhcp' })
      child.kill('SIGINT')
      const r = await child
      expect(r.exitCode).toBe(0)
      expect(r.stderr).toMatch(/no packet is sent[\s\S]*Stopped\./)
    } finally {
      await rm(demoDir, { recursive: true, force: true })
    }
  })
})
