import type { ErrorCode } from '@shared/errors'

/**
 * A next step per error code, shown under the core's own message when the message alone does
 * not say what to do. The core's message comes first; this only fills the gap.
 */
export const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  TALOSCTL_NOT_FOUND: 'Install talosctl, or set its path in Settings, then try again.',
  NODE_UNREACHABLE: 'Check that the machine is powered on, on the same network as this computer, and that nothing blocks TCP port 50000.',
  NOT_IN_MAINTENANCE: 'This machine already belongs to a cluster. Reset it first, or pick a machine that shows "maintenance".',
  CERT_OR_AUTH: "The machine did not accept this instance's credentials: it may belong to another cluster.",
  MAINTENANCE_UNSUPPORTED: 'The Talos version on the machine is too old for this call. Boot it from a newer image.',
  TIMEOUT: "It took too long. Check the machine's console and network cable, then try again.",
  DISK_FULL: 'Free some disk space in the data folder (see Diagnostics), then try again.',
  CHECKSUM_MISMATCH: 'The download is corrupt. Delete it and download it again.',
  HTTP: 'Check the internet connection and, if you are behind a proxy, the proxy in Settings.',
  IO: 'Check the data folder in Settings and its permissions.',
  CONFIG_INVALID: "Open the instance's config.yaml and fix the line mentioned, or undo the last hand edit.",
  BUSY: 'Another job is using this. Wait for it in Operations, then try again.',
  INTERNAL: 'This is a bug. Run Diagnostics and include the report when you ask for help.',
  UNKNOWN: 'Run Diagnostics to check the basics, then try again.'
}

export function nextStepFor(code: string | undefined): string | undefined {
  return code ? NEXT_STEP[code as ErrorCode] : undefined
}
