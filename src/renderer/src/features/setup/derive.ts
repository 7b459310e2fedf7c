import type { ClusterSettings } from '@shared/contract/cluster'
import type { Node } from '@shared/contract/nodes'
import type { Operation } from '@shared/contract/operations'

export const WIZARD_STEPS = ['basics', 'prereqs', 'find', 'hardware', 'review', 'apply', 'bootstrap', 'done'] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

export const STEP_LABEL: Record<WizardStep, string> = {
  basics: 'Cluster basics',
  prereqs: 'Prerequisites',
  find: 'Find the machine',
  hardware: 'Hardware',
  review: 'Review',
  apply: 'Install',
  bootstrap: 'Bootstrap',
  done: 'Done'
}

/** The step bar's words: short, so eight steps fit one line; the page title keeps the full name. */
export const STEP_SHORT: Record<WizardStep, string> = {
  basics: 'Basics',
  prereqs: 'Prepare',
  find: 'Find',
  hardware: 'Hardware',
  review: 'Review',
  apply: 'Install',
  bootstrap: 'Bootstrap',
  done: 'Done'
}

export interface WizardFacts {
  cluster: ClusterSettings
  nodes: Node[]
  /** Newest first, as operations.list returns them. */
  ops: Operation[]
  /** Route segments after "setup". */
  route: string[]
}

export interface WizardState {
  /** The step the facts put the operator at. */
  natural: WizardStep
  /** The step shown (the natural one, or an earlier one the operator went back to). */
  view: WizardStep
  /** The node being set up, when there is one. */
  node: Node | null
  /** The machine picked but not yet registered (#/setup/add/<ip>). */
  pickedIp: string | null
  setupOp: Operation | null
  bootstrapOp: Operation | null
  basicsDone: boolean
  bootstrapped: boolean
  /** Steps the operator can open from the step list. */
  reachable: WizardStep[]
  /** This node does not bootstrap (the cluster already is, or it is a worker). */
  skipsBootstrap: boolean
}

const active = (o: Operation | undefined | null) => Boolean(o && (o.status === 'running' || o.status === 'pending'))

export function basicsDone(c: ClusterSettings): boolean {
  return Boolean(c.name && c.vip && c.network.subnet && c.network.gateway && c.talosVersion)
}

/**
 * Where the first-node wizard is, from the instance's settings, its nodes, its operations and
 * the route alone: leaving the screen, restarting the app or opening the CLI in between changes
 * nothing about where it resumes.
 */
export function deriveWizard({ cluster, nodes, ops, route }: WizardFacts): WizardState {
  const bootstrapped = cluster.bootstrapped !== null
  const done = basicsDone(cluster)
  const [first, second] = route
  const pickedIp = first === 'add' && second ? second : null
  const byName = first === 'node' && second ? (nodes.find((n) => n.hostname === second) ?? null) : null
  const bootstrapOp = ops.find((o) => o.type === 'bootstrap') ?? null

  // The node this run of the wizard is about.
  let node: Node | null = byName
  if (!node && !pickedIp && first !== 'find') {
    node = nodes.find((n) => n.state !== 'ready') ?? (!bootstrapped ? (nodes.find((n) => n.role === 'controlplane' && n.state === 'ready') ?? null) : null)
  }
  const setupOp = node ? (ops.find((o) => o.type === 'setup' && o.target === node!.hostname) ?? null) : null
  const skipsBootstrap = bootstrapped || (node !== null && node.role === 'worker')

  let natural: WizardStep
  if (!done) natural = 'basics'
  else if (pickedIp) natural = 'hardware'
  else if (node) {
    if (active(setupOp) || node.state === 'applying' || node.state === 'installing' || node.state === 'failed' || node.state === 'interrupted')
      natural = 'apply'
    else if (node.state === 'added' || node.state === 'configured') natural = node.disk && node.targetIp ? 'review' : 'hardware'
    else if (!bootstrapped && node.role === 'controlplane') natural = 'bootstrap'
    else natural = active(bootstrapOp) ? 'bootstrap' : 'done'
  } else if (first === 'find') natural = 'find'
  else if (bootstrapped || nodes.length > 0) natural = active(bootstrapOp) ? 'bootstrap' : 'done'
  else natural = 'prereqs'

  const reachable: WizardStep[] = ['basics']
  if (done) reachable.push('prereqs', 'find')
  if (!reachable.includes(natural)) reachable.push(natural)
  if (node && (node.state === 'added' || node.state === 'configured' || node.state === 'failed')) {
    for (const s of ['hardware', 'review'] as const) if (!reachable.includes(s)) reachable.push(s)
  }

  const asked = first as WizardStep | undefined
  const explicit = asked && (WIZARD_STEPS as readonly string[]).includes(asked) ? asked : null
  const editing = first === 'node' && route[2] === 'hardware' ? 'hardware' : null
  const wanted = editing ?? explicit
  const view = wanted && reachable.includes(wanted) ? wanted : natural

  return { natural, view, node, pickedIp, setupOp, bootstrapOp, basicsDone: done, bootstrapped, reachable, skipsBootstrap }
}
