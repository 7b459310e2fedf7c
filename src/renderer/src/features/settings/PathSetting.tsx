import { useId, type ReactNode } from 'react'
import { useCommandMutation } from '../../api/hooks'
import { Button, InlineError, Input, useToast } from '../../ui'

/**
 * A setting that names a program to run or a folder to write to. The page never sends a new
 * value: Change… asks main, which lets the operator pick it in a system dialog.
 */
export function PathSetting({
  label,
  what,
  hint,
  value,
  command,
  changedTitle,
  children
}: {
  label: string
  /** Finishes the button's accessible name: "Change… the data folder". */
  what: string
  hint: ReactNode
  value: string
  command: 'settings.chooseTalosctl' | 'settings.chooseDataDir'
  changedTitle: string
  children?: ReactNode
}) {
  const id = useId()
  const toast = useToast()
  const choose = useCommandMutation(command, {
    invalidates: ['settings.get', 'diagnostics.run', 'app.info'],
    // A cancelled dialog is the operator's answer, not news.
    onSuccess: (r) => (r.changed ? toast({ title: changedTitle }) : undefined)
  })
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-[13px] font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <Input id={id} readOnly value={value} spellCheck={false} aria-describedby={`${id}-hint`} className="min-w-0 flex-1 bg-surface-2 text-muted" />
        <Button loading={choose.isPending} onClick={() => choose.mutate({})}>
          Change…<span className="sr-only"> {what}</span>
        </Button>
      </div>
      <p id={`${id}-hint`} className="text-[13px] text-muted">
        {hint}
      </p>
      {children}
      <InlineError error={choose.error} />
    </div>
  )
}
