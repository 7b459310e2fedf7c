import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EventBus } from '@core/event-bus'
import { createConfigStore } from '@core/config/store'
import { createConfigService } from '@core/config/config-service'
import { initialConfigYaml } from '@core/instances/template'

/** An instance folder with the given config.yaml (default: the template), and a store over it. */
export async function makeInstance(dataDir: string, name = 'lab', text = initialConfigYaml(name)) {
  const root = join(dataDir, 'instances', name)
  await mkdir(root, { recursive: true })
  const file = join(root, 'config.yaml')
  await writeFile(file, text)
  const events = new EventBus()
  const store = createConfigStore({ dataDir })
  const config = createConfigService({ store, events })
  return { root, file, store, config, events, name }
}

/** A config with comments everywhere an operator might put them. */
export const COMMENTED = `# top comment
cluster: # trailing on cluster
  # before name
  name: lab # inline on name
  hostnamePrefix: "" # inline on prefix
  allowSchedulingOnControlPlanes: "false"
  network:
    # before subnet
    subnet: 10.5.0.0/24
    gateway: 10.5.0.1 # the router
    dnsServers: [10.5.0.1]
  nodes:
    talos:
      version: v1.11.6
      kubernetesVersion: 1.34.1
      schematicId: ""
    control:
      vip: 10.5.0.10 # shared
    active:
      # the first machine
      keep-1:
        role: controlplane # never changes
        targetIp: 10.5.0.11
        mac: "aa:bb:cc:dd:ee:01"
        configured: "true"
        applied: "true"
cloud:
  # Go original's keys survive
  domain: example.org
  router:
    ip: 10.5.0.1
# bottom comment
`
