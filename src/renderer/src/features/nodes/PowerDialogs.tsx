import { useEffect } from 'react'
import type { Node } from '@shared/contract/nodes'
import { Button, ConfirmDialog, Dialog, InlineError, Spinner, useToast } from '../../ui'
import { useEtcdMembers, useRebootNode, useRemoveControlPlane, useShutdownNode } from './node-ops-hooks'

export type PowerAction = 'reboot' | 'shutdown'

const WORDS: Record<PowerAction, { title: string; button: string; done: string; what: string }> = {
  reboot: { title: 'Reboot', button: 'Reboot', done: 'rebooting', what: 'restarts; its workloads pause until it is back (usually a few minutes)' },
  shutdown: { title: 'Shut down', button: 'Shut down', done: 'shutting down', what: 'powers off and stays off until someone powers it on at the machine' }
}

/**
 * Reboot or shut down a node. A control plane asks for its hostname typed (one slip would take
 * a third of etcd away); a worker asks once.
 */
export function PowerDialog({
  instance,
  node,
  action,
  onOpenChange
}: {
  instance: string
  node: Node
  action: PowerAction | null
  onOpenChange: (o: boolean) => void
}) {
  const toast = useToast()
  const reboot = useRebootNode()
  const shutdown = useShutdownNode()
  const m = action === 'shutdown' ? shutdown : reboot
  const open = action !== null
  useEffect(() => {
    if (open) m.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, action])
  if (!action) return null
  const w = WORDS[action]
  const run = (confirm?: string) =>
    m.mutate(
      { instance, node: node.hostname, confirm },
      {
        onSuccess: () => {
          toast({ title: `${node.hostname} is ${w.done}` })
          onOpenChange(false)
        }
      }
    )
  const description = `${node.hostname} ${w.what}.`
  if (node.role === 'controlplane') {
    return (
      <ConfirmDialog
        open={open}
        onOpenChange={onOpenChange}
        title={`${w.title} control plane ${node.hostname}?`}
        description={`${description} While it is down, etcd has one member fewer: with a single control plane the cluster stops until it is back.`}
        name={node.hostname}
        confirmLabel={w.button}
        pending={m.isPending}
        error={m.error}
        onConfirm={run}
      />
    )
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !m.isPending && onOpenChange(o)}
      title={`${w.title} ${node.hostname}?`}
      description={description}
      width="sm"
      onSubmit={() => !m.isPending && run()}
      footer={
        <>
          <Button onClick={() => onOpenChange(false)} disabled={m.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" loading={m.isPending}>
            {w.button}
          </Button>
        </>
      }
    >
      <InlineError error={m.error} />
    </Dialog>
  )
}

/** Removing a control plane shows the etcd members first: the operator sees what quorum is left. */
export function RemoveControlPlaneDialog({
  instance,
  node,
  open,
  onOpenChange
}: {
  instance: string
  node: Node
  open: boolean
  onOpenChange: (o: boolean) => void
}) {
  const toast = useToast()
  const remove = useRemoveControlPlane()
  const members = useEtcdMembers(instance, open)
  useEffect(() => {
    if (open) remove.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Remove control plane ${node.hostname}?`}
      description="Its etcd member is removed first; this is refused when the members left would not keep a healthy majority. Then the machine is reset and removed from this instance."
      name={node.hostname}
      confirmLabel="Remove control plane"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={(typed) =>
        remove.mutate(
          { instance, node: node.hostname, confirm: typed },
          {
            onSuccess: () => {
              toast({ title: `Removing ${node.hostname}` })
              onOpenChange(false)
            }
          }
        )
      }
    >
      <div className="rounded-md border border-line px-3 py-2 text-[13px]">
        <p className="mb-1 font-medium">etcd members{members.data ? ` (asked ${members.data.from})` : ''}</p>
        {members.isLoading && <Spinner label="Reading the etcd members…" />}
        <InlineError error={members.error} />
        {members.data && (
          <ul aria-label="etcd members" className="flex flex-col gap-0.5">
            {members.data.members.map((m) => (
              <li key={m.id} className="flex justify-between gap-3">
                <span className="font-mono">
                  {m.hostname}
                  {m.hostname === node.hostname && ' (this node)'}
                </span>
                <span className={m.healthy ? 'text-ok' : 'text-danger'}>{m.healthy ? 'healthy' : 'not healthy'}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </ConfirmDialog>
  )
}
