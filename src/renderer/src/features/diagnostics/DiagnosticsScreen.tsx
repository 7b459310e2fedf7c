import { AlertTriangle, CheckCircle2, RefreshCw, XCircle } from 'lucide-react'
import type { DiagnosticCheck } from '@shared/contract/app'
import { useCommandQuery } from '../../api/hooks'
import { Page } from '../../app/Page'
import { navigate } from '../../app/router'
import { Badge, Button, Card, CopyButton, ErrorNotice, ExternalLink, formatRelative, Spinner } from '../../ui'
import { SupportCard } from './SupportCard'

const statusView = {
  ok: { tone: 'ok', word: 'OK', icon: CheckCircle2, cls: 'text-ok' },
  warn: { tone: 'warn', word: 'Warning', icon: AlertTriangle, cls: 'text-warn' },
  fail: { tone: 'danger', word: 'Problem', icon: XCircle, cls: 'text-danger' }
} as const

function CheckRow({ check }: { check: DiagnosticCheck }) {
  const v = statusView[check.status]
  const needsSettings = check.status !== 'ok' && /settings/i.test(check.hint ?? '')
  return (
    <li className="flex gap-3 border-b border-line px-5 py-3.5 last:border-b-0">
      <v.icon aria-hidden className={`mt-0.5 size-4 shrink-0 ${v.cls}`} />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          <span className="font-medium">{check.label}</span>
          <Badge tone={v.tone}>{v.word}</Badge>
        </div>
        <p className="mt-0.5 break-words text-muted">{check.detail}</p>
        {check.hint && <p className="mt-1">{check.hint}</p>}
        {(needsSettings || (check.id === 'talosctl' && check.status !== 'ok')) && (
          <div className="mt-2 flex flex-wrap items-center gap-3">
            {needsSettings && (
              <Button size="sm" onClick={() => navigate('settings')}>
                Open Settings
              </Button>
            )}
            {check.id === 'talosctl' && check.status !== 'ok' && (
              <ExternalLink url="https://www.talos.dev/latest/talos-guides/install/talosctl/">How to install talosctl</ExternalLink>
            )}
          </div>
        )}
      </div>
    </li>
  )
}

function reportText(checks: DiagnosticCheck[], info?: { version: string; platform: string; arch: string; shell: string }): string {
  const lines = info ? [`Wild Central ${info.version} (${info.platform}/${info.arch}, ${info.shell})`] : []
  for (const c of checks) lines.push(`[${c.status}] ${c.label}: ${c.detail}${c.hint ? ` — ${c.hint}` : ''}`)
  return lines.join('\n')
}

function DiagnosticsScreen() {
  const q = useCommandQuery('diagnostics.run', {}, { staleTime: 0 })
  const info = useCommandQuery('app.info', {}, { staleTime: Infinity })
  const failing = q.data?.checks.filter((c) => c.status === 'fail').length ?? 0
  const warning = q.data?.checks.filter((c) => c.status === 'warn').length ?? 0
  return (
    <Page
      title="Diagnostics"
      description="Checks the basics Wild Central depends on. Run them again after changing a setting."
      width="narrow"
      actions={
        <>
          {q.data && <CopyButton text={reportText(q.data.checks, info.data)} label="Copy report" />}
          <Button icon={<RefreshCw aria-hidden className="size-4" />} onClick={() => void q.refetch()} loading={q.isFetching}>
            Run again
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-5">
        {q.isLoading ? (
          <Card>
            <Spinner label="Checking talosctl, the data folder and free disk…" />
          </Card>
        ) : q.error ? (
          <ErrorNotice title="The checks could not run" error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data ? (
          <Card
            title="Checks"
            description={
              <span aria-live="polite">
                {failing > 0
                  ? `${failing} problem${failing === 1 ? '' : 's'} to fix`
                  : warning > 0
                    ? `All essential checks passed, ${warning} warning${warning === 1 ? '' : 's'}`
                    : 'Everything looks good'}
                {' · '}checked {formatRelative(q.data.checkedAt)}
              </span>
            }
            flush
          >
            <ul aria-label="Checks">
              {q.data.checks.map((c) => (
                <CheckRow key={c.id} check={c} />
              ))}
            </ul>
          </Card>
        ) : null}
        <SupportCard />
        <Card title="About this app">
          {info.data ? (
            <dl className="grid grid-cols-[8rem_1fr] gap-y-1.5">
              <dt className="text-muted">Version</dt>
              <dd className="tabular">{info.data.version}</dd>
              <dt className="text-muted">Platform</dt>
              <dd>
                {info.data.platform} / {info.data.arch}
              </dd>
              <dt className="text-muted">Running in</dt>
              <dd>
                {info.data.shell === 'electron' ? 'the desktop app' : 'a browser (preview)'}
                {info.data.demo ? ' · demo lab' : ''}
              </dd>
              <dt className="text-muted">Data folder</dt>
              <dd className="break-all">{info.data.dataDir}</dd>
            </dl>
          ) : info.error ? (
            <ErrorNotice compact error={info.error} />
          ) : (
            <Spinner inline label="Loading…" />
          )}
        </Card>
      </div>
    </Page>
  )
}

export default DiagnosticsScreen
