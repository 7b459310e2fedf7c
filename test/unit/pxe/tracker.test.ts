import { describe, expect, it } from 'vitest'
import type { BootEvent } from '@core/pxe/schemas'
import { createBootTracker } from '@core/pxe/tracker'

describe('boot tracker', () => {
  it('joins a TFTP fetch (address only) to the MAC that asked the router for that address', () => {
    const events: BootEvent[] = []
    const t = createBootTracker((e) => events.push(e))
    t.dhcp('52:54:00:00:00:01', null, 'amd64', 'bios')
    // The client's broadcast REQUEST to the router names the address it is about to use.
    t.learnIp('52:54:00:00:00:01', '198.51.100.120')
    t.stage({ ip: '198.51.100.120' }, 'binary')
    expect(events.at(-1)).toEqual({ event: 'boot', mac: '52:54:00:00:00:01', ip: '198.51.100.120', arch: 'amd64', firmware: 'bios', stage: 'binary' })
    expect(t.clients()).toHaveLength(1)
  })

  it('does not invent clients from REQUESTs of machines it never answered', () => {
    const t = createBootTracker(() => {})
    t.learnIp('52:54:00:00:00:09', '198.51.100.9')
    expect(t.clients()).toEqual([])
  })
})
