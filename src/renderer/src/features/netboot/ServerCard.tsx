import { Play, ShieldCheck, Square } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { PxeInterface, PxeStatus } from '@shared/contract/pxe'
import { isClientError } from '../../api/client'
import { Badge, Button, Card, CodeBlock, Field, InlineError, Select } from '../../ui'
import { useStartPxe, useStopPxe } from './hooks'

/** Lacking privileges the server answers FORBIDDEN with the terminal command, and whether the app can ask for rights itself. */
function privilegeOf(error: unknown): { command: string; canElevate: boolean } | null {
  if (!isClientError(error) || error.code !== 'FORBIDDEN') return null
  const d = error.details as { command?: unknown; canElevate?: unknown } | undefined
  return typeof d?.command === 'string' ? { command: d.command, canElevate: d.canElevate === true } : null
}

function RunningLine({ status }: { status: PxeStatus }) {
  const who =
    status.runBy === 'demo'
      ? 'simulated in the demo lab — no packet leaves this computer'
      : status.runBy === 'other'
        ? 'started from a terminal'
        : 'by this app'
  return (
    <p className="text-[13px] text-muted">
      On <span className="font-medium text-fg">{status.interface}</span> ({status.address}),{' '}
      {status.mode === 'full' ? 'DHCP with its own leases' : 'proxy DHCP (your router keeps handing out addresses)'}, HTTP port {status.httpPort}, Talos{' '}
      {status.version} — {who}.
    </p>
  )
}

/** Where to serve, and start/stop. Ports below 1024 need privileges the app may lack: then it shows the command to run instead. */
export function ServerCard({
  instance,
  status,
  interfaces,
  assetsReady
}: {
  instance: string
  status: PxeStatus
  interfaces: PxeInterface[]
  assetsReady: boolean
}) {
  const start = useStartPxe()
  const stop = useStopPxe()
  const suggested = interfaces.find((i) => i.suggested)?.name ?? interfaces[0]?.name ?? ''
  const [iface, setIface] = useState(suggested)
  useEffect(() => {
    if (!iface && suggested) setIface(suggested)
  }, [iface, suggested])
  const privilege = privilegeOf(start.error)
  return (
    <Card
      title="Boot server"
      description="Answers machines that boot from the network with the Talos installer of this cluster."
      actions={status.running ? <Badge tone="ok">serving</Badge> : <Badge>stopped</Badge>}
    >
      {status.running ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <RunningLine status={status} />
          {status.runBy !== 'other' && (
            <Button icon={<Square aria-hidden className="size-3.5" />} loading={stop.isPending} onClick={() => stop.mutate({ instance })}>
              Stop serving
            </Button>
          )}
          <InlineError error={stop.error} />
        </div>
      ) : (
        <form
          className="flex flex-col gap-3"
          aria-label="Start network boot"
          onSubmit={(e) => {
            e.preventDefault()
            if (iface) start.mutate({ instance, interface: iface })
          }}
        >
          {interfaces.length === 0 ? (
            <p role="alert" className="text-[13px] text-danger">
              No network interface has an IPv4 address. Connect this computer to the cluster LAN, then come back.
            </p>
          ) : (
            <div className="flex flex-wrap items-end gap-3">
              <Field label="Interface on the cluster LAN" className="w-72">
                <Select value={iface} onChange={(e) => setIface(e.target.value)}>
                  {interfaces.map((i) => (
                    <option key={i.name} value={i.name}>
                      {i.name} — {i.cidr}
                      {i.suggested ? ' (cluster subnet)' : ''}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button
                type="submit"
                variant="primary"
                icon={<Play aria-hidden className="size-3.5" />}
                loading={start.isPending}
                disabled={!iface || !assetsReady}
              >
                Serve network boot
              </Button>
            </div>
          )}
          {!assetsReady && <p className="text-[13px] text-muted">Download the boot files below first: the server does not start half-ready.</p>}
          {privilege ? (
            <div role="alert" className="flex flex-col gap-2 rounded-md border border-warn/40 bg-warn-soft p-3 text-[13px]">
              {privilege.canElevate ? (
                <>
                  <p>
                    The boot ports (67, 69 and 4011) need administrator rights. The app can start the server as a separate helper: your system asks for your
                    password, and the helper stops when you press Stop or quit the app.
                  </p>
                  <div>
                    <Button
                      icon={<ShieldCheck aria-hidden className="size-3.5" />}
                      loading={start.isPending}
                      onClick={() => iface && start.mutate({ instance, interface: iface, elevate: true })}
                    >
                      Start with administrator rights…
                    </Button>
                  </div>
                  <p>Or run the same server in a terminal; this screen shows its machines live, and Ctrl-C there stops it:</p>
                </>
              ) : (
                <p>
                  This app may not open the boot ports (67, 69 and 4011 need root). Run the same server in a terminal; this screen shows its machines live, and
                  Ctrl-C there stops it:
                </p>
              )}
              <CodeBlock code={privilege.command} label="Command to start the boot server" wrap />
            </div>
          ) : (
            <InlineError error={start.error} />
          )}
        </form>
      )}
    </Card>
  )
}
