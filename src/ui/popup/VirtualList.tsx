/**
 * A tiny windowed list: only the rows in view (plus a few either side) are in the DOM, so a book
 * of 1,000 accounts scrolls as fast as one of 10. Rows have a fixed height.
 *
 * Keyboard: the list is one tab stop (roving tabindex); ↑/↓, Page Up/Down, Home/End move between
 * rows, scrolling as needed. The active row is always rendered, even when scrolled away, so Tab
 * can come back to it.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react"

export interface VirtualListProps<T> {
  items: readonly T[]
  rowHeight: number
  /** Height of the scrolling viewport (px). */
  height: number
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number
  getKey: (item: T) => string
  /** Attributes for the row's `<li>` (data-*), by item. */
  rowProps?: (item: T, index: number) => Record<string, string | number | undefined>
  /** The row's content; `focusable` is the props its one interactive element takes. */
  renderRow: (item: T, index: number, focusable: { tabIndex: number; "data-row-focus": true }) => ReactNode
  label: string
  className?: string
  /** The viewport's data-testid (default "virtual-list", the book's). */
  testId?: string
}

export function visibleRange(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
  overscan: number
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) - 1 + overscan)
  return [first, last]
}

export function VirtualList<T>({
  items,
  rowHeight,
  height,
  overscan = 4,
  getKey,
  rowProps,
  renderRow,
  label,
  className,
  testId = "virtual-list"
}: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [active, setActive] = useState(0)
  const focusWanted = useRef(false)
  const activeIndex = Math.min(active, Math.max(0, items.length - 1))

  const [first, last] = visibleRange(scrollTop, height, rowHeight, items.length, overscan)
  const indexes: number[] = []
  for (let i = first; i <= last; i++) indexes.push(i)
  if (items.length > 0 && (activeIndex < first || activeIndex > last)) indexes.push(activeIndex)

  useLayoutEffect(() => {
    if (!focusWanted.current) return
    focusWanted.current = false
    viewport.current
      ?.querySelector<HTMLElement>(`li[data-index="${activeIndex}"] [data-row-focus]`)
      ?.focus({ preventScroll: true })
  })

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index))
    const el = viewport.current
    if (el) {
      const top = next * rowHeight
      if (top < el.scrollTop) el.scrollTop = top
      else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height
      setScrollTop(el.scrollTop)
    }
    focusWanted.current = true
    setActive(next)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1)
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: items.length - 1
    }
    const target = moves[event.key]
    if (target === undefined || items.length === 0) return
    // Keys in a field of a row (a date, a search) are the field's own.
    if ((event.target as HTMLElement).closest?.('input:not([type="checkbox"]), select, textarea')) return
    event.preventDefault()
    moveTo(target)
  }

  return (
    <div
      ref={viewport}
      className={`sop-vlist ${className ?? ""}`}
      style={{ height, overflowY: "auto", position: "relative" }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      data-testid={testId}
      data-count={items.length}
    >
      <ul
        aria-label={label}
        style={{ height: items.length * rowHeight, position: "relative", margin: 0, padding: 0, listStyle: "none" }}
        onKeyDown={onKeyDown}
      >
        {indexes.map((index) => {
          const item = items[index] as T
          return (
            <li
              key={getKey(item)}
              data-index={index}
              aria-setsize={items.length}
              aria-posinset={index + 1}
              style={{ position: "absolute", top: index * rowHeight, left: 0, right: 0, height: rowHeight }}
              onFocus={() => {
                if (index !== activeIndex) setActive(index)
              }}
              {...rowProps?.(item, index)}
            >
              {renderRow(item, index, { tabIndex: index === activeIndex ? 0 : -1, "data-row-focus": true })}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
