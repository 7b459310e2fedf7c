import type { Arch } from '../../shared/contract/assets'

/**
 * Which install media a machine needs from the factory, per schematic, version, architecture
 * and Secure Boot (reference talos.md §8: metal-<arch>-secureboot.iso, installer-secureboot).
 */
export const FACTORY_IMAGES = 'factory.talos.dev'

export interface MediaChoice {
  schematicId: string
  version: string
  arch: Arch
  secureBoot: boolean
}

/** The installer image `machine.install.image` names: it must match the boot media's schematic. */
export function factoryInstaller(c: Pick<MediaChoice, 'schematicId' | 'version' | 'secureBoot'>): string {
  return `${FACTORY_IMAGES}/${c.secureBoot ? 'metal-installer-secureboot' : 'metal-installer'}/${c.schematicId}:${c.version}`
}

/** The factory file names of the ISO and the kernel arguments for this machine. */
export function mediaFiles(c: MediaChoice): { iso: string; kernelArgs: string } {
  return { iso: c.secureBoot ? `metal-${c.arch}-secureboot.iso` : `metal-${c.arch}.iso`, kernelArgs: `cmdline-metal-${c.arch}` }
}

/**
 * The one-time step a Secure Boot machine needs (Talos docs, "SecureBoot"): the factory's ISO is
 * signed with Sidero Labs' key, which the firmware does not trust until it is enrolled.
 */
export const SECURE_BOOT_ENROLMENT =
  'This machine runs with Secure Boot enabled, so it needs the Secure Boot ISO and installer. Once per machine: ' +
  'put its firmware in Secure Boot setup mode (clear or reset the keys in the firmware settings), boot the Secure Boot ISO, ' +
  'and choose "Enroll Secure Boot keys: auto" in its boot menu; the machine reboots with the keys enrolled and from then on ' +
  'boots the signed Talos images. The installer keeps the same signature for upgrades.'
