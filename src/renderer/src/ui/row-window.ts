import { measureElement, observeElementRect, useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { useLayoutEffect, useState, type RefObject } from 'react'

/**
 * Tables longer than this render only the rows in view (plus a margin): a fleet of 250 nodes with
 * a menu and tooltips per row would otherwise make every mount, sort and filter one long frame,
 * since the browser lays out the whole auto-width table again. Shorter tables render every row,
 * so the page's find-in-page and printing see them all.
 */
export const WINDOW_FROM = 60
/** A row's height before it is measured (the Nodes table's, two lines for the IP): the scrollbar is close at once. */
const ROW_ESTIMATE = 57
/** Rows kept beyond the edges, so Tab from the last row in view lands on a row, not past the table. */
const OVERSCAN = 10

export interface RowWindow {
  items: VirtualItem[]
  /** Height of the rows not rendered above and below the window. */
  before: number
  after: number
  /** Ref for a rendered row (with data-index): rows are measured, as a row's height varies. */
  measure: (el: Element | null) => void
}

/**
 * The nearest ancestor that scrolls down: the app's <main>, or the page itself. The table's own
 * frame (overflow-x: auto, which makes overflow-y auto too) grows with its rows, so it never has
 * more content than height and is passed over.
 */
function scrollParent(el: Element | null): Element | null {
  for (let p = el?.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY
    if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) return p
  }
  return document.scrollingElement
}

/** The window of `count` rows in `body` (null: render them all). */
export function useRowWindow(count: number, body: RefObject<HTMLElement | null>): RowWindow | null {
  const on = count > WINDOW_FROM
  // Where the rows start inside the scrolling element: the page's heading and filter come first.
  const [scrollMargin, setScrollMargin] = useState(0)
  const v = useVirtualizer({
    count: on ? count : 0,
    enabled: on,
    getScrollElement: () => scrollParent(body.current),
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    scrollMargin,
    // Not laid out yet (or a DOM without layout, as in tests): a screenful of rows of the estimated height.
    initialRect: { width: 0, height: window.innerHeight },
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, height: window.innerHeight })),
    measureElement: (el, entry, instance) => measureElement(el, entry, instance) || ROW_ESTIMATE
  })
  useLayoutEffect(() => {
    const el = body.current
    const scroller = scrollParent(el)
    if (!on || !el || !scroller) return
    // The page itself scrolling: its box moves with the scroll, so only the row's top counts.
    const top = scroller === document.scrollingElement ? 0 : scroller.getBoundingClientRect().top
    const margin = Math.round(el.getBoundingClientRect().top - top + scroller.scrollTop)
    if (margin !== scrollMargin) setScrollMargin(margin)
    // Measured again when the rows change (a filter may add or remove a notice above them).
  }, [on, count, scrollMargin, body])
  if (!on) return null
  const items = v.getVirtualItems()
  const first = items[0]
  const last = items.at(-1)
  return {
    items,
    before: first ? first.start - scrollMargin : 0,
    after: last ? Math.max(0, v.getTotalSize() - (last.end - scrollMargin)) : 0,
    measure: v.measureElement
  }
}
