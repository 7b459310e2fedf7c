import { BoardChoice } from '../../shared/contract/boards'
import { AppError } from '../../shared/errors'
import { nodeKey } from '../config/schema'
import type { ConfigStore } from '../config/store'

/**
 * A node's board choice lives on its own config.yaml entry (`cluster.nodes.active.<host>.board`),
 * so it goes wherever the node goes (deleted with it, readable by hand). The entry is a loose
 * object, so older readers keep the key untouched.
 */
const boardKey = (hostname: string) => [...nodeKey(hostname), 'board']

export function createBoardChoices(store: Pick<ConfigStore, 'read' | 'update'>) {
  return {
    /** The saved choice, or null when none was made (or the entry was edited into something else). */
    async get(instance: string, hostname: string): Promise<BoardChoice | null> {
      const entry = (await store.read(instance)).config.cluster?.nodes?.active?.[hostname] as Record<string, unknown> | undefined
      const parsed = BoardChoice.safeParse(entry?.board)
      return parsed.success ? parsed.data : null
    },
    async save(instance: string, hostname: string, choice: BoardChoice): Promise<void> {
      await store.update(instance, (e) => {
        if (e.get(nodeKey(hostname)) === undefined) throw new AppError('NOT_FOUND', `There is no node "${hostname}" in instance "${instance}".`)
        e.set(boardKey(hostname), { ...choice, overlay: choice.overlay ? { image: choice.overlay.image, name: choice.overlay.name } : null })
      })
    }
  }
}

export type BoardChoices = ReturnType<typeof createBoardChoices>
