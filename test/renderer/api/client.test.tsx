import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it, vi } from 'vitest'
import { call, ClientError } from '@renderer/api/client'
import { applyEvent, installEventBridge } from '@renderer/api/events'
import { commandNames, eventNames } from '@shared/contract'
import { createFakeWild, FakeError, fixtures, installFakeWild } from '../fake-wild'

describe('typed client', () => {
  it('returns the value of a successful command', async () => {
    installFakeWild({ 'settings.get': () => fixtures.settings() })
    await expect(call('settings.get', {})).resolves.toMatchObject({ theme: 'system' })
  })

  it('throws a ClientError carrying the code and message of a failed command', async () => {
    installFakeWild({
      'instances.create': () => {
        throw new FakeError('CONFLICT', 'An instance named lab already exists.')
      }
    })
    const err = await call('instances.create', { name: 'lab', use: true }).catch((e) => e)
    expect(err).toBeInstanceOf(ClientError)
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'An instance named lab already exists.' })
  })

  it('refuses an input the contract rejects, as main would', async () => {
    installFakeWild()
    const err = await call('instances.create', { name: 'Bad Name', use: true }).catch((e) => e)
    expect(err).toMatchObject({ code: 'VALIDATION' })
  })

  it('explains when the page has no bridge', async () => {
    delete (globalThis as { wild?: unknown }).wild
    const err = await call('app.info', {}).catch((e) => e)
    expect(err).toMatchObject({ code: 'INTERNAL' })
    expect(err.message).toMatch(/only works inside Wild Central/)
  })
})

describe('fake bridge', () => {
  it('exposes exactly the contract commands', () => {
    expect([...createFakeWild().api.commands].sort()).toEqual([...commandNames].sort())
  })
})

describe('event bridge', () => {
  it('subscribes to every contract event before it says ready', async () => {
    const fake = createFakeWild()
    const on = vi.fn(fake.api.on)
    let readyAfter = -1
    const api = { ...fake.api, on, ready: () => (readyAfter = on.mock.calls.length) } as typeof fake.api
    await installEventBridge(new QueryClient(), api, async () => eventNames)
    expect(on.mock.calls.map((c) => c[0]).sort()).toEqual([...eventNames].sort())
    expect(readyAfter).toBe(eventNames.length)
  })

  it('puts pushed settings straight into the cache', () => {
    const qc = new QueryClient()
    applyEvent(qc, 'settings.changed', { ...fixtures.settings(), theme: 'dark' })
    expect(qc.getQueryData(['settings.get', {}])).toMatchObject({ theme: 'dark' })
  })

  it('refreshes the instance list when instances change', () => {
    const qc = new QueryClient()
    qc.setQueryData(['instances.list', {}], [])
    applyEvent(qc, 'instances.changed', { current: 'lab' })
    expect(qc.getQueryState(['instances.list', {}])?.isInvalidated).toBe(true)
  })

  it('refreshes what names the machines when nodes or the cluster settings change: a scan row of a node just registered, the VIP', () => {
    for (const event of ['nodes.changed', 'config.changed'] as const) {
      const qc = new QueryClient()
      qc.setQueryData(['discovery.status', { instance: 'lab' }], { nodesFound: [] })
      qc.setQueryData(['machines.list', { instance: 'lab' }], { machines: [] })
      applyEvent(qc, event, { instance: 'lab' })
      expect(qc.getQueryState(['discovery.status', { instance: 'lab' }])?.isInvalidated, event).toBe(true)
      expect(qc.getQueryState(['machines.list', { instance: 'lab' }])?.isInvalidated, event).toBe(true)
    }
  })

  it('refreshes the family of an event that has no rule of its own', () => {
    const qc = new QueryClient()
    qc.setQueryData(['settings.get', {}], fixtures.settings())
    qc.setQueryData(['app.info', {}], { version: '1' })
    applyEvent(qc, 'settings.changed', fixtures.settings(), {})
    expect(qc.getQueryState(['settings.get', {}])?.isInvalidated).toBe(true)
    expect(qc.getQueryState(['app.info', {}])?.isInvalidated).toBe(false)
  })
})
