import type { InstanceSummary } from '@shared/contract/instances'
import { useCommandMutation } from '../../api/hooks'
import { ConfirmDialog, useToast } from '../../ui'

export function DeleteInstanceDialog({
  instance,
  open,
  onOpenChange
}: {
  instance: InstanceSummary | null
  open: boolean
  onOpenChange: (o: boolean) => void
}) {
  const toast = useToast()
  const del = useCommandMutation('instances.delete', {
    invalidates: ['instances.list'],
    onSuccess: (_r, vars) => {
      toast({ title: `Instance ${vars.instance} deleted` })
      onOpenChange(false)
    }
  })
  if (!instance) return null
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) del.reset()
        onOpenChange(o)
      }}
      title={`Delete instance ${instance.name}?`}
      description={
        <>
          This deletes <code className="break-all">{instance.path}</code>: the cluster settings, its secrets, kubeconfig and talosconfig. Machines already set
          up keep running, but without these files nobody can manage them from here. This cannot be undone.
        </>
      }
      name={instance.name}
      confirmLabel="Delete instance"
      pending={del.isPending}
      error={del.error}
      onConfirm={(typed) => del.mutate({ instance: instance.name, confirm: typed })}
    />
  )
}
