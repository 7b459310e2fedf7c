import type { Operation, OperationStep } from '../shared/contract/operations'
import { AppError, ErrorCode } from '../shared/errors'
import type { Core } from '../core'

/** One stderr line per step change: "  ✓ Apply configuration (4 s)". */
export function stepLine(s: OperationStep): string | null {
  const took = s.startedAt && s.endedAt ? ` (${Math.max(0, Math.round((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000))} s)` : ''
  switch (s.status) {
    case 'running':
      return `  … ${s.name}`
    case 'completed':
      return `  ✓ ${s.name}${took}`
    case 'skipped':
      return `  - ${s.name}${s.message ? ` (skipped: ${s.message})` : ' (skipped)'}`
    case 'failed':
      return `  ✗ ${s.name}${s.message ? `: ${s.message}` : ''}`
    case 'cancelled':
      return `  ✗ ${s.name} (cancelled)`
    default:
      return null
  }
}

/** The lines of `next` that were not in `prev`: the log tail slides, so match the overlap. */
export function newTailLines(prev: readonly string[], next: readonly string[]): string[] {
  for (let k = Math.min(prev.length, next.length); k > 0; k--) {
    let same = true
    for (let i = 0; i < k && same; i++) same = prev[prev.length - k + i] === next[i]
    if (same) return next.slice(k)
  }
  return [...next]
}

/**
 * Follows an operation to its end, printing each step change and new status message on stderr;
 * the signal (Ctrl-C) cancels it. Resolves with the completed op, throws its error otherwise.
 */
export async function followOperation(
  core: Core,
  instance: string,
  op: Operation,
  signal: AbortSignal,
  write: (line: string) => void = (l) => process.stderr.write(l + '\n')
): Promise<Operation> {
  const printed = new Map<string, string>()
  let lastMessage = ''
  let tail: string[] = []
  const show = (o: Operation) => {
    for (const line of newTailLines(tail, o.logTail)) write(`    ${line}`)
    tail = o.logTail
    for (const s of o.steps) {
      if (printed.get(s.name) === s.status) continue
      const line = stepLine(s)
      if (line === null) continue
      // A step seen only at its end is printed once, as ended.
      printed.set(s.name, s.status)
      write(line)
    }
    // "Waiting … (12 s)" is shown once, not once per second.
    const key = o.message.replace(/\s*\([\d\s]+(s|min)[^)]*\)\s*$/, '')
    if (o.message && key !== lastMessage && o.status === 'running' && !o.message.endsWith('…')) {
      lastMessage = key
      write(`    ${o.message}`)
    }
  }
  const off = core.events.onAny((name, payload) => {
    if (name !== 'operation.updated') return
    const o = payload as Operation
    if (o.id === op.id) show(o)
  })
  const onAbort = () => {
    write('  Cancelling…')
    void core.operations.cancel(instance, op.id).catch(() => {})
  }
  signal.addEventListener('abort', onAbort, { once: true })
  let final: Operation
  try {
    final = await core.operations.wait(instance, op.id)
  } finally {
    off()
    signal.removeEventListener('abort', onAbort)
  }
  show(final)
  if (final.status !== 'completed') {
    const code = ErrorCode.catch('UNKNOWN').parse(final.error?.code ?? (final.status === 'cancelled' ? 'CANCELLED' : 'UNKNOWN'))
    throw new AppError(code, final.error?.message ?? final.message ?? `The operation ended ${final.status}.`, { operationId: op.id })
  }
  return final
}
