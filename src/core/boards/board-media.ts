import type { Arch } from '../../shared/contract/assets'
import type { BoardMedia, OverlayRef } from '../../shared/contract/boards'
import { AppError } from '../../shared/errors'
import { isSupported, OLDEST_SUPPORTED, parseTalosVersion } from '../talos/releases'
import { factoryInstaller, mediaFiles, SECURE_BOOT_ENROLMENT } from './media'
import type { OverlayCatalog } from './overlay-catalog'

/**
 * A node's boot and install media: its own schematic (the instance's extensions plus the
 * board's overlay), hence its own installer image, for its architecture and Secure Boot. Every
 * refusal (a version the app or the factory does not know, an overlay the factory does not
 * list, an overlay on amd64, a schematic the factory rejects) comes before anything is recorded.
 */

export interface BoardMediaInput {
  instance: string
  hostname: string
  arch: Arch
  overlay: OverlayRef | null
  extensions: string[]
  secureBoot: boolean
}

export interface BoardMediaDeps {
  catalog: OverlayCatalog
  createSchematic: (extensions: string[], signal: AbortSignal, overlay: OverlayRef | null) => Promise<{ id: string }>
  /** The version the node installs: its own, else the instance's. */
  versionOf: (instance: string, hostname: string) => Promise<string>
  setSchematic: (instance: string, hostname: string, schematicId: string) => Promise<unknown>
}

/** Pure: a Talos version the app can install, or why not. */
export function supportedVersionError(version: string, what: string): string | null {
  const v = parseTalosVersion(version)
  if (!v) return `${what} "${version}" is not a Talos version (like v1.12.4).`
  if (!isSupported(v)) {
    return `${what} is Talos ${version}, older than the oldest this app supports (v${OLDEST_SUPPORTED.major}.${OLDEST_SUPPORTED.minor}). Use boot media of a newer version.`
  }
  return null
}

/** Pure: the combinations refused without asking the factory. */
export function comboError(i: Pick<BoardMediaInput, 'hostname' | 'arch' | 'overlay' | 'secureBoot'>): string | null {
  if (i.overlay && i.arch !== 'arm64') {
    return `${i.hostname} is ${i.arch}: overlays carry arm64 board firmware. Remove the overlay, or set the architecture to arm64.`
  }
  if (i.overlay && i.secureBoot) {
    return `${i.hostname}: board overlays boot through the board's own firmware, not UEFI Secure Boot. Turn Secure Boot off or remove the overlay.`
  }
  return null
}

export async function chooseBoardMedia(d: BoardMediaDeps, i: BoardMediaInput, signal: AbortSignal): Promise<BoardMedia> {
  const combo = comboError(i)
  if (combo) throw new AppError('VALIDATION', combo)
  const version = await d.versionOf(i.instance, i.hostname)
  const bad = supportedVersionError(version, `${i.hostname}'s Talos version`)
  if (bad) throw new AppError('VALIDATION', bad)
  if (i.overlay) {
    const list = await d.catalog.list(version, signal)
    const found = list.overlays.some((o) => o.image === i.overlay!.image && o.name === i.overlay!.name)
    if (!found) {
      const same = list.overlays.filter((o) => o.image === i.overlay!.image).map((o) => o.name)
      throw new AppError(
        'VALIDATION',
        `The Image Factory lists no overlay ${i.overlay.image} ${i.overlay.name} for Talos ${version}` +
          (same.length ? ` (${i.overlay.image} has: ${same.join(', ')}).` : '.') +
          ' Pick one from the overlay list.'
      )
    }
  }
  const { id } = await d.createSchematic(i.extensions, signal, i.overlay)
  await d.setSchematic(i.instance, i.hostname, id)
  const choice = { schematicId: id, version, arch: i.arch, secureBoot: i.secureBoot }
  const files = mediaFiles(choice)
  return {
    hostname: i.hostname,
    arch: i.arch,
    overlay: i.overlay,
    schematicId: id,
    version,
    secureBoot: i.secureBoot,
    installerImage: factoryInstaller(choice),
    isoFile: files.iso,
    kernelArgsFile: files.kernelArgs,
    enrolment: i.secureBoot ? SECURE_BOOT_ENROLMENT : null
  }
}
