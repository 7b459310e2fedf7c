import { render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FontWarmup } from '@renderer/app/font-warmup'

// The first table with monospace addresses and tabular numbers (Nodes) waited on the platform's
// font lookups inside its first layout: a 60–100 ms frame on a cold start (bench/nodes-screen.bench.ts).
describe('warming the fonts the tables use', () => {
  it('lays out, after the first paint, hidden text in the monospace, tabular and medium styles', async () => {
    const { container } = render(<FontWarmup />)
    expect(container.innerHTML).toBe('')
    await waitFor(() => expect(container.querySelector('.font-mono')).not.toBeNull())
    const box = container.firstElementChild!
    // Invisible, off-screen and hidden from assistive technology, but laid out (not display: none).
    expect(box.getAttribute('aria-hidden')).toBe('true')
    expect(box.className).toMatch(/\binvisible\b/)
    expect(box.className).not.toMatch(/\bhidden\b/)
    expect(container.querySelector('.tabular.font-medium')).not.toBeNull()
    // Its glyphs come from ::before: no text for find-in-page, screen readers or getByText (a test
    // looking for "/dev/nvme0n1" on the node page found the sample too).
    expect(container.textContent).toBe('')
    expect(container.querySelector('[data-sample]')?.getAttribute('data-sample')).toMatch(/0123456789.*abcdef.*:\/\.-/)
  })
})
