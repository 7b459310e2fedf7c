import { events, type EventName, type EventPayload } from '../shared/contract'

type Listener = (name: EventName, payload: unknown) => void

/** Typed in-process event bus; the shell, the harness and the preview server forward it. */
export class EventBus {
  private listeners = new Set<Listener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    // Parse on the way out so a bad payload is caught where it was made, not in the renderer.
    const parsed = events[name].parse(payload)
    for (const l of [...this.listeners]) {
      try {
        l(name, parsed)
      } catch (e) {
        console.error(`event listener failed for ${name}`, e)
      }
    }
  }

  /** Receives every event; returns an unsubscribe for this listener only. */
  onAny(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
