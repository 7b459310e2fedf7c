import { describe, expect, it } from 'vitest'
import * as a from '@core/talos/talos-args'

describe('talosctl argument lists', () => {
  it.each<[string, () => string[], string[]]>([
    [
      'get in maintenance mode',
      () => a.getArgs('disks', { node: '192.168.1.50', insecure: true }),
      ['get', 'disks', '--insecure', '-n', '192.168.1.50', '-o', 'json']
    ],
    [
      'get with credentials: endpoint and node are the machine',
      () => a.getArgs('machinestatus', { node: '10.0.0.5', talosconfig: '/i/talosconfig' }),
      ['get', 'machinestatus', '-e', '10.0.0.5', '-n', '10.0.0.5', '-o', 'json']
    ],
    [
      'get one id through another endpoint',
      () => a.getArgs('systemdisk', { node: '10.0.0.6', endpoint: '10.0.0.5' }, 'system-disk'),
      ['get', 'systemdisk', 'system-disk', '-e', '10.0.0.5', '-n', '10.0.0.6', '-o', 'json']
    ],
    ['gen secrets', () => a.genSecretsArgs({ output: '/i/secrets.yaml' }), ['gen', 'secrets', '-o', '/i/secrets.yaml']],
    [
      'gen config with pinned versions and patches',
      () =>
        a.genConfigArgs({
          clusterName: 'home',
          endpoint: 'https://192.168.1.40:6443',
          secretsFile: '/i/secrets.yaml',
          talosVersion: 'v1.11.6',
          kubernetesVersion: '1.34.1',
          outputDir: '/i/generated',
          configPatches: ['@/i/patch.yaml', '- op: add\n  path: /machine/x\n  value: 1'],
          configPatchesControlPlane: ['@/i/cp.yaml'],
          force: true
        }),
      [
        'gen',
        'config',
        'home',
        'https://192.168.1.40:6443',
        '--with-secrets',
        '/i/secrets.yaml',
        '--talos-version',
        'v1.11.6',
        '--kubernetes-version',
        '1.34.1',
        '--output',
        '/i/generated',
        '--with-docs=false',
        '--with-examples=false',
        '--config-patch=@/i/patch.yaml',
        '--config-patch=- op: add\n  path: /machine/x\n  value: 1',
        '--config-patch-control-plane=@/i/cp.yaml',
        '--force'
      ]
    ],
    [
      'machineconfig patch to stdout',
      () => a.machineconfigPatchArgs({ file: '/i/cp.yaml', patches: ['@/i/p.yaml'] }),
      ['machineconfig', 'patch', '/i/cp.yaml', '--patch=@/i/p.yaml']
    ],
    [
      'apply-config in maintenance, dry run',
      () => a.applyConfigArgs({ target: { node: '192.168.1.50', insecure: true }, file: '/i/final/cp-1.yaml', dryRun: true }),
      ['apply-config', '--insecure', '-n', '192.168.1.50', '--file', '/i/final/cp-1.yaml', '--mode', 'auto', '--dry-run']
    ],
    [
      'validate a final config for metal',
      () => a.validateArgs({ file: '/i/final/cp-1.yaml' }),
      ['validate', '--config', '/i/final/cp-1.yaml', '--mode', 'metal']
    ],
    [
      'apply-config to a configured node',
      () => a.applyConfigArgs({ target: { node: '10.0.0.5', talosconfig: '/t' }, file: '/f.yaml', mode: 'no-reboot' }),
      ['apply-config', '-e', '10.0.0.5', '-n', '10.0.0.5', '--file', '/f.yaml', '--mode', 'no-reboot']
    ],
    ['version --client', () => a.versionArgs(null), ['version', '--client']],
    ['version of a node', () => a.versionArgs({ node: '10.0.0.5' }), ['version', '-e', '10.0.0.5', '-n', '10.0.0.5']],
    ['bootstrap never goes insecure', () => a.bootstrapArgs({ node: '10.0.0.5', insecure: true }), ['bootstrap', '-e', '10.0.0.5', '-n', '10.0.0.5']],
    [
      'kubeconfig never merges into ~/.kube/config',
      () => a.kubeconfigArgs({ target: { node: '10.0.0.5' }, output: '/i/kubeconfig' }),
      ['kubeconfig', '/i/kubeconfig', '-e', '10.0.0.5', '-n', '10.0.0.5', '--merge=false', '--force']
    ],
    [
      'health with node lists',
      () => a.healthArgs({ target: { node: '10.0.0.5' }, controlPlaneNodes: ['10.0.0.5', '10.0.0.6'], workerNodes: ['10.0.0.7'], waitTimeoutMs: 600_000 }),
      ['health', '-e', '10.0.0.5', '-n', '10.0.0.5', '--wait-timeout', '600s', '--control-plane-nodes', '10.0.0.5,10.0.0.6', '--worker-nodes', '10.0.0.7']
    ],
    ['config endpoint', () => a.configEndpointArgs(['10.0.0.5', '10.0.0.6']), ['config', 'endpoint', '10.0.0.5', '10.0.0.6']],
    ['config node', () => a.configNodeArgs(['10.0.0.5']), ['config', 'node', '10.0.0.5']],
    ['config merge', () => a.configMergeArgs('/i/talosconfig'), ['config', 'merge', '/i/talosconfig']],
    [
      'reset that returns at once',
      () => a.resetArgs({ target: { node: '10.0.0.5' }, reboot: true, systemLabelsToWipe: ['STATE', 'EPHEMERAL'] }),
      [
        'reset',
        '-e',
        '10.0.0.5',
        '-n',
        '10.0.0.5',
        '--graceful=true',
        '--reboot=true',
        '--wait=false',
        '--system-labels-to-wipe',
        'STATE',
        '--system-labels-to-wipe',
        'EPHEMERAL'
      ]
    ]
  ])('%s', (_name, build, expected) => {
    expect(build()).toEqual(expected)
  })

  it.each<[string, () => unknown]>([
    ['a node that looks like a flag', () => a.getArgs('disks', { node: '--insecure' })],
    ['a node list smuggled in', () => a.getArgs('disks', { node: '1.2.3.4,5.6.7.8' })],
    ['a file path that looks like a flag', () => a.genSecretsArgs({ output: '--force' })],
    [
      'a cluster endpoint without https',
      () =>
        a.genConfigArgs({
          clusterName: 'c',
          endpoint: 'http://1.2.3.4:6443',
          secretsFile: '/s',
          talosVersion: 'v1.11',
          kubernetesVersion: '1.34.1',
          outputDir: '/o'
        })
    ],
    [
      'an unpinned Talos version',
      () =>
        a.genConfigArgs({
          clusterName: 'c',
          endpoint: 'https://1.2.3.4:6443',
          secretsFile: '/s',
          talosVersion: 'latest',
          kubernetesVersion: '1.34.1',
          outputDir: '/o'
        })
    ],
    ['a mode maintenance mode refuses', () => a.applyConfigArgs({ target: { node: '1.2.3.4', insecure: true }, file: '/f', mode: 'no-reboot' })],
    ['a resource id that looks like a flag', () => a.getArgs('disks', { node: '1.2.3.4' }, '-o')],
    ['an empty endpoint list', () => a.configEndpointArgs([])]
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow()
  })
})
