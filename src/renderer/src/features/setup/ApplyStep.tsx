import type { Node } from '../../../../shared/contract/nodes'
import type { Operation } from '../../../../shared/contract/operations'
import { Button, Card, EmptyState, InlineError } from '../../ui'
import { useSetupNode } from '../nodes/hooks'
import { OperationLive } from '../operations/OperationLive'

const TEN_MINUTES = 10 * 60_000

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
  const retry = () => setup.mutate({ instance, hostname: node.hostname })
  if (!op) {
    return (
      <EmptyState
        title={node.state === 'failed' ? `Setting up ${node.hostname} did not finish` : `${node.hostname} is ${node.state}`}
        action={
          <Button variant="primary" loading={setup.isPending} onClick={retry}>
            {node.state === 'failed' ? 'Try again' : 'Continue setup'}
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
    <Card title={`Installing ${node.hostname}`} description={`From ${node.currentIp ?? node.targetIp} to ${node.targetIp}. Typically 1–5 minutes. You can leave this screen; it keeps going.`}>
      <OperationLive op={op} slowAfterMs={TEN_MINUTES} slowHint={SLOW_INSTALL_HINT} onRetry={retry} retrying={setup.isPending} retryLabel="Try again" />
      <div className="mt-2">
        <InlineError error={setup.error} />
      </div>
    </Card>
  )
}
