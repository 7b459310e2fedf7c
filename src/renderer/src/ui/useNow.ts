import { useEffect, useState } from 'react'

/** The current time, re-read every `ms` while `active` (elapsed-time displays). */
export function useNow(active = true, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [active, ms])
  return now
}
