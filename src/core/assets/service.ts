import { promises as fs } from 'node:fs'
import { ALL_ASSET_TYPES, type Asset, type AssetType, type DownloadFiles, type Extension } from '../../shared/contract/assets'
import type { Overlay, OverlayRef } from '../../shared/contract/boards'
import type { Operation } from '../../shared/contract/operations'
import { AppError } from '../../shared/errors'
import { pathExists } from '../fs-safe'
import type { EventBus } from '../event-bus'
import type { OperationsService } from '../operations/types'
import { instancePaths } from '../paths'
import { assetPath, setDir, setFolderName, type AssetSet } from './catalog'
import { defaultStatFs, type StatFs } from './disk'
import { runDownload } from './download-job'
import { createFactoryClient } from './factory-client'
import type { FileTracker } from './file-progress'
import { createHttpClient, DEFAULT_RETRY, type HttpClient, type RetryPolicy } from './http'
import { checksumError, deleteFromSet, describeSet, discoverSets, verifySet } from './inventory'
import { renderIpxeScript } from './ipxe'
import { chooseSet, readTalosDefaults, type SetChoice } from './selection'

export interface AssetServiceDeps {
  dataDir: string
  factoryUrl: string
  operations: OperationsService
  /** Where each file's progress goes (the app's event bus); none: only the files query tells. */
  events?: Pick<EventBus, 'emit'>
  /** App proxy setting; HTTPS_PROXY/HTTP_PROXY/NO_PROXY from `env` are honoured too. */
  proxy?: string | null
  env?: NodeJS.ProcessEnv
  /** A ready client (tests); otherwise one is built from proxy and env. */
  http?: HttpClient
  statfs?: StatFs
  retry?: RetryPolicy
  stallTimeoutMs?: number
  headersTimeoutMs?: number
  random?: () => number
  now?: () => Date
}

export interface SetInput extends SetChoice {
  instance: string
}

/** Finished downloads whose files stay answerable (a screen opened just after the end). */
const KEEP_FINISHED = 20

/** Small files first, so a PXE set is usable before the ISO has finished. */
const DOWNLOAD_ORDER: AssetType[] = ['cmdline', 'kernel', 'initramfs', 'iso']

/**
 * Boot assets of an instance: the seed's ListAssets, DownloadAsset, GetAssetPath, VerifyAsset
 * and DeleteAsset, plus schematics, the extension catalogue and the iPXE script.
 */
export function createAssetService(deps: AssetServiceDeps) {
  const http = deps.http ?? createHttpClient({ proxy: deps.proxy, env: deps.env })
  const retry = deps.retry ?? DEFAULT_RETRY
  const headersTimeoutMs = deps.headersTimeoutMs ?? 120_000
  const stallTimeoutMs = deps.stallTimeoutMs ?? 30_000
  const now = deps.now ?? (() => new Date())
  const statfs = deps.statfs ?? defaultStatFs
  const factory = createFactoryClient({
    baseUrl: deps.factoryUrl,
    dispatcher: http.dispatcher,
    retry,
    headersTimeoutMs,
    random: deps.random
  })
  const downloadDeps = { dispatcher: http.dispatcher, retry, stallTimeoutMs, headersTimeoutMs, random: deps.random }
  /** Set folder → running operation id: one download per set at a time in this process. */
  const active = new Map<string, string>()
  /** Operation id → its files, for cancelFile and the files query; the newest KEEP_FINISHED stay. */
  const trackers = new Map<string, { instance: string; files: FileTracker }>()
  const emitFiles = (files: DownloadFiles) => deps.events?.emit('assets.fileProgress', files)

  function track(instance: string, files: FileTracker): void {
    const id = files.snapshot().operationId
    trackers.set(id, { instance, files })
    const running = new Set(active.values())
    for (const old of trackers.keys()) {
      if (trackers.size <= KEEP_FINISHED) break
      if (old !== id && !running.has(old)) trackers.delete(old)
    }
  }

  function trackerOf(instance: string, operationId: string): FileTracker {
    const t = trackers.get(operationId)
    if (!t || t.instance !== instance) {
      throw new AppError(
        'NOT_FOUND',
        `No download ${operationId} of instance "${instance}" is known to this app (it may have run in another window or before a restart). Its files are on the Boot assets screen.`
      )
    }
    return t.files
  }

  async function resolve(input: SetInput): Promise<{ pxe: string; set: AssetSet }> {
    const paths = instancePaths(deps.dataDir, input.instance)
    if (!(await pathExists(paths.root))) {
      throw new AppError('NOT_FOUND', `There is no instance named "${input.instance}". Create it first.`)
    }
    const set = chooseSet(input, await readTalosDefaults(deps.dataDir, input.instance))
    return { pxe: paths.pxe, set }
  }

  function refuseWhileDownloading(instance: string, set: AssetSet): void {
    const id = active.get(`${instance}/${setFolderName(set)}`)
    if (id) {
      throw new AppError('BUSY', `These assets are being downloaded by operation ${id}. Wait for it or cancel it first.`, {
        operationId: id
      })
    }
  }

  return {
    factoryUrl: factory.baseUrl,

    /** On-disk sets matching the filter, plus the chosen set so missing files show up too. */
    async list(input: SetInput): Promise<Asset[]> {
      const { pxe, set } = await resolve(input)
      const match = (s: AssetSet) =>
        (!input.version || s.version === input.version) && (!input.schematicId || s.schematicId === input.schematicId) && (!input.arch || s.arch === input.arch)
      const sets = (await discoverSets(pxe)).filter(match)
      if (!sets.some((s) => setFolderName(s) === setFolderName(set))) sets.unshift(set)
      const rows = await Promise.all(sets.map((s) => describeSet(pxe, s, (t) => factory.url(s, t))))
      return rows.flat()
    },

    /** The chosen set only (explicit values, else the instance's config), one row per type. */
    async status(input: SetInput & { types?: AssetType[] }): Promise<Asset[]> {
      const { pxe, set } = await resolve(input)
      return describeSet(pxe, set, (t) => factory.url(set, t), input.types ?? ALL_ASSET_TYPES)
    },

    /** Starts a 'download' operation for the set; resolves at once with the operation. */
    async download(input: SetInput & { types?: AssetType[]; force?: boolean }): Promise<Operation> {
      const { pxe, set } = await resolve(input)
      const types = DOWNLOAD_ORDER.filter((t) => (input.types ?? ALL_ASSET_TYPES).includes(t))
      refuseWhileDownloading(input.instance, set)
      const key = `${input.instance}/${setFolderName(set)}`
      active.set(key, 'starting')
      try {
        const op = await runDownload(
          { operations: deps.operations, factory, statfs, now, download: downloadDeps, emitFiles },
          { instance: input.instance, pxe, set, types, force: input.force ?? false },
          { track: (files) => track(input.instance, files), onFinish: () => active.delete(key) }
        )
        if (active.get(key) === 'starting') active.set(key, op.id)
        return op
      } catch (e) {
        active.delete(key)
        throw e
      }
    },

    /** Each file of a download this service ran: state, bytes, rate, ETA and SHA-256. */
    downloadFiles(input: { instance: string; operationId: string }): DownloadFiles {
      return trackerOf(input.instance, input.operationId).snapshot()
    },

    /** Cancels one file of a running download; the others go on. Answers the files as they are now. */
    cancelFile(input: { instance: string; operationId: string; file: AssetType }): DownloadFiles {
      const files = trackerOf(input.instance, input.operationId)
      files.cancel(input.file)
      return files.snapshot()
    },

    /** GetAssetPath: the file, only when it is completely downloaded. */
    async path(input: SetInput & { type: AssetType }): Promise<string> {
      const { pxe, set } = await resolve(input)
      const [row] = await describeSet(pxe, set, (t) => factory.url(set, t), [input.type])
      if (!row || row.state !== 'downloaded') {
        throw new AppError(
          'NOT_FOUND',
          `The ${input.type} for Talos ${set.version} ${set.arch} is not downloaded (${row?.state ?? 'missing'}). Download it first.`
        )
      }
      return row.path
    },

    /**
     * Re-hashes; CHECKSUM_MISMATCH (with both hashes) when any file differs from its record. A
     * file with no record comes back "unknown" (nothing was verified); `record` records it.
     */
    async verify(input: SetInput & { types?: AssetType[]; record?: boolean }, signal: AbortSignal = new AbortController().signal): Promise<Asset[]> {
      const { pxe, set } = await resolve(input)
      const types = input.types ?? ALL_ASSET_TYPES
      const urlFor = (t: AssetType) => factory.url(set, t)
      const before = await describeSet(pxe, set, urlFor, types)
      const present = before.filter((a) => a.state !== 'missing' && a.state !== 'partial')
      const absent = before.filter((a) => !present.includes(a))
      if (present.length === 0 || (input.types && absent.length > 0)) {
        const which = (input.types ? absent : before).map((a) => a.type).join(', ')
        throw new AppError('NOT_FOUND', `Nothing to verify: ${which} for Talos ${set.version} ${set.arch} is not downloaded. Download it first.`)
      }
      const presentTypes = present.map((a) => a.type)
      const failures = await verifySet(pxe, set, presentTypes, { signal, now, record: input.record, urlFor })
      if (failures.length) throw checksumError(failures)
      return describeSet(pxe, set, urlFor, presentTypes)
    },

    async delete(input: SetInput & { types?: AssetType[] }): Promise<{ deleted: string[] }> {
      const { pxe, set } = await resolve(input)
      refuseWhileDownloading(input.instance, set)
      return { deleted: await deleteFromSet(pxe, set, input.types ?? ALL_ASSET_TYPES) }
    },

    /** The iPXE script for a downloaded set, served from `baseUrl` (which maps to pxe/). */
    async ipxe(input: SetInput & { baseUrl: string; extraArgs?: string[] }): Promise<string> {
      const { pxe, set } = await resolve(input)
      const rows = await describeSet(pxe, set, (t) => factory.url(set, t), ['kernel', 'initramfs', 'cmdline'])
      const missing = rows.filter((r) => r.state !== 'downloaded').map((r) => r.type)
      if (missing.length) {
        throw new AppError('NOT_FOUND', `The iPXE script needs ${missing.join(', ')} for Talos ${set.version} ${set.arch}. Download them first.`)
      }
      const cmdline = await fs.readFile(assetPath(pxe, set, 'cmdline'), 'utf8')
      return renderIpxeScript({ baseUrl: input.baseUrl, setPath: setFolderName(set), cmdline, extraArgs: input.extraArgs })
    },

    createSchematic(extensions: string[], signal: AbortSignal = new AbortController().signal, overlay: OverlayRef | null = null): Promise<{ id: string }> {
      return factory.createSchematic(extensions, signal, overlay)
    },

    listOverlays(version: string, signal: AbortSignal = new AbortController().signal): Promise<Overlay[]> {
      return factory.listOverlays(version, signal)
    },

    listExtensions(version: string, signal: AbortSignal = new AbortController().signal): Promise<Extension[]> {
      return factory.listExtensions(version, signal)
    },

    /** The folder a set lives in (for the operator: "write this ISO to a USB stick"). */
    async folder(input: SetInput): Promise<string> {
      const { pxe, set } = await resolve(input)
      return setDir(pxe, set)
    },

    close(): Promise<void> {
      return http.close()
    }
  }
}

export type AssetService = ReturnType<typeof createAssetService>
