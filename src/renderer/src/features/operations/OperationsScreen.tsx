import { Activity, Trash2 } from 'lucide-react'
import type { ScreenProps } from '../../app/screen'
import { Page } from '../../app/Page'
import { useCommandMutation } from '../../api/hooks'
import { Button, EmptyState, ErrorNotice, InlineError, Spinner, useToast } from '../../ui'
import { useOperations, useUnreadableOperations } from './hooks'
import { isActive } from './model'
import { OperationCard } from './OperationCard'
import { UnreadableCard } from './UnreadableCard'

/** Every long job of the instance: running ones first, then the finished ones, newest first. */
function OperationsScreen({ instance }: ScreenProps) {
  const q = useOperations(instance)
  const damaged = useUnreadableOperations(instance)
  const toast = useToast()
  const cleanup = useCommandMutation('operations.cleanup', {
    invalidates: ['operations.list', 'operations.unreadable'],
    onSuccess: (r) => toast({ title: r.removed ? `Removed ${r.removed} finished operation${r.removed === 1 ? '' : 's'}` : 'Nothing to remove' })
  })
  const ops = q.data ?? []
  const active = ops.filter(isActive)
  const finished = ops.filter((o) => !isActive(o))
  const unreadable = damaged.data ?? []
  return (
    <Page
      title="Operations"
      description="Downloads, scans, installs and health checks. They keep running when you leave this screen."
      actions={
        (finished.length > 0 || unreadable.length > 0) && (
          <Button
            icon={<Trash2 aria-hidden className="size-4" />}
            loading={cleanup.isPending}
            onClick={() => instance && cleanup.mutate({ instance, keep: 0 })}
          >
            Clear finished
          </Button>
        )
      }
    >
      <InlineError error={cleanup.error} />
      {/* Only its own news: when the list failed too, that error already says it all. */}
      {!q.error && <InlineError error={damaged.error} />}
      {q.isLoading ? (
        <Spinner label="Loading operations…" />
      ) : q.error ? (
        <ErrorNotice title="The operations could not be listed" error={q.error} onRetry={() => void q.refetch()} />
      ) : ops.length === 0 && unreadable.length === 0 ? (
        <EmptyState icon={<Activity />} title="No operations yet">
          Downloads, network scans, installs and health checks appear here while they run, with their steps and logs.
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-6">
          {active.length > 0 && (
            <section aria-label="Running">
              <h2 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">Running</h2>
              <div className="flex flex-col gap-2">
                {active.map((op) => (
                  <OperationCard key={op.id} op={op} defaultOpen />
                ))}
              </div>
            </section>
          )}
          {finished.length > 0 && (
            <section aria-label="Finished">
              <h2 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">Finished</h2>
              <div className="flex flex-col gap-2">
                {finished.map((op) => (
                  <OperationCard key={op.id} op={op} />
                ))}
              </div>
            </section>
          )}
          {unreadable.length > 0 && (
            <section aria-label="Unreadable">
              <h2 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">Unreadable</h2>
              <div className="flex flex-col gap-2">
                {unreadable.map((u) => (
                  <UnreadableCard key={u.id} entry={u} />
                ))}
              </div>
            </section>
          )}
        </div>
      )}
    </Page>
  )
}

export default OperationsScreen
