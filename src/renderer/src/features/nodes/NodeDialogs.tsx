import { ShieldAlert } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { Node } from '@shared/contract/nodes'
import { Button, ConfirmDialog, Dialog, InlineError, useToast } from '../../ui'
import { useDeleteNode, useSetupNode } from './hooks'

/** Applying a configuration is explained before it happens: where it goes, what the machine does. */
export function SetupNodeDialog({
  instance,
  node,
  open,
  onOpenChange,
  onStarted
}: {
  instance: string
  node: Node | null
  open: boolean
  onOpenChange: (o: boolean) => void
  onStarted?: (operationId: string) => void
}) {
  const toast = useToast()
  const setup = useSetupNode()
  useEffect(() => {
    if (open) setup.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
  if (!node) return null
  const firstInstall = node.state !== 'ready'
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !setup.isPending && onOpenChange(o)}
      title={`Set up ${node.hostname}?`}
      description={
        firstInstall
          ? `Writes ${node.hostname}'s configuration and sends it to ${node.currentIp ?? node.targetIp}. The machine installs Talos to ${node.disk ?? 'the chosen disk'}, reboots and comes back at ${node.targetIp}.`
          : `Writes ${node.hostname}'s configuration again and applies it to the running machine at ${node.targetIp}.`
      }
      footer={
        <>
          <Button onClick={() => onOpenChange(false)} disabled={setup.isPending}>
            Cancel
          </Button>
          <Button
            variant="primary"
            loading={setup.isPending}
            onClick={() =>
              setup.mutate(
                { instance, hostname: node.hostname },
                {
                  onSuccess: ({ operationId }) => {
                    toast({ title: `Setting up ${node.hostname}`, description: 'Follow it on the node page or in Operations.', tone: 'info' })
                    onOpenChange(false)
                    onStarted?.(operationId)
                  }
                }
              )
            }
          >
            Set up {node.hostname}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        {firstInstall && (
          <div className="flex gap-2.5 rounded-md border border-warn/40 bg-warn-soft p-3 text-[13px]">
            <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warn" />
            <p>
              A machine in maintenance mode has no certificate this app can check yet, so the configuration — including the cluster's secrets — is sent over an
              encrypted but <strong>unverified</strong> connection. Do this only on a network you trust. Remove the USB stick once the install starts.
            </p>
          </div>
        )}
        <InlineError error={setup.error} />
      </div>
    </Dialog>
  )
}

/** Delete a node from the instance, optionally wiping the machine first; the hostname is typed. */
export function DeleteNodeDialog({
  instance,
  node,
  open,
  onOpenChange,
  onDeleted
}: {
  instance: string
  node: Node | null
  open: boolean
  onOpenChange: (o: boolean) => void
  onDeleted?: () => void
}) {
  const toast = useToast()
  const del = useDeleteNode()
  const [reset, setReset] = useState(false)
  useEffect(() => {
    if (open) {
      setReset(false)
      del.reset()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
  if (!node) return null
  const canReset = node.deployed || node.state === 'ready'
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Remove ${node.hostname}?`}
      description={
        reset
          ? `The machine is reset first: Talos and everything on its install disk are wiped, and it leaves the cluster. Then it is removed from this instance.`
          : `${node.hostname} is removed from this instance. The machine itself keeps running as it is.`
      }
      name={node.hostname}
      confirmLabel={reset ? 'Reset and remove' : 'Remove node'}
      pending={del.isPending}
      error={del.error}
      onConfirm={(typed) =>
        del.mutate(
          { instance, hostname: node.hostname, confirm: typed, reset },
          {
            onSuccess: () => {
              toast({ title: `${node.hostname} removed` })
              onOpenChange(false)
              onDeleted?.()
            }
          }
        )
      }
    >
      {canReset && (
        <label className="flex items-start gap-2.5 text-sm">
          <input type="checkbox" checked={reset} onChange={(e) => setReset(e.target.checked)} className="mt-0.5 size-4 accent-[var(--wc-danger-solid)]" />
          <span>
            Also reset the machine
            <span className="block text-[13px] text-muted">Wipes Talos from its disk so it can be set up again or reused.</span>
          </span>
        </label>
      )}
    </ConfirmDialog>
  )
}
