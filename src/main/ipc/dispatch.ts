import { contract, isCommandName } from '../../shared/contract'
import type { CommandName, CommandOutput, ParsedInput } from '../../shared/contract'
import { AppError, toAppError, validationError, type Envelope } from '../../shared/errors'

export interface HandlerContext {
  signal: AbortSignal
}
export type Handler<K extends CommandName> = (input: ParsedInput<K>, ctx: HandlerContext) => Promise<CommandOutput<K>> | CommandOutput<K>
export type Handlers = { [K in CommandName]: Handler<K> }

/**
 * The one path every command takes, whatever carries it (Electron IPC, the Playwright binding,
 * the preview WebSocket, tests): name check → zod parse → handler with a signal → output check →
 * envelope. Nothing thrown escapes; the caller always gets {ok} or {ok:false,error}.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  rawInput: unknown,
  signal: AbortSignal = new AbortController().signal
): Promise<Envelope<unknown>> {
  if (!isCommandName(name)) {
    return { ok: false, error: { code: 'VALIDATION', message: `Unknown command: ${String(name)}` } }
  }
  const def = contract[name]
  const parsed = def.input.safeParse(rawInput ?? {})
  if (!parsed.success) return { ok: false, error: validationError(parsed.error, `input to ${name}`).toJSON() }
  try {
    const handler = handlers[name] as unknown as (i: unknown, c: HandlerContext) => Promise<unknown>
    const value = await handler(parsed.data, { signal })
    const out = def.output.safeParse(value)
    if (!out.success) {
      throw new AppError('INTERNAL', `The app produced a malformed answer for ${name}: ${out.error.issues[0]?.message}`)
    }
    return { ok: true, value: out.data }
  } catch (e) {
    const err = toAppError(e)
    if (err.code === 'INTERNAL') console.error(`[${name}]`, e)
    return { ok: false, error: err.toJSON() }
  }
}

/** Strips the channel prefix from a transport's channel string. */
export function commandFromChannel(channel: string, prefix: string): string | null {
  return channel.startsWith(prefix) ? channel.slice(prefix.length) : null
}
