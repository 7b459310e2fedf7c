import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { EventBus } from '@core/event-bus'
import { createPxeService, type PxeService } from '@core/pxe/service'
import { requestStop } from '@core/pxe/status'
import { prepareInstance } from './fixture'

// Own ports and addresses: other pxe test files may run at the same time.
const PORTS = { dhcp: 10467, pxe: 14411, tftp: 10469, client: 10468 }
const IP = `127.${200 + ((process.pid >> 8) & 31)}.${process.pid & 255}.7`

let dataDir: string
const services: PxeService[] = []
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wild-pxe-terminal-'))
  await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'c' })
})
afterEach(async () => {
  for (const s of services.splice(0)) await s.close()
  await rm(dataDir, { recursive: true, force: true })
})

function service(events = new EventBus(), checkPrivileges = async (): Promise<void> => {}): PxeService {
  const svc = createPxeService({
    dataDir,
    events,
    listNodes: async () => [],
    clusterSubnet: async () => null,
    ipxeDir: resolve('resources/ipxe'),
    checkPrivileges,
    testing: {
      ports: PORTS,
      interfaces: { lab0: [{ address: IP, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: `${IP}/24` }] },
      broadcastTo: IP
    }
  })
  services.push(svc)
  return svc
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** What `wild pxe serve` and `wild pxe stop` ask of the service through pxe.start and pxe.stop. */
describe('network boot from a terminal (wild pxe serve|stop)', () => {
  it('a server this process runs stops on a stop request, saying why, and its status names the pid and archs', async () => {
    const events = new EventBus()
    const lines: string[] = []
    events.onAny((name, payload) => name === 'pxe.log' && lines.push((payload as { line: string }).line))
    const svc = service(events)
    const st = await svc.start({ instance: 'lab', interface: 'lab0', httpPort: 0, configAtBoot: 'all', terminal: true })
    expect(st).toMatchObject({ running: true, runBy: 'app', pid: process.pid, archs: ['amd64'], applyConfigAtBoot: true })
    await requestStop(dataDir, 'lab')
    await until('the stop', async () => !(await svc.status('lab')).running)
    expect(lines).toContain('Stopping: a stop was requested.')
  })

  it('stop with other asks a server another process runs to stop, and waits for it', async () => {
    const runner = service()
    await runner.start({ instance: 'lab', interface: 'lab0', httpPort: 0, configAtBoot: 'off' })
    expect((await runner.status('lab')).applyConfigAtBoot).toBe(false)
    const asker = service()
    expect(await asker.status('lab')).toMatchObject({ running: true, runBy: 'other' })
    await expect(asker.stop('lab')).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await asker.stop('lab', true)).toMatchObject({ running: false, pid: process.pid })
    expect((await runner.status('lab')).running).toBe(false)
  })

  it('from a terminal, a missing privilege is answered in the check own words (sudo, setcap), not the app prompt', async () => {
    const svc = service(new EventBus(), async () => Promise.reject(new AppError('FORBIDDEN', 'Not running as root: sudo wild pxe serve, or setcap')))
    await expect(svc.start({ instance: 'lab', interface: 'lab0', terminal: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Not running as root: sudo wild pxe serve, or setcap'
    })
    await expect(svc.start({ instance: 'lab', interface: 'lab0' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/The app has no permission/)
    })
  })
})
