import { AppError, type ErrorCode } from '../../shared/errors'

/**
 * Turns a failed talosctl run into an AppError an operator can act on. talosctl exits 1 for
 * every failure and prints one error text on stderr (reference §0, §5), so the text is the
 * only thing to go on. Pure: the runner gathers the facts, this decides.
 */
export interface TalosctlFailure {
  args: readonly string[]
  talosctlPath?: string
  exitCode?: number
  stderr: string
  /** Node's spawn error code (ENOENT when the binary is missing). */
  spawnErrorCode?: string
  timedOut?: boolean
  cancelled?: boolean
  timeoutMs?: number
}

export interface TalosctlErrorDetails {
  command: string
  exitCode: number | null
  stderrTail: string
}

const TAIL_LINES = 20
const TAIL_CHARS = 4000

export function stderrTail(stderr: string): string {
  const lines = stderr.replace(/\s+$/, '').split('\n')
  const tail = lines.slice(-TAIL_LINES).join('\n')
  return tail.length > TAIL_CHARS ? tail.slice(-TAIL_CHARS) : tail
}

/** The value of `-n/--nodes` (or `-e`) in the arguments, for messages. */
export function targetOf(args: readonly string[]): string | null {
  for (const flags of [
    ['-n', '--nodes'],
    ['-e', '--endpoints']
  ]) {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!
      if (flags.includes(a) && args[i + 1]) return args[i + 1]!.split(',')[0]!
      for (const f of flags) if (a.startsWith(f + '=')) return a.slice(f.length + 1).split(',')[0]!
    }
  }
  return null
}

/** "get disks", "apply-config", "config endpoint": the words before the first flag. */
export function subcommandOf(args: readonly string[]): string {
  const words: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a.startsWith('-')) {
      // Global flags that take a value come before the subcommand in our own argument lists.
      if (['--talosconfig', '-n', '--nodes', '-e', '--endpoints', '--context'].includes(a)) i++
      continue
    }
    words.push(a)
    if (words.length === 2) break
  }
  if (words[0] && !['get', 'gen', 'config', 'machineconfig'].includes(words[0])) return words[0]
  return words.join(' ') || 'talosctl'
}

const MULTIERROR_HEAD = /\s*\b\d+ errors? occurred:?\s*$/

/**
 * The reasons of a hashicorp multierror list ("N errors occurred:", then "\t* reason" lines, then
 * a blank line), from the text after its head. A reason that spans lines continues unprefixed.
 */
export function multierrorReasons(text: string): string[] {
  const reasons: string[] = []
  for (const line of text.replace(/^\r?\n/, '').split(/\r?\n/)) {
    const bullet = /^\s*\* (.*)$/.exec(line)
    if (bullet) reasons.push(bullet[1]!.trim())
    else if (!line.trim() || reasons.length === 0) break
    else reasons[reasons.length - 1] += ` ${line.trim()}`
  }
  return reasons.filter(Boolean)
}

/**
 * `rpc error: code = X desc = Y` → {grpcCode, desc}. When Y ends in a multierror head (an apply
 * rejection: "configuration validation failed: 1 error occurred:"), the reasons on the lines
 * after it are the point, so they replace the head: "configuration validation failed: a; b".
 */
export function grpcError(stderr: string): { grpcCode: string; desc: string } | null {
  const m = /rpc error: code = (\w+) desc = ([^\n]*)/.exec(stderr)
  if (!m) return null
  let desc = m[2]!.trim()
  if (MULTIERROR_HEAD.test(desc)) {
    const reasons = multierrorReasons(stderr.slice(m.index + m[0].length))
    const head = desc.replace(MULTIERROR_HEAD, '').replace(/:$/, '')
    if (reasons.length) desc = head ? `${head}: ${reasons.join('; ')}` : reasons.join('; ')
  }
  return { grpcCode: m[1]!, desc }
}

/** The most telling line of stderr: the error itself, not WARNINGs, usage or multierror framing. */
export function errorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s+/, '').trim())
    .filter((l) => l && !/^WARNING:/.test(l) && !/^\d+ errors? occurred:?$/.test(l) && !/^Usage:/.test(l))
  const err = lines.find((l) => /error|failed|refused|timeout|not |denied/i.test(l))
  return err ?? lines[lines.length - 1] ?? ''
}

interface Recognised {
  code: ErrorCode
  message: (ctx: { node: string; sub: string; line: string; desc: string }) => string
}

/**
 * Ordered: the first match wins. TLS texts come before the generic `code = Unavailable`, because
 * a configured node refusing --insecure also reports Unavailable.
 */
const PATTERNS: { test: RegExp; result: Recognised }[] = [
  {
    test: /tls: certificate required/,
    result: {
      code: 'NOT_IN_MAINTENANCE',
      message: ({ node }) =>
        `${node} is already configured (it belongs to a cluster), so it refuses maintenance-mode calls. ` +
        `Use the talosconfig of the cluster it belongs to, or reset the machine if it should join this cluster.`
    }
  },
  {
    test: /x509:|certificate signed by unknown authority|authentication handshake failed|tls: bad certificate|tls: unknown certificate authority/,
    result: {
      code: 'CERT_OR_AUTH',
      message: ({ node }) =>
        `${node} did not accept this instance's credentials (its certificate is not from this cluster's authority). ` +
        `Either the machine is still in maintenance mode (detect it again without a talosconfig) or it belongs to another cluster.`
    }
  },
  {
    test: /code = PermissionDenied/,
    result: {
      code: 'CERT_OR_AUTH',
      message: ({ node, sub }) => `${node} refused "${sub}": the credentials in use are not allowed to do that. Use the instance's admin talosconfig.`
    }
  },
  {
    test: /talos config file is empty|failed to determine endpoints|failed to resolve configuration context|not found in config/,
    result: {
      code: 'CERT_OR_AUTH',
      message: ({ line }) =>
        `The talosconfig for this call is missing, empty or has no endpoint (${line}). ` +
        `Generate the cluster configuration first, or set the control-plane endpoint.`
    }
  },
  {
    test: /not implemented in maintenance mode|not supported in maintenance mode/,
    result: {
      code: 'MAINTENANCE_UNSUPPORTED',
      message: ({ node, sub, desc }) => `${node} is in maintenance mode, where "${sub}" is not available (${desc}). Apply a machine configuration first.`
    }
  },
  {
    test: /code = AlreadyExists/,
    result: {
      code: 'ALREADY_BOOTSTRAPPED',
      message: ({ node }) => `The cluster on ${node} is already bootstrapped (etcd already holds data). Nothing to do: carry on with the next step.`
    }
  },
  {
    test: /connection refused|no route to host|i\/o timeout|network is unreachable|host is unreachable|code = Unavailable|no such host/,
    result: {
      code: 'NODE_UNREACHABLE',
      message: ({ node, line }) => {
        const why = /connection refused/.test(line)
          ? 'connection refused: the machine answers but nothing listens on port 50000 yet'
          : /no route to host|host is unreachable|network is unreachable/.test(line)
            ? 'no route to host: nothing answers at that address'
            : /i\/o timeout/.test(line)
              ? 'no answer: the address is silent or a firewall drops the traffic'
              : /no such host/.test(line)
                ? 'the name does not resolve'
                : 'the connection failed'
        return (
          `Could not reach ${node} on port 50000 (${why}). ` +
          `Check that the machine is powered on, has booted Talos, and is on a network this computer can reach.`
        )
      }
    }
  },
  {
    test: /code = FailedPrecondition/,
    result: {
      code: 'BUSY',
      message: ({ node, sub, desc }) => `${node} is not ready for "${sub}" yet (${desc}). Wait a moment and try again.`
    }
  },
  {
    test: /code = InvalidArgument|configuration validation failed/,
    result: {
      code: 'CONFIG_INVALID',
      message: ({ node, desc, line }) => `${node} rejected the machine configuration: ${desc || line}. Fix the configuration and apply it again.`
    }
  },
  {
    test: /code = NotFound|doesn't exist|is not registered/,
    result: {
      code: 'NOT_FOUND',
      message: ({ node, desc, line }) => `${node} has no such resource: ${desc || line}.`
    }
  },
  {
    test: /already exists, use --force/,
    result: {
      code: 'CONFLICT',
      message: ({ line }) => `${line}. The file was left as it is.`
    }
  },
  {
    test: /code = DeadlineExceeded|context deadline exceeded/,
    result: {
      code: 'TIMEOUT',
      message: ({ node, sub }) => `${node} did not finish "${sub}" in time. Check the machine's console, then try again.`
    }
  }
]

/** Which error a stderr text means. Exported for tables of real texts in tests. */
export function recognise(stderr: string): ErrorCode {
  return PATTERNS.find((p) => p.test.test(stderr))?.result.code ?? 'UNKNOWN'
}

export function classifyTalosctlFailure(f: TalosctlFailure): AppError {
  const sub = subcommandOf(f.args)
  const node = targetOf(f.args) ?? 'The machine'
  const details: TalosctlErrorDetails = {
    command: ['talosctl', ...f.args].join(' '),
    exitCode: f.exitCode ?? null,
    stderrTail: stderrTail(f.stderr)
  }
  if (f.spawnErrorCode === 'ENOENT' || f.spawnErrorCode === 'EACCES') {
    const where = f.talosctlPath ? ` at "${f.talosctlPath}"` : ''
    const what = f.spawnErrorCode === 'ENOENT' ? 'was not found' : 'cannot be run (permission denied)'
    return new AppError(
      'TALOSCTL_NOT_FOUND',
      `talosctl ${what}${where}. Install talosctl (talos.dev, "Install talosctl") or set its path in Settings.`,
      details
    )
  }
  if (f.cancelled) return new AppError('CANCELLED', `talosctl ${sub} was cancelled.`, details)
  if (f.timedOut) {
    const secs = f.timeoutMs ? ` within ${Math.round(f.timeoutMs / 1000)} s` : ''
    const target = targetOf(f.args)
    return new AppError(
      'TIMEOUT',
      `talosctl ${sub} did not finish${secs}${target ? ` talking to ${target}` : ''}. ` + `Check that the machine is on and reachable, then try again.`,
      details
    )
  }
  const hit = PATTERNS.find((p) => p.test.test(f.stderr))
  const line = errorLine(f.stderr)
  const desc = grpcError(f.stderr)?.desc ?? ''
  if (hit) return new AppError(hit.result.code, hit.result.message({ node, sub, line, desc }), details)
  const what = line || (f.exitCode !== undefined ? `exit code ${f.exitCode}` : 'no error text')
  return new AppError('UNKNOWN', `talosctl ${sub} failed: ${what}`, details)
}

/** Output that talosctl printed but that does not have the documented shape. */
export function malformedOutput(what: string, problem: string, sample?: string): AppError {
  return new AppError(
    'MALFORMED_OUTPUT',
    `talosctl printed ${what} in an unexpected shape (${problem}). Check that talosctl and the machine run a supported Talos version (v1.9–v1.11).`,
    sample === undefined ? undefined : { sample: sample.slice(0, 500) }
  )
}
