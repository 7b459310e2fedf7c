import { readFileSync } from 'node:fs'

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or null when
 * there is no such process or no /proc (macOS, Windows). A pid and its start time name one
 * process for good: a reused pid has a later start time, so it is never taken for the old one.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[19] ?? null
  } catch {
    return null
  }
}

/** This boot's id (Linux), so start times recorded before a reboot are never compared with new ones. */
export function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return null
  }
}
