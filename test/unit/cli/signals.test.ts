import { setTimeout as sleep } from 'node:timers/promises'
import { Command } from 'commander'
import { onExit } from 'signal-exit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { action } from '@cli/output'
import { installStopSignals } from '@cli/signals'

/**
 * Ctrl-C, SIGTERM and SIGHUP cancel the running command. Signals are emitted, not sent: the
 * listeners run exactly as for a real signal, and process.kill/exit are stubbed so a regression
 * shows as a failed assertion instead of ending the test worker.
 */

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
  vi.restoreAllMocks()
})

/** Starts a command that ends when its signal aborts; `done` tells whether it did within 2 s. */
function startCommand(): { done: Promise<boolean> } {
  const run = action(async (signal: AbortSignal, _cmd: Command) => {
    await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }))
  })
  const ended = run(new Command('test')).then(() => true)
  return { done: Promise.race([ended, sleep(2000).then(() => false)]) }
}

describe('stop signals in wild', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} cancels the running command, even while write-file-atomic's signal-exit listens`, async () => {
      cleanups.push(installStopSignals())
      const kill = vi.spyOn(process, 'kill').mockImplementation(() => true)
      const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
      const { done } = startCommand()
      // What write-file-atomic does during each atomic write (op files, heartbeats).
      cleanups.push(onExit(() => {}))
      process.emit(signal)
      // signal-exit, finding itself alone, would re-raise the signal and kill wild mid-cancel.
      expect(kill).not.toHaveBeenCalled()
      expect(exit).not.toHaveBeenCalled()
      expect(await done).toBe(true)
    })
  }

  it('exits 130 at a stop signal when no command is running', () => {
    cleanups.push(installStopSignals())
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
    process.emit('SIGTERM')
    expect(exit).toHaveBeenCalledWith(130)
  })
})
