import { zodResolver } from '@hookform/resolvers/zod'
import { useCallback, useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import type { ClusterSettings } from '@shared/contract/cluster'
import { ClusterName, ipField, KubernetesVersion, SubnetCidr, TalosVersion } from '@shared/schemas/fields'
import { call } from '../../api/client'
import { useCommandMutation } from '../../api/hooks'
import { Button, Card, cx, Field, InlineError, Input } from '../../ui'
import { useSuggestions } from '../discovery/hooks'
import { VANILLA_SCHEMATIC_ID } from '../assets/model'
import { ExtensionsPicker } from './ExtensionsPicker'
import { TalosVersionField } from './TalosVersionField'
import { cidrProblem, ipProblem, labelled } from './field-messages'
import { exampleIp, guessGateway } from './ip'

const isIp = (v: unknown): v is string => ipField('x').safeParse(v).success
const isCidr = (v: unknown): v is string => SubnetCidr.safeParse(v).success
const always = (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null

/** The fields' labels: validation messages name them as the operator sees them. */
const LABEL = { subnet: 'Network (subnet)', gateway: 'Gateway', vip: 'Control-plane VIP' } as const
interface Addresses {
  subnet: string
  gateway: string
  vip: string
}
/**
 * The address's problem: its shape, and against a valid subnet (outside it, its network or
 * broadcast address). Checked on the whole form so the example comes from the operator's subnet.
 */
const inRange = (field: 'gateway' | 'vip') => (v: Addresses) => ipProblem(LABEL[field], v[field], { subnet: isCidr(v.subnet) ? v.subnet : null })

const Basics = z
  .object({
    name: ClusterName,
    subnet: labelled(LABEL.subnet, cidrProblem),
    gateway: z.string(),
    vip: z.string(),
    talosVersion: TalosVersion,
    kubernetesVersion: KubernetesVersion,
    machines: z.enum(['one', 'several'], { error: () => 'Choose one.' }),
    runApps: z.enum(['yes', 'no'])
  })
  // Cross-field checks run even while another field is still wrong (when), so each shows at once.
  .refine((v) => !inRange('gateway')(v), {
    path: ['gateway'],
    error: (iss) => inRange('gateway')(iss.input as Addresses) ?? undefined,
    when: always
  })
  .refine((v) => !inRange('vip')(v), {
    path: ['vip'],
    error: (iss) => inRange('vip')(iss.input as Addresses) ?? undefined,
    when: always
  })
  .refine((v) => !isIp(v.vip) || v.vip !== v.gateway, {
    path: ['vip'],
    message: 'The VIP cannot be the gateway: pick a free address.',
    when: always
  })
type Basics = z.infer<typeof Basics>

function Choice({
  name,
  value,
  label,
  hint,
  register
}: {
  name: 'machines' | 'runApps'
  value: string
  label: string
  hint?: string
  register: ReturnType<typeof useForm<Basics>>['register']
}) {
  return (
    <label className="flex cursor-pointer items-start gap-2.5 rounded-md border border-line px-3 py-2.5 has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
      <input type="radio" value={value} {...register(name)} className="mt-0.5 size-4 accent-[var(--wc-accent)]" />
      <span>
        <span className="block font-medium">{label}</span>
        {hint && <span className="block text-[13px] text-muted">{hint}</span>}
      </span>
    </label>
  )
}

/** Step 1: the settings chosen once for the whole cluster, with suggestions and inline checks. */
export function BasicsStep({ instance, cluster, onDone }: { instance: string; cluster: ClusterSettings; onDone: () => void }) {
  const suggest = useSuggestions()
  const update = useCommandMutation('cluster.settings.update', { invalidates: ['cluster.settings.get'] })
  const [extensions, setExtensions] = useState<string[]>([])
  const [extensionsTouched, setExtensionsTouched] = useState(false)
  const [schematicError, setSchematicError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const fresh = !cluster.vip && !cluster.network.subnet
  const { register, handleSubmit, formState, setValue, getValues, watch } = useForm<Basics>({
    resolver: zodResolver(Basics),
    mode: 'onTouched',
    defaultValues: {
      name: cluster.name,
      subnet: cluster.network.subnet ?? '',
      gateway: cluster.network.gateway ?? '',
      vip: cluster.vip ?? '',
      talosVersion: cluster.talosVersion,
      kubernetesVersion: cluster.kubernetesVersion,
      machines: fresh ? (undefined as never) : cluster.allowSchedulingOnControlPlanes ? 'one' : 'several',
      runApps: cluster.allowSchedulingOnControlPlanes || fresh ? 'yes' : 'no'
    }
  })
  // Suggest this computer's network and the usual router address when nothing is set yet.
  useEffect(() => {
    const s = suggest.data?.[0]
    if (!s) return
    if (!getValues('subnet')) setValue('subnet', s.cidr)
    if (!getValues('gateway')) setValue('gateway', guessGateway(s.cidr) ?? '')
  }, [suggest.data, getValues, setValue])
  const machines = watch('machines')
  const subnet = watch('subnet')
  const talosVersion = watch('talosVersion')
  const e = formState.errors
  const [kubernetesDefault, setKubernetesDefault] = useState<{ talos: string; kubernetes: string | null } | null>(null)
  const kubernetesEdited = Boolean(formState.dirtyFields.kubernetesVersion)
  // A new Talos version brings its own Kubernetes version, unless the operator chose one.
  const chooseTalos = useCallback(
    (version: string, release: { kubernetes: string | null } | null) => {
      setValue('talosVersion', version, { shouldValidate: true })
      setKubernetesDefault(release ? { talos: version, kubernetes: release.kubernetes } : null)
      if (release?.kubernetes && !kubernetesEdited) setValue('kubernetesVersion', release.kubernetes, { shouldValidate: true })
    },
    [setValue, kubernetesEdited]
  )

  const submit = handleSubmit(async (v) => {
    setSchematicError(null)
    setSaving(true)
    try {
      let schematicId: string | null | undefined
      if (extensionsTouched) {
        schematicId = extensions.length ? (await call('assets.schematic.create', { extensions })).id : null
        if (schematicId === VANILLA_SCHEMATIC_ID) schematicId = null
      }
      await update.mutateAsync({
        instance,
        changes: {
          name: v.name,
          vip: v.vip,
          talosVersion: v.talosVersion,
          kubernetesVersion: v.kubernetesVersion,
          network: { subnet: v.subnet, gateway: v.gateway },
          allowSchedulingOnControlPlanes: v.machines === 'one' && v.runApps === 'yes',
          ...(schematicId !== undefined ? { schematicId } : {})
        }
      })
      onDone()
    } catch (err) {
      if (!update.error) setSchematicError(err)
    } finally {
      setSaving(false)
    }
  })

  return (
    <form noValidate aria-label="Cluster basics" onSubmit={(ev) => void submit(ev)} className="flex flex-col gap-5">
      <Card title="Cluster" description="Chosen once for the whole cluster. Everything here can be changed until the first machine is installed.">
        <div className="grid grid-cols-2 gap-x-4 gap-y-4">
          <Field label="Cluster name" error={e.name?.message} hint="Lower-case, like home.">
            <Input spellCheck={false} {...register('name')} />
          </Field>
          <div />
          <Field
            label={LABEL.subnet}
            error={e.subnet?.message}
            hint={
              suggest.data?.[0] && subnet === suggest.data[0].cidr
                ? `The network this computer is on (${suggest.data[0].interface}).`
                : 'The LAN the machines are on, like 192.168.1.0/24.'
            }
          >
            <Input spellCheck={false} {...register('subnet')} />
          </Field>
          <Field label={LABEL.gateway} error={e.gateway?.message} hint="Your router's address. Suggested: the first address of the network — check it.">
            <Input spellCheck={false} {...register('gateway')} />
          </Field>
          <Field
            label={LABEL.vip}
            error={e.vip?.message}
            hint="A free address in the network, outside your router's DHCP range. The cluster answers here, and more control-plane machines can join later."
            className="col-span-2"
          >
            <Input spellCheck={false} placeholder={exampleIp(subnet, 250) ? `e.g. ${exampleIp(subnet, 250)}` : ''} {...register('vip')} className="max-w-64" />
          </Field>
          <TalosVersionField value={talosVersion} fresh={fresh} error={e.talosVersion?.message} onChange={chooseTalos} />
          <Field
            label="Kubernetes version"
            error={e.kubernetesVersion?.message}
            hint={
              kubernetesDefault
                ? kubernetesDefault.kubernetes
                  ? `Talos ${kubernetesDefault.talos} installs ${kubernetesDefault.kubernetes} by default.`
                  : `This app does not know which Kubernetes Talos ${kubernetesDefault.talos} installs: check its release notes.`
                : undefined
            }
          >
            <Input spellCheck={false} {...register('kubernetesVersion')} />
          </Field>
        </div>
      </Card>

      <Card title="Machines">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 font-medium">How many machines will this cluster have?</legend>
          <div className="grid grid-cols-2 gap-2">
            <Choice name="machines" value="one" label="Just one" hint="A single-machine cluster." register={register} />
            <Choice name="machines" value="several" label="Several" hint="Control-plane machines, and workers for apps." register={register} />
          </div>
          {e.machines && <p className="text-[13px] text-danger">{e.machines.message}</p>}
        </fieldset>
        <div className={cx('mt-4', machines !== 'one' && 'hidden')}>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 font-medium">Will this machine also run your apps?</legend>
            <div className="grid grid-cols-2 gap-2">
              <Choice
                name="runApps"
                value="yes"
                label="Yes"
                hint="Allows workloads on the control plane. Without it, no app would ever run."
                register={register}
              />
              <Choice name="runApps" value="no" label="No" hint="Only Kubernetes itself runs here." register={register} />
            </div>
          </fieldset>
        </div>
      </Card>

      <Card
        title="System extensions"
        description="Extra drivers and tools built into the Talos image. The same choice goes into the boot image and the installer."
      >
        <p className="mb-3 text-[13px] text-muted">
          Current image:{' '}
          {cluster.schematicId && cluster.schematicId !== VANILLA_SCHEMATIC_ID
            ? `schematic ${cluster.schematicId.slice(0, 8)}…`
            : 'plain Talos (no extensions)'}
          .{!extensionsTouched && ' Leave the list untouched to keep it.'}
        </p>
        <ExtensionsPicker
          version={TalosVersion.safeParse(talosVersion).success ? talosVersion : null}
          value={extensions}
          onChange={(v) => {
            setExtensions(v)
            setExtensionsTouched(true)
          }}
        />
      </Card>

      <InlineError error={update.error ?? schematicError} />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" loading={saving}>
          Save and continue
        </Button>
      </div>
    </form>
  )
}
