import { Archive, FolderOpen } from 'lucide-react'
import { useCommandMutation } from '../../api/hooks'
import { Button, Card, InlineError } from '../../ui'

/**
 * Logs and the diagnostics bundle. Both run in main: the folder opens in the system's file
 * manager, and the bundle's file is chosen in a native save dialog, never named by this page.
 */
export function SupportCard() {
  const openLogs = useCommandMutation('diagnostics.openLogs')
  const save = useCommandMutation('diagnostics.saveBundle')
  const saved = save.data?.saved ? save.data : null
  return (
    <Card
      title="Logs and support"
      description="Wild Central keeps a log of the app, every talosctl call and every operation. Keys, tokens and machine configs are never written to them."
    >
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap gap-2">
          <Button icon={<FolderOpen aria-hidden className="size-4" />} onClick={() => openLogs.mutate({})} loading={openLogs.isPending}>
            Open logs
          </Button>
          <Button icon={<Archive aria-hidden className="size-4" />} onClick={() => save.mutate({})} loading={save.isPending}>
            Save a diagnostics bundle
          </Button>
        </div>
        <p className="text-[13px] text-muted">
          The bundle is a zip of the logs, the versions, your settings and each instance's non-secret files, to attach to a report. Secrets, talosconfig,
          kubeconfig, machine configs and etcd snapshots are left out.
        </p>
        <div aria-live="polite">
          {saved && (
            <p className="text-[13px]">
              Saved <span className="break-all font-medium">{saved.file}</span> ({saved.entries.length} files).
            </p>
          )}
        </div>
        <InlineError error={openLogs.error ?? save.error} />
      </div>
    </Card>
  )
}
