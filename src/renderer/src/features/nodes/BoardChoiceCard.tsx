import { useCommandQuery } from '../../api/hooks'
import { Card, FactList } from '../../ui'

/**
 * The node page's record of its board: the architecture, overlay and Secure Boot chosen on the
 * Hardware step, which setup builds the installer from. Nothing when no choice was made.
 */
export function BoardChoiceCard({ instance, hostname, archReason }: { instance: string; hostname: string; archReason: string | null }) {
  const q = useCommandQuery('boards.choice', { instance, hostname })
  const c = q.data
  if (!c) return null
  return (
    <Card title="Board and boot media" description="Chosen on the Hardware step; setup installs with this node's own schematic.">
      <FactList
        rows={[
          ['Architecture', archReason ? `${c.arch} · ${archReason}` : c.arch],
          ['Board overlay', c.overlay ? `${c.overlay.name} (${c.overlay.image})` : 'none'],
          ['Secure Boot', c.secureBoot ? 'signed ISO and installer' : 'no'],
          ['Schematic', c.schematicId]
        ]}
      />
    </Card>
  )
}
