import { MonitorUp } from 'lucide-react'
import type { PxeClientView } from '@shared/contract/pxe'
import { Link } from '../../app/Link'
import { Badge, Card, cx, EmptyState, formatRelative, Table, TBody, TD, TH, THead, TR, useNow } from '../../ui'
import { clientSummary, FIRMWARE_LABEL, STAGES, stageIndex } from './model'

/** Six dots, filled up to the stage reached; the stage's name beside them for screen readers and eyes. */
function StageTrack({ c }: { c: PxeClientView }) {
  const at = stageIndex(c.stage)
  const steps = c.stage === 'config' ? STAGES : STAGES.slice(0, 5)
  const current = STAGES[at]!
  return (
    <div className="flex items-center gap-2" title={current.hint}>
      <span aria-hidden className="flex items-center gap-1">
        {steps.map((s, i) => (
          <span
            key={s.id}
            className={cx(
              'h-1.5 w-4 rounded-full',
              i < at || (i === at && c.maintenance) ? 'bg-accent' : i === at ? 'bg-accent animate-pulse' : 'bg-surface-3'
            )}
          />
        ))}
      </span>
      <span className="text-[13px] font-medium">{current.label}</span>
    </div>
  )
}

/** The machines the server has seen, live, with the stage each reached. */
export function BootTable({ clients, running }: { clients: PxeClientView[]; running: boolean }) {
  const now = useNow(clients.length > 0)
  if (clients.length === 0) {
    return (
      <Card title="Machines booting">
        <EmptyState icon={<MonitorUp />} title={running ? 'Waiting for a machine' : 'No machine has booted yet'} className="py-8">
          {running
            ? 'Power on a machine on this LAN with network boot first in its boot order (often F12 at power-on). It shows up here as it boots.'
            : 'Start the boot server, then power the machines on with network boot first.'}
        </EmptyState>
      </Card>
    )
  }
  const reached = clients.some((c) => c.stage === 'initramfs' && c.script !== 'local-disk' && !c.maintenance)
  return (
    <section aria-labelledby="machines-booting" className="flex flex-col gap-2">
      <div>
        <h2 id="machines-booting" className="text-sm font-semibold">
          Machines booting
        </h2>
        <p className="text-[13px] text-muted">Each row is one machine (by its network card's MAC), with the stage it reached. Updated live.</p>
      </div>
      <Table label="Machines booting from the network">
        <THead>
          <TR>
            <TH>Machine</TH>
            <TH>MAC</TH>
            <TH>Address</TH>
            <TH>Firmware</TH>
            <TH>Stage</TH>
            <TH>State</TH>
            <TH>Last seen</TH>
          </TR>
        </THead>
        <TBody>
          {clients.map((c) => {
            const s = clientSummary(c)
            return (
              <TR key={c.mac}>
                <TD className="font-medium">{c.hostname ?? <span className="text-muted">new machine</span>}</TD>
                <TD className="font-mono text-xs">{c.mac}</TD>
                <TD className="tabular">{c.ip ?? '—'}</TD>
                <TD className="text-muted">
                  {FIRMWARE_LABEL[c.firmware]} · {c.arch}
                </TD>
                <TD>
                  <StageTrack c={c} />
                </TD>
                <TD>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={s.tone}>{s.word}</Badge>
                    {c.maintenance && !c.hostname && (
                      <Link
                        to={['setup', 'add', c.maintenance.ip]}
                        className="text-[13px] font-medium text-accent-text underline"
                        aria-label={`Set up the machine at ${c.maintenance.ip}`}
                      >
                        Set up
                      </Link>
                    )}
                  </div>
                </TD>
                <TD className="text-muted whitespace-nowrap">{formatRelative(c.lastSeenAt, now)}</TD>
              </TR>
            )
          })}
        </TBody>
      </Table>
      {reached && (
        <p className="text-[13px] text-muted">
          Machines that loaded the initramfs come up in Talos maintenance mode within a minute or two. The app looks for each at its address and offers to set
          it up when it answers; or{' '}
          <Link to={['discovery']} className="text-accent-text underline">
            scan in Discovery
          </Link>
          .
        </p>
      )}
    </section>
  )
}
