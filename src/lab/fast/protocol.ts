import { z } from 'zod'

/**
 * The wire format between the native lab talosctl (talosctl-client.c) and the lab's server
 * (server.ts). Request: "WLT1", u32 argc, u32 envc, then cwd, each argv word and each
 * "KEY=VALUE" as u32 length + UTF-8 bytes (big endian). Reply: frames of one kind byte + u32
 * length + payload.
 */

const MAGIC = 'WLT1'
/** A request is a command line, never megabytes: a larger one is not from our client. */
const MAX_REQUEST_BYTES = 1 << 20

/** The only env vars the lab reads (state.ts, context.ts, talosconfig.ts); the client sends these. */
export const FORWARDED_ENV = ['WILD_LAB_FILE', 'TALOSCONFIG', 'HOME'] as const

const Request = z.object({
  cwd: z.string().startsWith('/'),
  argv: z.array(z.string()),
  env: z.partialRecord(z.enum(FORWARDED_ENV), z.string())
})
export type Request = z.infer<typeof Request>

export class BadRequest extends Error {}

/**
 * Decodes a request from the bytes received so far: undefined while incomplete; throws
 * BadRequest when it cannot be one of ours.
 */
export function decodeRequest(buf: Buffer): Request | undefined {
  if (buf.length > MAX_REQUEST_BYTES) throw new BadRequest('request too large')
  if (buf.length < 12) return undefined
  if (buf.toString('latin1', 0, 4) !== MAGIC) throw new BadRequest('not a lab talosctl request')
  const argc = buf.readUInt32BE(4)
  const envc = buf.readUInt32BE(8)
  let at = 12
  const strings: string[] = []
  for (let i = 0; i < 1 + argc + envc; i++) {
    if (buf.length < at + 4) return undefined
    const n = buf.readUInt32BE(at)
    if (buf.length < at + 4 + n) return undefined
    strings.push(buf.toString('utf8', at + 4, at + 4 + n))
    at += 4 + n
  }
  const env = Object.fromEntries(strings.slice(1 + argc).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))
  const parsed = Request.safeParse({ cwd: strings[0], argv: strings.slice(1, 1 + argc), env })
  if (!parsed.success) throw new BadRequest(`bad request: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  return parsed.data
}

function frame(kind: 'o' | 'e' | 'x' | 'f', payload: Buffer): Buffer {
  const head = Buffer.alloc(5)
  head.write(kind, 0, 'latin1')
  head.writeUInt32BE(payload.length, 1)
  return Buffer.concat([head, payload])
}

export const stdoutFrame = (text: string): Buffer => frame('o', Buffer.from(text, 'utf8'))
export const stderrFrame = (text: string): Buffer => frame('e', Buffer.from(text, 'utf8'))
export const fallbackFrame = (): Buffer => frame('f', Buffer.alloc(0))
export function exitFrame(code: number): Buffer {
  const payload = Buffer.alloc(4)
  payload.writeUInt32BE(code >>> 0)
  return frame('x', payload)
}
