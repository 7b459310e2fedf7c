import type { z } from 'zod'

/** A command: one name, one input schema, one output schema. */
export interface CommandDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I
  readonly output: O
  /** One line for docs and the diagnostics screen. */
  summary: string
}
export type CommandMap = Record<string, CommandDef>
export type EventMap = Record<string, z.ZodType>

/**
 * A command whose schemas are built the first time they are read. Every `wild` run is a fresh
 * process that runs one command: building all of the contract's schemas up front was most of the
 * time the CLI spent before doing anything. Each schema is built once and kept.
 */
export function command<I extends z.ZodType, O extends z.ZodType>(spec: { summary: string; input: () => I; output: () => O }): CommandDef<I, O> {
  let input: I | undefined
  let output: O | undefined
  return {
    summary: spec.summary,
    get input() {
      return (input ??= spec.input())
    },
    get output() {
      return (output ??= spec.output())
    }
  }
}
