import { useEffect, useMemo, useState } from 'react'
import type { ClusterSettings } from '@shared/contract/cluster'
import type { Node } from '@shared/contract/nodes'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { navigate } from '../../app/router'
import { Badge, Button, Card, EmptyState, ErrorNotice, Field, InlineError, Input, Select, Spinner } from '../../ui'
import { useDiscoveryStatus } from '../discovery/hooks'
import { DisksTable, InterfacesTable, MachineFacts } from '../nodes/HardwareView'
import { useHardware } from '../nodes/hooks'
import { initialForm, TARGET_IP_LABEL, validateHardware, type HardwareErrors, type HardwareForm } from './hardware-form'
import { BoardCard } from './BoardCard'
import { boardError, initialBoard, needsOwnMedia, overlayFromKey, type BoardForm } from './board-form'
import { exampleIp } from './ip'

/**
 * Step 4: what the machine has, and the choices for it — install disk (the suggestion
 * explained), network card, hostname and the fixed address it will take.
 */
export function HardwareStep({
  instance,
  cluster,
  nodes,
  ip,
  node
}: {
  instance: string
  cluster: ClusterSettings
  nodes: Node[]
  ip: string
  node: Node | null
}) {
  const hw = useHardware(instance, ip, true)
  const scanned = useDiscoveryStatus(instance).data?.nodesFound
  const found = useMemo(() => scanned ?? [], [scanned])
  const add = useCommandMutation('nodes.add', { invalidates: ['nodes.list'] })
  const update = useCommandMutation('nodes.update', { invalidates: ['nodes.list'] })
  const media = useCommandMutation('boards.media', { invalidates: ['nodes.list', 'boards.choice'] })
  const saved = useCommandQuery('boards.choice', { instance, hostname: node?.hostname ?? '' }, { enabled: Boolean(node) })
  const [form, setForm] = useState<HardwareForm | null>(null)
  const [board, setBoard] = useState<BoardForm | null>(null)
  const version = node?.version ?? cluster.talosVersion
  const overlays = useCommandQuery('boards.overlays', { version }, { enabled: board?.arch === 'arm64', staleTime: 5 * 60_000 })
  const [errors, setErrors] = useState<HardwareErrors>({})
  const [submitted, setSubmitted] = useState(false)
  const savedChoice = saved.data ?? null
  useEffect(() => {
    if (hw.data && !form) setForm(initialForm(hw.data, node, cluster, nodes))
    // The saved choice, when the node has one, is read before the form starts from detection.
    if (hw.data && !board && (!node || !saved.isLoading)) setBoard(initialBoard(hw.data, savedChoice))
  }, [hw.data, form, board, node, cluster, nodes, saved.isLoading, savedChoice])
  const onlyCp = !nodes.some((n) => n.role === 'controlplane' && n.hostname !== node?.hostname)
  const ctx = useMemo(
    () => ({ cluster, nodes, self: node?.hostname ?? null, machineIp: ip, found, hw: hw.data ?? null }),
    [cluster, nodes, node, ip, found, hw.data]
  )

  if (hw.isLoading) return <Spinner label={`Asking ${ip} for its disks and network cards…`} />
  if (hw.error) {
    const belongs = hw.error.code === 'NOT_IN_MAINTENANCE' || hw.error.code === 'CERT_OR_AUTH'
    if (belongs && !node) {
      return (
        <EmptyState
          title={`${ip} is configured (belongs to a cluster)`}
          action={<Button onClick={() => navigate('setup', 'find')}>Choose another machine</Button>}
        >
          This machine already runs Talos with a configuration, so it does not take a new one. Pick a machine in maintenance mode, or reset this one first if it
          is meant to join this cluster.
        </EmptyState>
      )
    }
    return (
      <ErrorNotice
        title={`${ip} could not be read`}
        error={hw.error}
        onRetry={() => void hw.refetch()}
        action={
          <Button size="sm" onClick={() => navigate('setup', 'find')}>
            Choose another machine
          </Button>
        }
      />
    )
  }
  if (!hw.data || !form || !board) return null
  const data = hw.data
  if (!node && !data.maintenanceMode) {
    return (
      <EmptyState
        title={`${ip} is configured (belongs to a cluster)`}
        action={<Button onClick={() => navigate('setup', 'find')}>Choose another machine</Button>}
      >
        It runs Talos {data.talosVersion ?? ''} with a configuration already. Pick a machine in maintenance mode, or reset this one first.
      </EmptyState>
    )
  }
  const set = (patch: Partial<HardwareForm>) => {
    const next = { ...form, ...patch }
    setForm(next)
    if (submitted) setErrors(validateHardware(next, ctx))
  }
  const setBoardPart = (patch: Partial<BoardForm>) => setBoard({ ...board, ...patch })
  const overlayList = overlays.data?.overlays ?? null
  const boardErr = submitted ? boardError(board, overlayList) : undefined
  const pending = add.isPending || update.isPending || media.isPending
  // A board or Secure Boot gets its own schematic (overlay, signed installer) once the node exists.
  const done = (hostname: string) => {
    if (!needsOwnMedia(board, savedChoice)) return navigate('setup', 'node', hostname)
    const { arch, overlay, secureBoot } = board
    media.mutate(
      { instance, hostname, arch: arch!, overlay: arch === 'arm64' ? overlayFromKey(overlay) : null, secureBoot, extensions: [] },
      { onSuccess: () => navigate('setup', 'node', hostname) }
    )
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    const errs = validateHardware(form, ctx)
    setErrors(errs)
    if (Object.keys(errs).length || boardError(board, overlayList)) return
    const common = { disk: form.disk!, interface: form.iface ?? undefined, mac: form.mac ?? undefined }
    if (node) {
      update.mutate(
        { instance, hostname: node.hostname, changes: { role: form.role, targetIp: form.targetIp, disk: common.disk, interface: form.iface, mac: form.mac } },
        { onSuccess: (n) => done(n.hostname) }
      )
    } else {
      add.mutate(
        { instance, hostname: form.hostname, role: form.role, targetIp: form.targetIp, currentIp: ip, ...common },
        { onSuccess: (n) => done(n.hostname) }
      )
    }
  }
  return (
    <form noValidate aria-label="Machine choices" onSubmit={submit} className="flex flex-col gap-5">
      <Card title={`Machine at ${ip}`} actions={data.maintenanceMode ? <Badge tone="ok">maintenance</Badge> : <Badge tone="neutral">configured</Badge>}>
        <MachineFacts hw={data} />
      </Card>
      <BoardCard hw={data} form={board} set={setBoardPart} error={boardErr} overlays={overlays} />
      <section aria-labelledby="disk-h" className="flex flex-col gap-2">
        <h2 id="disk-h" className="text-sm font-semibold">
          Install disk
        </h2>
        <p className="text-[13px] text-muted">{data.selectedDiskReason}</p>
        <DisksTable hw={data} selected={form.disk} onSelect={(disk) => set({ disk })} />
        {errors.disk && <p className="text-[13px] text-danger">{errors.disk}</p>}
      </section>
      <section aria-labelledby="nic-h" className="flex flex-col gap-2">
        <h2 id="nic-h" className="text-sm font-semibold">
          Network card
        </h2>
        <p className="text-[13px] text-muted">{data.interfaceReason}</p>
        <InterfacesTable hw={data} selected={form.iface} onSelect={(iface, mac) => set({ iface, mac })} />
      </section>
      <Card title="Name and address">
        <div className="grid grid-cols-2 gap-4">
          <Field label="Hostname" error={errors.hostname} hint="Lower-case letters, digits and hyphens.">
            <Input value={form.hostname} disabled={Boolean(node)} onChange={(e) => set({ hostname: e.target.value })} spellCheck={false} />
          </Field>
          <Field label="Role" hint={onlyCp ? 'The first machine runs the control plane.' : 'Control plane runs Kubernetes itself; workers run apps.'}>
            <Select value={form.role} disabled={onlyCp} onChange={(e) => set({ role: e.target.value as HardwareForm['role'] })}>
              <option value="controlplane">Control plane</option>
              <option value="worker">Worker</option>
            </Select>
          </Field>
          <Field
            label={TARGET_IP_LABEL}
            error={errors.targetIp}
            hint={`The address it keeps after install, inside ${cluster.network.subnet ?? 'the network'} and outside your router's DHCP range. Now it is at ${ip}.`}
            className="col-span-2"
          >
            <Input
              value={form.targetIp}
              onChange={(e) => set({ targetIp: e.target.value })}
              placeholder={exampleIp(cluster.network.subnet, 51) ?? '192.168.1.51'}
              spellCheck={false}
              className="max-w-64"
            />
          </Field>
        </div>
      </Card>
      <InlineError error={add.error ?? update.error ?? media.error} />
      <div className="flex justify-between">
        <Button onClick={() => navigate('setup', 'find')}>Choose another machine</Button>
        <Button type="submit" variant="primary" loading={pending}>
          Continue to review
        </Button>
      </div>
    </form>
  )
}
