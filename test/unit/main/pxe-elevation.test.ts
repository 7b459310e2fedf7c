import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { cliModeArgs, cliModePrefix, createPxeElevation, elevatedCommand, type SudoExec } from '@main/shell/pxe-elevation'

describe('the elevated network boot helper command', () => {
  it('quotes every word, so a hostile instance or interface name stays one argument', async () => {
    const nasty = ["it's $(touch /tmp/pwned) `id`; rm -rf /", 'a b', '--x=*']
    const cmd = elevatedCommand(['/opt/Wild Central/wild-central', '--no-sandbox', '--wild-cli'], ['pxe', 'serve', '--instance', ...nasty])
    // A real shell, as pkexec's bash runs it: printf shows the words it received, one per line.
    const { stdout } = await execa('bash', ['-c', `printf '%s\\n' ${cmd}`], { timeout: 5_000 })
    expect(stdout.split('\n')).toEqual(['/opt/Wild Central/wild-central', '--no-sandbox', '--wild-cli', 'pxe', 'serve', '--instance', ...nasty])
  })

  it('runs the app binary in CLI mode: the packaged app has no Electron-as-Node (fuse off)', () => {
    expect(cliModePrefix({ execPath: '/opt/wc/wild-central', appPath: '/opt/wc/resources/app.asar', packaged: true })).toEqual([
      '/opt/wc/wild-central',
      '--no-sandbox',
      '--wild-cli'
    ])
    expect(cliModePrefix({ execPath: '/n/electron', appPath: '/src/wild', packaged: false })).toEqual([
      '/n/electron',
      '/src/wild',
      '--no-sandbox',
      '--wild-cli'
    ])
    expect(cliModeArgs(['/opt/wc/wild-central', '--no-sandbox', '--wild-cli', 'pxe', 'serve', '--interface', 'eth0'])).toEqual([
      'pxe',
      'serve',
      '--interface',
      'eth0'
    ])
    expect(cliModeArgs(['/opt/wc/wild-central', '--enable-logging'])).toBeNull()
  })

  it("passes the helper's stderr on when it fails, and resolves when it ends cleanly", async () => {
    const calls: string[] = []
    const failing: SudoExec = (command, _o, cb) => {
      calls.push(command)
      cb(new Error('Command failed: wild pxe serve'), '', 'Error: UDP port 67 is in use by dnsmasq (pid 812).\n')
    }
    await expect(createPxeElevation({ exec: failing, prefix: ['wc', '--wild-cli'] }).launch(['pxe', 'serve'])).rejects.toThrow(
      'Command failed: wild pxe serve\nError: UDP port 67 is in use by dnsmasq (pid 812).'
    )
    expect(calls).toEqual(['wc --wild-cli pxe serve'])
    const ok: SudoExec = (_c, o, cb) => {
      expect(o.name).toBe('Wild Central')
      cb(undefined, '', '')
    }
    await expect(createPxeElevation({ exec: ok, prefix: ['wc'] }).launch(['pxe', 'serve'])).resolves.toBeUndefined()
  })
})
