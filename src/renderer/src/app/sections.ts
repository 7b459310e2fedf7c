import { Activity, HardDriveDownload, Network, Radar, Rocket, Server, Settings, Stethoscope, type LucideIcon } from 'lucide-react'
import type { SectionId } from './router'

export interface Section {
  id: SectionId
  /** The link's exact accessible name (the e2e harness relies on it). */
  label: string
  icon: LucideIcon
  /** Screens that work on the current instance show the instance empty state without one. */
  needsInstance: boolean
}

/** Sidebar order; Ctrl/Cmd+1..8 follow it. */
export const SECTIONS: readonly Section[] = [
  { id: 'setup', label: 'Setup', icon: Rocket, needsInstance: true },
  { id: 'nodes', label: 'Nodes', icon: Server, needsInstance: true },
  { id: 'discovery', label: 'Discovery', icon: Radar, needsInstance: true },
  { id: 'assets', label: 'Boot assets', icon: HardDriveDownload, needsInstance: true },
  { id: 'netboot', label: 'Network boot', icon: Network, needsInstance: true },
  { id: 'operations', label: 'Operations', icon: Activity, needsInstance: true },
  { id: 'diagnostics', label: 'Diagnostics', icon: Stethoscope, needsInstance: false },
  { id: 'settings', label: 'Settings', icon: Settings, needsInstance: false }
]

export function sectionById(id: SectionId): Section {
  return SECTIONS.find((s) => s.id === id) ?? SECTIONS[0]!
}
