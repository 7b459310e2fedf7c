import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeHosts, type ProbeResult } from '@core/discovery/probe'
import { loopbackRange, startListeners, startSilentHosts, tcpHandles, type Listeners, type SilentHosts } from '../../helpers/loopback-hosts'

const PORT = 50731
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let open: Listeners
let silent: SilentHosts
const openIps = loopbackRange(91, 10, 4)
const silentIps = loopbackRange(91, 200, 3)
const refusedIps = loopbackRange(91, 100, 3)

beforeAll(async () => {
  open = await startListeners(openIps, PORT)
  silent = await startSilentHosts(silentIps, PORT)
})
afterAll(async () => {
  await open?.close()
  await silent?.close()
})

async function collect(hosts: string[], options: Partial<Parameters<typeof probeHosts>[0]> = {}) {
  const results: ProbeResult[] = []
  const summary = await probeHosts({ hosts, port: PORT, onResult: (r) => results.push(r), ...options })
  return { summary, byIp: new Map(results.map((r) => [r.ip, r])), results }
}

describe('TCP probe on loopback hosts', () => {
  it('tells open, refused and silent addresses apart', async () => {
    const { summary, byIp } = await collect([...openIps, ...refusedIps, ...silentIps], { timeoutMs: 400, adaptive: false })
    expect(summary).toMatchObject({ probed: 10, open: 4, cancelled: false })
    for (const ip of openIps) expect(byIp.get(ip)!.outcome).toBe('open')
    for (const ip of refusedIps) expect(byIp.get(ip)!.outcome).toBe('closed')
    for (const ip of silentIps) expect(byIp.get(ip)!.outcome).toBe('timeout')
  })

  it('gives a silent host exactly the fixed deadline when adapting is off', async () => {
    const started = Date.now()
    const { byIp } = await collect([silentIps[0]!], { timeoutMs: 300, adaptive: false })
    const elapsed = Date.now() - started
    expect(byIp.get(silentIps[0]!)!.outcome).toBe('timeout')
    expect(elapsed).toBeGreaterThanOrEqual(300)
    expect(elapsed).toBeLessThan(300 + 150)
  })

  it('shortens the wait for silent hosts once fast answers were measured, never below the floor', async () => {
    const started = Date.now()
    const { summary, byIp } = await collect([...openIps, ...refusedIps, ...silentIps], { timeoutMs: 3000, minTimeoutMs: 200 })
    const elapsed = Date.now() - started
    for (const ip of silentIps) expect(byIp.get(ip)!.outcome).toBe('timeout')
    expect(summary.deadlineMs).toBeGreaterThanOrEqual(200)
    expect(summary.deadlineMs).toBeLessThan(3000)
    expect(elapsed).toBeGreaterThanOrEqual(200)
    expect(elapsed).toBeLessThan(1500)
  })

  it('reads answers that arrived while the event loop was busy before declaring anything silent', async () => {
    const pending = collect([...openIps, ...refusedIps], { timeoutMs: 100, adaptive: false })
    await new Promise((r) => setImmediate(r)) // the probes are out
    const until = Date.now() + 300
    while (Date.now() < until) {
      // Block the loop past every deadline, as a busy main process would.
    }
    const { byIp } = await pending
    for (const ip of openIps) expect(byIp.get(ip)!.outcome).toBe('open')
    for (const ip of refusedIps) expect(byIp.get(ip)!.outcome).toBe('closed')
  })

  it('keeps at most `concurrency` sockets open', async () => {
    const { summary } = await collect([...refusedIps, ...openIps, ...loopbackRange(91, 120, 20)], { concurrency: 3, timeoutMs: 400 })
    expect(summary.peakSockets).toBeLessThanOrEqual(3)
    expect(summary.probed).toBe(27)
  })

  it('cancelling destroys every socket at once and leaves none behind on either side', async () => {
    await sleep(20) // handles closed by earlier tests go away on the next loop turn
    const baseline = tcpHandles()
    const controller = new AbortController()
    const started = Date.now()
    const pending = probeHosts({
      hosts: [...silentIps, ...loopbackRange(92, 1, 200)],
      port: PORT,
      timeoutMs: 10_000,
      adaptive: false,
      signal: controller.signal
    })
    await sleep(100)
    expect(tcpHandles()).toBeGreaterThan(baseline)
    controller.abort()
    const summary = await pending
    expect(summary.cancelled).toBe(true)
    expect(Date.now() - started).toBeLessThan(1000)
    await sleep(50)
    expect(tcpHandles()).toBe(baseline)
    expect(open.openConnections()).toBe(0)
  })

  it('closes the connection to every open host as soon as it answered', async () => {
    const before = open.accepted()
    await collect(openIps, { timeoutMs: 400 })
    await sleep(50)
    expect(open.accepted() - before).toBe(openIps.length)
    expect(open.openConnections()).toBe(0)
  })

  it('returns at once for an already aborted signal', async () => {
    const c = new AbortController()
    c.abort()
    const { summary } = await collect(openIps, { signal: c.signal })
    expect(summary).toMatchObject({ probed: 0, cancelled: true })
  })
})
