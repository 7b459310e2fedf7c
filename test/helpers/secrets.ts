/** Secret-looking texts for the log and bundle tests: each must never reach a file we write. */
export const FAKE_KEY_BODY = 'MC4CAQAwBQYDK2VwBCIEIFakeFakeFakeKeyMaterialDoNotLogThis0123456789abcdefABCDEF'
export const PEM_KEY = `-----BEGIN ED25519 PRIVATE KEY-----\n${FAKE_KEY_BODY}\n-----END ED25519 PRIVATE KEY-----`
export const PEM_CERT = '-----BEGIN CERTIFICATE-----\nMIIBCertBodyShouldNeverAppearInLogs0123456789\n-----END CERTIFICATE-----'
export const TALOSCONFIG = [
  'context: lab',
  'contexts:',
  '  lab:',
  '    endpoints: [10.0.0.10]',
  `    ca: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJQekNCOHFBREFnRUNBaEVBdGFsb3NDQVNlY3JldA==`,
  '    crt: TalosClientCrtSecretValue',
  '    key: TalosClientKeySecretValue'
].join('\n')
export const KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- cluster:',
  '    certificate-authority-data: KubeCaDataSecretValue',
  'users:',
  '- user:',
  '    client-key-data: KubeClientKeySecretValue',
  '    token: KubeTokenSecretValue'
].join('\n')
export const MACHINE_CONFIG = [
  'version: v1alpha1',
  'machine:',
  '  type: controlplane',
  '  token: MachineTokenSecretValue',
  'cluster:',
  '  secret: ClusterSecretValue'
].join('\n')
/** Strings that must not appear anywhere once redacted. */
export const SECRET_STRINGS = [
  FAKE_KEY_BODY,
  'MIIBCertBodyShouldNeverAppearInLogs',
  'TalosClientCrtSecretValue',
  'TalosClientKeySecretValue',
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
  'KubeCaDataSecretValue',
  'KubeClientKeySecretValue',
  'KubeTokenSecretValue',
  'MachineTokenSecretValue',
  'ClusterSecretValue',
  'abcdef.0123456789abcdef'
]
