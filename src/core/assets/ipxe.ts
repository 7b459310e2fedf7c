import { AppError } from '../../shared/errors'

export interface IpxeInput {
  /** Where an HTTP server serves the instance's pxe/ folder, like http://192.168.1.10:8080/pxe. */
  baseUrl: string
  /** Set folder relative to pxe/: "<schematic>@<version>/<arch>". */
  setPath: string
  /** The kernel command line the factory published for this set (cmdline-metal-<arch>). */
  cmdline: string
  /** Operator additions, like talos.config=… or net.ifnames=0; appended after the factory's. */
  extraArgs?: string[]
}

/**
 * The factory's own PXE template (standard.ipxe: imgfree, kernel with the command line, initrd,
 * boot), pointed at our copies instead of pxe.factory.talos.dev, so machines boot from the
 * laptop without internet access.
 */
export function renderIpxeScript(input: IpxeInput): string {
  const base = input.baseUrl.replace(/\/+$/, '')
  const args = [normaliseCmdline(input.cmdline), ...(input.extraArgs ?? []).map((a) => a.trim()).filter(Boolean)]
  for (const a of args) {
    // A newline would end the iPXE command early and run whatever follows as a new one.
    if (/[\r\n]/.test(a)) throw new AppError('VALIDATION', 'A kernel argument may not contain a line break.')
  }
  const root = `${base}/${input.setPath.replace(/^\/+|\/+$/g, '')}`
  return ['#!ipxe', '', 'imgfree', `kernel ${root}/kernel ${args.join(' ')}`.trimEnd(), `initrd ${root}/initramfs.xz`, 'boot', ''].join('\n')
}

/** The factory's cmdline file is one line; collapse any stray whitespace or trailing newline. */
export function normaliseCmdline(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(' ')
}
