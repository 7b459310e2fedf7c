import { z } from 'zod'
import { Arch } from './assets'

/**
 * Architectures, single-board computers and Secure Boot (issue 15 items 4 and 5). Kept apart
 * from talos.ts so this feature's shapes live in one file; HardwareInfo imports them.
 */

/** How the architecture was learned: the Version API's OS/Arch, the network boot's DHCP
 *  client architecture for the machine's MAC, a board whose identity fixes it, or the CPU's name. */
export const ArchSource = z.enum(['talos', 'network-boot', 'board', 'cpu'])
export type ArchSource = z.infer<typeof ArchSource>

/** A factory overlay as the schematic names it (`overlay: {image, name}`). */
export const OverlayRef = z.object({
  image: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/, 'Not an overlay image (like siderolabs/sbc-rockchip)'),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Not an overlay name (like rock5b)')
})
export type OverlayRef = z.infer<typeof OverlayRef>

/** One entry of the factory's `GET /version/<v>/overlays/official`. */
export const Overlay = OverlayRef.extend({ ref: z.string(), digest: z.string() })
export type Overlay = z.infer<typeof Overlay>

/** A board recognised from its SMBIOS or CPU identity, and the overlay it needs to boot. */
export const BoardHint = z.object({
  name: z.string(),
  arch: Arch,
  overlay: OverlayRef.nullable(),
  /** What identified it, for the operator: "SMBIOS Radxa ROCK 5B". */
  evidence: z.string()
})
export type BoardHint = z.infer<typeof BoardHint>

/** The architecture fields detection adds to HardwareInfo. */
export const ArchFields = {
  /** null: nothing the machine or the boot server said tells; the operator is asked. */
  arch: Arch.nullable(),
  archSource: ArchSource.nullable(),
  /** One sentence for the operator: where the architecture comes from, or why it is unknown. */
  archReason: z.string(),
  board: BoardHint.nullable(),
  /** SecurityState.secureBoot; null when the machine does not report it. */
  secureBoot: z.boolean().nullable()
}
