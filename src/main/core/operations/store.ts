import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { Operation } from '../../../shared/contract/operations'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'
import { instancePaths } from '../paths'

/**
 * Who runs an op, stored beside it in the same JSON file so another process (the CLI next to
 * the app) can tell a live op from one a crash left behind.
 */
export const Owner = z.object({ pid: z.number().int().positive(), heartbeatAt: z.number() })
export type Owner = z.infer<typeof Owner>

export interface StoredOperation {
  op: Operation
  owner: Owner | null
}

/** <data>/instances/<name>/operations/: <id>.json, <id>/output.log, and <id>.cancel requests. */
export function createOperationStore(dataDir: string) {
  const dir = (instance: string) => instancePaths(dataDir, instance).operations
  const file = (instance: string, id: string) => instancePaths(dataDir, instance).operationFile(id)
  const cancelFile = (instance: string, id: string) => join(dir(instance), `${id}.cancel`)
  const logFile = (instance: string, id: string) => join(dir(instance), id, 'output.log')

  function parse(raw: unknown): StoredOperation | null {
    const op = Operation.safeParse(raw)
    if (!op.success) return null
    const owner = Owner.safeParse((raw as { owner?: unknown }).owner)
    return { op: op.data, owner: owner.success ? owner.data : null }
  }

  return {
    dir,
    logFile,

    async read(instance: string, id: string): Promise<StoredOperation | null> {
      try {
        const raw = await readJsonFile(file(instance, id))
        return raw === undefined ? null : parse(raw)
      } catch {
        // A half-written or hand-mangled file is not an op; list() skips it the same way.
        return null
      }
    },

    async list(instance: string): Promise<StoredOperation[]> {
      let names: string[]
      try {
        names = (await fs.readdir(dir(instance))).filter((n) => n.startsWith('op_') && n.endsWith('.json'))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw e
      }
      const read = await Promise.all(names.map((n) => this.read(instance, n.slice(0, -'.json'.length))))
      return read.filter((r): r is StoredOperation => r !== null && r.op.instance === instance)
    },

    async write(op: Operation, owner: Owner | null): Promise<void> {
      await writeJsonAtomically(file(op.instance, op.id), owner ? { ...op, owner } : op)
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
    }
  }
}
export type OperationStore = ReturnType<typeof createOperationStore>
