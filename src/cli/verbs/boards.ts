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
  'boards.media': handWritten('board', 'media')
} satisfies Partial<VerbTable>
