import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { execa, type ResultPromise } from 'execa'

/** bios/uefi: the NIC's iPXE ROM boots; uefi-pxe: OVMF's own PXE stack (virtio-net, no ROM) does. */
export type FirmwareMode = 'bios' | 'uefi' | 'uefi-pxe'

export interface Vm {
  serialLog: string
  biosLog: string
  /** Resolves when the VM powered itself off (QEMU exits with -no-reboot). */
  exited: Promise<unknown>
  serial(): Promise<string>
  kill(): Promise<void>
}

/**
 * A QEMU/TCG machine whose e1000 NIC carries Debian's iPXE option ROM (ipxe-qemu), network
 * first; under UEFI the firmware is Debian's OVMF with a private copy of its variable store.
 * Serial console and SeaBIOS's debug port go to files the test reads.
 */
export async function startVm(o: {
  ns: string
  tap: string
  mac: string
  mode: FirmwareMode
  dir: string
  signal: AbortSignal
  timeoutMs: number
}): Promise<Vm> {
  const serialLog = join(o.dir, `serial-${o.mode}-${Date.now()}.log`)
  const biosLog = join(o.dir, `firmware-${o.mode}-${Date.now()}.log`)
  const args = [
    'netns',
    'exec',
    o.ns,
    'qemu-system-x86_64',
    '-accel',
    'tcg',
    '-m',
    '256',
    '-smp',
    '1',
    '-display',
    'none',
    '-vga',
    'none',
    '-monitor',
    'none',
    '-no-reboot',
    '-serial',
    `file:${serialLog}`,
    '-chardev',
    `file,id=fwlog,path=${biosLog}`,
    '-device',
    'isa-debugcon,iobase=0x402,chardev=fwlog',
    '-netdev',
    `tap,id=n0,ifname=${o.tap},script=no,downscript=no`,
    '-device',
    o.mode === 'uefi-pxe' ? `virtio-net-pci,netdev=n0,mac=${o.mac},romfile=` : `e1000,netdev=n0,mac=${o.mac},romfile=/usr/lib/ipxe/qemu/efi-e1000.rom`,
    '-boot',
    'order=n'
  ]
  if (o.mode !== 'bios') {
    const vars = join(o.dir, `OVMF_VARS-${Date.now()}.fd`)
    await copyFile('/usr/share/OVMF/OVMF_VARS_4M.fd', vars)
    args.push('-drive', 'if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd', '-drive', `if=pflash,format=raw,unit=1,file=${vars}`)
  }
  const proc: ResultPromise = execa('ip', args, { timeout: o.timeoutMs, cancelSignal: o.signal, reject: false, stdin: 'ignore' })
  return {
    serialLog,
    biosLog,
    exited: proc,
    serial: () => readFile(serialLog, 'utf8').catch(() => ''),
    async kill() {
      if (proc.exitCode === null && !proc.killed) proc.kill('SIGKILL')
      await Promise.race([proc, sleep(5000)])
    }
  }
}
