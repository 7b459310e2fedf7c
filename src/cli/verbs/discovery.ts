import { handWritten, type VerbTable } from './types'

/** `wild discover [RANGE]` suggests, scans and follows the scan by hand; `machines forget-scan` clears it. */
export const discoveryVerbs = {
  'discovery.suggest': handWritten('discover'),
  'discovery.start': handWritten('discover'),
  'discovery.status': handWritten('discover'),
  'discovery.clear': {
    kind: 'verb',
    path: ['machines', 'forget-scan'],
    description: 'Forget the last scan results of the instance',
    input: () => ({}),
    print: () => 'Forgot the last scan.'
  }
} satisfies Partial<VerbTable>
