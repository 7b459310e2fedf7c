import { table } from '../output'
import type { VerbTable } from './types'

/** `--overlay siderolabs/sbc-rockchip:rock5b`: the image and the board's name; the contract checks both. */
function overlayOf(flag: string | undefined): { image: string; name: string } | null {
  if (!flag) return null
  const [image, name] = flag.split(':')
  return { image: image ?? '', name: name ?? '' }
}

/** `wild board overlays|media|choice`: one contract command each. */
export const boardVerbs = {
  'boards.overlays': {
    kind: 'verb',
    path: ['board', 'overlays'],
    description: "The Image Factory's official overlays for a Talos version (the last list fetched when offline)",
    options: [{ flags: '--version <talos>', description: 'Talos version, like v1.12.4', required: true }],
    input: ({ opts }) => ({ version: String(opts.version) }),
    warn: (list) => (list.source === 'factory' ? undefined : `the Image Factory could not be asked (${list.offlineReason}); showing the ${list.source} list.`),
    print: (list) =>
      table(
        ['OVERLAY', 'IMAGE', 'REF'],
        list.overlays.map((x) => [x.name, x.image, x.ref || '—'])
      )
  },
  'boards.media': {
    kind: 'verb',
    path: ['board', 'media'],
    description: "Choose a node's architecture, board overlay and Secure Boot: creates its schematic and records it on the node",
    args: ['<hostname>'],
    options: [
      { flags: '--arch <arch>', description: 'amd64 or arm64', required: true },
      { flags: '--overlay <image:name>', description: 'the board overlay, like siderolabs/sbc-rockchip:rock5b' },
      { flags: '--secure-boot', description: 'the machine runs with UEFI Secure Boot: use the signed ISO and installer' },
      {
        flags: '--extension <name>',
        description: 'an official extension to keep in the schematic (repeatable)',
        parse: (v: string, p: string[] = []) => [...p, v]
      }
    ],
    input: ({ args, opts }) => ({
      hostname: args[0]!,
      arch: opts.arch as 'amd64' | 'arm64',
      overlay: overlayOf(opts.overlay as string | undefined),
      extensions: (opts.extension as string[] | undefined) ?? [],
      secureBoot: opts.secureBoot === true
    }),
    print: (m) =>
      [
        `${m.hostname}: ${m.arch}${m.overlay ? `, overlay ${m.overlay.image} ${m.overlay.name}` : ''}${m.secureBoot ? ', Secure Boot' : ''}`,
        `Schematic:    ${m.schematicId}`,
        `Installer:    ${m.installerImage}`,
        `ISO:          ${m.isoFile} (wild assets download --arch ${m.arch} --schematic ${m.schematicId} --version ${m.version})`,
        `Kernel args:  ${m.kernelArgsFile}`,
        ...(m.enrolment ? ['', m.enrolment] : [])
      ].join('\n')
  },
  'boards.choice': {
    kind: 'verb',
    path: ['board', 'choice'],
    description: 'The architecture, board overlay and Secure Boot last chosen for a node',
    args: ['<hostname>'],
    input: ({ args }) => ({ hostname: args[0]! }),
    print: (c) =>
      c === null
        ? 'No board choice saved for this node (an amd64 machine needs none).'
        : [
            `architecture  ${c.arch}`,
            `overlay       ${c.overlay ? `${c.overlay.name} (${c.overlay.image})` : '-'}`,
            `secure boot   ${c.secureBoot ? 'yes' : 'no'}`,
            `schematic     ${c.schematicId}`
          ].join('\n')
  }
} satisfies Partial<VerbTable>
