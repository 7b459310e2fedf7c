import type { Arch } from '../../shared/contract/assets'
import { AppError } from '../../shared/errors'
import { createConfigStore } from '../config/store'
import { VANILLA_SCHEMATIC_ID, type AssetSet } from './catalog'

export interface SetChoice {
  version?: string
  schematicId?: string
  arch?: Arch
}

/**
 * cluster.nodes.talos from the instance's config.yaml, read and validated by the config store
 * like every other command: a file that does not parse is CONFIG_INVALID naming the key and line,
 * never silently "not set".
 */
export async function readTalosDefaults(dataDir: string, instance: string): Promise<SetChoice> {
  const { config } = await createConfigStore({ dataDir }).read(instance)
  const talos = config.cluster?.nodes?.talos
  return { version: talos?.version ?? undefined, schematicId: talos?.schematicId ?? undefined }
}

/**
 * Pure: the set a command means. Explicit values win, then the instance's config; an empty
 * schematic means plain Talos (the factory's vanilla id), and amd64 is what most machines are.
 */
export function chooseSet(explicit: SetChoice, defaults: SetChoice): AssetSet {
  const version = explicit.version ?? defaults.version
  if (!version) {
    throw new AppError('VALIDATION', 'No Talos version given and none in config.yaml (cluster.nodes.talos.version). Pass a version like v1.11.5.')
  }
  return {
    version,
    schematicId: explicit.schematicId ?? defaults.schematicId ?? VANILLA_SCHEMATIC_ID,
    arch: explicit.arch ?? 'amd64'
  }
}
