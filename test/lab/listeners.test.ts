import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { serveLab, silentHost } from '../../src/lab/listeners'
import { preset } from '../../src/lab/machines'
import { newLab } from './lab-helpers'

/** TCP listeners on the machines' loopback addresses, for discovery to find. */

function probe(ip: string, port: number, ms = 300): Promise<'open' | 'refused' | 'hung'> {
  return new Promise((resolve) => {
    const s = connect({ host: ip, port })
    const timer = setTimeout(() => {
      s.destroy()
      resolve('hung')
    }, ms)
    s.once('connect', () => {
      clearTimeout(timer)
      s.destroy()
      resolve('open')
    })
    s.once('error', () => {
      clearTimeout(timer)
      resolve('refused')
    })
  })
}

// A port per run keeps parallel helpers' test runs apart.
const port = 40000 + (process.pid % 20000)

describe('serveLab', () => {
  it('listens on each answering machine, leaves refused ones closed and makes silent ones hang', async () => {
    const lab = await newLab({
      machines: [
        preset('nvme-mini-pc'),
        preset('sata-tower', { faults: { unreachable: 'refused' } }),
        preset('virtio-vm', { faults: { silent: true } }),
        preset('emmc-board', { poweredOff: true })
      ]
    })
    const served = await serveLab(lab, { port })
    try {
      expect(served.answering).toEqual(['127.0.10.11'])
      expect(served.silent).toEqual(['127.0.10.13'])
      expect(await probe('127.0.10.11', port)).toBe('open')
      expect(await probe('127.0.10.12', port)).toBe('refused')
      expect(await probe('127.0.10.13', port)).toBe('hung')
      expect(await probe('127.0.10.14', port)).toBe('refused')
    } finally {
      await served.close()
    }
    expect(await probe('127.0.10.11', port)).toBe('refused')
    expect(await probe('127.0.10.13', port)).toBe('refused')
  })

  it('serves a plain list of addresses, and a silent host alone', async () => {
    const served = await serveLab(['127.0.10.101', '127.0.10.102'], { port: port + 1 })
    expect(await probe('127.0.10.102', port + 1)).toBe('open')
    await served.close()
    const silent = await silentHost('127.0.10.103', port + 2)
    expect(await probe('127.0.10.103', port + 2, 250)).toBe('hung')
    await silent.close()
  })
})
