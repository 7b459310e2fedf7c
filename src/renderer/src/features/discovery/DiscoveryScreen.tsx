import type { ScreenProps } from '../../app/screen'
import { Page } from '../../app/Page'
import { navigate } from '../../app/router'
import { DiscoveryPanel } from './DiscoveryPanel'

export default function DiscoveryScreen({ instance }: ScreenProps) {
  if (!instance) return null
  return (
    <Page title="Discovery" description="Find Talos machines on your network. Only the range you name is scanned.">
      <DiscoveryPanel instance={instance} onPick={(n) => navigate('setup', 'add', n.ip)} pickLabel="Set up" />
    </Page>
  )
}
