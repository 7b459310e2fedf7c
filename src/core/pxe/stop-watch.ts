import { promises as fs } from 'node:fs'
import { pidAlive } from '../operations/liveness'

export interface StopWatchOptions {
  /** A file any process that may write the instance's netboot/ folder creates to ask for a stop. */
  stopFile: string
  /** The app that launched this server through an elevation prompt: when it is gone, stop. */
  parentPid?: number
  onStop(reason: string): void
  everyMs?: number
}

/**
 * A server started as root by the app cannot be signalled by the app (another user), so the app
 * asks through a file in the instance's netboot/ folder, and the server also ends with the app
 * that started it: no root process outlives its reason to run.
 */
export function watchForStop(o: StopWatchOptions): () => void {
  let done = false
  const stop = (reason: string) => {
    if (done) return
    done = true
    clearInterval(timer)
    o.onStop(reason)
  }
  const check = async () => {
    if (done) return
    if (o.parentPid !== undefined && !pidAlive(o.parentPid)) return stop(`the app that started it (pid ${o.parentPid}) has ended`)
    try {
      await fs.unlink(o.stopFile)
      stop('a stop was requested')
    } catch {
      // no request yet
    }
  }
  const timer = setInterval(() => void check(), o.everyMs ?? 500)
  timer.unref()
  void check()
  return () => {
    done = true
    clearInterval(timer)
  }
}
