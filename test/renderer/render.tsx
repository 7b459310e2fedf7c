import { render, type RenderResult } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { App } from '../../src/renderer/src/App'
import { installEventBridge } from '../../src/renderer/src/api/events'
import { createQueryClient, Providers } from '../../src/renderer/src/app/providers'
import { currentRoute, hrefFor, syncRouteFromLocation } from '../../src/renderer/src/app/router'
import { eventNames } from '../../src/shared/contract'
import { installFakeWild, type FakeHandlers, type FakeWild } from './fake-wild'

export interface Rendered extends RenderResult {
  wild: FakeWild
  user: ReturnType<typeof userEvent.setup>
}

/** Renders a component inside the app's providers with a fake bridge and the event bridge on. */
export async function renderWithApp(ui: ReactElement, handlers: FakeHandlers = {}, opts: { hash?: string } = {}): Promise<Rendered> {
  const wild = installFakeWild(handlers)
  window.location.hash = opts.hash ?? ''
  syncRouteFromLocation()
  const client = createQueryClient()
  await installEventBridge(client, wild.api, async () => eventNames)
  const user = userEvent.setup()
  const result = render(<Providers client={client}>{ui}</Providers>)
  return { ...result, wild, user }
}

/** The whole app (frame, sidebar, routed screen). */
export function renderApp(handlers: FakeHandlers = {}, hash = ''): Promise<Rendered> {
  return renderWithApp(<App />, handlers, { hash })
}

/** The in-memory route as a hash ("#/nodes/cp-1"), for assertions. */
export function routeHash(): string {
  const r = currentRoute()
  return hrefFor(r.section, ...r.rest)
}
