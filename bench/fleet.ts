import { createConfigStore } from '../src/core/config/store'
import { createInstanceService } from '../src/core/instances/instances'
import { EventBus } from '../src/core/event-bus'

/**
 * An instance with `count` nodes, written in one config.yaml edit (adding them one by one would
 * re-read a growing file 250 times and measure that instead). Shared by the fleet benches.
 */
export async function makeFleet(dataDir: string, instance = 'fleet', count = 250): Promise<void> {
  await createInstanceService({ dataDir, events: new EventBus() }).create(instance, { use: true })
  await createConfigStore({ dataDir }).update(instance, (e) => {
    e.set(['cluster', 'network', 'subnet'], '10.0.0.0/16')
    e.set(['cluster', 'network', 'gateway'], '10.0.0.1')
    for (let i = 1; i <= count; i++) {
      const hostname = `${i <= 3 ? 'control' : 'worker'}-${i}`
      e.set(['cluster', 'nodes', 'active', hostname], {
        role: i <= 3 ? 'controlplane' : 'worker',
        mac: `02:00:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
        targetIp: `10.0.${1 + (i >> 8)}.${i & 255 || 254}`,
        currentIp: `10.0.${10 + (i >> 8)}.${i & 255 || 254}`,
        interface: 'enp1s0',
        disk: '/dev/nvme0n1',
        version: 'v1.11.6',
        schematicId: '',
        configured: i % 3 !== 0,
        deployed: i % 3 === 1,
        applied: i % 3 === 1,
        state: i % 3 === 1 ? 'ready' : i % 3 === 2 ? 'configured' : 'added'
      })
    }
  })
}
