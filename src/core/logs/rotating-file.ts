import { appendFileSync, chmodSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SECRET_DIR_MODE, SECRET_FILE_MODE } from '../fs-safe'

export interface RotationOptions {
  /** A file past this size is rotated before the next line. */
  maxBytes: number
  /** Rotated files kept besides the current one: <topic>.1.log (newest) … <topic>.<keep>.log. */
  keep: number
}

/**
 * An append-only log file that rotates by size: topic.log → topic.1.log → … → topic.<keep>.log,
 * the oldest dropped. Written synchronously (a line per call, O_APPEND) so a crash loses nothing
 * and the CLI and the app can append to the same file; no worker thread, so it works bundled.
 * The folder is 0700 and each file 0600: logs name hosts and commands an operator ran.
 */
export function createRotatingFile(dir: string, topic: string, o: RotationOptions) {
  const file = join(dir, `${topic}.log`)
  const rotated = (n: number) => join(dir, `${topic}.${n}.log`)
  mkdirSync(dir, { recursive: true, mode: SECRET_DIR_MODE })
  chmodSync(dir, SECRET_DIR_MODE)
  let size = sizeOf(file)

  function rotate(): void {
    rmSync(rotated(o.keep), { force: true })
    for (let n = o.keep - 1; n >= 1; n--) renameQuietly(rotated(n), rotated(n + 1))
    if (o.keep > 0) renameQuietly(file, rotated(1))
    else rmSync(file, { force: true })
    size = 0
  }

  return {
    file,
    write(line: string): void {
      try {
        // Another process may have rotated meanwhile: the size on disk is the truth.
        if (size >= o.maxBytes) size = sizeOf(file)
        if (size >= o.maxBytes) rotate()
        appendFileSync(file, line, { mode: SECRET_FILE_MODE })
        size += Buffer.byteLength(line)
      } catch {
        // A log that cannot be written must never stop the work it describes.
      }
    }
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch {
    // Not there yet: fewer rotated files than `keep`.
  }
}
