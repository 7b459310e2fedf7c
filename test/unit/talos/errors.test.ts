import { describe, expect, it } from 'vitest'
import { classifyTalosctlFailure, errorLine, recognise, subcommandOf, targetOf } from '@core/talos/errors'
import type { ErrorCode } from '@shared/errors'

/** Real stderr texts from reference/talos.md §1 and §5–§6 (every failure exits 1). */
const REAL: [string, string, ErrorCode][] = [
  [
    'port closed',
    'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 192.168.1.50:50000: connect: connection refused"',
    'NODE_UNREACHABLE'
  ],
  [
    'no route to host',
    'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 192.168.1.50:50000: connect: no route to host"',
    'NODE_UNREACHABLE'
  ],
  [
    'host silent or filtered',
    'rpc error: code = Unavailable desc = last connection error: connection error: desc = "transport: Error while dialing: dial tcp 10.0.22.188:50000: i/o timeout"',
    'NODE_UNREACHABLE'
  ],
  [
    'apply-config against a closed port',
    'error applying new configuration: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 192.168.1.50:50000: connect: connection refused"',
    'NODE_UNREACHABLE'
  ],
  [
    'talosconfig CA against a maintenance node',
    'rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"',
    'CERT_OR_AUTH'
  ],
  [
    'talosconfig from another cluster',
    'rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of \\"x509: Ed25519 verification failure\\" while trying to verify candidate authority certificate \\"talos\\")"',
    'CERT_OR_AUTH'
  ],
  [
    '--insecure against a configured node',
    'rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: remote error: tls: certificate required"',
    'NOT_IN_MAINTENANCE'
  ],
  ['no endpoints', 'error constructing client: failed to determine endpoints', 'CERT_OR_AUTH'],
  [
    'empty talosconfig with -e',
    'error constructing client: failed to create client connection: failed to resolve configuration context: talos config file is empty',
    'CERT_OR_AUTH'
  ],
  [
    'bad context with -e',
    'error constructing client: failed to create client connection: failed to resolve configuration context: context "x" not found in config',
    'CERT_OR_AUTH'
  ],
  [
    'version in maintenance mode',
    'error getting version: rpc error: code = Unimplemented desc = API is not implemented in maintenance mode',
    'MAINTENANCE_UNSUPPORTED'
  ],
  [
    'apply-config with a mode maintenance does not accept',
    "error applying new configuration: rpc error: code = Unimplemented desc = apply configuration --mode='no-reboot' is not supported in maintenance mode",
    'MAINTENANCE_UNSUPPORTED'
  ],
  ['bootstrap twice', 'error executing bootstrap: rpc error: code = AlreadyExists desc = etcd data directory is not empty', 'ALREADY_BOOTSTRAPPED'],
  ['bootstrap too early', 'error executing bootstrap: rpc error: code = FailedPrecondition desc = bootstrap is not available yet', 'BUSY'],
  ['bootstrap before time sync', 'error executing bootstrap: rpc error: code = FailedPrecondition desc = time is not in sync yet', 'BUSY'],
  [
    'get of a missing id',
    "1 error occurred:\n\t* rpc error: code = NotFound desc = resource Disks.block.talos.dev(runtime/sdz@undefined) doesn't exist\n\n",
    'NOT_FOUND'
  ],
  ['get of an unknown type', 'rpc error: code = NotFound desc = resource "foo" is not registered', 'NOT_FOUND'],
  [
    'invalid configuration',
    'error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed: 1 error occurred:\n\t* install disk or diskSelector should be defined',
    'CONFIG_INVALID'
  ],
  ['gen config over an existing file', 'file "_out/controlplane.yaml" already exists, use --force to overwrite', 'CONFLICT'],
  [
    'version warning followed by a refusal',
    'WARNING: 192.168.1.50: server version 1.10.5 is older than client version 1.11.6\nerror getting version: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 192.168.1.50:50000: connect: connection refused"',
    'NODE_UNREACHABLE'
  ],
  ['healthcheck failure', 'healthcheck error: rpc error: code = DeadlineExceeded desc = context deadline exceeded', 'TIMEOUT'],
  ['something new', 'error: the flux capacitor is out of sync', 'UNKNOWN']
]

describe('recognising talosctl failures from their real text', () => {
  it.each(REAL)('%s → %s', (_name, stderr, code) => {
    expect(recognise(stderr)).toBe(code)
    const err = classifyTalosctlFailure({ args: ['get', 'disks', '--insecure', '-n', '192.168.1.50', '-o', 'json'], exitCode: 1, stderr })
    expect(err.code).toBe(code)
    expect(err.details).toMatchObject({ exitCode: 1, command: 'talosctl get disks --insecure -n 192.168.1.50 -o json' })
    expect((err.details as { stderrTail: string }).stderrTail).toContain(stderr.trim().split('\n').pop()!.trim())
  })

  it('names the machine and the next step in plain words', () => {
    const unreachable = classifyTalosctlFailure({ args: ['get', 'machinestatus', '--insecure', '-n', '192.168.1.50'], stderr: REAL[0]![1], exitCode: 1 })
    expect(unreachable.message).toMatch(/^Could not reach 192\.168\.1\.50 on port 50000 \(connection refused/)
    expect(unreachable.message).toMatch(/powered on/)
    const configured = classifyTalosctlFailure({ args: ['get', 'disks', '--insecure', '-n', '10.0.0.5'], stderr: REAL[6]![1], exitCode: 1 })
    expect(configured.message).toMatch(/10\.0\.0\.5 is already configured/)
    const maintenance = classifyTalosctlFailure({ args: ['version', '--insecure', '-n', '10.0.0.5'], stderr: REAL[10]![1], exitCode: 1 })
    expect(maintenance.message).toMatch(/10\.0\.0\.5 is in maintenance mode, where "version" is not available/)
    const unknown = classifyTalosctlFailure({
      args: ['get', 'disks'],
      stderr: 'Usage:\n  talosctl get\nerror: the flux capacitor is out of sync\n',
      exitCode: 1
    })
    expect(unknown.message).toBe('talosctl get disks failed: error: the flux capacitor is out of sync')
  })

  it('keeps only the tail of a long stderr', () => {
    const stderr = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')
    const err = classifyTalosctlFailure({ args: ['health'], stderr, exitCode: 1 })
    const tail = (err.details as { stderrTail: string }).stderrTail.split('\n')
    expect(tail).toHaveLength(20)
    expect(tail.at(-1)).toBe('line 99')
  })

  it.each<[string, Parameters<typeof classifyTalosctlFailure>[0], ErrorCode, RegExp]>([
    [
      'a missing binary',
      { args: ['version', '--client'], talosctlPath: '/opt/none/talosctl', stderr: '', spawnErrorCode: 'ENOENT' },
      'TALOSCTL_NOT_FOUND',
      /not found at "\/opt\/none\/talosctl".*Settings/
    ],
    ['a binary that is not executable', { args: ['version'], stderr: '', spawnErrorCode: 'EACCES' }, 'TALOSCTL_NOT_FOUND', /cannot be run/],
    ['a cancelled call', { args: ['apply-config', '-n', '1.2.3.4'], stderr: '', cancelled: true }, 'CANCELLED', /apply-config was cancelled/],
    [
      'a timed-out call',
      { args: ['get', 'disks', '--insecure', '-n', '1.2.3.4'], stderr: '', timedOut: true, timeoutMs: 20_000 },
      'TIMEOUT',
      /did not finish within 20 s talking to 1\.2\.3\.4/
    ]
  ])('classifies %s', (_name, failure, code, message) => {
    const err = classifyTalosctlFailure(failure)
    expect(err.code).toBe(code)
    expect(err.message).toMatch(message)
  })
})

describe('reading the command line for messages', () => {
  it.each<[string[], string]>([
    [['get', 'disks', '--insecure', '-n', '1.2.3.4'], 'get disks'],
    [['--talosconfig', '/x/talosconfig', 'bootstrap', '-e', '1.2.3.4', '-n', '1.2.3.4'], 'bootstrap'],
    [['config', 'endpoint', '1.2.3.4'], 'config endpoint'],
    [['gen', 'config', 'c', 'https://1.2.3.4:6443'], 'gen config'],
    [['apply-config', '--insecure', '-n', '1.2.3.4', '--file', 'x'], 'apply-config']
  ])('%j is "%s"', (args, sub) => {
    expect(subcommandOf(args)).toBe(sub)
  })

  it.each<[string[], string | null]>([
    [['get', 'disks', '-n', '1.2.3.4'], '1.2.3.4'],
    [['get', 'disks', '--nodes=1.2.3.4,5.6.7.8'], '1.2.3.4'],
    [['bootstrap', '-e', '9.9.9.9'], '9.9.9.9'],
    [['version', '--client'], null]
  ])('%j targets %s', (args, target) => {
    expect(targetOf(args)).toBe(target)
  })

  it('picks the error line out of usage text and warnings', () => {
    expect(errorLine('WARNING: x is older\n1 error occurred:\n\t* rpc error: code = NotFound desc = gone\n\n')).toBe('rpc error: code = NotFound desc = gone')
  })
})

describe('an apply rejection keeps its reasons', () => {
  const apply = ['apply-config', '--insecure', '-n', '192.168.1.50', '--file', 'cp-1.yaml']

  it('names the one reason talosctl gave under "1 error occurred"', () => {
    const stderr =
      'error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed: 1 error occurred:\n' +
      '\t* install disk or diskSelector should be defined\n\n'
    const err = classifyTalosctlFailure({ args: apply, stderr, exitCode: 1 })
    expect(err.code).toBe('CONFIG_INVALID')
    expect(err.message).toBe(
      '192.168.1.50 rejected the machine configuration: configuration validation failed: ' +
        'install disk or diskSelector should be defined. Fix the configuration and apply it again.'
    )
  })

  it('names every reason of several, and a runtime validation failure too', () => {
    const stderr =
      'error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed: 2 errors occurred:\n' +
      '\t* machine.ca is required\n' +
      '\t* cluster.controlPlane.endpoint is required\n\n'
    const err = classifyTalosctlFailure({ args: apply, stderr, exitCode: 1 })
    expect(err.code).toBe('CONFIG_INVALID')
    expect(err.message).toContain('configuration validation failed: machine.ca is required; cluster.controlPlane.endpoint is required.')
    expect(err.message).not.toMatch(/errors? occurred/)

    const runtime =
      'error applying new configuration: rpc error: code = InvalidArgument desc = runtime configuration validation failed: 1 error occurred:\n' +
      '\t* no disks matched the expression: {"size":">= 9TB"}\n\n'
    expect(classifyTalosctlFailure({ args: apply, stderr: runtime, exitCode: 1 }).message).toContain(
      'runtime configuration validation failed: no disks matched the expression: {"size":">= 9TB"}.'
    )
  })
})
