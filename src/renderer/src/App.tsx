import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react'
import { AppFrame } from './app/AppFrame'
import { ErrorBoundary } from './app/ErrorBoundary'
import { useCurrentInstance } from './app/instance'
import { useRoute, type SectionId } from './app/router'
import type { ScreenProps } from './app/screen'
import { sectionById } from './app/sections'
import { useThemeFromSettings } from './app/theme'
import { DemoBanner } from './features/demo/demo'
import { InstancesEmpty } from './features/instances/InstancesEmpty'
import { ActivityPanel } from './features/operations/ActivityPanel'
import { useActiveOperations } from './features/operations/hooks'
import { Spinner } from './ui'

type Screen = LazyExoticComponent<ComponentType<ScreenProps>>

/** Every screen is its own chunk: the first paint loads only the frame. */
const screens: Record<SectionId, Screen> = {
  setup: lazy(() => import('./features/setup/SetupScreen')),
  nodes: lazy(() => import('./features/nodes/NodesScreen')),
  discovery: lazy(() => import('./features/discovery/DiscoveryScreen')),
  assets: lazy(() => import('./features/assets/AssetsScreen')),
  netboot: lazy(() => import('./features/netboot/NetbootScreen')),
  operations: lazy(() => import('./features/operations/OperationsScreen')),
  diagnostics: lazy(() => import('./features/diagnostics/DiagnosticsScreen')),
  settings: lazy(() => import('./features/settings/SettingsScreen'))
}

export function App() {
  useThemeFromSettings()
  const route = useRoute()
  const { instance } = useCurrentInstance()
  const section = sectionById(route.section)
  const ScreenComponent = screens[section.id]
  const running = useActiveOperations(instance?.name ?? null)
  const content = section.needsInstance && !instance ? <InstancesEmpty /> : <ScreenComponent instance={instance?.name ?? null} rest={route.rest} />
  return (
    <AppFrame badges={{ operations: running.length }} footer={<ActivityPanel ops={running} />} banner={<DemoBanner />}>
      <ErrorBoundary key={section.id} where={section.label}>
        <Suspense fallback={<Spinner label={`Opening ${section.label}…`} className="justify-center" />}>{content}</Suspense>
      </ErrorBoundary>
    </AppFrame>
  )
}
