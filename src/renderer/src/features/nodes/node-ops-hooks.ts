import { useEffect, useRef, useState } from 'react'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { call, getWild, type ClientError } from '../../api/client'

export function useServices(instance: string, node: string, enabled: boolean) {
  return useCommandQuery('nodeOps.services', { instance, node }, { enabled, refetchInterval: 10_000 })
}

export function useEtcdMembers(instance: string, enabled: boolean) {
  return useCommandQuery('nodeOps.etcdMembers', { instance }, { enabled })
}

export const useRebootNode = () => useCommandMutation('nodeOps.reboot', { invalidates: ['operations.list'] })
export const useShutdownNode = () => useCommandMutation('nodeOps.shutdown', { invalidates: ['operations.list'] })
export const useRemoveControlPlane = () => useCommandMutation('nodeOps.removeControlPlane', { invalidates: ['operations.list'] })

/** Lines the panel keeps: older ones go, so a log followed for hours stays small. */
export const MAX_LOG_LINES = 2000

export interface LogSource {
  /** A service id; null for the kernel messages. */
  service: string | null
}

export interface LogFollow {
  lines: string[]
  /** Lines left out (by the core to keep up, or here past MAX_LOG_LINES). */
  dropped: number
  following: boolean
  loading: boolean
  error: ClientError | Error | null
}

function keepLast(lines: string[], more: string[]): { lines: string[]; cut: number } {
  const all = lines.concat(more)
  const cut = Math.max(0, all.length - MAX_LOG_LINES)
  return { lines: cut ? all.slice(cut) : all, cut }
}

/**
 * The lines of one log: a snapshot of its tail, and with `follow` new lines as they arrive
 * (nodeOps.logLines events). The stream is stopped when the source changes, follow is turned
 * off or the panel goes away, so no talosctl outlives what the operator looks at.
 */
export function useLogFollow(instance: string, node: string, source: LogSource, follow: boolean, tail = 500): LogFollow {
  const [state, setState] = useState<LogFollow>({ lines: [], dropped: 0, following: false, loading: true, error: null })
  const streamRef = useRef<string | null>(null)
  const service = source.service ?? undefined

  useEffect(() => {
    let alive = true
    let streamId: string | null = null
    const wild = getWild()
    const offLines = wild.on('nodeOps.logLines', (p) => {
      if (!alive || p.streamId !== streamId) return
      setState((s) => {
        const next = keepLast(s.lines, p.lines)
        return { ...s, lines: next.lines, dropped: s.dropped + p.dropped + next.cut }
      })
    })
    const offEnd = wild.on('nodeOps.logEnded', (p) => {
      if (!alive || p.streamId !== streamId) return
      streamRef.current = null
      setState((s) => ({ ...s, following: false, error: p.reason === 'failed' ? new Error(p.message ?? 'The log stream ended.') : s.error }))
    })
    setState({ lines: [], dropped: 0, following: false, loading: true, error: null })
    const start = follow
      ? call('nodeOps.follow', { instance, node, service, tail }).then((r) => {
          streamId = r.streamId
          streamRef.current = r.streamId
          // Unmounted while starting: stop what was just started.
          if (!alive) void call('nodeOps.stopFollow', { streamId: r.streamId }).catch(() => undefined)
          else setState((s) => ({ ...s, following: true, loading: false }))
        })
      : call('nodeOps.logs', { instance, node, service, tail }).then((r) => {
          if (alive) setState({ lines: r.lines, dropped: r.dropped, following: false, loading: false, error: null })
        })
    start.catch((e: unknown) => alive && setState((s) => ({ ...s, loading: false, error: e as Error })))
    return () => {
      alive = false
      offLines()
      offEnd()
      if (streamId) void call('nodeOps.stopFollow', { streamId }).catch(() => undefined)
      streamRef.current = null
    }
  }, [instance, node, service, follow, tail])

  return state
}
