import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react'
import { AppFrame } from './app/AppFrame'
import { ErrorBoundary } from './app/ErrorBoundary'
import { FontWarmup } from './app/font-warmup'
import { useCurrentInstance } from './app/instance'
import { usePrefetch } from './app/prefetch'
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

type Loader = () => Promise<{ default: ComponentType<ScreenProps> }>

/** Every screen is its own chunk: the first paint loads only the frame. */
const loaders: Record<SectionId, Loader> = {
  setup: () => import('./features/setup/SetupScreen'),
  nodes: () => import('./features/nodes/NodesScreen'),
  discovery: () => import('./features/discovery/DiscoveryScreen'),
  assets: () => import('./features/assets/AssetsScreen'),
  netboot: () => import('./features/netboot/NetbootScreen'),
  operations: () => import('./features/operations/OperationsScreen'),
  diagnostics: () => import('./features/diagnostics/DiagnosticsScreen'),
  settings: () => import('./features/settings/SettingsScreen')
}
const screens = Object.fromEntries(Object.entries(loaders).map(([id, load]) => [id, lazy(load)])) as Record<SectionId, Screen>

const prefetched = Object.values(loaders)

export function App() {
  useThemeFromSettings()
  usePrefetch(prefetched)
  const route = useRoute()
  const { instance } = useCurrentInstance()
  const section = sectionById(route.section)
  const ScreenComponent = screens[section.id]
  const running = useActiveOperations(instance?.name ?? null)
  const content = section.needsInstance && !instance ? <InstancesEmpty /> : <ScreenComponent instance={instance?.name ?? null} rest={route.rest} />
  return (
    <>
      <AppFrame badges={{ operations: running.length }} footer={<ActivityPanel ops={running} />} banner={<DemoBanner />}>
        <ErrorBoundary key={section.id} where={section.label}>
          <Suspense fallback={<Spinner label={`Opening ${section.label}…`} className="justify-center" />}>{content}</Suspense>
        </ErrorBoundary>
      </AppFrame>
      <FontWarmup />
    </>
  )
}
