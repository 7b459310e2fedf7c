import * as config from './config'
import type { AnyCallDecl } from './define'
import * as lifecycle from './lifecycle'
import * as node from './node'
import * as read from './read'
import * as upgrade from './upgrade'

/** Every talosctl call the product makes: a new family file is added here (the lab test walks this list). */
export const DECLARED_CALLS: AnyCallDecl[] = [read, config, lifecycle, node, upgrade].flatMap((family) =>
  Object.values(family).filter((v): v is AnyCallDecl => typeof v === 'object' && v !== null && 'lab' in v && 'args' in v)
)
