import { lazy, Suspense } from 'react'

const CreateInstanceDialog = lazy(() => import('./CreateInstanceDialog'))

/** The form (react-hook-form, zod) loads when the dialog first opens, not with the frame. */
export function LazyCreateInstanceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  if (!open) return null
  return (
    <Suspense fallback={null}>
      <CreateInstanceDialog open={open} onOpenChange={onOpenChange} />
    </Suspense>
  )
}
