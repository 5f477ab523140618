/**
 * How long Undo stays after a check-off, in the Salesforce checklist and the Today list alike:
 * UNDO_MS once the CSM has left the row, never while they point at it or work in it (a hand on
 * the row may be on its way to Undo).
 */
import { useEffect, useState, type FocusEvent } from "react"

export const UNDO_MS = 6_000

/** The row's pointer and focus handlers; `onExpire(key)` runs UNDO_MS after the row is let go. */
export function useUndoHold<K>(undoable: boolean, onExpire: (key: K) => void, key: K) {
  const [held, setHeld] = useState({ pointer: false, focus: false })
  const holding = held.pointer || held.focus
  useEffect(() => {
    if (!undoable || holding) return
    const timer = setTimeout(() => onExpire(key), UNDO_MS)
    return () => clearTimeout(timer)
  }, [undoable, holding, onExpire, key])
  return {
    onPointerEnter: () => setHeld((h) => ({ ...h, pointer: true })),
    onPointerLeave: () => setHeld((h) => ({ ...h, pointer: false })),
    onFocus: () => setHeld((h) => ({ ...h, focus: true })),
    onBlur: (event: FocusEvent<HTMLElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld((h) => ({ ...h, focus: false }))
    }
  }
}
