import type { AssetType, DownloadFiles, FileDownloadState, FileProgress } from '../../shared/contract/assets'
import { AppError } from '../../shared/errors'
import { createThrottle, realTimers, type Timers } from '../operations/throttle'
import { localFileName } from './catalog'
import { estimate, type EtaState } from './eta'

export const FILE_EVENT_MS = 250
const FINAL: ReadonlySet<FileDownloadState> = new Set(['done', 'failed', 'cancelled'])

export interface FileTrackerOptions {
  instance: string
  operationId: string
  types: AssetType[]
  emit: (files: DownloadFiles) => void
  timers?: Timers
}

export type FileTracker = ReturnType<typeof createFileTracker>

/**
 * The files of one download: each one's state, bytes, rate and ETA, and an abort controller of
 * its own so the operator can cancel one file while the others go on. Changes are pushed at
 * most every FILE_EVENT_MS; a file reaching a final state is pushed at once.
 */
export function createFileTracker(o: FileTrackerOptions) {
  const timers = o.timers ?? realTimers
  const files = new Map<AssetType, FileProgress>()
  const eta = new Map<AssetType, EtaState>()
  const controllers = new Map<AssetType, AbortController>()
  for (const type of o.types) {
    files.set(type, {
      type,
      name: localFileName(type),
      state: 'queued',
      bytesDone: 0,
      bytesTotal: null,
      bytesPerSecond: null,
      etaSeconds: null,
      sha256: null,
      message: null
    })
    controllers.set(type, new AbortController())
  }
  const snapshot = (): DownloadFiles => ({ instance: o.instance, operationId: o.operationId, files: [...files.values()].map((f) => ({ ...f })) })
  const push = createThrottle(() => o.emit(snapshot()), FILE_EVENT_MS, timers)

  function set(type: AssetType, patch: Partial<FileProgress>): void {
    const f = files.get(type)
    if (!f || FINAL.has(f.state)) return
    Object.assign(f, patch)
    if (FINAL.has(f.state)) {
      Object.assign(f, { bytesPerSecond: null, etaSeconds: null })
      push.flush()
    } else push.request()
  }

  const finalMessage = (state: FileDownloadState, message: string | null) => (state === 'cancelled' ? (message ?? 'cancelled by the operator') : message)

  return {
    snapshot,
    /** Aborted when the operator cancels this file (not the whole download). */
    signal: (type: AssetType) => controllers.get(type)!.signal,
    isCancelled: (type: AssetType) => controllers.get(type)?.signal.aborted === true,
    /** The size the factory announced, so a queued file already shows how big it is. */
    sized: (type: AssetType, total: number | null) => set(type, { bytesTotal: total }),
    start(type: AssetType, total: number | null): void {
      eta.delete(type)
      set(type, { state: 'downloading', bytesTotal: total })
    },
    bytes(type: AssetType, done: number, total: number | null): void {
      const e = estimate(eta.get(type) ?? null, done, total, timers.now())
      eta.set(type, e.state)
      set(type, { bytesDone: done, bytesTotal: total, bytesPerSecond: e.bytesPerSecond, etaSeconds: e.etaSeconds })
    },
    verifying: (type: AssetType) => set(type, { state: 'verifying', etaSeconds: null }),
    done(type: AssetType, result: { size: number; sha256: string | null }, message: string | null = null): void {
      set(type, { state: 'done', bytesDone: result.size, bytesTotal: result.size, sha256: result.sha256, message })
    },
    end(type: AssetType, state: 'failed' | 'cancelled', message: string | null = null): void {
      set(type, { state, message: finalMessage(state, message) })
    },
    /** When the operation ends: files that never finished take its outcome. */
    close(outcome: 'failed' | 'cancelled', message: string): void {
      for (const f of files.values())
        if (!FINAL.has(f.state)) set(f.type, { state: outcome === 'failed' && f.state !== 'queued' ? 'failed' : 'cancelled', message })
      push.flush()
    },
    /**
     * The operator's cancel of one file: a queued file will not start, a running one stops and
     * its partial file is removed. A file already done or failed cannot be cancelled.
     */
    cancel(type: AssetType): void {
      const f = files.get(type)
      if (!f) throw new AppError('NOT_FOUND', `This download does not fetch the ${type}. It fetches ${[...files.keys()].join(', ')}.`)
      if (f.state === 'cancelled') return
      if (FINAL.has(f.state)) {
        const next = f.state === 'done' ? 'Delete it from the Boot assets screen if you do not want it.' : 'Start the download again to retry it.'
        throw new AppError('CONFLICT', `${f.name} is already ${f.state === 'done' ? 'downloaded' : 'failed'}, so there is nothing to cancel. ${next}`)
      }
      controllers.get(type)!.abort(new AppError('CANCELLED', `${f.name} was cancelled by the operator.`))
      // A queued file is final at once; a running one when its request has stopped and its .part is gone.
      if (f.state === 'queued') set(type, { state: 'cancelled', message: 'cancelled by the operator before it started' })
    }
  }
}
