import { useEffect, useState, type ReactNode } from 'react'
import { Button } from './Button'
import { Dialog } from './Dialog'
import { InlineError } from './ErrorNotice'
import { Field, Input } from './Field'

/**
 * A destructive action confirmed by typing a name: the button stays disabled until the text
 * matches exactly. The error of the action is shown in the dialog, which stays open.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  name,
  confirmLabel,
  onConfirm,
  pending = false,
  error,
  children
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: ReactNode
  /** What must be typed. */
  name: string
  confirmLabel: string
  onConfirm: (typed: string) => void
  pending?: boolean
  error?: unknown
  /** Extra options shown above the typed name (e.g. "also reset the machine"). */
  children?: ReactNode
}) {
  const [typed, setTyped] = useState('')
  useEffect(() => {
    if (open) setTyped('')
  }, [open])
  const matches = typed === name
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !pending && onOpenChange(o)}
      title={title}
      description={description}
      width="sm"
      onSubmit={() => matches && !pending && onConfirm(typed)}
      footer={
        <>
          <Button onClick={() => onOpenChange(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!matches} loading={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        {children}
        <Field
          label={
            <>
              Type <code className="rounded bg-code px-1 py-0.5 text-[13px]">{name}</code> to confirm
            </>
          }
        >
          <Input
            aria-label={`Type ${name} to confirm`}
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoFocus
            data-autofocus
          />
        </Field>
        <InlineError error={error} />
      </div>
    </Dialog>
  )
}
