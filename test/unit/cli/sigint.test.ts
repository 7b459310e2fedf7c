import { Command } from 'commander'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { afterEach, describe, expect, it, vi } from 'vitest'
// As in the CLI: proper-lockfile's signal-exit (v3) is loaded and listening.
import 'proper-lockfile'
import writeFileAtomic from 'write-file-atomic'
import { action } from '@cli/output'
import { installStopSignals } from '@cli/signals'

// write-file-atomic (and proper-lockfile) use signal-exit, which re-raises SIGINT — killing the
// process — when it sees only its own listeners left. A once() listener removes itself before it
// runs, so a Ctrl-C during any atomic write (operation records are written every second) killed
// `wild` instead of cancelling: no JSON error, no cleanup.
afterEach(() => {
  vi.restoreAllMocks()
})

describe('Ctrl-C in a wild command', () => {
  it('cancels the command even while an atomic write is in flight, instead of letting signal-exit kill the process', async () => {
    // As the wild entry point does before any command runs.
    const uninstall = installStopSignals()
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true)
    let aborted = false
    const file = join(tmpdir(), `wild-sigint-${process.pid}`)
    const run = action(async (signal: AbortSignal, _cmd: Command) => {
      const write = writeFileAtomic(file, 'x', { fsync: true })
      process.emit('SIGINT', 'SIGINT')
      aborted = signal.aborted
      await write
    })
    await run(new Command())
    expect(aborted).toBe(true)
    expect(kill.mock.calls.filter((c) => c[1] === 'SIGINT')).toEqual([])
    uninstall()
    await rm(file, { force: true })
  })
})
