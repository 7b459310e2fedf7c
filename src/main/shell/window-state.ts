import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { writeJsonAtomically } from '../../core/fs-safe'

/** Where the window was and how big, remembered between runs in the app-data folder. */
const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean().default(false)
})
export type WindowState = z.output<typeof WindowState>

interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export function windowStateFile(userData: string): string {
  return join(userData, 'window-state.json')
}

/**
 * The saved state when it is valid and still lands on a screen (a monitor unplugged since would
 * open the window where nobody can see it); null means "use the defaults, centred".
 */
export function loadWindowState(file: string, displays: Rect[]): WindowState | null {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    if (!parsed.success) return null
    const s = parsed.data
    // At least a 100×50 corner of the title bar area on some display.
    const visible = displays.some((d) => s.x + s.width - 100 >= d.x && s.x + 100 <= d.x + d.width && s.y >= d.y - 10 && s.y + 50 <= d.y + d.height)
    return visible ? s : null
  } catch {
    return null
  }
}

export async function saveWindowState(file: string, bounds: Rect, maximized: boolean): Promise<void> {
  await writeJsonAtomically(file, { ...bounds, maximized })
}
