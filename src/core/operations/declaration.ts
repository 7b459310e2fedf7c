import { promises as fs } from 'node:fs'
import { z } from 'zod'
import type { Operation } from '../../shared/contract/operations'
import { randomSuffix } from './ids'
import { finish, interruptedMessage } from './state'

/**
 * Who declared an op interrupted, when and why. It lives in `<id>.interrupted` beside the op
 * file, created once and never rewritten: the declaration is final even if a waking owner's
 * write lands after it, because a reader applies it to any op file that still says running.
 */
export const Interruption = z.object({ at: z.string(), byPid: z.number().int().positive(), reason: z.string() })
export type Interruption = z.infer<typeof Interruption>

export function declarationText(d: Interruption): string {
  return `${d.reason}; pid ${d.byPid} declared it interrupted at ${d.at}`
}

/** The op as the declaration leaves it: ended, interrupted, saying who decided and why. */
export function applyInterruption(op: Operation, d: Interruption): Operation {
  return finish(op, { status: 'interrupted', message: interruptedMessage(op, declarationText(d)) }, d.at)
}

/** The declaration in `path`, or null when there is none. A mangled one still counts. */
export async function readInterruption(path: string): Promise<Interruption | null> {
  let text: string
  try {
    text = await fs.readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  let raw: unknown = null
  try {
    raw = JSON.parse(text)
  } catch {
    // fall through: the file's existence is the declaration
  }
  const parsed = Interruption.safeParse(raw)
  if (parsed.success) return parsed.data
  const at = (await fs.stat(path)).mtime.toISOString()
  return { at, byPid: process.pid, reason: 'another process declared it interrupted (its note is unreadable)' }
}

/**
 * Creates the declaration if there is none yet and answers the one that holds. link() of a fully
 * written temp file is an atomic create-if-absent: two declarers never both win, and nobody
 * reads a half-written note.
 */
export async function declareInterruption(path: string, d: Interruption): Promise<Interruption> {
  const tmp = `${path}.${process.pid}.${randomSuffix()}.tmp`
  await fs.writeFile(tmp, JSON.stringify(d) + '\n')
  try {
    await fs.link(tmp, path)
    return d
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    return (await readInterruption(path)) ?? d
  } finally {
    await fs.rm(tmp, { force: true })
  }
}
