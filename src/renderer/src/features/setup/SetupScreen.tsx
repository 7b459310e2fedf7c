import { useCommandQuery } from '../../api/hooks'
import { useCurrentInstance } from '../../app/instance'
import { Page } from '../../app/Page'
import { navigate, useRoute } from '../../app/router'
import type { ScreenProps } from '../../app/screen'
import { ErrorNotice, Spinner } from '../../ui'
import { useNodes } from '../nodes/hooks'
import { useOperations } from '../operations/hooks'
import { ApplyStep } from './ApplyStep'
import { BasicsStep } from './BasicsStep'
import { BootstrapStep } from './BootstrapStep'
import { deriveWizard, STEP_LABEL, type WizardState, type WizardStep } from './derive'
import { DoneStep } from './DoneStep'
import { FindStep } from './FindStep'
import { HardwareStep } from './HardwareStep'
import { PrereqsStep } from './PrereqsStep'
import { ReviewStep } from './ReviewStep'
import { WizardSteps } from './WizardSteps'
import { UpgradeScreen } from '../upgrade/UpgradeScreen'

const DESCRIPTION: Record<WizardStep, string> = {
  basics: 'Name the cluster and choose its network and Talos version.',
  prereqs: 'Check talosctl and get the machine something to boot from.',
  find: 'Boot the machine from Talos, then find it on the network.',
  hardware: 'Choose the install disk, the network card, the name and the address.',
  review: 'Check what will happen before anything is sent to the machine.',
  apply: 'The machine installs Talos and reboots into it.',
  bootstrap: 'Start the cluster on its first control-plane machine.',
  done: 'Your cluster is running.'
}

function openStep(s: WizardStep, state: WizardState) {
  if (s === 'hardware' && state.node) navigate('setup', 'node', state.node.hostname, 'hardware')
  else if (s === 'hardware' && state.pickedIp) navigate('setup', 'add', state.pickedIp)
  else if ((s === 'review' || s === 'apply' || s === 'bootstrap') && state.node) navigate('setup', 'node', state.node.hostname)
  else navigate('setup', s)
}

/**
 * The first-node wizard. Where it stands comes from the instance (settings, nodes, operations)
 * and the route — never from screen state — so it resumes wherever it was left.
 */
export default function SetupScreen({ instance }: ScreenProps) {
  const route = useRoute()
  const cluster = useCommandQuery('cluster.settings.get', { instance: instance ?? '' }, { enabled: Boolean(instance) })
  const nodes = useNodes(instance ?? '')
  const ops = useOperations(instance)
  const { instance: summary } = useCurrentInstance()
  if (!instance) return null
  if (route.rest[0] === 'upgrade') return <UpgradeScreen instance={instance} />
  const loading = cluster.isLoading || nodes.isLoading || ops.isLoading
  const error = cluster.error ?? nodes.error ?? ops.error
  if (loading || error || !cluster.data || !nodes.data) {
    return (
      <Page title="Set up your cluster" width="narrow">
        {error ? (
          <ErrorNotice
            title="The setup state could not be read"
            error={error}
            onRetry={() => {
              void cluster.refetch()
              void nodes.refetch()
              void ops.refetch()
            }}
          />
        ) : (
          <Spinner label="Reading where setup stands…" />
        )}
      </Page>
    )
  }
  const state = deriveWizard({ cluster: cluster.data, nodes: nodes.data, ops: ops.data ?? [], route: route.rest })
  const c = cluster.data
  const node = state.node
  let body: React.ReactNode
  switch (state.view) {
    case 'basics':
      body = <BasicsStep instance={instance} cluster={c} onDone={() => navigate('setup')} />
      break
    case 'prereqs':
      body = <PrereqsStep instance={instance} />
      break
    case 'find':
      body = <FindStep instance={instance} />
      break
    case 'hardware': {
      const ip = state.pickedIp ?? node?.currentIp ?? node?.targetIp
      body = ip ? (
        <HardwareStep key={ip} instance={instance} cluster={c} nodes={nodes.data} ip={ip} node={state.pickedIp ? null : node} />
      ) : (
        <FindStep instance={instance} />
      )
      break
    }
    case 'review':
      body = node ? <ReviewStep instance={instance} cluster={c} node={node} /> : null
      break
    case 'apply':
      body = node ? <ApplyStep instance={instance} node={node} op={state.setupOp} /> : null
      break
    case 'bootstrap':
      body = <BootstrapStep instance={instance} node={node} op={state.bootstrapOp} />
      break
    case 'done':
      body = <DoneStep instance={instance} summary={summary} cluster={c} nodes={nodes.data} />
      break
  }
  return (
    <Page title={`Set up: ${STEP_LABEL[state.view]}`} description={DESCRIPTION[state.view]} width="medium">
      <WizardSteps state={state} onOpen={(s) => openStep(s, state)} />
      {body}
    </Page>
  )
}
