import { describe, expect, it } from 'vitest'
import { normaliseCmdline, renderIpxeScript } from '@core/assets/ipxe'

const cmdline = 'talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on\n'

describe('renderIpxeScript', () => {
  it('boots our kernel and initramfs with the factory command line, like the factory template', () => {
    expect(renderIpxeScript({ baseUrl: 'http://10.0.0.2:8080/pxe', setPath: 'abc@v1.11.5/amd64', cmdline })).toBe(
      [
        '#!ipxe',
        '',
        'imgfree',
        'kernel http://10.0.0.2:8080/pxe/abc@v1.11.5/amd64/kernel talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on',
        'initrd http://10.0.0.2:8080/pxe/abc@v1.11.5/amd64/initramfs.xz',
        'boot',
        ''
      ].join('\n')
    )
  })

  it('appends extra kernel arguments after the factory ones and drops blank ones', () => {
    const s = renderIpxeScript({ baseUrl: 'http://h/', setPath: '/s/', cmdline, extraArgs: ['net.ifnames=0', '  ', 'talos.config=http://h/${mac}'] })
    expect(s).toContain('kernel http://h/s/kernel talos.platform=metal')
    expect(s).toMatch(/pti=on net\.ifnames=0 talos\.config=http:\/\/h\/\$\{mac\}\n/)
  })

  it('refuses a kernel argument with a line break, which would inject an iPXE command', () => {
    expect(() => renderIpxeScript({ baseUrl: 'http://h', setPath: 's', cmdline, extraArgs: ['a\nshell'] })).toThrow(/line break/)
  })

  it('collapses whitespace in the factory command line', () => {
    expect(normaliseCmdline('  a=1\t b=2 \n')).toBe('a=1 b=2')
  })
})
