import { presetIpIn, type PresetName } from '../../src/lab/machines'

/**
 * This Playwright worker's own piece of loopback. Two spec files run at once, and a lab's
 * machines answer on port 50000 of their addresses: two workers on the same addresses would fail
 * to bind (EADDRINUSE) or find each other's machines in a scan. Worker N owns 127.N.0.0/16; its
 * lab sits on 127.N.10.0/24 (gateway .1, the presets on their usual host numbers .11–.19), so
 * worker 0 keeps the lab's usual 127.0.10.x, and even a wide range such as 127.N.8.0/22 stays
 * inside the worker's own /16.
 *
 * The index is TEST_PARALLEL_INDEX, which Playwright sets in each worker before it loads the
 * spec files (unique among the workers running at one time), so top-level constants may use it.
 * Test titles must not: the runner lists the tests in a process without it.
 *
 * The demo lab's specs keep its fixed 127.0.10.x: it answers in-process and opens no socket.
 */
export interface WorkerNet {
  /** The second octet: this worker's 127.N.0.0/16. */
  index: number
  /** An address or range in this worker's /16: addr('10.51') → '127.N.10.51', addr('8.0/22'). */
  addr(rest: string): string
  /** The lab's /24 as presetIn takes it ('127.N.10'), the /24 itself, its gateway, and the VIP the specs use. */
  block: string
  subnet: string
  gateway: string
  vip: string
  /** Where startLabEnv places a preset in this worker's lab. */
  presetIp(name: PresetName): string
  /** Whether a scan of `cidr` stays inside this worker's /16. */
  owns(cidr: string): boolean
}

export function workerNet(index = Number(process.env.TEST_PARALLEL_INDEX ?? 0)): WorkerNet {
  if (!Number.isInteger(index) || index < 0 || index > 255) throw new Error(`TEST_PARALLEL_INDEX must be a whole number 0–255, not ${String(index)}`)
  const addr = (rest: string) => `127.${index}.${rest}`
  const block = addr('10')
  return {
    index,
    addr,
    block,
    subnet: addr('10.0/24'),
    gateway: addr('10.1'),
    vip: addr('10.50'),
    presetIp: (name) => presetIpIn(block, name),
    owns(cidr) {
      const [ip, bits] = cidr.split('/')
      return Number(bits) >= 16 && Number(bits) <= 32 && (ip ?? '').startsWith(addr(''))
    }
  }
}
