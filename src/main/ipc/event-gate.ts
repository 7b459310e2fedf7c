import type { EventMessage } from '../../shared/ipc'

/**
 * Holds pushed events until the page says it is ready, then delivers them in order; nothing
 * emitted during start-up is lost. The queue is bounded so a page that never loads cannot
 * grow memory without end.
 */
export class EventGate {
  private queue: EventMessage[] = []
  private isOpen = false
  constructor(
    private readonly send: (message: EventMessage) => void,
    private readonly limit = 2000
  ) {}

  push(message: EventMessage): void {
    if (this.isOpen) {
      this.send(message)
      return
    }
    this.queue.push(message)
    if (this.queue.length > this.limit) this.queue.shift()
  }

  open(): void {
    if (this.isOpen) return
    this.isOpen = true
    const pending = this.queue
    this.queue = []
    for (const m of pending) this.send(m)
  }

  /** A reload closes the gate again until the new page is ready. */
  close(): void {
    this.isOpen = false
  }

  get pending(): number {
    return this.queue.length
  }
}
