import { randomBytes } from 'node:crypto'
import type { OperationType } from '../../shared/contract/operations'

/** UTC yyyymmddhhmmss: sorts like the start time and reads at a glance in a file listing. */
export function compactTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

/** A short lower-case suffix so two ops of one type in the same second never collide. */
export function randomSuffix(bytes = 5): string {
  return BigInt('0x' + randomBytes(bytes).toString('hex'))
    .toString(36)
    .padStart(8, '0')
}

/** `op_<type>_<yyyymmddhhmmss>_<random>`, which OperationId accepts and a file name can hold. */
export function newOperationId(type: OperationType, now: Date, random: () => string = randomSuffix): string {
  return `op_${type}_${compactTimestamp(now)}_${random()}`
}
