import { TalosctlError } from './errors'

/**
 * A small pflag-compatible parser: `--name=value`, `--name value`, `-n value`, `-nvalue`,
 * bool flags with optional `=false`, comma-split string slices, repeatable string arrays,
 * and `--` to end flags. Error texts are pflag's, which talosctl prints verbatim.
 */

export type FlagKind = 'bool' | 'string' | 'slice' | 'array'
export interface FlagSpec {
  name: string
  short?: string
  kind: FlagKind
  default?: string | boolean | string[]
  help?: string
}
export type FlagValue = string | boolean | string[]

export interface Parsed {
  flags: Record<string, FlagValue>
  /** Flags the user set explicitly. */
  changed: Set<string>
  args: string[]
}

function initial(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default
  return spec.kind === 'bool' ? false : spec.kind === 'string' ? '' : []
}

function parseBool(raw: string, display: string): boolean {
  if (/^(1|t|T|true|TRUE|True)$/.test(raw)) return true
  if (/^(0|f|F|false|FALSE|False)$/.test(raw)) return false
  throw new TalosctlError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`)
}

export function parseFlags(tokens: string[], specs: FlagSpec[]): Parsed {
  const byName = new Map(specs.map((s) => [s.name, s]))
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]))
  const flags: Record<string, FlagValue> = Object.fromEntries(specs.map((s) => [s.name, initial(s)]))
  const changed = new Set<string>()
  const args: string[] = []

  const set = (spec: FlagSpec, raw: string | undefined, display: string): void => {
    if (spec.kind === 'bool') {
      flags[spec.name] = raw === undefined ? true : parseBool(raw, display)
    } else if (spec.kind === 'string') {
      flags[spec.name] = raw ?? ''
    } else {
      const prev = changed.has(spec.name) ? (flags[spec.name] as string[]) : []
      const add = spec.kind === 'slice' ? (raw ?? '').split(',').filter((s) => s.length > 0) : [raw ?? '']
      flags[spec.name] = [...prev, ...add]
    }
    changed.add(spec.name)
  }

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!
    if (tok === '--') {
      args.push(...tokens.slice(i + 1))
      break
    }
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=')
      const name = eq >= 0 ? tok.slice(2, eq) : tok.slice(2)
      const spec = byName.get(name)
      if (!spec) throw new TalosctlError(`unknown flag: --${name}`)
      let raw = eq >= 0 ? tok.slice(eq + 1) : undefined
      if (raw === undefined && spec.kind !== 'bool') {
        if (i + 1 >= tokens.length) throw new TalosctlError(`flag needs an argument: --${name}`)
        raw = tokens[++i]
      }
      set(spec, raw, `--${name}`)
      continue
    }
    if (tok.startsWith('-') && tok.length > 1) {
      // Shorthand run: bool flags may be combined (-if); a value flag takes the rest or the next token.
      for (let j = 1; j < tok.length; j++) {
        const c = tok[j]!
        const spec = byShort.get(c)
        if (!spec) throw new TalosctlError(`unknown shorthand flag: '${c}' in ${tok}`)
        const rest = tok.slice(j + 1)
        const display = `-${c}, --${spec.name}`
        if (spec.kind === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), display)
            break
          }
          set(spec, undefined, display)
          continue
        }
        let raw: string | undefined = rest.startsWith('=') ? rest.slice(1) : rest.length > 0 ? rest : undefined
        if (raw === undefined) {
          if (i + 1 >= tokens.length) throw new TalosctlError(`flag needs an argument: '${c}' in -${c}`)
          raw = tokens[++i]
        }
        set(spec, raw, display)
        break
      }
      continue
    }
    args.push(tok)
  }
  return { flags, changed, args }
}

/** Cobra's positional-argument checks, with its texts. */
export type ArgRule = { min: number; max: number }

export function checkArgs(rule: ArgRule, args: string[], commandPath: string): void {
  const n = args.length
  if (rule.max === 0 && n > 0) throw new TalosctlError(`unknown command "${args[0]}" for "${commandPath}"`)
  if (rule.min === rule.max && n !== rule.min) throw new TalosctlError(`accepts ${rule.min} arg(s), received ${n}`)
  if (rule.max === Infinity && n < rule.min) {
    throw new TalosctlError(`requires at least ${rule.min} arg(s), only received ${n}`)
  }
  if (rule.min === 0 && n > rule.max) throw new TalosctlError(`accepts at most ${rule.max} arg(s), received ${n}`)
  if (n < rule.min || n > rule.max) {
    throw new TalosctlError(`accepts between ${rule.min} and ${rule.max} arg(s), received ${n}`)
  }
}

export function usageText(use: string, specs: FlagSpec[], globals: FlagSpec[]): string {
  const line = (s: FlagSpec): string => {
    const head = s.short ? `  -${s.short}, --${s.name}` : `      --${s.name}`
    const type = s.kind === 'bool' ? '' : s.kind === 'string' ? ' string' : ' strings'
    return `${(head + type).padEnd(40)}${s.help ?? ''}`.trimEnd()
  }
  const local = specs.filter((s) => !globals.includes(s))
  return [
    'Usage:',
    `  talosctl ${use} [flags]`,
    '',
    'Flags:',
    ...local.map(line),
    '',
    'Global Flags:',
    ...globals.filter((g) => g.name !== 'help').map(line),
    ''
  ].join('\n')
}
