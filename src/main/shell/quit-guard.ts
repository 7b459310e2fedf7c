/** What the operator answered when asked about running operations at quit. */
export type QuitAnswer = 'stop' | 'keep'

/** Pure: may the app quit now, must it ask first, or has the operator already chosen to stop? */
export function quitDecision(o: { running: number; stopping: boolean }): 'quit' | 'ask' | 'wait' {
  if (o.stopping) return 'wait'
  return o.running > 0 ? 'ask' : 'quit'
}

/** The words of the question: it names how many operations a quit would stop. */
export function quitQuestion(running: number) {
  const n = running === 1 ? '1 operation is' : `${running} operations are`
  return {
    message: `${n} running`,
    detail: 'Quitting stops them: a setup or upgrade stopped halfway may have to be run again. Keep the app running to let them finish.',
    buttons: ['Keep running', 'Stop them and quit'] as const
  }
}

export interface QuitGuardDeps {
  running(): number
  /** Shows the question (a native message box in main); resolves with the operator's choice. */
  ask(running: number): Promise<QuitAnswer>
  /** Cancels the operations and waits for them, bounded (the core's close()). */
  stop(): Promise<void>
  /** Ends the process once everything stopped. */
  exit(): void
  /** The operator chose to keep running (the window may be gone already: open it again). */
  kept?: () => void
  /** Longest wait for the stop before exiting anyway. */
  maxWaitMs?: number
}

/**
 * Electron's before-quit: call with the event's preventDefault. With nothing running the quit
 * goes on (after the core closed); otherwise it is held, the operator asked, and on "stop" the
 * operations are cancelled and awaited (bounded) before the app exits.
 */
export function createQuitGuard(d: QuitGuardDeps) {
  let stopping = false
  let asking = false
  const stopThenExit = async () => {
    stopping = true
    const limit = new Promise<void>((resolve) => setTimeout(resolve, d.maxWaitMs ?? 15_000).unref?.())
    await Promise.race([d.stop().catch(() => {}), limit])
    d.exit()
  }
  return async function onBeforeQuit(preventDefault: () => void): Promise<void> {
    // While the question is open or the stop runs, another Quit (Cmd+Q twice) changes nothing.
    const decision = quitDecision({ running: d.running(), stopping: stopping || asking })
    preventDefault()
    if (decision === 'wait') return
    if (decision === 'ask') {
      asking = true
      const answer = await d.ask(d.running()).finally(() => (asking = false))
      if (answer === 'keep') return d.kept?.()
    }
    await stopThenExit()
  }
}
