import { execa } from 'execa'
import { AppError } from '../../../shared/errors'

/**
 * `talosctl version --client --short` needs no node. Prints e.g. "Client:\n\tTalos v1.11.6".
 * Kept separate so diagnostics does not depend on the full runner.
 */
export async function talosctlClientVersion(talosctlPath: string, signal?: AbortSignal): Promise<string> {
  try {
    const r = await execa(talosctlPath, ['version', '--client', '--short'], {
      timeout: 10_000,
      cancelSignal: signal,
      reject: false,
      stdin: 'ignore',
      env: { TALOSCONFIG: '' }
    })
    if ((r as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(r.message ?? ''))) {
      throw new AppError('TALOSCTL_NOT_FOUND', `talosctl was not found at "${talosctlPath}".`)
    }
    if (r.exitCode !== 0) {
      throw new AppError('UNKNOWN', `talosctl version failed: ${String(r.stderr).trim().split('\n').pop() ?? ''}`)
    }
    const m = /Talos\s+(v\d+\.\d+\.\d+\S*)/.exec(String(r.stdout)) ?? /Tag:\s+(v\S+)/.exec(String(r.stdout))
    if (!m) throw new AppError('MALFORMED_OUTPUT', 'talosctl printed no version.')
    return m[1]!
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('TALOSCTL_NOT_FOUND', `talosctl could not be started at "${talosctlPath}": ${(e as Error).message}`)
  }
}
