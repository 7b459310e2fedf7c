import type { DiscoveredNode } from '@shared/contract/discovery'
import type { Machine } from '@shared/contract/machines'
import { Link } from '../../app/Link'
import { Badge, Button, Table, TBody, TD, TH, THead, TR } from '../../ui'
import { FOUND_VIEW, foundRole, sortFound, type FoundRole } from './model'

/**
 * What the action column holds: the setup button only for a fresh maintenance machine the app
 * does not know; a registered node, the VIP or a stale result say what they are instead.
 */
function RowAction({ n, role, onPick, pickLabel }: { n: DiscoveredNode; role: FoundRole; onPick: (n: DiscoveredNode) => void; pickLabel: string }) {
  if (role.kind === 'node') {
    return (
      <span className="inline-flex items-center gap-1.5">
        <Badge tone="info">node</Badge>
        <Link to={['nodes', role.node]} className="font-medium text-accent-text hover:underline" aria-label={`Open node ${role.node}`}>
          {role.node}
        </Link>
      </span>
    )
  }
  if (role.kind === 'vip') {
    return (
      <Badge tone="neutral" title="The cluster’s shared address, answered by whichever control plane holds it: not a machine of its own.">
        VIP
      </Badge>
    )
  }
  if (role.kind === 'stale') {
    return (
      <span className="inline-flex flex-col items-end gap-0.5">
        <Badge tone="warn">{role.moved ? 'moved' : 'old result'}</Badge>
        <span className="text-xs text-muted">{role.why}</span>
      </span>
    )
  }
  if (n.state !== 'maintenance') return null
  return (
    <Button size="sm" onClick={() => onPick(n)} aria-label={`${pickLabel} ${n.ip}`}>
      {pickLabel}
    </Button>
  )
}

/**
 * The machines a scan found. Four columns, so the action stays in view in the narrow wizard at
 * 1024 px: the hostname goes under the address, the Talos version under the state, the disks
 * under the MAC. `machines` (the merged list) tells which rows are nodes, the VIP or stale.
 */
export function FoundTable({
  nodes,
  machines,
  onPick,
  pickLabel = 'Use this machine'
}: {
  nodes: DiscoveredNode[]
  machines?: readonly Machine[]
  onPick?: (n: DiscoveredNode) => void
  pickLabel?: string
}) {
  return (
    <Table label="Machines found">
      <THead>
        <TR>
          <TH>Address</TH>
          <TH>State</TH>
          <TH>MAC and disks</TH>
          {onPick && (
            <TH>
              <span className="sr-only">Action</span>
            </TH>
          )}
        </TR>
      </THead>
      <TBody>
        {sortFound(nodes).map((n) => {
          const v = FOUND_VIEW[n.state]
          const role = foundRole(n, machines)
          return (
            <TR key={n.ip}>
              <TD>
                <span className="tabular block font-medium">{n.ip}</span>
                {role.kind === 'vip' ? (
                  <span className="block text-xs text-muted">Cluster VIP</span>
                ) : n.hostname ? (
                  <span className="block text-xs text-muted">{n.hostname}</span>
                ) : null}
              </TD>
              <TD>
                <Badge tone={v.tone} title={n.note ?? v.explain}>
                  {v.word}
                </Badge>
                {n.version && <span className="mt-0.5 block text-xs text-muted">Talos {n.version}</span>}
                {n.note && <span className="mt-0.5 block max-w-64 text-xs text-muted">{n.note}</span>}
              </TD>
              <TD>
                <span className="block font-mono text-[12.5px]">{n.mac ?? '—'}</span>
                {n.disks?.length ? <span className="block text-xs text-muted">{n.disks.join(', ')}</span> : null}
              </TD>
              {onPick && (
                <TD className="text-right whitespace-nowrap">
                  <RowAction n={n} role={role} onPick={onPick} pickLabel={pickLabel} />
                </TD>
              )}
            </TR>
          )
        })}
      </TBody>
    </Table>
  )
}
