export interface ScreenProps {
  /** The current instance's name (screens that need none get null). */
  instance: string | null
  /** Route segments after the section ("#/nodes/cp-1" → ["cp-1"]). */
  rest: string[]
}
