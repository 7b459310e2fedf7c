import type { z } from 'zod'

/** A command: one name, one input schema, one output schema. */
export interface CommandDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** One line for docs and the diagnostics screen. */
  summary: string
}
export type CommandMap = Record<string, CommandDef>
export type EventMap = Record<string, z.ZodType>
