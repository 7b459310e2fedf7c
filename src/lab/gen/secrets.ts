import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { parse, stringify } from 'yaml'
import { issue, toBase64, type CertAndKey } from '../pki/certs'

/**
 * A cluster secrets bundle shaped like `talosctl gen secrets` output: top-level keys cluster,
 * secrets, trustdinfo, certs; certificates and keys as base64 PEM. The OS CA is Ed25519 with
 * O=talos; the Kubernetes, aggregator and etcd CAs are ECDSA.
 */

export interface B64Pair {
  crt: string
  key: string
}
export interface SecretsBundle {
  cluster: { id: string; secret: string }
  secrets: { bootstraptoken: string; secretboxencryptionsecret: string }
  trustdinfo: { token: string }
  certs: {
    etcd: B64Pair
    k8s: B64Pair
    k8saggregator: B64Pair
    k8sserviceaccount: { key: string }
    os: B64Pair
  }
}

const b64Pair = (p: CertAndKey): B64Pair => ({ crt: toBase64(p.crt), key: toBase64(p.key) })

function token(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  const pick = (n: number): string => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('')
  return `${pick(6)}.${pick(16)}`
}

const TEN_YEARS = 3650

export function createOsCa(): CertAndKey {
  return issue({ kind: 'ed25519', subject: { O: 'talos' }, days: TEN_YEARS, ca: true })
}

export function generateSecrets(): SecretsBundle {
  const sa = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
  return {
    cluster: { id: randomBytes(32).toString('base64url'), secret: randomBytes(32).toString('base64') },
    secrets: { bootstraptoken: token(), secretboxencryptionsecret: randomBytes(32).toString('base64') },
    trustdinfo: { token: token() },
    certs: {
      etcd: b64Pair(issue({ kind: 'ecdsa', subject: { O: 'etcd' }, days: TEN_YEARS, ca: true })),
      k8s: b64Pair(issue({ kind: 'ecdsa', subject: { O: 'kubernetes' }, days: TEN_YEARS, ca: true })),
      k8saggregator: b64Pair(issue({ kind: 'ecdsa', subject: {}, days: TEN_YEARS, ca: true })),
      k8sserviceaccount: { key: toBase64(String(sa.export({ type: 'sec1', format: 'pem' }))) },
      os: b64Pair(createOsCa())
    }
  }
}

export function renderSecrets(s: SecretsBundle): string {
  return stringify(s, { indent: 4, lineWidth: 0 })
}

/** Reads a secrets file; throws with a plain message when a required part is missing. */
export function parseSecrets(text: string): SecretsBundle {
  const s = parse(text) as Partial<SecretsBundle> | null
  if (!s?.certs?.os?.crt || !s.certs.os.key || !s.certs.k8s?.crt || !s.cluster?.id) {
    throw new Error('failed to load secrets bundle: missing required fields')
  }
  return s as SecretsBundle
}
