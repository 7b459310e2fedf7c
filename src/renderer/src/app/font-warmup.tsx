import { useEffect, useState } from 'react'
import { cancelIdle, whenIdle } from './prefetch'

/**
 * Hidden text in the styles the tables use (monospace addresses, tabular numbers, medium weight),
 * laid out at the first idle moment after the first paint. On Linux the first layout that needs a
 * font asks the browser process for it and loads it: done by the first table instead, that made
 * opening Nodes on a fresh start one 60–100 ms frame (bench/nodes-screen.bench.ts).
 */
export function FontWarmup() {
  const [on, setOn] = useState(false)
  useEffect(() => {
    const handle = whenIdle(() => setOn(true))
    return () => cancelIdle(handle)
  }, [])
  if (!on) return null
  return (
    <div aria-hidden="true" className="pointer-events-none invisible absolute top-0 -left-[9999px] whitespace-nowrap">
      <span className="font-mono text-xs">02:00:0a:1b /dev/nvme0n1 — … ·</span>
      <span className="tabular text-[13px] font-medium">10.0.1.10 worker-1 — … ·</span>
    </div>
  )
}
