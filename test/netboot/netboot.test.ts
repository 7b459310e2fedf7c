import { execa, type ResultPromise } from 'execa'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BootEvent } from '../../src/core/pxe/schemas'
import { ipToInt } from '../../src/core/discovery/cidr'
import { prepareInstance, VERSION } from '../unit/pxe/fixture'
import { buildInitramfs, CMDLINE_MARK } from './initramfs'
import { createLan, type Lan } from './lan'
import { startVm, type FirmwareMode, type Vm } from './vm'

const CLI = resolve('out/cli/wild.js')
const BOOT_TIMEOUT_MS = 150_000
const abort = new AbortController()
const signal = abort.signal

let dir: string
let dataDir: string
let lan: Lan | null = null
let dnsmasq: ResultPromise | null = null
let server: ResultPromise | null = null
let dnsmasqLog = ''
let serverErr = ''
const events: BootEvent[] = []
const vms: Vm[] = []
const marker = `wild.netboot=${process.pid}`
const FACTORY_CMDLINE = `console=ttyS0 quiet panic=-1 ${marker}`

/** Polls until `check` returns a value, or fails naming what it waited for. */
async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = BOOT_TIMEOUT_MS
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.\nserver stderr:\n${serverErr}\ndnsmasq:\n${dnsmasqLog.slice(-3000)}`)
    await sleep(250)
  }
}

async function boot(mode: FirmwareMode, mac: string): Promise<{ vm: Vm; seconds: number }> {
  const started = Date.now()
  const vm = await startVm({ ns: lan!.bridgeNs, tap: lan!.tap, mac, mode, dir, signal, timeoutMs: BOOT_TIMEOUT_MS + 30_000 })
  vms.push(vm)
  return { vm, seconds: (Date.now() - started) / 1000 }
}

function stagesOf(mac: string): string[] {
  return events.filter((e) => e.mac === mac).map((e) => e.stage)
}

/** The lease dnsmasq (the "router") gave this MAC, from its own log. */
function routerLease(mac: string): string | null {
  const m = new RegExp(`DHCPACK\\(lan0\\) (198\\.51\\.100\\.\\d+) ${mac}`).exec(dnsmasqLog)
  return m ? m[1]! : null
}

beforeAll(async () => {
  const ensure = await execa('bash', ['scripts/ensure-netboot-deps.sh'], { timeout: 600_000, cancelSignal: signal })
  const kernel = ensure.stdout.trim().split('\n').at(-1)!
  dir = await mkdtemp(join(tmpdir(), 'wild-netboot-'))
  dataDir = join(dir, 'data')
  await prepareInstance(dataDir, 'lab', { kernel: await readFile(kernel), initramfs: await buildInitramfs(), cmdline: FACTORY_CMDLINE })
  lan = await createLan(signal)

  // The router: Debian's dnsmasq as a plain DHCP server, no boot options at all.
  dnsmasq = execa(
    'ip',
    [
      'netns',
      'exec',
      lan.routerNs,
      'dnsmasq',
      '--no-daemon',
      '--conf-file=/dev/null',
      '--port=0',
      '--interface=lan0',
      '--bind-interfaces',
      `--dhcp-range=${lan.range[0]},${lan.range[1]},255.255.255.0,10m`,
      `--dhcp-leasefile=${join(dir, 'leases')}`,
      '--log-dhcp',
      '--log-facility=-',
      '--user=root',
      '--group=root',
      `--pid-file=${join(dir, 'dnsmasq.pid')}`
    ],
    { timeout: 900_000, cancelSignal: signal, reject: false, stdin: 'ignore' }
  )
  dnsmasq.stderr!.on('data', (d: Buffer) => (dnsmasqLog += d.toString()))
  dnsmasq.stdout!.on('data', (d: Buffer) => (dnsmasqLog += d.toString()))

  // The laptop: the real CLI, JSON lines on stdout.
  server = execa('ip', ['netns', 'exec', lan.laptopNs, process.execPath, CLI, '--data-dir', dataDir, '--json', 'pxe', 'serve', '--interface', lan.laptopIf], {
    timeout: 900_000,
    cancelSignal: signal,
    reject: false,
    stdin: 'ignore',
    env: { WILD_CENTRAL_DATA: '' }
  })
  let buffered = ''
  server.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) if (line.trim()) events.push(BootEvent.parse(JSON.parse(line)))
  })
  server.stderr!.on('data', (d: Buffer) => (serverErr += d.toString()))
  await until(
    'the server to start',
    () => serverErr.includes('Serving network boot') || (server!.exitCode !== null && Promise.reject(new Error(serverErr))),
    30_000
  )
}, 900_000)

afterAll(async () => {
  for (const vm of vms) await vm.kill()
  let serverExit: number | undefined
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    serverExit = (await Promise.race([server, sleep(10_000).then(() => null)]))?.exitCode
    if (server.exitCode === null) server.kill('SIGKILL')
  }
  dnsmasq?.kill('SIGTERM')
  await Promise.race([dnsmasq, sleep(5000)])
  if (dnsmasq?.exitCode === null) dnsmasq.kill('SIGKILL')
  abort.abort()
  await lan?.destroy()
  if (dir) await rm(dir, { recursive: true, force: true })
  // Checked last so cleanup always ran: the server stopped cleanly on SIGTERM.
  if (server) expect(serverExit).toBe(0)
}, 60_000)

describe('network boot of real firmware in a virtual LAN', () => {
  const BIOS_MAC = '52:54:00:77:00:01'
  const UEFI_MAC = '52:54:00:77:00:02'
  const UEFI_PXE_MAC = '52:54:00:77:00:03'

  async function bootToInstaller(mode: FirmwareMode, mac: string): Promise<void> {
    const { vm } = await boot(mode, mac)
    const t0 = Date.now()
    await until(`${mode} VM to print its command line`, async () => (await vm.serial()).includes(CMDLINE_MARK))
    await vm.exited
    // Read again after power-off: the line may still have been half-written when the mark appeared.
    const serial = await vm.serial()
    console.log(
      `[netboot] ${mode} boot: power-on to power-off in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `events: ${events
          .filter((e) => e.mac === mac)
          .map((e) => `${e.stage}/${e.firmware}`)
          .join(' → ')}; cmdline: ${serial.split(CMDLINE_MARK)[1]!.split('\n')[0]!.trim()}`
    )
    const cmdline = serial.split(CMDLINE_MARK)[1]!.split('\n')[0]!
    expect(cmdline).toContain('talos.platform=metal')
    expect(cmdline).toContain(FACTORY_CMDLINE)
    expect(cmdline).toContain('initrd=initramfs.xz')

    const stages = stagesOf(mac)
    for (const s of ['dhcp', 'script', 'kernel', 'initramfs']) expect(stages).toContain(s)
    expect(stages.indexOf('kernel')).toBeGreaterThan(stages.indexOf('script'))
    const lease = routerLease(mac)
    expect(lease, `dnsmasq log:\n${dnsmasqLog}`).not.toBeNull()
    expect(ipToInt(lease!)).toBeGreaterThanOrEqual(ipToInt(lan!.range[0]))
    expect(ipToInt(lease!)).toBeLessThanOrEqual(ipToInt(lan!.range[1]))
    const kernelEvent = events.find((e) => e.mac === mac && e.stage === 'kernel')!
    expect(kernelEvent).toMatchObject({ ip: lease, arch: 'amd64' })
  }

  it('BIOS: SeaBIOS + iPXE ROM boots the installer from the laptop', async () => {
    await bootToInstaller('bios', BIOS_MAC)
    expect(events.find((e) => e.mac === BIOS_MAC && e.stage === 'script')).toMatchObject({ firmware: 'ipxe' })
  }, 200_000)

  it('UEFI: OVMF boots the installer from the laptop', async () => {
    await bootToInstaller('uefi', UEFI_MAC)
  }, 200_000)

  it("UEFI without an iPXE ROM: OVMF's own PXE fetches snponly.efi by TFTP (after asking on 4011), which boots the installer", async () => {
    await bootToInstaller('uefi-pxe', UEFI_PXE_MAC)
    const seen = events.filter((e) => e.mac === UEFI_PXE_MAC)
    expect(seen[0]).toMatchObject({ stage: 'dhcp', firmware: 'uefi', arch: 'amd64' })
    // Proxy offer on 67, then the firmware's BINL request answered on 4011, then TFTP.
    expect(seen.slice(0, 3).map((e) => e.stage)).toEqual(['dhcp', 'dhcp', 'binary'])
    expect(seen.find((e) => e.stage === 'binary')).toMatchObject({ firmware: 'uefi' })
    expect(seen.find((e) => e.stage === 'script')).toMatchObject({ firmware: 'ipxe' })
  }, 200_000)

  it('an installed node boots from its local disk: the script says exit and no kernel is fetched', async () => {
    await writeFile(
      join(dataDir, 'instances', 'lab', 'config.yaml'),
      `cluster:\n  nodes:\n    talos:\n      version: ${VERSION}\n    active:\n      vm-bios:\n        role: controlplane\n        mac: "${BIOS_MAC}"\n        state: ready\n`
    )
    const before = events.length
    const { vm } = await boot('bios', BIOS_MAC)
    const t0 = Date.now()
    // SeaBIOS moves on to the next boot device once iPXE exits: proof the script was obeyed.
    await until('SeaBIOS to move past the network boot', async () => (await readFile(vm.biosLog, 'utf8').catch(() => '')).includes('No bootable device'))
    console.log(`[netboot] installed node: power-on to local-disk fallback in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    const after = events
      .slice(before)
      .filter((e) => e.mac === BIOS_MAC)
      .map((e) => e.stage)
    expect(after).toContain('script')
    expect(after).not.toContain('kernel')
    expect(after).not.toContain('initramfs')
    const status = await execa(process.execPath, [CLI, '--data-dir', dataDir, '--json', 'pxe', 'status'], {
      timeout: 30_000,
      cancelSignal: signal,
      env: { WILD_CENTRAL_DATA: '' }
    })
    const view = JSON.parse(status.stdout)
    expect(view.running).toBe(true)
    expect(view.clients.find((c: { mac: string }) => c.mac === BIOS_MAC)).toMatchObject({ script: 'local-disk', stage: 'script' })
    await vm.kill()
  }, 200_000)
})
