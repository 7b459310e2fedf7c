import { zodResolver } from '@hookform/resolvers/zod'
import { Monitor, Moon, Sun } from 'lucide-react'
import { RadioGroup } from 'radix-ui'
import { useEffect } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { Settings, type Theme } from '@shared/contract/app'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { applyTheme } from '../../app/theme'
import { Page } from '../../app/Page'
import { Badge, Button, Card, cx, ErrorNotice, Field, InlineError, Input, Spinner, useToast } from '../../ui'
import { EnterDemoButton, useAppInfo } from '../demo/demo'
import { PathSetting } from './PathSetting'

/**
 * The form's view of the settings: proxy is text here ('' means none). The data folder and
 * talosctl are not in it: they change only through main's dialogs (PathSetting).
 */
const SettingsForm = Settings.pick({ factoryUrl: true }).extend({
  factoryUrl: z.string().url('Enter a full URL, like https://factory.talos.dev'),
  proxy: z
    .string()
    .trim()
    .refine((s) => s === '' || /^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(s), {
      message: 'Enter the proxy with its scheme and port, like http://proxy.example:3128 — or leave it empty.'
    })
})
type SettingsForm = z.infer<typeof SettingsForm>

const themes: Array<{ value: Theme; label: string; icon: typeof Sun }> = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor }
]

function ThemePicker({ value }: { value: Theme }) {
  const set = useCommandMutation('settings.set', { invalidates: ['settings.get'] })
  return (
    <div className="flex flex-col gap-2">
      <RadioGroup.Root
        aria-label="Theme"
        value={value}
        onValueChange={(v) => {
          applyTheme(v as Theme)
          set.mutate({ theme: v as Theme })
        }}
        className="inline-flex w-fit gap-1 rounded-lg border border-line bg-surface-2 p-1"
      >
        {themes.map((t) => (
          <RadioGroup.Item
            key={t.value}
            value={t.value}
            className={cx(
              'inline-flex h-7 items-center gap-1.5 rounded-md px-3 text-sm text-muted',
              'data-[state=checked]:bg-surface data-[state=checked]:text-fg data-[state=checked]:shadow-sm'
            )}
          >
            <t.icon aria-hidden className="size-3.5" />
            {t.label}
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      <p className="text-[13px] text-muted">System follows your operating system's light or dark mode.</p>
      <InlineError error={set.error} />
    </div>
  )
}

function TalosctlStatus() {
  const q = useCommandQuery('diagnostics.run', {}, { staleTime: 30_000 })
  const check = q.data?.checks.find((c) => c.id === 'talosctl')
  if (q.isLoading) return <Spinner inline label="Looking for talosctl…" className="text-[13px]" />
  if (!check) return null
  return check.status === 'ok' ? (
    <span className="flex items-center gap-2 text-[13px] text-muted">
      <Badge tone="ok">found</Badge> {check.detail}
    </span>
  ) : (
    <span className="flex items-center gap-2 text-[13px] text-muted">
      <Badge tone="danger">not working</Badge> {check.hint ?? check.detail}
    </span>
  )
}

function DemoCard() {
  const info = useAppInfo()
  return (
    <Card
      title="Demo lab"
      description="Try every step on simulated machines. Nothing is sent to your network, and your own instances and data folder are not touched."
    >
      {info.data?.demo ? (
        <p className="text-muted">The demo lab is running. Leave it from the bar at the top of the window.</p>
      ) : (
        <div className="flex">
          <EnterDemoButton />
        </div>
      )}
    </Card>
  )
}

function SettingsScreen() {
  const toast = useToast()
  const q = useCommandQuery('settings.get', {})
  const save = useCommandMutation('settings.set', {
    invalidates: ['settings.get', 'diagnostics.run'],
    onSuccess: () => toast({ title: 'Settings saved' })
  })
  const { register, handleSubmit, reset, formState } = useForm<SettingsForm>({
    resolver: zodResolver(SettingsForm),
    mode: 'onBlur'
  })
  // Keyed on these two values: a changed path or theme refetches the settings and must not
  // throw away what the operator is typing here.
  const savedFactory = q.data?.factoryUrl
  const savedProxy = q.data?.proxy
  useEffect(() => {
    if (savedFactory !== undefined) reset({ factoryUrl: savedFactory, proxy: savedProxy ?? '' })
  }, [savedFactory, savedProxy, reset])

  const submit = handleSubmit((v) => {
    const patch: Record<string, unknown> = {}
    const d = formState.dirtyFields
    if (d.factoryUrl) patch.factoryUrl = v.factoryUrl.trim()
    if (d.proxy) patch.proxy = v.proxy === '' ? null : v.proxy
    save.mutate(patch)
  })

  return (
    <Page title="Settings" description="Where Wild Central keeps its files, which talosctl it runs, and how it reaches the internet." width="narrow">
      {q.isLoading ? (
        <Spinner label="Loading settings…" />
      ) : q.error ? (
        <ErrorNotice title="The settings could not be read" error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data ? (
        <div className="flex flex-col gap-5">
          <Card title="Appearance">
            <ThemePicker value={q.data.theme} />
          </Card>
          <Card
            title="Files and tools"
            description="These change only through a system dialog, so nothing but you can point the app at another program or folder."
          >
            <div className="flex flex-col gap-5">
              <PathSetting
                label="Data folder"
                what="the data folder"
                command="settings.chooseDataDir"
                value={q.data.dataDir}
                changedTitle="Data folder changed"
                hint="Instances, boot assets and logs live here. Changing it does not move existing files."
              />
              <PathSetting
                label="talosctl path"
                what="the talosctl program"
                command="settings.chooseTalosctl"
                value={q.data.talosctlPath}
                changedTitle="talosctl changed"
                hint="A command on your PATH (talosctl) or the full path to the program."
              >
                <TalosctlStatus />
              </PathSetting>
            </div>
          </Card>
          <form noValidate onSubmit={(e) => void submit(e)} aria-label="Settings">
            <Card
              title="Internet access"
              actions={
                <>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={!formState.isDirty || save.isPending}
                    onClick={() => q.data && reset({ factoryUrl: q.data.factoryUrl, proxy: q.data.proxy ?? '' })}
                  >
                    Discard changes
                  </Button>
                  <Button size="sm" type="submit" variant="primary" disabled={!formState.isDirty} loading={save.isPending}>
                    Save settings
                  </Button>
                </>
              }
            >
              <div className="flex flex-col gap-5">
                <Field
                  label="HTTP(S) proxy"
                  optional
                  error={formState.errors.proxy?.message}
                  hint="Used for Image Factory downloads and passed to talosctl. Leave empty for a direct connection."
                >
                  <Input spellCheck={false} placeholder="http://proxy.example:3128" {...register('proxy')} />
                </Field>
                <Field
                  label="Image Factory URL"
                  error={formState.errors.factoryUrl?.message}
                  hint="Where Talos boot images and installers are built. Change it only for a private factory."
                >
                  <Input spellCheck={false} {...register('factoryUrl')} />
                </Field>
                <InlineError error={save.error} />
              </div>
            </Card>
          </form>
          <DemoCard />
        </div>
      ) : null}
    </Page>
  )
}

export default SettingsScreen
