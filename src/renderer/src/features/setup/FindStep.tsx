import { useState } from 'react'
import { navigate } from '../../app/router'
import { Button, Card, Field, Input } from '../../ui'
import { DiscoveryPanel } from '../discovery/DiscoveryPanel'
import { ipProblem } from './field-messages'

const MACHINE_IP_LABEL = 'Machine IP address'

/** Step 3: scan the network the operator names, or type the address the machine's screen shows. */
export function FindStep({ instance }: { instance: string }) {
  const [ip, setIp] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="flex flex-col gap-5">
      <Card title="Type the address" description="A machine booted from Talos shows its IP address on its screen.">
        <form
          noValidate
          aria-label="Use an address"
          className="flex items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            const problem = ipProblem(MACHINE_IP_LABEL, ip.trim())
            setError(problem)
            if (!problem) navigate('setup', 'add', ip.trim())
          }}
        >
          <Field label={MACHINE_IP_LABEL} error={error} className="w-64">
            <Input value={ip} onChange={(e) => setIp(e.target.value)} placeholder="192.168.1.120" spellCheck={false} />
          </Field>
          <Button type="submit" className="mt-6.5">
            Use this address
          </Button>
        </form>
      </Card>
      <div>
        <h2 className="mb-3 text-sm font-semibold">Or scan the network</h2>
        <DiscoveryPanel instance={instance} onPick={(n) => navigate('setup', 'add', n.ip)} />
      </div>
    </div>
  )
}
