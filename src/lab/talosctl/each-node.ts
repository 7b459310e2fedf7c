import type { Machine } from '../model'
import { updateLab } from '../state'
import { secureClient, type Reached } from './connect'
import type { CommandContext } from './context'

/** Reaches each -n node over mTLS and changes the machine that answered, one at a time. */
export async function changeEachNode(ctx: CommandContext, change: (m: Machine, t: Reached, now: number) => void): Promise<void> {
  const client = await secureClient(ctx)
  for (const node of client.nodes) {
    const t = await client.reach(node)
    await updateLab(ctx.labFile!, (lab, now) => {
      const m = lab.machines.find((x) => x.id === t.view.machine.id)
      if (m) change(m, t, now)
    })
  }
}
