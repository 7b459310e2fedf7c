import type { HardwareInfo } from '../../shared/contract/talos'
import { pathExists } from '../fs-safe'
import type { InstanceService } from '../instances/instances'
import { detectHardware } from './hardware/detect'
import { createTalosRunner, type InProcessTalosctl, type TalosRunnerOptions } from './runner'
import { createTalosApi } from './talos-api'

export interface TalosLayerDeps {
  talosctlPath: string
  /** Extra environment for talosctl (the simulated lab reads WILD_LAB_FILE). */
  env?: Record<string, string>
  instances: Pick<InstanceService, 'get' | 'paths'>
  defaultTimeoutMs?: number
  /** In-process talosctl (the demo lab); a child process otherwise. */
  exec?: InProcessTalosctl
  /** The DHCP client architecture the instance's network boot server saw for any of these MACs. */
  bootArch?: (instance: string, macs: string[]) => Promise<string | null>
  /** Every talosctl call when it ends (the talosctl log). */
  onCall?: TalosRunnerOptions['onCall']
}

/** The Talos API and hardware detection, as wired into the core (`core.talos`, `core.hardware`). */
export function createTalosLayer(deps: TalosLayerDeps) {
  const runner = createTalosRunner({
    talosctlPath: deps.talosctlPath,
    env: deps.env,
    exec: deps.exec,
    onCall: deps.onCall,
    defaultTimeoutMs: deps.defaultTimeoutMs ?? 30_000
  })
  const talos = createTalosApi(runner)
  const hardware = {
    /**
     * Detects a machine's hardware. With an instance, its talosconfig (when generated) is used for
     * machines that are already configured; maintenance machines need none.
     */
    async detect(instance: string | null, ip: string, signal?: AbortSignal): Promise<HardwareInfo> {
      let talosconfig: string | undefined
      if (instance) {
        await deps.instances.get(instance)
        const path = deps.instances.paths(instance).talosconfig
        if (await pathExists(path)) talosconfig = path
      }
      const bootArch = instance && deps.bootArch ? (macs: string[]) => deps.bootArch!(instance, macs) : undefined
      return detectHardware(talos, ip, { talosconfig, signal, bootArch })
    }
  }
  return { talos, hardware }
}
