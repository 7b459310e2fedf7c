import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { downloadFile } from '@core/assets/download'
import { createHttpClient, type ProxySettings } from '@core/assets/http'
import { startCountingProxy } from '../../helpers/counting-proxy'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { makeTempDir } from '../../helpers/tmp'

let factory: FakeFactory
let proxy: Awaited<ReturnType<typeof startCountingProxy>>
let dir: string

async function fetchKernel(settings: ProxySettings, host = '127.0.0.1'): Promise<string> {
  const http = createHttpClient(settings)
  try {
    const r = await downloadFile(
      { dispatcher: http.dispatcher, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, stallTimeoutMs: 2000, headersTimeoutMs: 2000 },
      {
        url: `http://${host}:${factory.port}/image/${VANILLA_ID}/v1.11.5/kernel-amd64`,
        dest: join(dir, `kernel-${Math.random().toString(36).slice(2)}`),
        what: 'the kernel',
        signal: new AbortController().signal
      }
    )
    return r.sha256
  } finally {
    await http.close()
  }
}

beforeEach(async () => {
  factory = await startFakeFactory()
  proxy = await startCountingProxy()
  dir = await makeTempDir()
})

afterEach(async () => {
  await proxy.close()
  await factory.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('proxy settings', () => {
  const expected = () => factory.sha256(VANILLA_ID, 'v1.11.5', 'kernel-amd64')

  it('goes direct when no proxy is configured', async () => {
    expect(await fetchKernel({ env: {} })).toBe(expected())
    expect(proxy.used).toBe(0)
  })

  it('honours HTTP_PROXY from the environment', async () => {
    expect(await fetchKernel({ env: { HTTP_PROXY: proxy.url } })).toBe(expected())
    expect(proxy.used).toBeGreaterThan(0)
    expect([...proxy.connects, ...proxy.forwards].join(' ')).toContain(`127.0.0.1:${factory.port}`)
  })

  it('honours the lower-case http_proxy too', async () => {
    await fetchKernel({ env: { http_proxy: proxy.url } })
    expect(proxy.used).toBeGreaterThan(0)
  })

  it('sends a NO_PROXY host direct', async () => {
    expect(await fetchKernel({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'example.org,127.0.0.1' } })).toBe(expected())
    expect(proxy.used).toBe(0)
  })

  it('keeps proxying when a NO_PROXY entry names the host with another port', async () => {
    await fetchKernel({ env: { HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${factory.port + 1}` } })
    expect(proxy.used).toBe(1)
    await fetchKernel({ env: { HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${factory.port}` } })
    expect(proxy.used).toBe(1)
  })

  it('uses the proxy set in the app even without environment variables, and NO_PROXY still wins', async () => {
    await fetchKernel({ proxy: proxy.url, env: {} })
    expect(proxy.used).toBe(1)
    await fetchKernel({ proxy: proxy.url, env: { NO_PROXY: '127.0.0.1' } })
    expect(proxy.used).toBe(1)
  })
})
