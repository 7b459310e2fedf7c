import { composite, type VerbTable } from './types'

/** `wild discover [RANGE]` suggests, or scans and follows the scan (commands/discover.ts); `machines forget-scan` clears it. */
export const discoveryVerbs = {
  'discovery.suggest': composite('discover'),
  'discovery.start': composite('discover'),
  'discovery.status': composite('discover'),
  'discovery.clear': {
    kind: 'verb',
    path: ['machines', 'forget-scan'],
    description: 'Forget the last scan results of the instance',
    input: () => ({}),
    print: () => 'Forgot the last scan.'
  }
} satisfies Partial<VerbTable>
