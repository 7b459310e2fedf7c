import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Dialog } from '@renderer/ui/Dialog'

function Opener() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button">Elsewhere</button>
      <button type="button" onClick={() => setOpen(true)}>
        Reset or remove…
      </button>
      <Dialog open={open} onOpenChange={setOpen} title="Reset cp-1?" footer={<button onClick={() => setOpen(false)}>Cancel</button>} />
    </>
  )
}

describe('a dialog opened from state', () => {
  it.each([
    ['Escape', async (u: ReturnType<typeof userEvent.setup>) => u.keyboard('{Escape}')],
    ['its Cancel button', async (u: ReturnType<typeof userEvent.setup>) => u.click(screen.getByRole('button', { name: 'Cancel' }))]
  ])('returns focus to the control that opened it after %s', async (_how, close) => {
    const user = userEvent.setup()
    render(<Opener />)
    const opener = screen.getByRole('button', { name: 'Reset or remove…' })
    await user.click(opener)
    await screen.findByRole('dialog', { name: 'Reset cp-1?' })
    await close(user)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(document.activeElement).toBe(opener)
  })
})
