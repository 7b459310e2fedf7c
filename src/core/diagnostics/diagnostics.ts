import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import os from 'node:os'
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/contract/app'
import { AppError } from '../../shared/errors'
import { ensureDir } from '../fs-safe'
import { formatBytes } from '../../shared/format'

export interface DiagnosticsDeps {
  dataDir: string
  talosctlPath: string
  /** Returns the talosctl client version, or throws an AppError. */
  talosctlClientVersion: (signal?: AbortSignal) => Promise<string>
  now?: () => Date
}

const GiB = 1024 ** 3

/** Free-space verdict: a Talos ISO plus PXE assets need about 0.5 GiB per version. */
export function freeDiskCheck(freeBytes: number): Pick<DiagnosticCheck, 'status' | 'hint'> {
  if (freeBytes < 1 * GiB) return { status: 'fail', hint: 'Free at least 1 GiB: boot assets will not fit.' }
  if (freeBytes < 5 * GiB) return { status: 'warn', hint: 'Less than 5 GiB free; downloading several Talos versions may fail.' }
  return { status: 'ok', hint: null }
}

export function createDiagnostics(deps: DiagnosticsDeps) {
  async function talosctlCheck(signal?: AbortSignal): Promise<DiagnosticCheck> {
    try {
      const version = await deps.talosctlClientVersion(signal)
      return { id: 'talosctl', label: 'talosctl', status: 'ok', detail: `${version} at ${deps.talosctlPath}`, hint: null }
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('UNKNOWN', String(e))
      const notFound = err.code === 'TALOSCTL_NOT_FOUND'
      return {
        id: 'talosctl',
        label: 'talosctl',
        status: 'fail',
        detail: notFound ? `talosctl was not found (looked for "${deps.talosctlPath}")` : err.message,
        hint: notFound
          ? 'Install talosctl (see talos.dev, "Install talosctl"), or set its path in Settings.'
          : 'Check that the talosctl path in Settings points at a working talosctl.'
      }
    }
  }

  async function dataDirCheck(): Promise<DiagnosticCheck> {
    const probe = join(deps.dataDir, `.write-test-${process.pid}-${Date.now()}`)
    try {
      await ensureDir(deps.dataDir)
      await fs.writeFile(probe, 'ok')
      await fs.rm(probe, { force: true })
      return { id: 'data-dir', label: 'Data folder', status: 'ok', detail: `${deps.dataDir} is writable`, hint: null }
    } catch (e) {
      return {
        id: 'data-dir',
        label: 'Data folder',
        status: 'fail',
        detail: `${deps.dataDir} is not writable: ${(e as Error).message}`,
        hint: 'Pick another data folder in Settings, or fix the folder permissions.'
      }
    }
  }

  async function diskCheck(): Promise<DiagnosticCheck> {
    try {
      await ensureDir(deps.dataDir)
      const st = await fs.statfs(deps.dataDir)
      const free = st.bavail * st.bsize
      return { id: 'free-disk', label: 'Free disk', ...freeDiskCheck(free), detail: `${formatBytes(free)} free in the data folder` }
    } catch (e) {
      return { id: 'free-disk', label: 'Free disk', status: 'warn', detail: `Could not measure: ${(e as Error).message}`, hint: null }
    }
  }

  function platformCheck(): DiagnosticCheck {
    return {
      id: 'platform',
      label: 'Platform',
      status: 'ok',
      detail: `${os.type()} ${os.release()} (${process.platform}/${process.arch}), Node ${process.versions.node}`,
      hint: null
    }
  }

  async function run(signal?: AbortSignal): Promise<DiagnosticsReport> {
    const checks = await Promise.all([talosctlCheck(signal), dataDirCheck(), diskCheck(), Promise.resolve(platformCheck())])
    return { checkedAt: (deps.now?.() ?? new Date()).toISOString(), checks }
  }

  return { run }
}
export type DiagnosticsService = ReturnType<typeof createDiagnostics>
