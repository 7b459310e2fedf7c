import { promises as fs } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { SchematicId, TalosVersion, type Arch } from '../../../shared/contract/assets'
import { AppError } from '../../../shared/errors'
import { VANILLA_SCHEMATIC_ID, type AssetSet } from './catalog'

export interface SetChoice {
  version?: string
  schematicId?: string
  arch?: Arch
}

/** cluster.nodes.talos in config.yaml; anything unreadable counts as "not set". */
const TalosSection = z.object({
  cluster: z.object({
    nodes: z.object({
      talos: z.object({ version: z.unknown().optional(), schematicId: z.unknown().optional() }).optional()
    })
  })
})

export async function readTalosDefaults(configPath: string): Promise<SetChoice> {
  let doc: unknown
  try {
    doc = parseYaml(await fs.readFile(configPath, 'utf8'))
  } catch {
    return {}
  }
  const parsed = TalosSection.safeParse(doc)
  const talos = parsed.success ? parsed.data.cluster.nodes.talos : undefined
  const version = TalosVersion.safeParse(talos?.version)
  const schematic = SchematicId.safeParse(talos?.schematicId)
  return {
    version: version.success ? version.data : undefined,
    schematicId: schematic.success ? schematic.data : undefined
  }
}

/**
 * Pure: the set a command means. Explicit values win, then the instance's config; an empty
 * schematic means plain Talos (the factory's vanilla id), and amd64 is what most machines are.
 */
export function chooseSet(explicit: SetChoice, defaults: SetChoice): AssetSet {
  const version = explicit.version ?? defaults.version
  if (!version) {
    throw new AppError(
      'VALIDATION',
      'No Talos version given and none in config.yaml (cluster.nodes.talos.version). Pass a version like v1.11.5.'
    )
  }
  return {
    version,
    schematicId: explicit.schematicId ?? defaults.schematicId ?? VANILLA_SCHEMATIC_ID,
    arch: explicit.arch ?? 'amd64'
  }
}
