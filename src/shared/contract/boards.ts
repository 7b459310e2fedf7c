import { z } from 'zod'
import { InstanceName } from '../schemas/common'
import { Arch, ExtensionName, TalosVersion } from './assets'
import { command, type CommandMap, type EventMap } from './types'

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

export const OverlayList = z.object({
  version: z.string(),
  overlays: z.array(Overlay),
  /** factory: asked now; cache: the last answer for this version; built-in: known when the app was built. */
  source: z.enum(['factory', 'cache', 'built-in']),
  fetchedAt: z.string().nullable(),
  offlineReason: z.string().nullable()
})
export type OverlayList = z.infer<typeof OverlayList>

/** A node's media after its board, architecture and Secure Boot were chosen. */
export const BoardMedia = z.object({
  hostname: z.string(),
  arch: Arch,
  overlay: OverlayRef.nullable(),
  schematicId: z.string(),
  version: z.string(),
  secureBoot: z.boolean(),
  /** machine.install.image for this node. */
  installerImage: z.string(),
  /** The factory file names under /image/<schematic>/<version>/. */
  isoFile: z.string(),
  kernelArgsFile: z.string(),
  /** The one-time Secure Boot key enrolment, in words; null without Secure Boot. */
  enrolment: z.string().nullable()
})
export type BoardMedia = z.infer<typeof BoardMedia>

/** What the operator chose for a node's board, kept on its config.yaml entry (`board:`). */
export const BoardChoice = z.object({
  arch: Arch,
  overlay: OverlayRef.nullable(),
  secureBoot: z.boolean(),
  /** The schematic made with this choice; the node's own schematic must still be this one. */
  schematicId: z.string()
})
export type BoardChoice = z.infer<typeof BoardChoice>

export const boardCommands = {
  'boards.overlays': command({
    summary: "The Image Factory's official overlays (single-board computers) for a Talos version",
    input: () => z.object({ version: TalosVersion }).strict(),
    output: () => OverlayList
  }),
  'boards.media': command({
    summary: "Choose a node's architecture, board overlay and Secure Boot: creates its schematic and records it on the node",
    input: () =>
      z
        .object({
          instance: InstanceName,
          hostname: z.string().min(1),
          arch: Arch,
          overlay: OverlayRef.nullable(),
          extensions: z.array(ExtensionName).default([]),
          secureBoot: z.boolean().default(false)
        })
        .strict(),
    output: () => BoardMedia
  }),
  'boards.choice': command({
    summary: 'The architecture, board overlay and Secure Boot last chosen for a node (null when none was)',
    input: () => z.object({ instance: InstanceName, hostname: z.string().min(1) }).strict(),
    output: () => BoardChoice.nullable()
  })
} satisfies CommandMap

export const boardEvents = {} satisfies EventMap
