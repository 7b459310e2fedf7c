import { describe, expect, it } from 'vitest'
import { knowsDocuments, networkForm } from '@core/cluster/config-form'
import { inferNetwork, missingNetwork } from '@core/cluster/infer-network'

describe('network form by version', () => {
  it('uses documents when the receiving and the installed Talos are both 1.12 or later', () => {
    expect(networkForm('v1.12.0', 'v1.13.2')).toBe('documents')
    expect(networkForm('v1.12.0', 'v1.12.0')).toBe('documents')
    expect(networkForm('v1.13.0-beta.1', 'v2.0.0')).toBe('documents')
  })

  it('uses v1alpha1 fields when the receiving maintenance machine is 1.11 or older', () => {
    expect(networkForm('v1.11.6', 'v1.13.2')).toBe('v1alpha1')
    expect(networkForm('v1.11.99', 'v1.12.0')).toBe('v1alpha1')
    expect(networkForm('v1.9.6', 'v1.12.0')).toBe('v1alpha1')
  })

  it('uses v1alpha1 fields when the installed version is older, or the receiving one unknown', () => {
    expect(networkForm('v1.12.1', 'v1.11.6')).toBe('v1alpha1')
    expect(networkForm(null, 'v1.13.0')).toBe('v1alpha1')
    expect(networkForm('not-a-tag', 'v1.13.0')).toBe('v1alpha1')
  })

  it('reads tags with or without the v and a suffix', () => {
    expect(knowsDocuments('1.12.0')).toBe(true)
    expect(knowsDocuments('v1.12')).toBe(true)
    expect(knowsDocuments('v1.1.12')).toBe(false)
    expect(knowsDocuments('')).toBe(false)
  })
})

describe('subnet and gateway inferred from a detected machine', () => {
  it('takes the network of the address prefix and the default route', () => {
    expect(inferNetwork('192.168.1.50/24', '192.168.1.1')).toEqual({ subnet: '192.168.1.0/24', gateway: '192.168.1.1' })
    expect(inferNetwork('10.20.3.4/16', '10.20.0.1')).toEqual({ subnet: '10.20.0.0/16', gateway: '10.20.0.1' })
  })

  it('infers nothing without a prefix or a default route, or with a gateway it cannot reach', () => {
    expect(inferNetwork(null, '192.168.1.1')).toBeNull()
    expect(inferNetwork('192.168.1.50/24', null)).toBeNull()
    expect(inferNetwork('192.168.1.50/24', '10.0.0.1')).toBeNull()
    expect(inferNetwork('192.168.1.50/24', '192.168.1.50')).toBeNull()
    expect(inferNetwork('192.168.1.50/24', '192.168.1.255')).toBeNull()
    expect(inferNetwork('192.168.1.50/32', '192.168.1.1')).toBeNull()
    expect(inferNetwork('fd00::5/64', 'fd00::1')).toBeNull()
  })
})

describe('which network values setup fills in', () => {
  const inferred = { subnet: '192.168.1.0/24', gateway: '192.168.1.1' }
  it('fills both when neither is set, only the missing one otherwise', () => {
    expect(missingNetwork({ subnet: null, gateway: null }, inferred)).toEqual(inferred)
    expect(missingNetwork({ subnet: '192.168.1.0/24', gateway: null }, inferred)).toEqual({ gateway: '192.168.1.1' })
    expect(missingNetwork({ subnet: null, gateway: '192.168.1.254' }, inferred)).toEqual({ subnet: '192.168.1.0/24' })
  })

  it('leaves settings the operator chose alone', () => {
    expect(missingNetwork({ subnet: '192.168.1.0/24', gateway: '192.168.1.254' }, inferred)).toBeNull()
    expect(missingNetwork({ subnet: '10.0.0.0/8', gateway: null }, inferred)).toBeNull()
    expect(missingNetwork({ subnet: null, gateway: null }, null)).toBeNull()
  })
})
