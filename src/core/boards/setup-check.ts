import type { Arch } from '../../shared/contract/assets'
import type { BoardChoice } from '../../shared/contract/boards'

/**
 * Pure: why setup must not apply a config to this machine yet, or null. An arm64 board boots
 * only with its overlay's firmware and device trees, and the installer must come from the
 * schematic that carries that overlay; without both the installed system would not boot, so
 * setup refuses before anything is written to the machine. The operator's saved choice wins
 * over detection; a machine whose architecture nobody knows is not refused here.
 */
export function boardSetupError(
  node: { hostname: string; schematicId: string | null },
  choice: BoardChoice | null,
  detected: { arch: Arch | null; archReason: string } | null
): string | null {
  const arch = choice?.arch ?? detected?.arch ?? null
  if (arch !== 'arm64') return null
  const h = node.hostname
  if (!choice?.overlay) {
    const why = choice ? 'chosen on the Hardware step' : detected!.archReason
    return (
      `${h} is an arm64 machine (${why}) with no board overlay, so the installed Talos would not boot on it. ` +
      `Choose the board's overlay on the Hardware step (or run: wild board media ${h} --arch arm64 --overlay IMAGE:NAME), then run setup again.`
    )
  }
  if (node.schematicId !== choice.schematicId) {
    return (
      `${h}'s schematic is not the one made with its overlay ${choice.overlay.image} ${choice.overlay.name}, so its installer would lack the board's firmware. ` +
      `Choose the board's overlay on the Hardware step again, then run setup again.`
    )
  }
  return null
}
