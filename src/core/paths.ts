import { join } from 'node:path'

/**
 * The on-disk layout of the seed and the Go original, so an operator's existing folder opens:
 * <data>/current-context, <data>/instances/<name>/{config.yaml,talos/,pxe/,discovery/,operations/}.
 */
export function instancesDir(dataDir: string): string {
  return join(dataDir, 'instances')
}
export function currentContextFile(dataDir: string): string {
  return join(dataDir, 'current-context')
}

export function instancePaths(dataDir: string, name: string) {
  const root = join(instancesDir(dataDir), name)
  const talos = join(root, 'talos')
  const generated = join(talos, 'generated')
  return {
    root,
    config: join(root, 'config.yaml'),
    kubeconfig: join(root, 'kubeconfig'),
    talos,
    generated,
    secrets: join(generated, 'secrets.yaml'),
    talosconfig: join(generated, 'talosconfig'),
    controlplane: join(generated, 'controlplane.yaml'),
    worker: join(generated, 'worker.yaml'),
    patches: join(talos, 'patches'),
    patchFor: (mac: string) => join(talos, 'patches', mac.toLowerCase().replaceAll(':', '-'), 'patch.yaml'),
    finalConfigs: join(talos, 'final'),
    finalConfigFor: (hostname: string) => join(talos, 'final', `${hostname}.yaml`),
    pxe: join(root, 'pxe'),
    discovery: join(root, 'discovery'),
    discoveryStatus: join(root, 'discovery', 'status.json'),
    operations: join(root, 'operations'),
    operationFile: (id: string) => join(root, 'operations', `${id}.json`),
    demoMarker: join(root, '.demo')
  }
}
export type InstancePaths = ReturnType<typeof instancePaths>
