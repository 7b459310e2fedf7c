import { useQueryClient } from '@tanstack/react-query'
import { FlaskConical, LogOut, RotateCcw } from 'lucide-react'
import { useCommandMutation, useCommandQuery } from '../../api/hooks'
import { navigate } from '../../app/router'
import { useState } from 'react'
import { Button, Dialog, InlineError, useToast } from '../../ui'

export function useAppInfo() {
  return useCommandQuery('app.info', {}, { staleTime: Infinity })
}

/** Entering or leaving swaps every data source; the event does the same, this is belt and braces. */
export function useModeSwitch(name: 'demo.enter' | 'demo.leave' | 'demo.reset', done: string) {
  const qc = useQueryClient()
  const toast = useToast()
  return useCommandMutation(name, {
    onSuccess: async () => {
      await qc.resetQueries()
      toast({ title: done, tone: 'info' })
      navigate('setup')
    }
  })
}

export function EnterDemoButton({ variant = 'secondary' }: { variant?: 'secondary' | 'ghost' }) {
  const enter = useModeSwitch('demo.enter', 'Demo lab started')
  return (
    <div className="flex flex-col items-center gap-1.5">
      <Button variant={variant} icon={<FlaskConical aria-hidden className="size-4" />} loading={enter.isPending} onClick={() => enter.mutate({})}>
        Explore with a demo lab
      </Button>
      <InlineError error={enter.error} />
    </div>
  )
}

/** Always visible in the demo: what it is, start over, leave. */
export function DemoBanner() {
  const info = useAppInfo()
  const leave = useModeSwitch('demo.leave', 'Back to your own instances')
  const reset = useModeSwitch('demo.reset', 'Demo lab started over')
  const [confirming, setConfirming] = useState(false)
  if (!info.data?.demo) return null
  return (
    <section aria-label="Demo mode" className="flex items-center gap-3 border-b border-info/30 bg-info-soft px-6 py-2 text-[13px]">
      <FlaskConical aria-hidden className="size-4 shrink-0 text-info" />
      <p className="min-w-0 flex-1">
        <span className="font-medium">Demo lab.</span> Simulated machines; nothing is sent to your network and your own instances are untouched.
      </p>
      <InlineError error={leave.error ?? reset.error} />
      <Button size="sm" variant="ghost" icon={<RotateCcw aria-hidden className="size-3.5" />} loading={reset.isPending} onClick={() => setConfirming(true)}>
        Start over
      </Button>
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Start the demo lab over?"
        description="Everything done in the demo — its cluster, nodes, downloads and operations — is removed, and the simulated machines return to maintenance mode. Your own instances are not touched."
        width="sm"
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>Keep the demo as it is</Button>
            <Button variant="danger" loading={reset.isPending} onClick={() => reset.mutate({}, { onSettled: () => setConfirming(false) })}>
              Start over
            </Button>
          </>
        }
      />
      <Button size="sm" icon={<LogOut aria-hidden className="size-3.5" />} loading={leave.isPending} onClick={() => leave.mutate({})}>
        Leave demo
      </Button>
    </section>
  )
}
