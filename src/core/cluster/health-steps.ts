import { HEALTH_CONDITIONS, type HealthEvent } from '../talos/health'
import type { OperationHandle } from '../operations/types'

/** "Check: etcd to be healthy" — the step each talosctl health condition becomes. */
export function healthStepName(condition: string): string {
  return `Check: ${condition}`
}

export const HEALTH_STEPS = HEALTH_CONDITIONS.map(healthStepName)

type Pending = { name: string; resolve: () => void; reject: (e: unknown) => void }

/**
 * Follows `talosctl health` and shows each condition as an operation step: a step starts when
 * talosctl starts waiting for it and completes on its "OK" line; intermediate failure lines go to
 * the log (talosctl keeps retrying them). Conditions talosctl did not run are marked skipped.
 */
export async function runHealthAsSteps(
  op: Pick<OperationHandle, 'step' | 'skip' | 'log' | 'message'>,
  run: (onProgress: (e: HealthEvent) => void) => Promise<void>
): Promise<void> {
  let current: Pending | null = null
  let chain: Promise<unknown> = Promise.resolve()
  const seen = new Set<string>()
  const lastDetail = new Map<string, string>()

  const open = (condition: string) => {
    const name = healthStepName(condition)
    seen.add(name)
    let pending!: Pending
    const done = new Promise<void>((resolve, reject) => (pending = { name, resolve, reject }))
    current = pending
    chain = chain.then(() => op.step(name, () => done))
    // Failures surface through `chain`; this copy must not count as unhandled.
    chain.catch(() => {})
  }

  const onProgress = (e: HealthEvent) => {
    if (e.kind === 'discovered') {
      op.log(`Nodes in the health check: ${e.nodes.join(', ') || 'none'}`)
      return
    }
    if (e.kind === 'other') {
      if (e.line) op.log(e.line)
      return
    }
    const name = healthStepName(e.condition)
    if (current?.name !== name) {
      // talosctl moves on only after an OK, so a new condition closes the previous one.
      current?.resolve()
      open(e.condition)
    }
    if (e.state === 'ok') {
      current?.resolve()
      current = null
    } else if (e.state === 'failing' && e.detail && lastDetail.get(name) !== e.detail) {
      lastDetail.set(name, e.detail)
      op.log(`${e.condition}: ${e.detail}`)
      op.message(`Waiting for ${e.condition}: ${e.detail}`)
    }
  }

  let failure: unknown = null
  try {
    await run(onProgress)
  } catch (e) {
    failure = e
  }
  const last = current as Pending | null
  if (last) {
    if (failure) last.reject(failure)
    else last.resolve()
  }
  try {
    await chain
  } catch (e) {
    failure ??= e
  }
  if (failure) throw failure
  for (const name of HEALTH_STEPS) if (!seen.has(name)) op.skip(name, 'Not checked by talosctl for this cluster.')
}
