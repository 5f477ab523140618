/**
 * The keyboard on a panel inside a host page (issue 16, item 12), the same on Salesforce and Gmail:
 *
 * - **The shortcut** (`focus-panel`, Alt+Shift+S; `src/background/commands.ts` sends
 *   `panel.focus` to the tab) opens the panel and moves the focus in, to what the host's panel
 *   names first (Gmail: the first missing field; Salesforce: the first open step).
 * - **Escape** in the panel collapses it and gives the focus back to where it was on the page
 *   before it came in (the compose body, the record's field), or to what the panel names when
 *   nothing on the page had it. A control that uses Escape itself (a form's Cancel) calls
 *   `preventDefault()` and keeps it.
 * - **Keys typed in the panel stay in it.** Events leaving a shadow root are retargeted to its host
 *   element, which to the page looks like no text field at all: with Gmail's keyboard shortcuts
 *   on, typing "Sam" in a gap field would star, archive or reply. Key events stop at the shadow
 *   root, after the panel's own (React's) handlers have run.
 */
import { useEffect, useRef, useState, type RefObject } from "react"

import { onPanelFocus } from "~/src/messages/client"

export interface PanelKeyboardOptions {
  /** Whether the shortcut is for this panel (Gmail: the active compose's only). */
  listening: boolean
  /** Whether the panel is open: Escape then collapses it. */
  expanded: boolean
  expand(): void
  collapse(): void
  /** What takes the focus once the panel is open; the panel's first control otherwise. */
  focusTarget(panel: HTMLElement): HTMLElement | null | undefined
  /** Where the focus goes on Escape when nothing on the page had it before (after the collapse). */
  focusAfterCollapse(panel: HTMLElement): HTMLElement | null | undefined
  /** Gives the focus back to a page element (Gmail: the body, with its caret where it was); `focus()` otherwise. */
  giveFocusBack?(to: HTMLElement): void
}

const KEY_EVENTS = ["keydown", "keypress", "keyup"] as const

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])'

/** The panel's first control a person can reach with Tab (not inside a hidden part). */
export function firstFocusable(panel: HTMLElement): HTMLElement | undefined {
  return Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).find((element) => !element.closest("[hidden]"))
}

/** An element on the page that can take the focus back: still there, not the body. */
const canTakeFocusBack = (element: HTMLElement | null): element is HTMLElement =>
  element !== null && element.isConnected && element !== element.ownerDocument.body

export function usePanelKeyboard(root: RefObject<HTMLElement | null>, options: PanelKeyboardOptions): void {
  const latest = useRef(options)
  latest.current = options
  // Where the focus was on the page before it came into the panel.
  const returnTo = useRef<HTMLElement | null>(null)
  const [focusRequest, setFocusRequest] = useState<{ into: boolean; n: number }>()
  const giveBack = (to: HTMLElement) => (latest.current.giveFocusBack ? latest.current.giveFocusBack(to) : to.focus())

  useEffect(() => {
    const panel = root.current
    if (!panel) return
    const controller = new AbortController()
    const { signal } = controller
    const tree = panel.getRootNode()
    panel.addEventListener(
      "focusin",
      (event) => {
        const from = event.relatedTarget
        // Only the page's elements: not the panel's own, nor another panel in the same root.
        if (from instanceof HTMLElement && from.getRootNode() !== tree) returnTo.current = from
      },
      { signal }
    )
    const onKey = (event: Event) => {
      if (!event.composedPath().includes(panel)) return
      if (tree instanceof ShadowRoot) event.stopPropagation()
      const key = event as KeyboardEvent
      if (event.type !== "keydown" || key.key !== "Escape" || event.defaultPrevented || !latest.current.expanded) return
      event.preventDefault()
      const back = returnTo.current
      returnTo.current = null
      // The focus leaves before the panel hides what holds it, so it never drops to <body>.
      if (canTakeFocusBack(back)) giveBack(back)
      latest.current.collapse()
      if (!canTakeFocusBack(back)) setFocusRequest((r) => ({ into: false, n: (r?.n ?? 0) + 1 }))
    }
    // At the tree's root: after React's own handlers (at its container, inside the tree) have run.
    for (const type of KEY_EVENTS) tree.addEventListener(type, onKey, { signal })
    return () => controller.abort()
  }, [root])

  useEffect(() => {
    if (!options.listening) return
    const controller = new AbortController()
    try {
      onPanelFocus(() => {
        latest.current.expand()
        setFocusRequest((r) => ({ into: true, n: (r?.n ?? 0) + 1 }))
      }, controller.signal)
    } catch {
      // Without the runtime (the extension reloaded under the page) there is no shortcut: fine.
    }
    return () => controller.abort()
  }, [options.listening])

  // After the render that opened or collapsed the panel.
  useEffect(() => {
    const panel = root.current
    if (!focusRequest || !panel) return
    if (focusRequest.into) (latest.current.focusTarget(panel) ?? firstFocusable(panel))?.focus()
    else {
      const target = latest.current.focusAfterCollapse(panel)
      if (target) giveBack(target)
    }
  }, [focusRequest, root])
}
