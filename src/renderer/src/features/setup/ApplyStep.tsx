import { useQueryClient } from '@tanstack/react-query'
import { Usb } from 'lucide-react'
import type { Node } from '@shared/contract/nodes'
import type { Operation } from '@shared/contract/operations'
import type { HardwareInfo } from '@shared/contract/talos'
import { commandKey } from '../../api/hooks'
import { Button, Card, EmptyState, InlineError } from '../../ui'
import { useSetupNode } from '../nodes/hooks'
import { isActive } from '../operations/model'
import { OperationLive } from '../operations/OperationLive'

/** Steps during which the machine has its configuration: a cancel stops the waiting, not the install. */
const WAITING_STEPS = ['Wait for the install to start', 'Wait for the node at its target address']

/** An install usually takes 1–5 minutes: past that, say what to check. */
const TYPICAL_INSTALL_MS = 5 * 60_000

/**
 * Did the machine boot from a USB stick or CD? Known from the detection made in the Hardware step
 * (still in the query cache); unknown after a reload, when the reminder stays on to be safe.
 */
function bootedFromRemovable(hw: HardwareInfo | undefined): boolean {
  if (!hw) return true
  return hw.disks.some((d) => d.bootMedium && (d.kind === 'usb' || d.kind === 'cd' || d.cdrom))
}

export function RemoveUsbNote() {
  return (
    <div role="note" aria-label="Remove the USB stick" className="flex gap-3 rounded-lg border border-info/30 bg-info-soft p-3.5">
      <Usb aria-hidden className="mt-0.5 size-4 shrink-0 text-info" />
      <p className="text-[13px]">
        <span className="font-medium">Remove the USB stick now.</span> The machine reboots from its disk; with the stick still in and first in the boot order it
        would start the installer again.
      </p>
    </div>
  )
}

export const SLOW_INSTALL_HINT = (
  <>
    <p className="font-medium">This is taking longer than usual (1–5 minutes).</p>
    <ul className="mt-1 list-disc pl-5">
      <li>Look at the machine's screen: does it show an error, or the installer again?</li>
      <li>Check the network cable and that the machine is on the same network.</li>
      <li>Check the boot order: with the USB stick still in, it may boot the installer instead of the disk.</li>
    </ul>
  </>
)

/** Step 6: the install, live: apply → reboot → install → answering at its new address. */
export function ApplyStep({ instance, node, op }: { instance: string; node: Node; op: Operation | null }) {
  const setup = useSetupNode()
  const queries = useQueryClient()
  const hw = node.currentIp ? queries.getQueryData<HardwareInfo>(commandKey('hardware.detect', { instance, ip: node.currentIp })) : undefined
  const retry = () => setup.mutate({ instance, hostname: node.hostname })
  const interrupted = node.state === 'interrupted'
  const retryLabel = interrupted ? 'Resume' : 'Try again'
  if (!op) {
    return (
      <EmptyState
        title={
          node.state === 'failed'
            ? `Setting up ${node.hostname} did not finish`
            : interrupted
              ? `Setting up ${node.hostname} was stopped`
              : `${node.hostname} is ${node.state}`
        }
        action={
          <Button variant="primary" loading={setup.isPending} onClick={retry}>
            {node.state === 'failed' || interrupted ? retryLabel : 'Continue setup'}
          </Button>
        }
      >
        {node.stateReason ?? 'Setup continues from where it stopped.'}
        <div className="mt-2">
          <InlineError error={setup.error} />
        </div>
      </EmptyState>
    )
  }
  return (
    <Card
      title={`Installing ${node.hostname}`}
      description={`From ${node.currentIp ?? node.targetIp} to ${node.targetIp}. Typically 1–5 minutes. You can leave this screen; it keeps going.`}
    >
      {isActive(op) && bootedFromRemovable(hw) && (
        <div className="mb-4">
          <RemoveUsbNote />
        </div>
      )}
      <OperationLive
        op={op}
        slowAfterMs={TYPICAL_INSTALL_MS}
        slowHint={SLOW_INSTALL_HINT}
        onRetry={retry}
        retrying={setup.isPending}
        retryLabel={retryLabel}
        cancelLabel={op.currentStep && WAITING_STEPS.includes(op.currentStep) ? 'Stop waiting — the machine keeps installing' : 'Cancel'}
        stoppedNote={interrupted ? node.stateReason : null}
      />
      <div className="mt-2">
        <InlineError error={setup.error} />
      </div>
    </Card>
  )
}
