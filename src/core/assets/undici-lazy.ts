import type { Dispatcher } from 'undici'

/**
 * undici is loaded on the first HTTP request, not at start: it is 40% of the `wild` bundle (a
 * dynamic import is a chunk of its own), and most runs (`wild node list`, …) never open a socket.
 */
type Undici = typeof import('undici')

let loading: Promise<Undici> | null = null
export const loadUndici = (): Promise<Undici> => (loading ??= import('undici'))

/** A dispatcher made on first use (createHttpClient's), so making a client costs nothing. */
export class LazyDispatcher {
  private made: Promise<Dispatcher> | null = null
  constructor(private readonly make: (undici: Undici) => Dispatcher) {}
  get(): Promise<Dispatcher> {
    return (this.made ??= loadUndici().then(this.make))
  }
  /** Made already (so there are sockets to close)? */
  get started(): boolean {
    return this.made !== null
  }
}

/** What the HTTP code accepts: any undici dispatcher (tests pass an Agent) or a lazy one. */
export type DispatcherLike = Dispatcher | LazyDispatcher

type RequestOptions = NonNullable<Parameters<Undici['request']>[1]>

/** undici's request, once undici (and the dispatcher) are loaded. */
export async function request(
  url: string,
  options: Omit<RequestOptions, 'dispatcher'> & { dispatcher: DispatcherLike }
): Promise<Dispatcher.ResponseData<unknown>> {
  const [undici, dispatcher] = await Promise.all([loadUndici(), options.dispatcher instanceof LazyDispatcher ? options.dispatcher.get() : options.dispatcher])
  return undici.request(url, { ...options, dispatcher })
}
