import { readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'

interface Entry {
  name: string
  mode: number
  data?: Buffer
  rdev?: [number, number]
}

/** cpio "newc" (what the kernel unpacks as an initramfs), written directly: no cpio binary needed. */
function cpio(entries: Entry[]): Buffer {
  const out: Buffer[] = []
  const pad = (n: number) => Buffer.alloc((4 - (n % 4)) % 4)
  let ino = 1
  for (const e of [...entries, { name: 'TRAILER!!!', mode: 0 }]) {
    const data = e.data ?? Buffer.alloc(0)
    const name = Buffer.from(e.name + '\0')
    const fields = [ino++, e.mode, 0, 0, 1, 0, data.length, 0, 0, e.rdev?.[0] ?? 0, e.rdev?.[1] ?? 0, name.length, 0]
    const header = Buffer.from('070701' + fields.map((f) => f.toString(16).padStart(8, '0')).join(''))
    out.push(header, name, pad(header.length + name.length), data, pad(data.length))
  }
  return Buffer.concat(out)
}

export const CMDLINE_MARK = 'WILD-CMDLINE:'

/**
 * A gzip'd initramfs with Debian's static busybox whose init prints the kernel command line on
 * the serial console and powers the VM off: what Talos would do with the same line is not our
 * concern, that the line arrived is.
 */
export async function buildInitramfs(busybox = '/bin/busybox'): Promise<Buffer> {
  const init = [
    '#!/bin/busybox sh',
    '/bin/busybox mount -t proc proc /proc',
    `echo "${CMDLINE_MARK} $(/bin/busybox cat /proc/cmdline)"`,
    '/bin/busybox poweroff -f',
    ''
  ].join('\n')
  return gzipSync(
    cpio([
      { name: 'bin', mode: 0o40755 },
      { name: 'dev', mode: 0o40755 },
      { name: 'dev/console', mode: 0o20600, rdev: [5, 1] },
      { name: 'proc', mode: 0o40755 },
      { name: 'bin/busybox', mode: 0o100755, data: await readFile(busybox) },
      { name: 'init', mode: 0o100755, data: Buffer.from(init) }
    ])
  )
}
