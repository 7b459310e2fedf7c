import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { Script } from 'node:vm'

/**
 * Runs a CommonJS bundle through V8's code cache. Every `wild` run is a fresh process that would
 * otherwise parse and compile the whole 2 MB program before doing anything; with the cache, V8
 * deserializes the code it compiled last time. Node 22 has this built in (module.enableCompileCache)
 * and is used when present; Node 20 (the CLI's floor) has only vm.Script's cachedData, used here.
 *
 * The cache is written once per build (key: the bundle's path, size and time, and Node's version),
 * after the command ran (save(), at exit), so it holds the functions compiled lazily too. A cache V8 rejects (another
 * V8, other flags) is rewritten. It is only an optimisation: any failure to read or write it runs
 * the bundle as usual. It lives in a per-user folder (0700): code from a cache is run as is.
 */
export interface CacheRun {
  /** 'hit': compiled from the cache; 'miss': compiled from source (a cache is written at exit); 'off': disabled or unsupported. */
  cache: 'hit' | 'miss' | 'off'
  /** The file the cache is (or will be) in; null when off. */
  file: string | null
  /** Writes the cache after a miss; call it at exit, so functions compiled lazily are in it too. */
  save(): void
}

/** The per-user cache folder: $WILD_COMPILE_CACHE, else the platform's cache folder. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WILD_COMPILE_CACHE) return env.WILD_COMPILE_CACHE
  const base =
    process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches')
      : process.platform === 'win32'
        ? env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local')
        : env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'wild-central', 'compile-cache')
}

/** Node's own switch for its compile cache turns ours off too (e.g. to measure without it). */
const disabled = (env: NodeJS.ProcessEnv) => Boolean(env.NODE_DISABLE_COMPILE_CACHE) || env.WILD_COMPILE_CACHE === 'off'

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)

/**
 * `<bundle's path and Node>-<this build of it>.v8`: the first part finds an earlier build's cache
 * (with Node in it, two Nodes running one bundle do not delete each other's).
 */
function cacheFile(dir: string, bundle: string): string {
  const st = statSync(bundle)
  return join(dir, `${hash(`${bundle}\0${process.version}\0${process.arch}`)}-${hash(`${st.size}\0${st.mtimeMs}`)}.v8`)
}

/**
 * Writes the cache, then removes the caches of the same bundle's earlier builds (and of the
 * unprefixed names older versions wrote): each update of the app otherwise left ~1 MB behind.
 */
function writeQuietly(file: string, data: Buffer): void {
  try {
    const dir = dirname(file)
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, data, { mode: 0o600 })
    renameSync(tmp, file)
    const name = basename(file)
    const bundlePart = name.slice(0, name.indexOf('-') + 1)
    for (const old of readdirSync(dir)) {
      if (old !== name && old.endsWith('.v8') && (old.startsWith(bundlePart) || !old.includes('-'))) rmSync(join(dir, old), { force: true })
    }
  } catch {
    // A read-only or full disk: the next run compiles from source again, nothing worse.
  }
}

/** Loads `bundle` as the main program, through the code cache when it can. */
export function runBundle(bundle: string, env: NodeJS.ProcessEnv = process.env): CacheRun {
  const builtIn = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache
  if (disabled(env) || builtIn) {
    if (builtIn && !disabled(env)) builtIn(compileCacheDir(env))
    createRequire(bundle)(bundle)
    return { cache: 'off', file: null, save: () => undefined }
  }
  let file: string | null = null
  let cachedData: Buffer | undefined
  try {
    file = cacheFile(compileCacheDir(env), bundle)
    cachedData = readFileSync(file)
  } catch {
    cachedData = undefined
  }
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData })
  const hit = cachedData !== undefined && !script.cachedDataRejected
  const mod = new Module(bundle)
  mod.filename = bundle
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundle))
  // Code-split chunks require the entry back for the code they share with it: without this entry
  // in require's cache, Node would load and run the whole program a second time.
  ;(Module as unknown as { _cache: Record<string, Module> })._cache[bundle] = mod
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void
  wrapper.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle))
  mod.loaded = true
  const save = () => {
    if (!hit && file) writeQuietly(file, script.createCachedData())
  }
  return { cache: hit ? 'hit' : 'miss', file, save }
}
