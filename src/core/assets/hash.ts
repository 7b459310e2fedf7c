import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { AppError } from '../../shared/errors'

const READ_CHUNK = 1 << 20

/**
 * Feeds a file into a hash, streaming in 1 MiB chunks so an ISO never sits in memory.
 * Returns the bytes read; the caller owns the hash (a resumed download keeps updating it).
 */
export async function hashInto(hash: Hash, path: string, signal?: AbortSignal): Promise<number> {
  let size = 0
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK, signal })
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer)
      size += (chunk as Buffer).length
    }
  } catch (e) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'Hashing was cancelled.')
    throw e
  }
  return size
}

export async function sha256File(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  const size = await hashInto(hash, path, signal)
  return { sha256: hash.digest('hex'), size }
}
