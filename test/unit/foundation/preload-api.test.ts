import { describe, expect, it } from 'vitest'
import { createWildApi, type WildTransport } from '@preload/api'
import { commandNames } from '@shared/contract'
import { CHANNEL_PREFIX, type EventMessage } from '@shared/ipc'

function fakeTransport() {
  const invoked: [string, unknown][] = []
  let push: (m: EventMessage) => void = () => {}
  let readyCount = 0
  const transport: WildTransport = {
    invoke: async (channel, input) => {
      invoked.push([channel, input])
      return { ok: true, value: channel }
    },
    subscribe: (l) => {
      push = l
    },
    ready: () => {
      readyCount++
    }
  }
  return { transport, invoked, push: (m: EventMessage) => push(m), ready: () => readyCount }
}

describe('preload API factory', () => {
  it('exposes exactly invoke, on, ready and the command list from the contract', () => {
    const api = createWildApi(fakeTransport().transport)
    expect(Object.keys(api).sort()).toEqual(['commands', 'invoke', 'on', 'ready'])
    expect([...api.commands].sort()).toEqual([...commandNames].sort())
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('invokes a contract command on its derived channel', async () => {
    const t = fakeTransport()
    const api = createWildApi(t.transport)
    await api.invoke('instances.list', {})
    expect(t.invoked).toEqual([[CHANNEL_PREFIX + 'instances.list', {}]])
  })

  it('refuses a name outside the contract without touching the transport', async () => {
    const t = fakeTransport()
    const api = createWildApi(t.transport)
    const r = await api.invoke('shell.exec' as never, {} as never)
    expect(r.ok).toBe(false)
    expect(t.invoked).toEqual([])
  })

  it('turns a transport failure into an error envelope', async () => {
    const api = createWildApi({
      invoke: async () => {
        throw new Error('pipe broke')
      },
      subscribe: () => {},
      ready: () => {}
    })
    const r = await api.invoke('instances.list', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('delivers events to listeners and unsubscribes only the one listener', () => {
    const t = fakeTransport()
    const api = createWildApi(t.transport)
    const a: unknown[] = []
    const b: unknown[] = []
    const offA = api.on('instances.changed', (p) => a.push(p))
    api.on('instances.changed', (p) => b.push(p))
    t.push({ name: 'instances.changed', payload: { current: 'x' } })
    offA()
    t.push({ name: 'instances.changed', payload: { current: 'y' } })
    expect(a).toEqual([{ current: 'x' }])
    expect(b).toEqual([{ current: 'x' }, { current: 'y' }])
  })

  it('ignores pushed events that are not in the contract', () => {
    const t = fakeTransport()
    const api = createWildApi(t.transport)
    const seen: unknown[] = []
    api.on('instances.changed', (p) => seen.push(p))
    t.push({ name: 'evil.event', payload: 1 })
    expect(seen).toEqual([])
  })

  it('throws when subscribing to an unknown event', () => {
    const api = createWildApi(fakeTransport().transport)
    expect(() => api.on('nope' as never, () => {})).toThrow(/Unknown event/)
  })

  it('signals ready once', () => {
    const t = fakeTransport()
    const api = createWildApi(t.transport)
    api.ready()
    api.ready()
    expect(t.ready()).toBe(1)
  })
})
