import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { getWild, hasWild } from './api/client'
import { installEventBridge } from './api/events'
import { App } from './App'
import { createQueryClient, Providers } from './app/providers'
import { bootTheme } from './app/theme'

// Before anything renders: the last theme used, so a dark window never flashes white.
bootTheme()

const root = createRoot(document.getElementById('root')!)

if (!hasWild()) {
  root.render(
    <div role="alert" style={{ maxWidth: 560, margin: '15vh auto', padding: 24, fontFamily: 'system-ui, sans-serif' }}>
      <h1 style={{ fontSize: 18 }}>Wild Central cannot start here</h1>
      <p>This page needs the app's connection to its engine, which is only there inside Wild Central or its browser harness.</p>
    </div>
  )
} else {
  const client = createQueryClient()
  // Subscribe to every pushed event first, then tell main we are ready (it holds events until then).
  void installEventBridge(client, getWild()).catch((e) => console.error('events could not be connected', e))
  root.render(
    <StrictMode>
      <Providers client={client}>
        <App />
      </Providers>
    </StrictMode>
  )
}
