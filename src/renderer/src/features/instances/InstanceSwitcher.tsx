import { Check, ChevronsUpDown, FlaskConical, FolderPlus, LogOut, Trash2 } from 'lucide-react'
import { DropdownMenu } from 'radix-ui'
import { useState } from 'react'
import { LazyCreateInstanceDialog } from './lazy'
import type { InstanceSummary } from '@shared/contract/instances'
import { useCommandMutation } from '../../api/hooks'
import { useCurrentInstance } from '../../app/instance'
import { cx, InlineError } from '../../ui'
import { DeleteInstanceDialog } from './DeleteInstanceDialog'
import { useAppInfo, useModeSwitch } from '../demo/demo'

function DemoBadge() {
  return <span className="rounded bg-info-soft px-1.5 py-px text-[10px] font-semibold tracking-wide text-info uppercase">demo</span>
}

const triggerClass =
  'flex w-full items-center gap-2 rounded-md border border-line bg-surface px-2.5 py-1.5 text-left hover:bg-surface-2 data-[state=open]:bg-surface-2 ' +
  // The folded sidebar (below 1024 px) shows the initials only; the aria-label keeps the name.
  'max-lg:justify-center max-lg:px-0'

const item =
  'flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-surface-2 data-[disabled]:opacity-50'

/** The sidebar's instance menu: switch, create, delete (after typing the name). */
export function InstanceSwitcher() {
  const { instance, instances, isLoading, error } = useCurrentInstance()
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<InstanceSummary | null>(null)
  const use = useCommandMutation('instances.use', { invalidates: ['instances.list'] })
  const demo = useAppInfo().data?.demo ?? false
  const enterDemo = useModeSwitch('demo.enter', 'Demo lab started')
  const leaveDemo = useModeSwitch('demo.leave', 'Back to your own instances')
  const label = instance ? `Instance: ${instance.name}` : 'Choose instance'
  const face = (
    <>
      <span aria-hidden className="flex size-6 shrink-0 items-center justify-center rounded bg-accent-soft text-xs font-semibold text-accent-text uppercase">
        {instance ? instance.name.slice(0, 2) : '?'}
      </span>
      <span className="min-w-0 flex-1 max-lg:hidden">
        <span className="block text-[11px] leading-tight text-subtle">Instance</span>
        <span className="flex items-center gap-1.5 text-sm leading-tight font-medium">
          <span className="truncate">{isLoading ? 'Loading…' : instance ? instance.name : 'None chosen'}</span>
          {instance?.demo ? <DemoBadge /> : null}
        </span>
      </span>
      <ChevronsUpDown aria-hidden className="size-3.5 shrink-0 text-muted max-lg:hidden" />
    </>
  )

  return (
    <div className="px-3 max-lg:px-2">
      {!isLoading && !error && instances.length === 0 ? (
        // Nothing to switch to or delete yet: the button goes straight to creating one.
        <button type="button" aria-label={label} onClick={() => setCreating(true)} className={triggerClass}>
          {face}
        </button>
      ) : (
        <DropdownMenu.Root>
          <DropdownMenu.Trigger aria-label={label} disabled={isLoading} className={triggerClass}>
            {face}
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content align="start" sideOffset={4} className="z-50 w-64 rounded-lg border border-line bg-surface p-1 shadow-pop">
              {instances.length > 0 && <DropdownMenu.Label className="px-2 pt-1 pb-1.5 text-xs text-subtle">Switch instance</DropdownMenu.Label>}
              <DropdownMenu.RadioGroup
                value={instance?.name ?? ''}
                onValueChange={(name) => {
                  if (name !== instance?.name) use.mutate({ instance: name })
                }}
              >
                {instances.map((i) => (
                  <DropdownMenu.RadioItem key={i.name} value={i.name} className={item}>
                    <span className="flex size-4 items-center justify-center">
                      <DropdownMenu.ItemIndicator>
                        <Check aria-hidden className="size-3.5" />
                      </DropdownMenu.ItemIndicator>
                    </span>
                    <span className="min-w-0 flex-1 truncate">{i.name}</span>
                    {i.demo ? <DemoBadge /> : null}
                    <span className="text-xs text-subtle tabular">{i.error ? 'needs attention' : `${i.nodeCount} node${i.nodeCount === 1 ? '' : 's'}`}</span>
                  </DropdownMenu.RadioItem>
                ))}
              </DropdownMenu.RadioGroup>
              {instances.length > 0 && <DropdownMenu.Separator className="my-1 h-px bg-line" />}
              <DropdownMenu.Item className={item} onSelect={() => setCreating(true)}>
                <FolderPlus aria-hidden className="size-4 text-muted" />
                New instance…
              </DropdownMenu.Item>
              {demo ? (
                <DropdownMenu.Item className={item} onSelect={() => leaveDemo.mutate({})}>
                  <LogOut aria-hidden className="size-4 text-muted" />
                  Leave the demo lab
                </DropdownMenu.Item>
              ) : (
                <DropdownMenu.Item className={item} onSelect={() => enterDemo.mutate({})}>
                  <FlaskConical aria-hidden className="size-4 text-muted" />
                  Explore with a demo lab
                </DropdownMenu.Item>
              )}
              {instance && (
                <DropdownMenu.Item className={cx(item, 'text-danger')} onSelect={() => setDeleting(instance)}>
                  <Trash2 aria-hidden className="size-4" />
                  Delete {instance.name}…
                </DropdownMenu.Item>
              )}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      )}
      {error ? <p className="mt-2 text-xs text-danger">The instances could not be listed.</p> : null}
      {use.error ? (
        <div className="mt-2">
          <InlineError error={use.error} />
        </div>
      ) : null}
      {enterDemo.error || leaveDemo.error ? (
        <div className="mt-2">
          <InlineError error={enterDemo.error ?? leaveDemo.error} />
        </div>
      ) : null}
      <LazyCreateInstanceDialog open={creating} onOpenChange={setCreating} />
      <DeleteInstanceDialog instance={deleting} open={deleting !== null} onOpenChange={(o) => !o && setDeleting(null)} />
    </div>
  )
}
