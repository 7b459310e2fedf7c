import { describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'

describe('wild --version', () => {
  it("prints wild's own version and exits 0, like -V", async () => {
    const long = await runWild(['--version'])
    const short = await runWild(['-V'])
    expect(long.code).toBe(0)
    expect(long.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/)
    expect(long.stdout).toBe(short.stdout)
  })

  it('still takes --version as a Talos version after a command', async () => {
    const r = await runWild(['--json', 'assets', 'list', '--version', 'not-a-version'])
    expect(r.code).not.toBe(0)
    expect(r.stdout + r.stderr).toMatch(/Talos version|instance/i)
  })
})
