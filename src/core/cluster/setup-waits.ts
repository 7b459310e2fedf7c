import { AppError } from '../../shared/errors'
import type { NodeRecord } from '../nodes/model'
import type { OperationHandle } from '../operations/types'
import type { MachineAnswer } from './probe'
import type { LifecycleTiming } from './timing'
import { formatDuration, pollUntil } from './wait'

/** What the two waits after the apply take from the setup run. */
interface SetupWait {
  hostname: string
  timing: LifecycleTiming
  op: OperationHandle
  probe: (ip: string, creds: string | null, expectOurs?: boolean) => Promise<MachineAnswer>
  talosconfig: () => Promise<string | null>
}

type WaitingNode = Pick<NodeRecord, 'currentIp'> & { targetIp: string }

const WHAT_TO_CHECK =
  "Check the machine's console for errors, that its network cable is connected, and its boot order " +
  '(the installed disk first; remove the USB stick if it boots the installer again).'

/** After an apply that installs: the machine leaves maintenance mode to install, or goes quiet as it reboots. */
export async function waitForReboot(w: SetupWait, ip: string): Promise<void> {
  const { hostname, timing, op, probe } = w
  await pollUntil(
    async () => {
      const a = await probe(ip, null)
      if (a.kind === 'unreachable' || a.kind === 'foreign') return a.kind
      if (a.kind === 'maintenance' && a.stage && a.stage !== 'maintenance') return a.stage
      op.message(`Waiting for ${hostname} to start installing at ${ip}…`)
      return undefined
    },
    {
      intervalMs: timing.pollMs,
      timeoutMs: timing.rebootTimeoutMs,
      signal: op.signal,
      slowAfterMs: timing.slowAfterMs,
      onSlow: (ms) => op.log(`${hostname} is still in maintenance mode after ${formatDuration(ms)}. ${WHAT_TO_CHECK}`),
      onTimeout: (ms) =>
        new AppError(
          'TIMEOUT',
          `${hostname} was still in maintenance mode at ${ip} ${formatDuration(ms)} after the configuration was sent: ` +
            `it did not start installing. ${WHAT_TO_CHECK} Then run setup again.`
        )
    }
  )
}

/** Until the node answers at its target address as ours, at the version expected; `waitSince` carries a stopped run's clock on. */
export async function waitForAnswer(w: SetupWait, n: WaitingNode, want: string, waitSince: string | null): Promise<void> {
  const { hostname, timing, op, probe, talosconfig } = w
  let wrong = 0
  const started = waitSince ? Date.parse(waitSince) : Date.now()
  await pollUntil(
    async () => {
      const creds = await talosconfig()
      const a = await probe(n.targetIp, creds, true)
      if (a.kind === 'ours') {
        if (a.version === want) return a
        wrong++
        if (wrong >= timing.versionMismatchLooks) {
          throw new AppError(
            'CONFLICT',
            `${hostname} answers at ${n.targetIp} with Talos ${a.version ?? 'of an unknown version'}, but ${want} was expected. ` +
              `The install image did not match: check the node's version and schematic, then run setup again.`
          )
        }
      } else if (a.kind === 'foreign') {
        throw new AppError(
          'CONFLICT',
          `The machine at ${n.targetIp} refuses this cluster's credentials: another machine may have that address. ${WHAT_TO_CHECK}`
        )
      } else if (n.currentIp && n.currentIp !== n.targetIp) {
        const before = await probe(n.currentIp, null)
        if (before.kind === 'maintenance' && before.stage === 'maintenance') {
          op.message(`${hostname} is in maintenance mode again at ${n.currentIp}: it may have booted the installer again.`)
          op.log(`${hostname} answers in maintenance mode at ${n.currentIp} again. Remove the USB stick or fix the boot order.`)
          return undefined
        }
      }
      op.message(`Waiting for ${hostname} to answer at ${n.targetIp} with its new identity… (${formatDuration(Date.now() - started)})`)
      return undefined
    },
    {
      intervalMs: timing.pollMs,
      timeoutMs: timing.answerTimeoutMs,
      signal: op.signal,
      slowAfterMs: timing.slowAfterMs,
      onSlow: (ms) => {
        op.message(`${hostname} has not answered at ${n.targetIp} for ${formatDuration(ms)}. ${WHAT_TO_CHECK}`)
        op.log(`${hostname} has not answered at ${n.targetIp} for ${formatDuration(ms)}. ${WHAT_TO_CHECK}`)
      },
      onTimeout: (ms) =>
        new AppError('TIMEOUT', `${hostname} did not answer at ${n.targetIp} within ${formatDuration(ms)}. ${WHAT_TO_CHECK} Then run setup again.`)
    }
  )
}
