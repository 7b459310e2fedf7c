import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { InstanceName } from '@shared/schemas/common'
import { useCommandMutation } from '../../api/hooks'
import { useInstances } from '../../app/instance'
import { Button, Dialog, Field, InlineError, Input, useToast } from '../../ui'

const Form = z.object({ name: InstanceName })
type Form = z.infer<typeof Form>

/** Name an instance (one cluster's folder); it becomes the current one. */
function CreateInstanceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const toast = useToast()
  const existing = useInstances().data ?? []
  const create = useCommandMutation('instances.create', {
    invalidates: ['instances.list'],
    onSuccess: (created) => {
      toast({ title: `Instance ${created.name} created`, description: 'It is now the current instance.' })
      onOpenChange(false)
    }
  })
  const { register, handleSubmit, reset, setError, formState } = useForm<Form>({
    resolver: zodResolver(Form),
    defaultValues: { name: '' },
    mode: 'onChange'
  })
  useEffect(() => {
    if (open) {
      reset({ name: existing.length === 0 ? 'home-lab' : '' })
      create.reset()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
  const submit = handleSubmit(({ name }) => {
    if (existing.some((i) => i.name === name)) {
      setError('name', { message: `An instance named ${name} already exists. Pick another name.` })
      return
    }
    create.mutate({ name, use: true })
  })
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !create.isPending && onOpenChange(o)}
      title="New instance"
      description="An instance holds one cluster: its settings, secrets, node list and credentials, in a folder of its own."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={() => onOpenChange(false)} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create instance
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <Field
          label="Instance name"
          error={formState.errors.name?.message}
          hint="Lower-case letters, digits and hyphens, like home-lab. It names the folder, not the cluster."
        >
          <Input autoFocus data-autofocus autoComplete="off" spellCheck={false} {...register('name')} />
        </Field>
        <InlineError error={create.error} />
      </div>
    </Dialog>
  )
}

export default CreateInstanceDialog
