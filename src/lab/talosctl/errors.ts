import type { UnreachableKind } from '../model'

/**
 * Error texts as talosctl prints them (reference talos.md §5). Every failure exits 1; the text
 * goes to stderr once, with usage appended when it mentions "arg(s)", "flag" or "command".
 */

export class TalosctlError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TalosctlError'
  }
}

/** A failure the command already reported on stderr (talosctl's action tracker): exit 1, print nothing more. */
export class ReportedError extends TalosctlError {}

/** An error a gRPC call returned; commands wrap it with their own prefix. */
export class RpcError extends TalosctlError {}

export const APID_PORT = 50000

export function dialError(ip: string, kind: UnreachableKind): RpcError {
  const target = `dial tcp ${ip}:${APID_PORT}`
  if (kind === 'timeout') {
    return new RpcError(
      `rpc error: code = Unavailable desc = last connection error: connection error: desc = "transport: Error while dialing: ${target}: i/o timeout"`
    )
  }
  const why = kind === 'refused' ? 'connect: connection refused' : 'connect: no route to host'
  return new RpcError(`rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: ${target}: ${why}"`)
}

const HANDSHAKE = 'transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority'

/** The talosconfig CA did not sign the server certificate. */
export function unknownAuthority(candidateTalosCa: boolean): RpcError {
  const tail = candidateTalosCa
    ? ` (possibly because of \\"x509: Ed25519 verification failure\\" while trying to verify candidate authority certificate \\"talos\\")`
    : ''
  return new RpcError(`rpc error: code = Unavailable desc = connection error: desc = "${HANDSHAKE}${tail}"`)
}

/** apid requires a client certificate (mTLS); TLS 1.3 reports it on the first read. */
export const certificateRequired = (): RpcError =>
  new RpcError('rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: remote error: tls: certificate required"')

/** apid rejected a client certificate its CA did not sign (Go servers send bad_certificate). */
export const badCertificate = (): RpcError =>
  new RpcError('rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: remote error: tls: bad certificate"')

export const maintenanceUnimplemented = (): RpcError => new RpcError('rpc error: code = Unimplemented desc = API is not implemented in maintenance mode')

export const noEndpoints = (): TalosctlError => new TalosctlError('error constructing client: failed to determine endpoints')

export const emptyTalosconfig = (): TalosctlError =>
  new TalosctlError('error constructing client: failed to create client connection: failed to resolve configuration context: talos config file is empty')

export const contextNotFound = (name: string): TalosctlError =>
  new TalosctlError(
    `error constructing client: failed to create client connection: failed to resolve configuration context: context "${name}" not found in config`
  )

export const nodesNotSet = (): TalosctlError =>
  new TalosctlError('nodes are not set for the command: please use `--nodes` flag or configuration file to set the nodes to run the command against')

/** hashicorp/go-multierror's format, which `get` uses for per-node errors. */
export function multiError(messages: string[]): TalosctlError {
  const noun = messages.length === 1 ? '1 error occurred' : `${messages.length} errors occurred`
  return new TalosctlError(`${noun}:\n${messages.map((m) => `\t* ${m}`).join('\n')}\n\n`)
}

export const fileExists = (path: string): TalosctlError => new TalosctlError(`file ${JSON.stringify(path)} already exists, use --force to overwrite`)

/** True when talosctl would print the usage text after the error. */
export function wantsUsage(message: string): boolean {
  return message.includes('arg(s)') || message.includes('flag') || message.includes('command')
}
