import { ShieldAlert } from 'lucide-react'
import type { PxeZeroTouch } from '@shared/contract/pxe'
import { Card, InlineError } from '../../ui'
import { useSetZeroTouch } from './hooks'

/**
 * Item 5 of issue 13: off by default, per node, with the risk in plain words next to the switch.
 * Only nodes the server can recognise (a MAC) and with a generated config can be switched on.
 */
export function ZeroTouchCard({ instance, data }: { instance: string; data: PxeZeroTouch }) {
  const set = useSetZeroTouch()
  const nodes = data.nodes.filter((n) => n.mac)
  return (
    <Card title="Apply config at boot" description="Zero-touch: a registered node gets its machine config while it installs, so it joins without a click.">
      <p className="mb-3 flex gap-2 rounded-md bg-warn-soft p-3 text-[13px] text-warn">
        <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          The machine config holds the cluster's secrets and travels <strong>unencrypted</strong> over the LAN. Each config is handed out once, only to that
          node's MAC from the address it booted with — use it only on a network you trust.
        </span>
      </p>
      {nodes.length === 0 ? (
        <p className="text-[13px] text-muted">No node has a MAC address yet. Add nodes (with their MAC) to switch this on for them.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-line" aria-label="Apply config at boot, per node">
          {nodes.map((n) => (
            <li key={n.hostname} className="flex items-center gap-3 py-2">
              <label className="flex flex-1 cursor-pointer items-center gap-3">
                <input
                  type="checkbox"
                  role="switch"
                  className="size-4 accent-[var(--color-accent)]"
                  checked={n.enabled}
                  disabled={!n.configGenerated || set.isPending}
                  aria-checked={n.enabled}
                  onChange={(e) => set.mutate({ instance, hostname: n.hostname, enabled: e.target.checked })}
                />
                <span className="font-medium">{n.hostname}</span>
                <span className="font-mono text-xs text-muted">{n.mac}</span>
              </label>
              {!n.configGenerated && <span className="text-[13px] text-muted">no generated config yet</span>}
            </li>
          ))}
        </ul>
      )}
      <InlineError error={set.error} />
      <p className="mt-3 text-[13px] text-muted">
        These switches apply to the server this app runs. A server started in a terminal serves configs only with <code>--apply-config-at-boot</code>, and then
        to every registered node with a generated config.
      </p>
    </Card>
  )
}
