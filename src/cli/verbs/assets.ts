import { assetTable, unverifiedLines } from '../commands/assets-format'
import { FACTORY_OPTION, SET_OPTIONS, TYPE_OPTION, VERSION_OPTIONS, setInput } from './asset-options'
import { appOnly, composite, type VerbTable } from './types'

/** `wild assets …`; `assets download` prints progress while it follows its operation, so it is written by hand. */
export const assetVerbs = {
  'assets.list': {
    kind: 'verb',
    path: ['assets', 'list'],
    description: 'List boot assets with size, state and SHA-256',
    options: SET_OPTIONS,
    input: ({ opts }) => setInput(opts),
    print: (list) => assetTable(list)
  },
  'assets.download': composite('assets', 'download'),
  'assets.verify': {
    kind: 'verb',
    path: ['assets', 'verify'],
    description: 'Re-hash downloaded assets against the recorded SHA-256',
    options: [
      ...SET_OPTIONS,
      TYPE_OPTION,
      { flags: '--record', description: 'record the SHA-256 of files that have no record yet (files with one are still checked)' }
    ],
    input: ({ opts }) => ({ ...setInput(opts), record: opts.record === true ? true : undefined }),
    print: (list) => (unverifiedLines(list).length ? assetTable(list) : `Verified:\n${assetTable(list)}`),
    // Nothing to compare with is not a pass: say so, and fail like any check that did not pass.
    warn: (list) => unverifiedLines(list).join('\n') || undefined,
    exitCode: (list) => (unverifiedLines(list).length ? 1 : 0)
  },
  'assets.delete': {
    kind: 'verb',
    path: ['assets', 'delete'],
    description: 'Delete boot assets, partial downloads and their records',
    options: [...SET_OPTIONS, TYPE_OPTION],
    input: ({ opts }) => setInput(opts),
    print: ({ deleted }) => (deleted.length ? `Deleted:\n  ${deleted.join('\n  ')}` : 'Nothing to delete.')
  },
  'assets.schematic.create': {
    kind: 'verb',
    path: ['assets', 'schematic'],
    description: 'Create an Image Factory schematic from system extensions (none: plain Talos)',
    args: ['[extensions...]'],
    options: [FACTORY_OPTION],
    // A variadic argument arrives as one array.
    input: ({ args }) => ({ extensions: (args[0] as unknown as string[] | undefined) ?? [] }),
    print: ({ id }) => id
  },
  'assets.extensions': {
    kind: 'verb',
    path: ['assets', 'extensions'],
    description: 'List the official system extensions for a Talos version',
    options: [...VERSION_OPTIONS, FACTORY_OPTION],
    input: ({ opts }) => ({ version: setInput(opts).version! }),
    print: (list) => list.map((e) => `${e.name.padEnd(40)} ${e.description}`).join('\n') || 'No extensions.'
  },
  'assets.ipxe': {
    kind: 'verb',
    path: ['assets', 'ipxe'],
    description: 'Print an iPXE script for the downloaded kernel and initramfs',
    options: [
      ...SET_OPTIONS,
      { flags: '--base-url <url>', description: "where an HTTP server serves this instance's pxe/ folder", required: true },
      { flags: '--extra-arg <arg>', description: 'kernel argument to append (repeatable)', parse: (v: string, p: string[] = []) => [...p, v] }
    ],
    input: ({ opts }) => ({ ...setInput(opts), baseUrl: String(opts.baseUrl), extraArgs: opts.extraArg as string[] | undefined }),
    print: ({ script }) => script.trimEnd()
  },
  // Per-file state and its abort controllers live in the process running the download; wild assets
  // download prints that process's progress and stops with Ctrl-C.
  'assets.downloadFiles': appOnly('per-file progress of a download running in the app; wild assets download prints its own'),
  'assets.cancelFile': appOnly('cancels one file of a download running in the app; stop wild assets download with Ctrl-C')
} satisfies Partial<VerbTable>
