import type { EventPayload } from '@shared/contract'
import { AppError } from '@shared/errors'
import type { CliSession } from '../verbs/session'
import type { VerbInput } from '../verbs/types'

type Lines = EventPayload<'nodeOps.logLines'>
type Ended = EventPayload<'nodeOps.logEnded'>

/**
 * `--follow`: starts nodeOps.follow and writes each line of its nodeOps.logLines events until the
 * log ends; Ctrl-C stops it (nodeOps.stopFollow) and ends the command as CANCELLED.
 */
export async function followLog(s: CliSession, input: VerbInput<'nodeOps.follow'>, write: (line: string) => void): Promise<void> {
  let streamId: string | null = null
  // Events that arrive before nodeOps.follow has answered wait here until its streamId is known.
  const early: (Lines | Ended)[] = []
  let end: (e: Ended) => void = () => {}
  const ended = new Promise<Ended>((resolve) => (end = resolve))
  const show = (b: Lines) => {
    for (const line of b.lines) write(line)
    if (b.dropped > 0) process.stderr.write(`warning: ${b.dropped} line${b.dropped === 1 ? '' : 's'} left out to keep up\n`)
  }
  const handle = (e: Lines | Ended) => {
    if (streamId === null) early.push(e)
    else if (e.streamId !== streamId) return
    else if ('lines' in e) show(e)
    else end(e)
  }
  s.on('nodeOps.logLines', handle)
  s.on('nodeOps.logEnded', handle)
  const started = await s.call('nodeOps.follow', input)
  streamId = started.streamId
  for (const e of early.splice(0)) handle(e)
  const stop = () => void s.call('nodeOps.stopFollow', { streamId: started.streamId }).catch(() => {})
  s.signal.addEventListener('abort', stop, { once: true })
  if (s.signal.aborted) stop()
  let result: Ended
  try {
    result = await ended
  } finally {
    s.signal.removeEventListener('abort', stop)
  }
  if (s.signal.aborted) throw new AppError('CANCELLED', 'Stopped following the log.')
  if (result.reason === 'failed') throw new AppError('UNKNOWN', result.message ?? 'The log stream ended with an error.')
}
