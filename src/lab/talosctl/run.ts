import { readLab, labFileFromEnv } from '../state'
import { checkArgs, parseFlags, usageText } from './args'
import { COMMANDS } from './commands'
import { GLOBAL_FLAGS, type Command } from './command'
import { Aborted, createContext, type TalosctlIo } from './context'
import { ReportedError, TalosctlError, wantsUsage } from './errors'

export type { TalosctlIo } from './context'

/**
 * The fake talosctl as a function, so a process (bin.ts) and an in-process demo can share it.
 * Returns the exit code: 0 on success, 1 on every failure, as talosctl does.
 */

const GROUPS = new Set(COMMANDS.filter((c) => c.path.length > 1).map((c) => c.path[0]!))

function names(c: Command, depth: number): string[] {
  const word = c.path[depth]!
  return depth === c.path.length - 1 ? [word, ...(c.aliases ?? [])] : [word]
}

/** Cobra's search: skip root flags (an unknown or value flag also swallows the next word). */
export function findCommand(argv: string[]): { command?: Command; words: string[]; rest: string[]; stray?: string } {
  const takesValue = (tok: string): boolean => {
    if (tok.includes('=')) return false
    const spec = tok.startsWith('--')
      ? GLOBAL_FLAGS.find((f) => f.name === tok.slice(2))
      : tok.length === 2
        ? GLOBAL_FLAGS.find((f) => f.short === tok[1])
        : undefined
    if (!tok.startsWith('--') && tok.length !== 2) return false
    return !spec || spec.kind !== 'bool'
  }
  const positions: number[] = []
  const words: string[] = []
  let stray: string | undefined
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const tok = argv[i]!
    if (tok === '--') break
    if (tok.startsWith('-') && tok.length > 1) {
      if (takesValue(tok)) i++
      continue
    }
    const depth = words.length
    const candidates = COMMANDS.filter((c) => c.path.length > depth && words.every((w, k) => names(c, k).includes(w)))
    if (!candidates.some((c) => names(c, depth).includes(tok))) {
      stray = tok
      break
    }
    words.push(tok)
    positions.push(i)
    if (candidates.some((c) => c.path.length === depth + 1 && names(c, depth).includes(tok))) break
  }
  const command = COMMANDS.find((c) => c.path.length === words.length && words.every((w, k) => names(c, k).includes(w)))
  const rest = argv.filter((_, i) => !positions.includes(i))
  return { command, words, rest, stray }
}

export async function runTalosctl(argv: string[], io: TalosctlIo): Promise<number> {
  const { command, words, rest, stray } = findCommand(argv)
  const commandPath = ['talosctl', ...words].join(' ')
  const below = COMMANDS.filter((c) => words.every((w, k) => c.path[k] === w)).map((c) => `  ${c.path.join(' ')}`)
  let usage = usageText(`${words.join(' ') || '[command]'}`, GLOBAL_FLAGS, GLOBAL_FLAGS).replace(
    '\nFlags:\n',
    `\nAvailable Commands:\n${below.join('\n')}\n\nFlags:\n`
  )
  try {
    if (!command) {
      if (stray !== undefined && (words.length === 0 || GROUPS.has(words[0]!))) {
        throw new TalosctlError(`unknown command "${stray}" for "${commandPath}"`)
      }
      io.stdout.write(usage)
      return 0
    }
    const specs = [...command.flags, ...GLOBAL_FLAGS]
    usage = usageText(command.use, specs, GLOBAL_FLAGS)
    const parsed = parseFlags(rest, specs)
    if (parsed.flags.help === true) {
      io.stdout.write(usage)
      return 0
    }
    checkArgs(command.args, parsed.args, commandPath)
    const labFile = labFileFromEnv(io.env)
    const ctx = createContext(io, parsed, labFile, await readLab(labFile))
    await command.run(ctx)
    return 0
  } catch (e) {
    if (e instanceof Aborted) return 130
    if (e instanceof ReportedError) return 1
    const message = e instanceof Error ? e.message : String(e)
    io.stderr.write(message + '\n')
    if (e instanceof TalosctlError && wantsUsage(message)) io.stderr.write('\n' + usage + '\n')
    return 1
  }
}
