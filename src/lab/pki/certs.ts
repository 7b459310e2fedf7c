import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import { bitString, boolean, explicit, integer, octetString, oid, sequence, set, time, tlv, utf8 } from './der'

/**
 * Real, small X.509 certificates the way Talos makes them: the OS CA and admin client
 * certificate are Ed25519 ("ED25519 PRIVATE KEY" PEM), the Kubernetes and etcd CAs ECDSA P-256
 * ("EC PRIVATE KEY"). Real certificates let the fake talosctl verify a talosconfig as apid would.
 */

export type KeyKind = 'ed25519' | 'ecdsa'
export interface Subject {
  O?: string
  CN?: string
}
export interface CertAndKey {
  crt: string
  key: string
}
export interface IssueOptions {
  kind: KeyKind
  subject: Subject
  days: number
  ca?: boolean
  usages?: ('serverAuth' | 'clientAuth')[]
  dnsNames?: string[]
  ips?: string[]
}

const SIG_ALG: Record<KeyKind, Buffer> = {
  ed25519: sequence(oid('1.3.101.112')),
  ecdsa: sequence(oid('1.2.840.10045.4.3.2'))
}

function name(s: Subject): Buffer {
  const rdns: Buffer[] = []
  if (s.O !== undefined) rdns.push(set(sequence(oid('2.5.4.10'), utf8(s.O))))
  if (s.CN !== undefined) rdns.push(set(sequence(oid('2.5.4.3'), utf8(s.CN))))
  return sequence(...rdns)
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value))
}

function keyUsage(isCa: boolean): Buffer {
  // digitalSignature (bit 0) + keyEncipherment (bit 2), or digitalSignature + keyCertSign (bit 5).
  const bits = isCa ? 0x84 : 0xa0
  const unused = isCa ? 2 : 5
  return extension('2.5.29.15', true, bitString(Buffer.from([bits]), unused))
}

function extensions(o: IssueOptions): Buffer {
  const list = [extension('2.5.29.19', true, sequence(...(o.ca ? [boolean(true)] : []))), keyUsage(!!o.ca)]
  const usageOids = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' }
  if (o.usages?.length) list.push(extension('2.5.29.37', false, sequence(...o.usages.map((u) => oid(usageOids[u])))))
  const sans = [
    ...(o.dnsNames ?? []).map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
    ...(o.ips ?? []).map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number))))
  ]
  if (sans.length) list.push(extension('2.5.29.17', false, sequence(...sans)))
  return explicit(3, sequence(...list))
}

function newKey(kind: KeyKind): { privateKey: KeyObject; publicKey: KeyObject } {
  return kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' })
}

function keyPem(kind: KeyKind, key: KeyObject): string {
  if (kind === 'ecdsa') return String(key.export({ type: 'sec1', format: 'pem' }))
  const der = key.export({ type: 'pkcs8', format: 'der' })
  return pemBlock('ED25519 PRIVATE KEY', der)
}

export function pemBlock(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** Loads a PEM key, including Talos' "ED25519 PRIVATE KEY" label that OpenSSL does not know. */
export function loadKey(pem: string): KeyObject {
  return createPrivateKey(pem.replace(/ED25519 PRIVATE KEY/g, 'PRIVATE KEY'))
}

function kindOf(key: KeyObject): KeyKind {
  return key.asymmetricKeyType === 'ed25519' ? 'ed25519' : 'ecdsa'
}

/** Issues a certificate; without `issuer` it is self-signed. */
export function issue(o: IssueOptions, issuer?: CertAndKey): CertAndKey {
  const { privateKey, publicKey } = newKey(o.kind)
  const signer = issuer ? loadKey(issuer.key) : privateKey
  const signerKind = kindOf(signer)
  const issuerDer = issuer ? new X509Certificate(issuer.crt).raw : undefined
  const now = Date.now()
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(randomBytes(16)),
    SIG_ALG[signerKind],
    issuerDer ? subjectOf(issuerDer) : name(o.subject),
    sequence(time(new Date(now - 60_000)), time(new Date(now + o.days * 86_400_000))),
    name(o.subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions(o)
  )
  const signature = sign(signerKind === 'ed25519' ? null : 'sha256', tbs, signer)
  const der = sequence(tbs, SIG_ALG[signerKind], bitString(signature))
  return { crt: pemBlock('CERTIFICATE', der), key: keyPem(o.kind, privateKey) }
}

/** The subject Name bytes of a DER certificate, copied so an issued cert names its issuer exactly. */
function subjectOf(certDer: Buffer): Buffer {
  const items = children(children(certDer)[0]!)
  // tbs: [0]version, serial, sigAlg, issuer, validity, subject, …
  return items[5]!
}

function children(der: Buffer): Buffer[] {
  const out: Buffer[] = []
  const first = header(der, 0)
  const end = first.end
  let start = first.start
  while (start < end) {
    const h = header(der, start)
    out.push(der.subarray(start, h.end))
    start = h.end
  }
  return out
}

function header(der: Buffer, at: number): { start: number; end: number } {
  let len = der[at + 1]!
  let start = at + 2
  if (len & 0x80) {
    const n = len & 0x7f
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + der[at + 2 + i]!
    start += n
  }
  return { start, end: start + len }
}

/** True when `crtPem` carries a valid signature by the key of `caCrtPem`. */
export function signedBy(crtPem: string, caCrtPem: string): boolean {
  try {
    return new X509Certificate(crtPem).verify(new X509Certificate(caCrtPem).publicKey)
  } catch {
    return false
  }
}

export const toBase64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64')
export const fromBase64 = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8')
