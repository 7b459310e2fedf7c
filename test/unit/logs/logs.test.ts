import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogs } from '@core/logs/logger'
import { logOperations } from '@core/logs/operation-log'
import { redactText } from '@core/logs/redact'
import { observeCalls, talosCallLogger } from '@core/logs/talos-calls'
import { EventBus } from '@core/event-bus'
import { AppError } from '@shared/errors'
import { createTalosRunner } from '@core/talos/runner'
import type { TalosCall } from '@core/logs/talos-calls'
import { withTempDir } from '../../helpers/tmp'
import { KUBECONFIG, MACHINE_CONFIG, PEM_CERT, PEM_KEY, SECRET_STRINGS, TALOSCONFIG } from '../../helpers/secrets'

const read = (dir: string, topic: string) => readFileSync(join(dir, 'logs', `${topic}.log`), 'utf8')
const POSIX = process.platform !== 'win32'

describe('redaction', () => {
  it('removes PEM blocks, talosconfig/kubeconfig credentials, machine configs and tokens', () => {
    const text = [
      PEM_KEY,
      PEM_CERT,
      TALOSCONFIG,
      '---',
      KUBECONFIG,
      '---',
      MACHINE_CONFIG,
      'Authorization: Bearer abc.def.ghi-jkl',
      'join abcdef.0123456789abcdef'
    ].join('\n')
    const out = redactText(text)
    for (const s of SECRET_STRINGS) expect(out).not.toContain(s)
    expect(out).not.toContain('abc.def.ghi-jkl')
    expect(out).toContain('[redacted ed25519 private key]')
    expect(out).toContain('[redacted Talos machine config]')
  })

  it('keeps ordinary talosctl errors readable', () => {
    const line = 'error getting version: rpc error: code = Unavailable desc = connection refused 10.0.0.12:50000'
    expect(redactText(line)).toBe(line)
  })
})

describe('log files', () => {
  it('writes one 0600 file per topic in a 0700 folder, with secrets redacted', async () => {
    await withTempDir(async (dir) => {
      const logs = createLogs({ dataDir: dir, source: 'app' })
      logs.app.info({ talosconfig: TALOSCONFIG, detail: PEM_KEY }, `started with ${KUBECONFIG}`)
      logs.talosctl.warn({ stderr: MACHINE_CONFIG }, 'failed')
      logs.operations.error({ error: new Error(`bad ${PEM_CERT}`) }, 'setup failed')
      expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['app.log', 'operations.log', 'talosctl.log'])
      for (const topic of ['app', 'talosctl', 'operations']) {
        const text = read(dir, topic)
        expect(text.length).toBeGreaterThan(0)
        for (const s of SECRET_STRINGS) expect(text).not.toContain(s)
        if (POSIX) expect(statSync(join(dir, 'logs', `${topic}.log`)).mode & 0o777).toBe(0o600)
      }
      if (POSIX) expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700)
      expect(JSON.parse(read(dir, 'app').split('\n')[0]!)).toMatchObject({ level: 30, src: 'app', msg: expect.stringContaining('started with') })
    })
  })

  it('rotates by size and keeps only the configured number of old files', async () => {
    await withTempDir(async (dir) => {
      const logs = createLogs({ dataDir: dir, source: 'app', maxBytes: 400, keep: 2 })
      for (let i = 0; i < 60; i++) logs.app.info({ i }, 'x'.repeat(50))
      const files = readdirSync(join(dir, 'logs'))
        .filter((f) => f.startsWith('app'))
        .sort()
      expect(files).toEqual(['app.1.log', 'app.2.log', 'app.log'])
      for (const f of files) expect(statSync(join(dir, 'logs', f)).size).toBeLessThan(400 + 200)
      // The newest line is in the current file, the oldest ones are gone.
      expect(read(dir, 'app')).toContain('"i":59')
      expect(files.map((f) => readFileSync(join(dir, 'logs', f), 'utf8')).join('')).not.toContain('"i":0,')
    })
  })
})

describe('talosctl calls and operations in the log', () => {
  it('logs each call with args, outcome, duration and redacted stderr, and never changes the result', async () => {
    await withTempDir(async (dir) => {
      const logs = createLogs({ dataDir: dir, source: 'app' })
      const sink = talosCallLogger(logs.talosctl)
      const ok = observeCalls(async () => ({ stdout: 'out', stderr: '' }), sink)
      await expect(ok(['version', '--nodes', '10.0.0.10'])).resolves.toEqual({ stdout: 'out', stderr: '' })
      const failing = observeCalls(async () => {
        throw new AppError('CERT_OR_AUTH', 'talosctl refused the certificate', { stderrTail: `x509: bad\n${PEM_KEY}` })
      }, sink)
      await expect(failing(['apply-config', '--file', '/x/final/cp1.yaml'])).rejects.toMatchObject({ code: 'CERT_OR_AUTH' })
      const lines = read(dir, 'talosctl')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      expect(lines[0]).toMatchObject({ args: ['version', '--nodes', '10.0.0.10'], outcome: 'ok', msg: 'talosctl version' })
      expect(typeof lines[0].durationMs).toBe('number')
      expect(lines[1]).toMatchObject({ outcome: 'CERT_OR_AUTH', stderr: expect.stringContaining('x509: bad') })
      for (const s of SECRET_STRINGS) expect(read(dir, 'talosctl')).not.toContain(s)
    })
  })

  it('writes an operation once when it starts and once when it ends', async () => {
    await withTempDir(async (dir) => {
      const logs = createLogs({ dataDir: dir, source: 'app' })
      const events = new EventBus()
      logOperations(events, logs.operations)
      const op = {
        id: 'op_1',
        type: 'setup' as const,
        target: 'cp1',
        instance: 'lab',
        startedAt: '2026-01-01T00:00:00Z',
        endedAt: null,
        logTail: [],
        failedStep: null,
        error: null,
        message: '',
        steps: [],
        currentStep: null,
        currentStepStartedAt: null,
        bytesDone: null,
        bytesTotal: null,
        bytesPerSecond: null
      }
      events.emit('operation.updated', { ...op, status: 'running' as const, progress: 10 })
      events.emit('operation.updated', { ...op, status: 'running' as const, progress: 50 })
      events.emit('operation.updated', {
        ...op,
        status: 'failed' as const,
        endedAt: '2026-01-01T00:01:00Z',
        error: { code: 'TIMEOUT', message: 'no answer' },
        progress: 100
      })
      const lines = read(dir, 'operations')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      expect(lines.map((l) => l.msg)).toEqual(['setup started', 'setup failed'])
      expect(lines[1]).toMatchObject({ durationMs: 60_000, error: { code: 'TIMEOUT' } })
    })
  })

  it('the runner reports its calls through onCall, the one injection point', async () => {
    const seen: TalosCall[] = []
    const runner = createTalosRunner({ talosctlPath: '/nonexistent/talosctl', defaultTimeoutMs: 5_000, onCall: (c) => void seen.push(c) })
    await expect(runner.run(['version', '--client'])).rejects.toMatchObject({ code: 'TALOSCTL_NOT_FOUND' })
    expect(seen).toEqual([expect.objectContaining({ args: ['version', '--client'], outcome: 'TALOSCTL_NOT_FOUND' })])
  })
})
