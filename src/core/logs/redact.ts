/**
 * Secrets never reach a log file or a diagnostics bundle. talosctl's stderr, its arguments and
 * an operation's messages can quote a talosconfig, a kubeconfig, a machine config or a PEM block;
 * each is replaced by a marker that says what was there, so a log still reads sensibly.
 */
export const REDACTED = '[redacted]'

/** Whole PEM blocks: certificates, private keys of any kind, CSRs. */
const PEM = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?(?:-----END \1-----|$)/g
/** YAML/JSON keys whose value is a credential (talosconfig ca/crt/key, kubeconfig *-data, tokens, secrets.yaml). */
const SECRET_KEY =
  /(["']?\b(?:ca|crt|key|token|secret|password|bootstraptoken|secretboxencryptionsecret|aescbcencryptionsecret|client-certificate-data|client-key-data|certificate-authority-data|id-token|refresh-token|auth-provider|trustdinfo)\b["']?\s*[:=]\s*)(["']?)[^\s"',}]+\2/gi
/** An HTTP Authorization header or a bearer token given inline. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g
/** A Kubernetes bootstrap token (abcdef.0123456789abcdef). */
const BOOTSTRAP_TOKEN = /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g
/** Long base64 runs: a key or certificate that lost its PEM armour (talosconfig fields are base64 PEM). */
const BASE64_BLOB = /[A-Za-z0-9+/]{64,}={0,2}/g
/** A Talos machine config document: everything after its header is private (CA keys, tokens). */
const MACHINE_CONFIG = /(^|\n)version: v1alpha1\b[\s\S]*?(?=\n---|$)/g
/** A talosconfig or kubeconfig document. */
const CLIENT_CONFIG = /(^|\n)(?:context: \S+\ncontexts:|apiVersion: v1\s*\n(?:[\s\S]*?\n)?kind: Config\b)[\s\S]*?(?=\n---|$)/g

export function redactText(text: string): string {
  if (!text) return text
  return text
    .replace(MACHINE_CONFIG, (_m, lead: string) => `${lead}[redacted Talos machine config]`)
    .replace(CLIENT_CONFIG, (_m, lead: string) => `${lead}[redacted talosconfig/kubeconfig]`)
    .replace(PEM, (_m, kind: string) => `[redacted ${kind.toLowerCase()}]`)
    .replace(SECRET_KEY, (_m, key: string) => `${key}${REDACTED}`)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(BOOTSTRAP_TOKEN, REDACTED)
    .replace(BASE64_BLOB, REDACTED)
}

/** Keys whose whole value is a secret, wherever they appear in a logged object. */
const SECRET_FIELD = /^(?:talosconfig|kubeconfig|secrets?|token|password|key|crt|ca|input|machineConfig|config)$/i

/** A deep copy of a log record with every string redacted and secret-named fields dropped. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value)
  if (depth > 8 || value === null || typeof value !== 'object') return value
  if (value instanceof Error) return { name: value.name, message: redactText(value.message), code: (value as { code?: unknown }).code }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELD.test(k) && typeof v === 'string' ? REDACTED : redactValue(v, depth + 1)
  return out
}
