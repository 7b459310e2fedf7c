import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { privilegeProblem } from '@core/pxe/privileges'
import { parseRange } from '@core/pxe/range'
import { installerScript, localDiskScript } from '@core/pxe/script'
import { negotiate, normaliseTftpName, parseTftp, rrqPacket } from '@core/pxe/tftp-packet'

describe('iPXE scripts', () => {
  const base = { assetBase: 'http://198.51.100.2:8080/assets/amd64', label: 'Talos v1.11.5 amd64' }

  it('installer: kernel with the factory cmdline + talos.platform=metal + initrd=, then the named initrd', () => {
    const s = installerScript({ ...base, cmdline: 'console=ttyS0  init_on_alloc=1\n' })
    expect(s.startsWith('#!ipxe\n')).toBe(true)
    expect(s).toContain('kernel http://198.51.100.2:8080/assets/amd64/kernel console=ttyS0 init_on_alloc=1 talos.platform=metal initrd=initramfs.xz\n')
    expect(s).toContain('initrd --name initramfs.xz http://198.51.100.2:8080/assets/amd64/initramfs.xz\n')
    expect(s.trimEnd().endsWith('boot')).toBe(true)
    expect(s).not.toMatch(/^exit$/m)
  })

  it('does not repeat talos.platform when the factory line already has it', () => {
    const s = installerScript({ ...base, cmdline: 'talos.platform=metal console=tty0' })
    expect(s.match(/talos\.platform=/g)).toHaveLength(1)
  })

  it('refuses a line break smuggled into an argument', () => {
    expect(() => installerScript({ ...base, cmdline: 'a', extraArgs: ['x\nshell'] })).toThrow(/line break/)
  })

  it('local disk: exit (default) or sanboot, never a kernel', () => {
    const exit = localDiskScript('cp1 (52:54:00:12:34:56)', 'exit')
    expect(exit).toMatch(/^exit$/m)
    expect(exit).not.toMatch(/kernel|initrd/)
    expect(localDiskScript('cp1', 'sanboot')).toMatch(/^sanboot --no-describe --drive 0x80 \|\| exit$/m)
  })
})

describe('HTTP Range', () => {
  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=990-5000', 1000, { start: 990, end: 999 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=0-1,5-6', 1000, null],
    ['items=0-1', 1000, null],
    ['bytes=9-3', 1000, null],
    [undefined, 1000, null]
  ] as const)('%s of %i → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })

  it('any satisfiable answer lies inside the file', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(1e9), (h, size) => {
        const r = parseRange('bytes=' + h, size)
        if (r && r !== 'unsatisfiable') expect(r.start >= 0 && r.start <= r.end && r.end < size).toBe(true)
      })
    )
  })
})

describe('TFTP packets', () => {
  it('parses a read request with options, and drops malformed ones', () => {
    expect(parseTftp(rrqPacket('undionly.kpxe', { tsize: '0', blksize: '1468' }))).toEqual({
      op: 1,
      file: 'undionly.kpxe',
      mode: 'octet',
      options: { tsize: '0', blksize: '1468' }
    })
    expect(parseTftp(Buffer.from([0, 1, 65, 66]))).toBeNull()
    expect(parseTftp(Buffer.from([0, 9, 0, 0]))).toBeNull()
  })

  it('negotiates blksize (capped to one frame), timeout and tsize', () => {
    expect(negotiate({ blksize: '65464', tsize: '0', timeout: '3' }, 74213, 1000)).toEqual({
      blksize: 1468,
      timeoutMs: 3000,
      accepted: { blksize: '1468', tsize: '74213', timeout: '3' }
    })
    expect(negotiate({ blksize: 'x', timeout: '0' }, 1, 1000)).toEqual({ blksize: 512, timeoutMs: 1000, accepted: {} })
  })

  it('names are looked up as given, so ../ never leaves the list', () => {
    expect(normaliseTftpName('/undionly.kpxe')).toBe('undionly.kpxe')
    expect(normaliseTftpName('\\..\\..\\etc\\passwd')).toBe('../../etc/passwd')
  })
})

describe('privileges', () => {
  const base = { uid: 1000, capEff: 0n, unprivilegedPortStart: 1024, lowest: 67 }
  it('root, CAP_NET_BIND_SERVICE or a low sysctl are enough', () => {
    expect(privilegeProblem({ ...base, uid: 0 })).toBeNull()
    expect(privilegeProblem({ ...base, capEff: 1n << 10n })).toBeNull()
    expect(privilegeProblem({ ...base, unprivilegedPortStart: 0 })).toBeNull()
    expect(privilegeProblem({ ...base, lowest: 10067 })).toBeNull()
  })
  it('otherwise names the cause and both ways out', () => {
    const p = privilegeProblem(base)!
    expect(p).toMatch(/Not running as root and without CAP_NET_BIND_SERVICE/)
    expect(p).toMatch(/sudo wild pxe serve/)
    expect(p).toMatch(/setcap cap_net_bind_service=\+ep/)
  })
})
