import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { BasicsStep } from '@renderer/features/setup/BasicsStep'
import { cidrProblem, ipProblem } from '@renderer/features/setup/field-messages'
import { validateHardware } from '@renderer/features/setup/hardware-form'
import { fixtures } from '../fake-wild'
import { renderWithApp } from '../render'

const SUBNET = '192.168.1.0/24'

describe('validation messages name the field and tell .0/.255 apart (issue 14 item 6)', () => {
  it.each([
    ['empty', '', 'Fixed IP address is required: type an IPv4 address like 192.168.1.10.'],
    ['not an address', '192.168.1', 'Fixed IP address must be an IPv4 address like 192.168.1.10.'],
    ['a stray character', '192.168.1.5 ', 'Fixed IP address must be an IPv4 address like 192.168.1.10 ("192.168.1.5 " contains a space).'],
    [
      'the network address',
      '192.168.1.0',
      'Fixed IP address 192.168.1.0 is the network address of 192.168.1.0/24, which no machine can use. Pick one from 192.168.1.1 to 192.168.1.254.'
    ],
    [
      'the broadcast address',
      '192.168.1.255',
      'Fixed IP address 192.168.1.255 is the broadcast address of 192.168.1.0/24, which no machine can use. Pick one from 192.168.1.1 to 192.168.1.254.'
    ],
    ['outside the subnet', '10.0.0.5', 'Fixed IP address must be inside 192.168.1.0/24 (192.168.1.1 to 192.168.1.254).']
  ])('%s', (_why, value, message) => {
    expect(ipProblem('Fixed IP address', value, { subnet: SUBNET })).toBe(message)
  })

  it('accepts a host address, and .0 or .255 where the range makes them hosts', () => {
    expect(ipProblem('Fixed IP address', '192.168.1.20', { subnet: SUBNET })).toBeNull()
    expect(ipProblem('Fixed IP address', '10.0.1.0', { subnet: '10.0.0.0/16' })).toBeNull()
    expect(ipProblem('Fixed IP address', '10.0.0.255', { subnet: '10.0.0.0/16' })).toBeNull()
    expect(ipProblem('Gateway', '10.0.255.255', { subnet: '10.0.0.0/16' })).toMatch(/^Gateway 10.0.255.255 is the broadcast address of 10.0.0.0\/16/)
  })

  it('a range: its label, and the slash a bare address lacks', () => {
    expect(cidrProblem('Network to scan', '')).toBe('Network to scan is required: type a range like 192.168.1.0/24.')
    expect(cidrProblem('Network to scan', '10.0.0.7')).toBe("Network to scan needs the range's size after a slash, like 10.0.0.7/24.")
    expect(cidrProblem('Network to scan', 'lan')).toMatch(/^Network to scan must be a range like 192.168.1.0\/24 \("lan" contains "l", "a", "n"\)\.$/)
    expect(cidrProblem('Network to scan', '10.0.0.0/24')).toBeNull()
  })

  it('the wizard’s hardware step uses the Fixed IP address label', () => {
    const cluster = fixtures.cluster({ vip: '192.168.1.50', network: { subnet: SUBNET, gateway: '192.168.1.1', dnsServers: [] } })
    const form = { hostname: 'worker-1', role: 'worker' as const, targetIp: '192.168.1.255', disk: '/dev/nvme0n1', iface: 'enp1s0', mac: null }
    const ctx = { cluster, nodes: [], self: null, machineIp: '192.168.1.120', found: [], hw: null }
    expect(validateHardware(form, ctx).targetIp).toMatch(/^Fixed IP address 192.168.1.255 is the broadcast address/)
    expect(validateHardware({ ...form, targetIp: 'x' }, ctx).targetIp).toBe('Fixed IP address must be an IPv4 address like 192.168.1.10 ("x" contains "x").')
  })

  it('cluster basics: each address field is named by its label, the VIP on .0 gets its own message', async () => {
    const cluster = fixtures.cluster({ vip: '192.168.1.0', network: { subnet: SUBNET, gateway: '192.168.1.1x', dnsServers: [] } })
    const { user } = await renderWithApp(<BasicsStep instance="home-lab" cluster={cluster} onDone={vi.fn()} />, {
      'discovery.suggest': () => [],
      'cluster.settings.update': () => cluster
    })
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }))
    expect(
      await screen.findByText(
        'Control-plane VIP 192.168.1.0 is the network address of 192.168.1.0/24, which no machine can use. Pick one from 192.168.1.1 to 192.168.1.254.'
      )
    ).toBeTruthy()
    expect(screen.getByText('Gateway must be an IPv4 address like 192.168.1.10 ("192.168.1.1x" contains "x").')).toBeTruthy()
    const vip = screen.getByRole('textbox', { name: 'Control-plane VIP' })
    expect(vip.getAttribute('aria-invalid')).toBe('true')
  })
})
