import type { BoardChoice, BoardMedia, OverlayList, OverlayRef } from '../../shared/contract/boards'
import type { ClusterSettings } from '../../shared/contract/cluster'
import type { Arch } from '../../shared/contract/assets'
import type { AssetService } from '../assets/service'
import type { NodeService } from '../nodes/nodes'
import { chooseBoardMedia } from './board-media'
import type { BoardChoices } from './choice'
import { createOverlayCatalog } from './overlay-catalog'

export interface BoardServiceDeps {
  dataDir: string
  factoryUrl: string
  assets: Pick<AssetService, 'createSchematic' | 'listOverlays'>
  nodes: Pick<NodeService, 'get' | 'update'>
  settings: (instance: string) => Promise<ClusterSettings>
  /** Where a node's choice is kept, so setup and the Hardware step read it back. */
  choices: BoardChoices
}

/** Boards and media per node (`core.boards`): the overlay list and a node's schematic. */
export function createBoardService(deps: BoardServiceDeps) {
  const catalog = createOverlayCatalog({
    dataDir: deps.dataDir,
    factoryUrl: deps.factoryUrl,
    fetch: (version, signal) => deps.assets.listOverlays(version, signal)
  })
  return {
    overlays(version: string, signal: AbortSignal = new AbortController().signal): Promise<OverlayList> {
      return catalog.list(version, signal)
    },
    choice(instance: string, hostname: string): Promise<BoardChoice | null> {
      return deps.choices.get(instance, hostname)
    },
    async media(
      input: { instance: string; hostname: string; arch: Arch; overlay: OverlayRef | null; extensions?: string[]; secureBoot?: boolean },
      signal: AbortSignal = new AbortController().signal
    ): Promise<BoardMedia> {
      const media = await chooseBoardMedia(
        {
          catalog,
          createSchematic: (ext, s, overlay) => deps.assets.createSchematic(ext, s, overlay),
          versionOf: async (instance, hostname) => (await deps.nodes.get(instance, hostname)).version ?? (await deps.settings(instance)).talosVersion,
          setSchematic: (instance, hostname, schematicId) => deps.nodes.update(instance, hostname, { schematicId })
        },
        { ...input, extensions: input.extensions ?? [], secureBoot: input.secureBoot ?? false },
        signal
      )
      const { arch, overlay, secureBoot, schematicId } = media
      await deps.choices.save(input.instance, input.hostname, { arch, overlay, secureBoot, schematicId })
      return media
    }
  }
}

export type BoardService = ReturnType<typeof createBoardService>
