import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { LineCounter, parseDocument, type Document, type ToStringOptions } from 'yaml'
import { AppError } from '../../shared/errors'
import { InstanceName } from '../../shared/schemas/common'
import { pathExists, writeFileAtomically } from '../fs-safe'
import { instancePaths } from '../paths'
import { deleteValue, getValue, setValue, type Path } from './doc-edit'
import { configInvalid, dotted, issueMessage, locateIssues } from './locate'
import { withLock, type LockOptions } from './lock'
import { ConfigFile } from './schema'
import { configCacheFile, readCachedConfig, writeCachedConfig } from './read-cache'

export interface LoadedConfig {
  instance: string
  file: string
  text: string
  doc: Document
  config: ConfigFile
}

/** What an update callback edits: the document (for comments and order) and helpers over it. */
export interface ConfigEdit {
  readonly instance: string
  readonly doc: Document
  /** The validated config as it was when the edit began. */
  readonly config: ConfigFile
  get(path: Path): unknown
  set(path: Path, value: unknown): void
  delete(path: Path): boolean
}

export interface ConfigStoreDeps {
  dataDir: string
  lock?: LockOptions
}

const MAX_ALIASES = 100

// Written as the operator would: no folding of long lines, `[a, b]` without inner padding.
const STRINGIFY: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false }

export type ConfigStore = ReturnType<typeof createConfigStore>

/**
 * The document as plain data. Aliases are capped: a few lines of nested aliases ("billion
 * laughs") would otherwise expand to gigabytes; yaml refuses past the cap with a ReferenceError.
 */
function toPlain(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES })
  } catch (e) {
    if (!(e instanceof ReferenceError) || !/alias/i.test(e.message)) throw e
    throw configInvalid(file, [
      {
        path: '',
        line: null,
        message: `it uses YAML aliases (*name) so heavily that reading it would exhaust memory (over ${MAX_ALIASES} alias expansions); replace the aliases with plain values`
      }
    ])
  }
}

/**
 * <instance>/config.yaml through yaml's Document API: every edit keeps comments, key order and
 * style; every read is validated; every write is atomic and happens under one lock per instance
 * that also holds across processes, so no read-modify-write loses an update.
 */
export function createConfigStore({ dataDir, lock }: ConfigStoreDeps) {
  function pathsOf(instance: string) {
    const parsed = InstanceName.safeParse(instance)
    if (!parsed.success) throw new AppError('VALIDATION', `Invalid instance name "${instance}".`)
    return instancePaths(dataDir, parsed.data)
  }

  function parse(instance: string, file: string, text: string): LoadedConfig {
    const lc = new LineCounter()
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true })
    if (doc.errors.length) {
      throw configInvalid(
        file,
        doc.errors.map((e) => ({
          path: '',
          line: e.linePos?.[0].line ?? null,
          message: e.message.split('\n')[0] ?? e.message
        }))
      )
    }
    const parsed = ConfigFile.safeParse(toPlain(doc, file) ?? {})
    if (!parsed.success) throw configInvalid(file, locateIssues(parsed.error.issues, doc, lc))
    return { instance, file, text, doc, config: parsed.data }
  }

  async function readText(instance: string): Promise<{ file: string; text: string }> {
    const p = pathsOf(instance)
    try {
      return { file: p.config, text: await fs.readFile(p.config, 'utf8') }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        const rootExists = await fs.stat(p.root).then(
          () => true,
          () => false
        )
        throw new AppError(
          'NOT_FOUND',
          rootExists
            ? `Instance "${instance}" has no config.yaml at ${p.config}. Restore it or create the instance again.`
            : `There is no instance named "${instance}". Create it first.`
        )
      }
      if ((e as NodeJS.ErrnoException).code === 'EISDIR') {
        throw new AppError('IO', `${p.config} is a folder, not a file. Move it aside and restore config.yaml (or delete the instance and create it again).`)
      }
      throw e
    }
  }

  async function read(instance: string): Promise<LoadedConfig> {
    const { file, text } = await readText(instance)
    const cache = configCacheFile(dataDir, instance)
    const cached = await readCachedConfig(cache, text)
    if (cached) {
      // The same text was parsed and validated before: the document is built only if asked for.
      let doc: Document | null = null
      return {
        instance,
        file,
        text,
        config: cached,
        get doc() {
          return (doc ??= parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true }))
        }
      }
    }
    const loaded = parse(instance, file, text)
    await writeCachedConfig(cache, text, loaded.config)
    return loaded
  }

  /** Re-checks the edited document; a change that breaks the schema is refused, nothing written. */
  function validateEdited(doc: Document): ConfigFile {
    const parsed = ConfigFile.safeParse(toPlain(doc, 'config.yaml') ?? {})
    if (parsed.success) return parsed.data
    const first = parsed.error.issues[0]!
    throw new AppError(
      'VALIDATION',
      `That change is not valid at ${dotted(first.path) || '(top level)'}: ${issueMessage(first)}`,
      parsed.error.issues.map((i) => ({ path: dotted(i.path), message: issueMessage(i) }))
    )
  }

  async function update<T>(instance: string, fn: (edit: ConfigEdit) => T | Promise<T>): Promise<T> {
    const p = pathsOf(instance)
    // The lock lives in the instance folder: a missing instance is said as such, not as a lock failure.
    if (!(await pathExists(p.root))) throw new AppError('NOT_FOUND', `There is no instance named "${instance}". Create it first.`)
    return withLock(
      join(p.root, '.wild-config.lock'),
      async (stillHeld) => {
        const loaded = await read(instance)
        const { doc } = loaded
        const edit: ConfigEdit = {
          instance,
          doc,
          config: loaded.config,
          get: (path) => getValue(doc, path),
          set: (path, value) => setValue(doc, path, value),
          delete: (path) => deleteValue(doc, path)
        }
        const result = await fn(edit)
        validateEdited(doc)
        const text = doc.toString(STRINGIFY)
        if (text !== loaded.text) {
          stillHeld()
          const mode = (await fs.stat(p.config)).mode & 0o777
          await writeFileAtomically(p.config, text, { mode })
        }
        return result
      },
      { ...lock, what: `config.yaml of instance "${instance}"` }
    )
  }

  return {
    read,
    update,
    /** Checks an edited document against the schema (VALIDATION naming the key on failure). */
    validate: validateEdited
  }
}
