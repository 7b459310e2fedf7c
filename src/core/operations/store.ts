import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { Operation, type UnreadableOperation } from '../../shared/contract/operations'
import { writeJsonAtomically } from '../fs-safe'
import { instancePaths } from '../paths'
import { applyInterruption, declareInterruption, readInterruption, type Interruption } from './declaration'
import { isActive } from './state'

/**
 * Who runs an op, stored beside it in the same JSON file so another process (the CLI next to
 * the app) can tell a live op from one a crash left behind. `heartbeatMs` is how often the owner
 * promised to rewrite it.
 */
export const Owner = z.object({
  pid: z.number().int().positive(),
  heartbeatAt: z.number(),
  heartbeatMs: z.number().int().positive().max(600_000).optional()
})
export type Owner = z.infer<typeof Owner>

export interface StoredOperation {
  op: Operation
  owner: Owner | null
}

export type StoreEntry = { kind: 'missing' } | { kind: 'ok'; stored: StoredOperation } | { kind: 'unreadable'; entry: UnreadableOperation }

function firstIssue(e: z.ZodError): string {
  const i = e.issues[0]
  return i ? `${i.path.join('.') || 'the record'}: ${i.message}` : 'not an operation record'
}

/**
 * <data>/instances/<name>/operations/: <id>.json, <id>/output.log, <id>.cancel requests and
 * <id>.interrupted declarations.
 */
export function createOperationStore(dataDir: string) {
  const dir = (instance: string) => instancePaths(dataDir, instance).operations
  const file = (instance: string, id: string) => instancePaths(dataDir, instance).operationFile(id)
  const cancelFile = (instance: string, id: string) => join(dir(instance), `${id}.cancel`)
  const interruptionFile = (instance: string, id: string) => join(dir(instance), `${id}.interrupted`)
  const logFile = (instance: string, id: string) => join(dir(instance), id, 'output.log')

  async function entry(instance: string, id: string): Promise<StoreEntry> {
    const path = file(instance, id)
    const unreadable = (reason: string): StoreEntry => ({ kind: 'unreadable', entry: { id, file: path, status: 'unreadable', reason } })
    let text: string
    try {
      text = await fs.readFile(path, 'utf8')
    } catch (e) {
      const err = e as NodeJS.ErrnoException
      return err.code === 'ENOENT' ? { kind: 'missing' } : unreadable(`cannot be read (${err.code ?? err.message})`)
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (e) {
      return unreadable(text.trim() === '' ? 'the file is empty' : `not valid JSON, probably cut short (${(e as Error).message})`)
    }
    const parsed = Operation.safeParse(raw)
    if (!parsed.success) return unreadable(`not an operation record (${firstIssue(parsed.error)})`)
    const op = parsed.data
    if (op.instance !== instance) return unreadable(`it records instance "${op.instance}", not "${instance}"`)
    if (op.id !== id) return unreadable(`it records the id ${op.id}, not the file's name`)
    const owner = Owner.safeParse((raw as { owner?: unknown }).owner)
    const stored = { op, owner: owner.success ? owner.data : null }
    if (!isActive(op)) return { kind: 'ok', stored }
    // A declaration outranks an op file that still says running: its owner may have written
    // once more on waking, before it noticed.
    const declared = await readInterruption(interruptionFile(instance, id))
    return { kind: 'ok', stored: declared ? { op: applyInterruption(op, declared), owner: null } : stored }
  }

  return {
    dir,
    logFile,
    entry,

    async read(instance: string, id: string): Promise<StoredOperation | null> {
      const e = await entry(instance, id)
      return e.kind === 'ok' ? e.stored : null
    },

    /** Every op file of the instance: the readable ones and, with why, the others. */
    async scan(instance: string): Promise<{ stored: StoredOperation[]; unreadable: UnreadableOperation[] }> {
      let names: string[]
      try {
        names = (await fs.readdir(dir(instance))).filter((n) => n.startsWith('op_') && n.endsWith('.json'))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { stored: [], unreadable: [] }
        throw e
      }
      const entries = await Promise.all(names.map((n) => entry(instance, n.slice(0, -'.json'.length))))
      const stored: StoredOperation[] = []
      const unreadable: UnreadableOperation[] = []
      for (const e of entries) {
        if (e.kind === 'ok') stored.push(e.stored)
        else if (e.kind === 'unreadable') unreadable.push(e.entry)
      }
      unreadable.sort((a, b) => a.id.localeCompare(b.id))
      return { stored, unreadable }
    },

    async list(instance: string): Promise<StoredOperation[]> {
      return (await this.scan(instance)).stored
    },

    async write(op: Operation, owner: Owner | null, interruption?: Interruption): Promise<void> {
      await writeJsonAtomically(file(op.instance, op.id), { ...op, ...(owner ? { owner } : {}), ...(interruption ? { interruption } : {}) })
    },

    async appendLog(instance: string, id: string, text: string): Promise<void> {
      const path = logFile(instance, id)
      await fs.mkdir(join(dir(instance), id), { recursive: true })
      await fs.appendFile(path, text)
    },

    async remove(instance: string, id: string): Promise<void> {
      await fs.rm(file(instance, id), { force: true })
      await fs.rm(join(dir(instance), id), { recursive: true, force: true })
      await fs.rm(cancelFile(instance, id), { force: true })
      await fs.rm(interruptionFile(instance, id), { force: true })
    },

    /** Another process asks the owner to cancel by leaving this file; the owner polls for it. */
    async requestCancel(instance: string, id: string): Promise<void> {
      await fs.mkdir(dir(instance), { recursive: true })
      await fs.writeFile(cancelFile(instance, id), String(process.pid))
    },

    async takeCancelRequest(instance: string, id: string): Promise<boolean> {
      try {
        await fs.rm(cancelFile(instance, id))
        return true
      } catch {
        return false
      }
    },

    /** Declares an op interrupted for good; answers the declaration that holds (maybe an earlier one). */
    declareInterrupted(instance: string, id: string, d: Interruption): Promise<Interruption> {
      return declareInterruption(interruptionFile(instance, id), d)
    },

    /** The owner looks here before each write and at each poll: a declaration means stop. */
    interruption(instance: string, id: string): Promise<Interruption | null> {
      return readInterruption(interruptionFile(instance, id))
    }
  }
}
export type OperationStore = ReturnType<typeof createOperationStore>
