import { Boxes, FolderPlus } from 'lucide-react'
import { useState } from 'react'
import { LazyCreateInstanceDialog } from './lazy'
import { useCommandMutation } from '../../api/hooks'
import { useCurrentInstance } from '../../app/instance'
import { Button, EmptyState, ErrorNotice, InlineError, Spinner } from '../../ui'
import { EnterDemoButton } from '../demo/demo'

/**
 * What a screen that works on an instance shows when there is none: create the first one, or
 * choose one of those that exist.
 */
export function InstancesEmpty() {
  const { instances, isLoading, error, refetch } = useCurrentInstance()
  const [creating, setCreating] = useState(false)
  const use = useCommandMutation('instances.use', { invalidates: ['instances.list'] })
  if (isLoading) return <Spinner label="Loading instances…" className="justify-center" />
  if (error) {
    return (
      <div className="mx-auto max-w-xl p-8">
        <ErrorNotice title="The instances could not be listed" error={error} onRetry={refetch} />
      </div>
    )
  }
  return (
    <>
      {instances.length === 0 ? (
        <EmptyState icon={<Boxes />} title="Create your first instance">
          <p>
            An instance keeps everything about one cluster together: its settings, secrets, machines and the files you need to reach it. Create one, then the
            Setup screen walks you through the first machine.
          </p>
          {/* The main action first; the demo is the alternative below the rule. */}
          <div className="mt-5 flex justify-center">
            <Button variant="primary" icon={<FolderPlus aria-hidden className="size-4" />} onClick={() => setCreating(true)}>
              New instance…
            </Button>
          </div>
          <div className="mt-8 border-t border-line pt-6">
            <p className="mb-3 text-[13px]">No machines at hand? Try every step on simulated ones first.</p>
            <EnterDemoButton />
          </div>
        </EmptyState>
      ) : (
        <EmptyState
          icon={<Boxes />}
          title="Choose an instance"
          action={
            <Button icon={<FolderPlus aria-hidden className="size-4" />} onClick={() => setCreating(true)}>
              New instance…
            </Button>
          }
        >
          <p>No instance is selected. Pick the cluster to work on:</p>
          <ul className="mt-4 flex flex-col gap-1.5 text-left">
            {instances.map((i) => (
              <li key={i.name}>
                <Button
                  className="w-full justify-between"
                  onClick={() => use.mutate({ instance: i.name })}
                  loading={use.isPending && use.variables?.instance === i.name}
                >
                  <span>{i.name}</span>
                  <span className="text-xs font-normal text-muted">
                    {i.clusterName ?? 'not set up'} · {i.nodeCount} node{i.nodeCount === 1 ? '' : 's'}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
          <div className="mt-2">
            <InlineError error={use.error} />
          </div>
        </EmptyState>
      )}
      <LazyCreateInstanceDialog open={creating} onOpenChange={setCreating} />
    </>
  )
}
