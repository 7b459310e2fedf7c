import { AppError } from '../../shared/errors'
import { normaliseCmdline } from '../assets/ipxe'

export type LocalBoot = 'exit' | 'sanboot'

export interface InstallerScript {
  /** http://<laptop>:<port>/assets/<arch>: where kernel and initramfs.xz are served. */
  assetBase: string
  /** The factory's cmdline-metal-<arch> for this schematic and version. */
  cmdline: string
  /** Shown on the machine's screen, so the operator sees what it is booting. */
  label: string
  extraArgs?: string[]
}

/**
 * The installer: the factory's own PXE template (kernel with its command line, initrd, boot)
 * over our HTTP. `talos.platform=metal` is added when the factory's line lacks it, and
 * `initrd=<name>` lets a kernel booted by EFI iPXE find the initramfs through its EFI stub.
 */
export function installerScript(s: InstallerScript): string {
  const args = normaliseCmdline(s.cmdline).split(' ').filter(Boolean)
  if (!args.some((a) => a.startsWith('talos.platform='))) args.push('talos.platform=metal')
  args.push(...(s.extraArgs ?? []).map((a) => a.trim()).filter(Boolean), 'initrd=initramfs.xz')
  for (const a of [...args, s.label]) {
    // A line break would end the iPXE command early and run what follows as a new command.
    if (/[\r\n]/.test(a)) throw new AppError('VALIDATION', 'A kernel argument may not contain a line break.')
  }
  return [
    '#!ipxe',
    `echo Wild Central: booting the Talos installer (${s.label})`,
    'imgfree',
    `kernel ${s.assetBase}/kernel ${args.join(' ')}`,
    `initrd --name initramfs.xz ${s.assetBase}/initramfs.xz`,
    'boot',
    ''
  ].join('\n')
}

/**
 * An installed node (network first in its boot order) must not reinstall: leave iPXE so the
 * firmware tries the next boot device (`exit`), or boot the first disk directly (`sanboot`, for
 * firmware that does not move on after a network boot returns).
 */
export function localDiskScript(who: string, how: LocalBoot): string {
  if (/[\r\n]/.test(who)) throw new AppError('VALIDATION', 'A node name may not contain a line break.')
  const boot = how === 'sanboot' ? ['sanboot --no-describe --drive 0x80 || exit'] : ['exit']
  return ['#!ipxe', `echo Wild Central: ${who} is installed, booting from its local disk`, ...boot, ''].join('\n')
}

/** For a client whose architecture has no assets: say so on its screen and hand back to the firmware. */
export function noAssetsScript(arch: string, hint: string): string {
  return ['#!ipxe', `echo Wild Central: no Talos boot assets for ${arch.replace(/[^\w-]/g, '')}. ${hint.replace(/[\r\n]/g, ' ')}`, 'sleep 10', 'exit', ''].join(
    '\n'
  )
}
