import { table } from '../output'
import { handWritten, type VerbTable } from './types'

/** `wild board overlays`; `board media` reads its options into a schematic by hand. */
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
  'boards.media': handWritten('board', 'media'),
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
