import { describe, expect, it } from 'vitest'
import { formatDuration, progressLine } from '@cli/commands/assets-format'
import type { Operation } from '@shared/contract/operations'

const op = (patch: Partial<Operation>): Operation => ({
  id: 'op_download_1',
  type: 'download',
  target: 'talos.iso v1.11.5 amd64',
  instance: 'lab',
  status: 'running',
  message: 'Check sizes and free space…',
  progress: 0,
  startedAt: '2025-01-01T00:00:00.000Z',
  endedAt: null,
  steps: [],
  currentStep: null,
  currentStepStartedAt: null,
  bytesDone: null,
  bytesTotal: null,
  bytesPerSecond: null,
  logTail: [],
  failedStep: null,
  error: null,
  ...patch
})

describe('download progress line', () => {
  it('shows bytes, percent, rate and ETA', () => {
    expect(progressLine(op({ bytesDone: 50 * 1024 * 1024, bytesTotal: 200 * 1024 * 1024, bytesPerSecond: 10 * 1024 * 1024 }))).toBe(
      'talos.iso v1.11.5 amd64: 50.0 MiB of 200.0 MiB (25%), 10.0 MiB/s, ETA 15s'
    )
  })

  it('shows the step message before any byte arrived', () => {
    expect(progressLine(op({}))).toBe('talos.iso v1.11.5 amd64: Check sizes and free space…')
  })

  it('formats durations', () => {
    expect([formatDuration(5), formatDuration(125), formatDuration(7300)]).toEqual(['5s', '2m05s', '2h01m'])
  })
})
