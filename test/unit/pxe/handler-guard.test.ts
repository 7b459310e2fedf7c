import { describe, expect, it, vi } from 'vitest'
import type { AppContext } from '@main/app-context'
import { pxeHandlers } from '@main/handlers/pxe'

function handlersFor(terminal: boolean) {
  const start = vi.fn(async () => ({ running: true }))
  const ctx = { terminal, core: { pxe: { start } } } as unknown as AppContext
  return { start, handlers: pxeHandlers(ctx) }
}

const base = { instance: 'alpha', interface: 'eth0' }

describe('pxe.start from the app refuses what only a terminal may ask', () => {
  it.each([
    ['every node’s config at boot', { configAtBoot: 'all' as const }],
    ['a parent process to watch', { parentPid: 1234 }],
    ['the terminal’s own error texts', { terminal: true }]
  ])('refuses %s over IPC, before the server is touched', async (_what, extra) => {
    const { start, handlers } = handlersFor(false)
    await expect(handlers['pxe.start']({ ...base, ...extra })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('wild pxe serve') })
    expect(start).not.toHaveBeenCalled()
  })

  it('lets the app start with its own choices, and wild pxe serve with the terminal’s', async () => {
    const app = handlersFor(false)
    await app.handlers['pxe.start']({ ...base, configAtBoot: 'per-node', elevate: true })
    expect(app.start).toHaveBeenCalledOnce()
    const cli = handlersFor(true)
    await cli.handlers['pxe.start']({ ...base, configAtBoot: 'all', parentPid: 1234, terminal: true })
    expect(cli.start).toHaveBeenCalledOnce()
  })
})
