import type { Arch } from '@shared/contract/assets'
import type { BoardChoice, Overlay, OverlayRef } from '@shared/contract/boards'
import type { HardwareInfo } from '@shared/contract/talos'

/**
 * The board part of the Hardware step: the architecture (detected, or asked), the arm64
 * board's overlay and whether the machine gets the Secure Boot media. Pure, so the states
 * are tested without a screen.
 */
export interface BoardForm {
  arch: Arch | null
  /** "image:name" of the chosen overlay; null for none. */
  overlay: string | null
  secureBoot: boolean
}

export const overlayKey = (o: OverlayRef) => `${o.image}:${o.name}`

export function overlayFromKey(key: string | null): OverlayRef | null {
  if (!key) return null
  const at = key.lastIndexOf(':')
  return at > 0 ? { image: key.slice(0, at), name: key.slice(at + 1) } : null
}

/** The saved choice first, else what detection suggests (the recognised board's overlay, Secure Boot when reported). */
export function initialBoard(hw: Pick<HardwareInfo, 'arch' | 'board' | 'secureBoot'> | null, saved: BoardChoice | null): BoardForm {
  if (saved) return { arch: saved.arch, overlay: saved.overlay ? overlayKey(saved.overlay) : null, secureBoot: saved.secureBoot }
  const arch = hw?.arch ?? hw?.board?.arch ?? null
  const overlay = arch === 'arm64' && hw?.board?.overlay ? overlayKey(hw.board.overlay) : null
  return { arch, overlay, secureBoot: hw?.secureBoot === true && !overlay }
}

/** Why the board part cannot be saved yet, or undefined. */
export function boardError(f: BoardForm, overlays: Overlay[] | null): string | undefined {
  if (!f.arch) return 'Choose the architecture: nothing the machine reported tells it.'
  if (f.arch !== 'arm64') return undefined
  if (!f.overlay) return "Choose the board's overlay: an arm64 board boots only with its firmware and device trees."
  if (overlays && !overlays.some((o) => overlayKey(o) === f.overlay))
    return `The Image Factory does not list ${f.overlay} for this version. Pick one from the list.`
  return undefined
}

/** Only a board or Secure Boot needs its own schematic and installer; other machines keep the instance's. */
export function needsOwnMedia(f: BoardForm, saved: BoardChoice | null): boolean {
  return f.arch === 'arm64' || f.secureBoot || saved !== null
}
