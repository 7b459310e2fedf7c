import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Agent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'
import { runWild } from '../../helpers/cli'
import { BUILT_IN_VERSIONS, createVersionCatalog } from '@core/talos/version-catalog'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function factory(versions: string[]) {
  const f = await startFakeFactory({ versions })
  cleanups.push(() => f.close())
  return f
}

async function catalog(dataDir: string, url: string) {
  const agent = new Agent()
  cleanups.push(() => agent.close())
  return createVersionCatalog({ dataDir, factoryUrl: url, dispatcher: () => agent, timeoutMs: 2000 })
}

/** A loopback server that answers /versions with whatever body it is given. */
async function answering(status: number, body: string) {
  const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanups.push(() => new Promise((r) => server.close(r)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const signal = () => AbortSignal.timeout(10_000)

describe('Talos versions from the Image Factory', () => {
  it('lists the factory answer newest first and remembers it with its time', async () => {
    const dir = await makeTempDir()
    const f = await factory(['v1.12.9', 'v1.14.7', 'v1.13.0-rc.1', 'v1.13.10'])
    const list = await (await catalog(dir, f.url)).list({ signal: signal() })
    expect(list.source).toBe('factory')
    expect(list.releases.map((r) => r.version)).toEqual(['v1.14.7', 'v1.13.10', 'v1.12.9'])
    expect(list.recommended).toBe('v1.14.7')
    expect(f.requests.some((r) => r.method === 'GET' && r.path === '/versions')).toBe(true)
    const cached = JSON.parse(await readFile(join(dir, 'cache', 'talos-versions.json'), 'utf8'))
    expect(cached.versions).toEqual(['v1.12.9', 'v1.14.7', 'v1.13.0-rc.1', 'v1.13.10'])
    expect(Date.parse(cached.fetchedAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('offline, falls back to the last list with its age, and says why', async () => {
    const dir = await makeTempDir()
    const f = await factory(['v1.13.10', 'v1.14.7'])
    const first = await (await catalog(dir, f.url)).list({ signal: signal() })
    await f.close()
    const again = await (await catalog(dir, f.url)).list({ signal: signal(), preReleases: true })
    expect(again.source).toBe('cache')
    expect(again.fetchedAt).toBe(first.fetchedAt)
    expect(again.releases.map((r) => r.version)).toEqual(['v1.14.7', 'v1.13.10'])
    expect(again.offlineReason).toBeTruthy()
  })

  it('with no list ever fetched from this factory, offers the built-in list', async () => {
    const dir = await makeTempDir()
    // A cache from another factory is not this one's answer.
    await mkdir(join(dir, 'cache'), { recursive: true })
    await writeFile(
      join(dir, 'cache', 'talos-versions.json'),
      JSON.stringify({ fetchedAt: new Date().toISOString(), factoryUrl: 'http://127.0.0.1:9', versions: ['v1.9.1'] })
    )
    const url = await answering(503, 'down')
    const list = await (await catalog(dir, url)).list({ signal: signal() })
    expect(list.source).toBe('built-in')
    expect(list.releases.map((r) => r.version)).toEqual([...BUILT_IN_VERSIONS])
    expect(list.offlineReason).toContain('503')
  })

  it('treats an answer that is not a list of versions as no answer, and a damaged cache as none', async () => {
    const dir = await makeTempDir()
    await mkdir(join(dir, 'cache'), { recursive: true })
    await writeFile(join(dir, 'cache', 'talos-versions.json'), '{"fetchedAt": "yesterday"')
    for (const body of ['<html>', '{"versions": []}', '[1, 2]']) {
      const list = await (await catalog(dir, await answering(200, body))).list({ signal: signal() })
      expect(list.source).toBe('built-in')
      expect(list.offlineReason).toMatch(/not JSON|not a list of versions/)
    }
  })
})

describe('wild talos versions', () => {
  it('prints the versions as a JSON array, newest first, pre-releases only when asked', async () => {
    const dir = await makeTempDir()
    const f = await factory(['v1.12.9', 'v1.14.7', 'v1.15.0-beta.0', 'v1.13.10'])
    const stable = await runWild(['--data-dir', dir, '--json', 'talos', 'versions', '--factory-url', f.url])
    expect(stable.code).toBe(0)
    expect(stable.json()).toEqual(['v1.14.7', 'v1.13.10', 'v1.12.9'])
    const pre = await runWild(['--data-dir', dir, '--json', 'talos', 'versions', '--factory-url', f.url, '--pre-releases'])
    expect(pre.json()).toEqual(['v1.15.0-beta.0', 'v1.14.7', 'v1.13.10', 'v1.12.9'])
    const human = await runWild(['--data-dir', dir, 'talos', 'versions', '--factory-url', f.url])
    expect(human.stdout).toMatch(/^VERSION\s+KUBERNETES\s+NOTE\n/)
    expect(human.stdout).toMatch(/v1\.14\.7\s+1\.37\.1\s+newest stable/)
  })

  it('offline, still answers from the last list and warns on stderr', async () => {
    const dir = await makeTempDir()
    const f = await factory(['v1.13.10', 'v1.14.7'])
    expect((await runWild(['--data-dir', dir, '--json', 'talos', 'versions', '--factory-url', f.url])).code).toBe(0)
    await f.close()
    const r = await runWild(['--data-dir', dir, '--json', 'talos', 'versions', '--factory-url', f.url])
    expect(r.code).toBe(0)
    expect(r.json()).toEqual(['v1.14.7', 'v1.13.10'])
    expect(r.stderr).toMatch(/^warning: the Image Factory could not be asked .*showing the list fetched \d+ min ago\.\n$/)
  })

  it('refuses a factory URL that is not a URL', async () => {
    const r = await runWild(['--json', 'talos', 'versions', '--factory-url', 'not a url'])
    expect(r.code).toBe(1)
    expect((r.json() as { error: { code: string } }).error.code).toBe('VALIDATION')
  })
})
