import { createHash, type Hash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename } from 'node:path'
import type { FileHandle } from 'node:fs/promises'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../shared/errors'
import { request, type DispatcherLike } from './undici-lazy'
import { partPath } from './catalog'
import { hashInto, sha256File } from './hash'
import { backoffDelay, cancelled, isRetryableError, networkError, sleep, statusError, type RetryPolicy } from './http'

export interface DownloadDeps {
  dispatcher: DispatcherLike
  retry: RetryPolicy
  /** No body bytes for this long → the attempt fails and is retried (then TIMEOUT). */
  stallTimeoutMs: number
  /** The factory builds images on demand, so the first answer may take a while. */
  headersTimeoutMs: number
  random?: () => number
}

export interface DownloadJob {
  url: string
  /** The final path; bytes go to <dest>.part until the file is complete. */
  dest: string
  /** For messages: "the kernel for v1.11.5 amd64". */
  what: string
  signal: AbortSignal
  onBytes?: (done: number, total: number | null) => void
  log?: (line: string) => void
  /**
   * Re-hash the .part before it is renamed into place and refuse it when it is not exactly the
   * bytes received: the proof nothing else wrote to it. Costs one local read of the file.
   */
  verifyBeforeCommit?: boolean
  /** Called when every byte is in and the .part is re-hashed before the rename. */
  onVerify?: () => void
  /** Last check before the rename (a lock's stillHeld); a throw leaves the .part as it is. */
  beforeCommit?: () => void
}

export interface DownloadResult {
  sha256: string
  size: number
  /** Bytes that were already in the .part when this run started. */
  resumedFrom: number
}

/** The hash covers exactly the bytes in the .part; `broken` means it no longer does. */
interface Progress {
  hash: Hash
  offset: number
  broken: boolean
}

const PROGRESS_INTERVAL_MS = 200

/**
 * Streams one URL to <dest>.part, hashing in the same pass, and renames it into place only when
 * every byte is there. A .part left by a cut, a crash or a cancel is re-hashed and continued
 * with a Range request; resets, stalls and 5xx are retried with backoff. The final file therefore
 * never exists half-written, and its SHA-256 covers every byte on disk.
 */
export async function downloadFile(deps: DownloadDeps, job: DownloadJob): Promise<DownloadResult> {
  const part = partPath(job.dest)
  const log = job.log ?? (() => {})
  let lastReport = 0
  const report = (p: Progress, total: number | null, force = false) => {
    const now = Date.now()
    if (!job.onBytes || (!force && now - lastReport < PROGRESS_INTERVAL_MS)) return
    lastReport = now
    job.onBytes(p.offset, total)
  }

  let progress = await resumeProgress(part, null, job.signal)
  const resumedFrom = progress.offset
  if (resumedFrom > 0) log(`Resuming ${job.what} from byte ${resumedFrom}`)
  let failures = 0
  for (;;) {
    if (job.signal.aborted) throw cancelled()
    progress = await resumeProgress(part, progress, job.signal)
    const before = progress.offset
    try {
      const outcome = await attempt(deps, job, part, progress, report)
      if (outcome === 'done') break
      await fs.rm(part, { force: true })
      progress = freshProgress()
    } catch (e) {
      if (job.signal.aborted) throw cancelled()
      if ((e as NodeJS.ErrnoException)?.code === 'ENOSPC') {
        throw new AppError('DISK_FULL', `The disk filled up while downloading ${job.what}. Free some space and download again; it resumes.`)
      }
      if (!isRetryableError(e)) throw e instanceof AppError ? e : networkError(e, job.url, failures + 1)
      // A link that keeps delivering bytes between cuts is flaky, not dead: only count failures in a row.
      if (progress.offset > before) failures = 0
      failures++
      if (failures >= deps.retry.attempts) throw networkError(e, job.url, failures)
      const delay = backoffDelay(deps.retry, failures, deps.random)
      log(`${job.what}: ${describe(e)}; retry ${failures} of ${deps.retry.attempts - 1} in ${delay} ms from byte ${progress.offset}`)
      await sleep(delay, job.signal)
    }
  }
  report(progress, progress.offset, true)
  const sha256 = progress.hash.digest('hex')
  if (job.verifyBeforeCommit) {
    job.onVerify?.()
    await checkPart(part, job, { sha256, size: progress.offset })
  }
  job.beforeCommit?.()
  await fs.rename(part, job.dest)
  return { sha256, size: progress.offset, resumedFrom }
}

async function checkPart(part: string, job: DownloadJob, expected: { sha256: string; size: number }): Promise<void> {
  const onDisk = await sha256File(part, job.signal)
  if (onDisk.sha256 === expected.sha256 && onDisk.size === expected.size) return
  // Its bytes cannot be trusted from any offset, so resuming from it would only keep the damage.
  await fs.rm(part, { force: true })
  throw new AppError(
    'CHECKSUM_MISMATCH',
    `${basename(job.dest)} changed on disk while it was downloaded (${onDisk.size} bytes with sha256 ${onDisk.sha256}, ` +
      `${expected.size} bytes with sha256 ${expected.sha256} received): another program wrote to it. ` +
      `The partial file was removed; download again.`,
    { path: job.dest, expected: expected.sha256, actual: onDisk.sha256 }
  )
}

function freshProgress(): Progress {
  return { hash: createHash('sha256'), offset: 0, broken: false }
}

/** Keeps the running hash when it still matches the .part; otherwise re-hashes what is on disk. */
async function resumeProgress(part: string, prev: Progress | null, signal: AbortSignal): Promise<Progress> {
  let size: number
  try {
    size = (await fs.stat(part)).size
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return freshProgress()
    throw e
  }
  if (prev && !prev.broken && prev.offset === size) return prev
  const p = freshProgress()
  p.offset = await hashInto(p.hash, part, signal)
  return p
}

type Outcome = 'done' | 'restart'

async function attempt(
  deps: DownloadDeps,
  job: DownloadJob,
  part: string,
  p: Progress,
  report: (p: Progress, total: number | null, force?: boolean) => void
): Promise<Outcome> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' }
  if (p.offset > 0) headers.range = `bytes=${p.offset}-`
  const res = await request(job.url, {
    method: 'GET',
    dispatcher: deps.dispatcher,
    headers,
    signal: job.signal,
    headersTimeout: deps.headersTimeoutMs,
    bodyTimeout: deps.stallTimeoutMs
  })
  const status = res.statusCode
  if (status === 416 && p.offset > 0) {
    await discard(res.body)
    // "bytes */<total>": the .part may already hold everything (cut just before the rename).
    return unsatisfiedTotal(header(res.headers, 'content-range')) === p.offset ? 'done' : 'restart'
  }
  if (status >= 400) {
    await discard(res.body)
    throw statusError(status, job.url, job.what)
  }
  let total: number | null
  if (status === 206) {
    const range = parseContentRange(header(res.headers, 'content-range'))
    if (!range || range.start !== p.offset) {
      await discard(res.body)
      job.log?.(`${job.what}: the server answered another range; starting over`)
      return 'restart'
    }
    total = range.total
  } else if (status === 200) {
    if (p.offset > 0) {
      // The server ignored Range and sends the whole file: take it from byte 0.
      job.log?.(`${job.what}: the server does not resume; starting over`)
      await fs.truncate(part, 0)
      Object.assign(p, freshProgress())
    }
    const length = header(res.headers, 'content-length')
    total = length !== undefined && /^\d+$/.test(length) ? Number(length) : null
  } else {
    await discard(res.body)
    throw new AppError('HTTP', `Unexpected HTTP ${status} for ${job.url}.`, { status, url: job.url })
  }

  report(p, total, true)
  const fh = await fs.open(part, 'a')
  const sink = new HashingFileSink(fh, p, () => report(p, total))
  try {
    await pipeline(res.body, sink)
  } finally {
    await sink.settled()
    await fh.close()
  }
  if (total !== null && p.offset < total) {
    throw new AppError('HTTP', `${job.what}: the connection ended early`, { retryable: true })
  }
  return total !== null && p.offset > total ? 'restart' : 'done'
}

/**
 * Writes to the .part and feeds the same bytes to the hash while the write runs in the thread
 * pool, so the two overlap. Chunks that arrive meanwhile go out together in one writev; at most
 * 1 MiB waits here before the socket is paused, which keeps memory flat whatever the file size.
 */
class HashingFileSink extends Writable {
  private pending: Promise<void> = Promise.resolve()
  constructor(
    private readonly fh: FileHandle,
    private readonly p: Progress,
    private readonly onWritten: () => void
  ) {
    super({ highWaterMark: 1 << 20 })
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.flush([chunk], cb)
  }
  override _writev(chunks: { chunk: Buffer }[], cb: (e?: Error | null) => void): void {
    this.flush(
      chunks.map((c) => c.chunk),
      cb
    )
  }
  private flush(bufs: Buffer[], cb: (e?: Error | null) => void): void {
    let len = 0
    for (const b of bufs) len += b.length
    const write = this.fh.writev(bufs)
    for (const b of bufs) this.p.hash.update(b)
    this.pending = write.then(
      ({ bytesWritten }) => {
        if (bytesWritten !== len) {
          this.p.broken = true
          cb(new Error(`short write: ${bytesWritten} of ${len} bytes`))
          return
        }
        this.p.offset += len
        this.onWritten()
        cb()
      },
      (e: Error) => {
        this.p.broken = true
        cb(e)
      }
    )
  }
  /** Resolves when no write is in flight, so the file handle can be closed. */
  settled(): Promise<void> {
    return this.pending
  }
}

async function discard(body: { dump(): Promise<void> }): Promise<void> {
  await body.dump().catch(() => {})
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

export function parseContentRange(value: string | undefined): { start: number; end: number; total: number | null } | null {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim()) : null
  if (!m) return null
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) }
}

function unsatisfiedTotal(value: string | undefined): number | null {
  const m = value ? /^bytes \*\/(\d+)$/.exec(value.trim()) : null
  return m ? Number(m[1]) : null
}

function describe(e: unknown): string {
  if (e instanceof AppError) return e.message
  const code = (e as { code?: string })?.code
  return `${e instanceof Error ? e.message : String(e)}${code ? ` (${code})` : ''}`
}
