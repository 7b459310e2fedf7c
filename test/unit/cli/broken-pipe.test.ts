import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeFleet } from '../../../bench/fleet'
import { CLI } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'

// `wild node list --json | head`: head reads a few lines and closes the pipe. wild used to die on
// the write that followed with "Unhandled 'error' event … EPIPE" and a stack trace on the terminal.
describe('wild whose reader goes away', () => {
  it('stops quietly with the broken-pipe status (141), like other Unix tools', { timeout: 60_000 }, async () => {
    const data = join(await makeTempDir(), 'data')
    // 1,000 nodes print about 400 KB of JSON: more than the pipe and this end's buffer hold, so
    // wild is still writing when the reader leaves.
    await makeFleet(data, 'fleet', 1000)
    const child = spawn(process.execPath, [CLI, '--data-dir', data, 'node', 'list', '--json'], {
      env: { ...process.env, WILD_CENTRAL_DATA: '' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    await once(child.stdout, 'readable')
    expect(String(child.stdout.read(1))).toBe('[')
    child.stdout.destroy()
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(stderr).toBe('')
    expect(code).toBe(141)
  })
})
