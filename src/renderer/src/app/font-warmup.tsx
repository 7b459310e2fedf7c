import { useEffect, useState } from 'react'
import { cancelIdle, whenIdle } from './prefetch'

/**
 * Hidden text in the styles the tables use (monospace addresses, tabular numbers, medium weight),
 * laid out at the first idle moment after the first paint. On Linux the first layout that needs a
 * font asks the browser process for it and loads it: done by the first table instead, that made
 * opening Nodes on a fresh start one 60–100 ms frame (bench/nodes-screen.bench.ts).
 */
// The glyphs tables print (addresses, paths, names). Drawn by ::before from an attribute, so the
// page has no text node for a search, a screen reader or a test's getByText to find.
const SAMPLE = '0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ :/.-_ — … ·'

export function FontWarmup() {
  const [on, setOn] = useState(false)
  useEffect(() => {
    const handle = whenIdle(() => setOn(true))
    return () => cancelIdle(handle)
  }, [])
  if (!on) return null
  return (
    <div aria-hidden="true" className="pointer-events-none invisible absolute top-0 -left-[9999px] whitespace-nowrap">
      <span className="font-mono text-xs before:content-[attr(data-sample)]" data-sample={SAMPLE} />
      <span className="tabular text-[13px] font-medium before:content-[attr(data-sample)]" data-sample={SAMPLE} />
    </div>
  )
}
