/**
 * Benchmark (b): our downloader against `curl -o` on the same loopback server.
 *
 * A child process serves SIZE bytes generated on the fly (a 1 MiB deterministic pattern written
 * over and over), so neither memory nor tmp ever holds more than the download target. Each round
 * downloads once with downloadFile (SHA-256 computed in the same pass, as in the app) and once
 * with curl, alternating so page-cache and CPU-frequency effects fall on both. Reports throughput,
 * the ratio, the hash check and our peak RSS growth (sampled rss and VmHWM).
 *
 * Env: BENCH_DOWNLOAD_MIB (default 1024), BENCH_ROUNDS (default 3).
 */
import { execFile, fork, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, promises as fs, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { downloadFile } from '../src/core/assets/download'
import { createHttpClient } from '../src/core/assets/http'
import { request } from '../src/core/assets/undici-lazy'

const MIB = 1024 * 1024
const SIZE = Number(process.env.BENCH_DOWNLOAD_MIB ?? 1024) * MIB
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))
const CURL = '/usr/bin/curl'
const SHA256SUM = '/usr/bin/sha256sum'

function pattern(): Buffer {
  const out = Buffer.alloc(MIB)
  for (let i = 0; i * 32 < MIB; i++)
    createHash('sha256')
      .update(`bench:${i}`)
      .digest()
      .copy(out, i * 32)
  return out
}

/** The server half: runs in a child so it does not compete with our client for the event loop. */
function serve(): void {
  const block = pattern()
  const server = createServer((req, res) => {
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    const start = m ? Number(m[1]) : 0
    res.writeHead(m ? 206 : 200, {
      'content-length': SIZE - start,
      'content-type': 'application/octet-stream',
      ...(m ? { 'content-range': `bytes ${start}-${SIZE - 1}/${SIZE}` } : {})
    })
    let pos = start
    const pump = () => {
      while (pos < SIZE) {
        const off = pos % MIB
        const piece = block.subarray(off, Math.min(MIB, off + (SIZE - pos)))
        pos += piece.length
        if (!res.write(piece)) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  })
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }))
  process.on('disconnect', () => process.exit(0))
}

function expectedSha(): string {
  const block = pattern()
  const h = createHash('sha256')
  for (let pos = 0; pos < SIZE; pos += MIB) h.update(block.subarray(0, Math.min(MIB, SIZE - pos)))
  return h.digest('hex')
}

function vmHwm(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return m ? Number(m[1]) * 1024 : null
  } catch {
    return null
  }
}

async function ours(url: string, dest: string) {
  const http = createHttpClient({ env: {} })
  // Warm up (undici's parser, the connection) so the figure is the download's, not start-up's.
  await (await request(url, { method: 'HEAD', dispatcher: http.dispatcher })).body.dump()
  const base = process.memoryUsage().rss
  let peak = base
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const t0 = process.hrtime.bigint()
  try {
    const r = await downloadFile(
      { dispatcher: http.dispatcher, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, stallTimeoutMs: 30_000, headersTimeoutMs: 30_000 },
      { url, dest, what: 'the benchmark file', signal: new AbortController().signal }
    )
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    peak = Math.max(peak, process.memoryUsage().rss)
    return { seconds, sha256: r.sha256, size: r.size, rssGrowth: peak - base }
  } finally {
    clearInterval(sampler)
    await http.close()
    await fs.rm(dest, { force: true })
  }
}

function run(cmd: string, args: string[]): Promise<{ seconds: number; stdout: string }> {
  const t0 = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    execFile(cmd, args, (err, stdout) => {
      if (err) reject(err)
      else resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, stdout })
    })
  })
}

/** curl -o, and (like a shell script that wants a checksum) sha256sum over the file afterwards. */
async function curl(url: string, dest: string): Promise<{ seconds: number; size: number; withSha: number | null }> {
  try {
    const dl = await run(CURL, ['-sS', '--noproxy', '*', '-o', dest, '-w', '%{size_download}', url])
    const sha = existsSync(SHA256SUM) ? await run(SHA256SUM, [dest]) : null
    return { seconds: dl.seconds, size: Number(dl.stdout), withSha: sha ? dl.seconds + sha.seconds : null }
  } finally {
    await fs.rm(dest, { force: true })
  }
}

const rate = (bytes: number, s: number) => bytes / MIB / s
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  const server: ChildProcess = fork(process.argv[1]!, ['serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const port = await new Promise<number>((r) => server.once('message', (m: { port: number }) => r(m.port)))
  const url = `http://127.0.0.1:${port}/bench.bin`
  const dir = await fs.mkdtemp(join(tmpdir(), 'wild-bench-'))
  const hasCurl = existsSync(CURL)
  try {
    console.log(`bench download: ${SIZE / MIB} MiB from a loopback server, ${ROUNDS} round(s)`)
    if (!hasCurl) console.log(`curl not found at ${CURL}; install it (apt-get install curl) to compare. Skipping the curl side.`)
    const want = expectedSha()
    const hwmBefore = vmHwm()
    const our: Awaited<ReturnType<typeof ours>>[] = []
    const theirs: Awaited<ReturnType<typeof curl>>[] = []
    for (let i = 0; i < ROUNDS; i++) {
      our.push(await ours(url, join(dir, 'ours.bin')))
      if (hasCurl) theirs.push(await curl(url, join(dir, 'curl.bin')))
    }
    const hwmAfter = vmHwm()
    const ourRates = our.map((r) => rate(r.size, r.seconds))
    const shaOk = our.every((r) => r.sha256 === want && r.size === SIZE)
    console.log(
      `  ours (undici + SHA-256 + .part/rename): median ${median(ourRates).toFixed(0)} MiB/s, best ${Math.max(...ourRates).toFixed(0)} MiB/s  [${ourRates.map((r) => r.toFixed(0)).join(', ')}]`
    )
    if (hasCurl) {
      const curlRates = theirs.map((r) => rate(r.size, r.seconds))
      console.log(
        `  curl -o:                               median ${median(curlRates).toFixed(0)} MiB/s, best ${Math.max(...curlRates).toFixed(0)} MiB/s  [${curlRates.map((r) => r.toFixed(0)).join(', ')}]`
      )
      console.log(`  ratio ours/curl (median): ${(median(ourRates) / median(curlRates)).toFixed(2)}x  (aim >= 0.90x)`)
      if (theirs.every((r) => r.withSha !== null)) {
        const shaRates = theirs.map((r) => rate(r.size, r.withSha!))
        console.log(
          `  curl -o then sha256sum:                median ${median(shaRates).toFixed(0)} MiB/s  → ratio ours/(curl+sha256sum) ${(median(ourRates) / median(shaRates)).toFixed(2)}x`
        )
      }
    }
    console.log(`  sha256 ${our[0]!.sha256} ${shaOk ? 'matches' : 'DOES NOT MATCH'} the expected ${want.slice(0, 16)}…`)
    const rssGrowth = Math.max(...our.map((r) => r.rssGrowth))
    console.log(`  peak RSS growth during a download (sampled every 20 ms): ${(rssGrowth / MIB).toFixed(1)} MiB  (aim < 64 MiB)`)
    if (hwmBefore !== null && hwmAfter !== null) {
      console.log(
        `  VmHWM before/after: ${(hwmBefore / MIB).toFixed(1)} / ${(hwmAfter / MIB).toFixed(1)} MiB (growth ${((hwmAfter - hwmBefore) / MIB).toFixed(1)} MiB)`
      )
    }
    if (!shaOk) process.exitCode = 1
  } finally {
    server.disconnect()
    server.kill()
    await fs.rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === 'serve') serve()
else
  main().catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
