import { render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { usePrefetch } from '@renderer/app/prefetch'

function Prefetching({ loaders }: { loaders: (() => Promise<unknown>)[] }) {
  usePrefetch(loaders)
  return null
}

// The DOM tests run in Node: an unhandled rejection reaches Node's process, not the window.
const node = globalThis as unknown as { process: { on(event: 'unhandledRejection', f: (reason: unknown) => void): void } }
const unhandled: unknown[] = []
node.process.on('unhandledRejection', (reason) => unhandled.push(reason))
afterEach(() => {
  unhandled.length = 0
})

describe('prefetching the screens after the first paint', () => {
  it('loads each screen in turn, and a chunk that fails to load is no unhandled rejection and stops none after it', async () => {
    const loaded: string[] = []
    const ok = (name: string) => async () => void loaded.push(name)
    // A chunk that cannot load (a torn-down test environment, a file gone after an update) only
    // means that screen compiles when it is opened, where its own error boundary reports it.
    const broken = () => Promise.reject(new Error('chunk gone'))
    render(<Prefetching loaders={[ok('setup'), broken, ok('assets')]} />)
    await waitFor(() => expect(loaded).toEqual(['setup', 'assets']))
    await new Promise((r) => setTimeout(r, 20))
    expect(unhandled).toEqual([])
  })

  it('starts nothing more once the app is gone', async () => {
    const loaded: string[] = []
    const { unmount } = render(<Prefetching loaders={[async () => void loaded.push('setup'), async () => void loaded.push('nodes')]} />)
    unmount()
    await new Promise((r) => setTimeout(r, 300))
    expect(loaded).toEqual([])
  })
})
