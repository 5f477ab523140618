/**
 * Only a person's input changes anything in a panel on a host page (issue #17). A page's script
 * can `click()` a button, set an input's value and `dispatchEvent` what it likes at any element
 * it can reach; Chrome marks those events `isTrusted: false`. One capture listener on a panel's
 * root element stops every such event before React sees it (React listens at the root container,
 * above the panel's element) and cancels its default action (no checkbox flips, no form is
 * submitted): no handler inside has to check anything.
 *
 * A form's `submit` event is trusted even when a script calls `form.requestSubmit()`, so a submit
 * passes only in the task of a person's click or key press (Enter, Space) inside the panel.
 *
 * The panels are also in closed shadow roots (`shadow-root.ts`): a page cannot reach their
 * elements at all. This guard is the second wall, for the open roots of the e2e test seam.
 *
 * Unit tests (testing-library dispatches untrusted events) give the panel's store `anyInput`;
 * every store's default is `personOnly`.
 */
import { useLayoutEffect, type RefObject } from "react"

/** Makes the check for one panel root: whether an event may reach its handlers. */
export type InputPolicy = () => (event: Event) => boolean

/** The events a panel's handlers act on (React's onClick, onChange, onKeyDown, onSubmit …). */
const GUARDED_EVENTS = [
  "click",
  "dblclick",
  "auxclick",
  "contextmenu",
  "mousedown",
  "mouseup",
  "pointerdown",
  "pointerup",
  "keydown",
  "keyup",
  "keypress",
  "beforeinput",
  "input",
  "change",
  "paste",
  "cut",
  "drop",
  "submit",
  "reset"
] as const

/** Events that start a person's submit: a click on a button, Enter in a field, Space on a button. */
const ACTIVATIONS = new Set(["click", "keydown", "keyup"])

/** The shipped policy: trusted events only, and a submit only in the task of a person's activation. */
export const personOnly: InputPolicy = () => {
  let activated = false
  let timer: ReturnType<typeof setTimeout> | undefined
  return (event) => {
    if (!event.isTrusted) return false
    if (event.type === "submit" || event.type === "reset") return activated
    if (ACTIVATIONS.has(event.type)) {
      activated = true
      clearTimeout(timer)
      // The submit a click or Enter causes is dispatched before this task ends.
      timer = setTimeout(() => (activated = false), 0)
    }
    return true
  }
}

/** For unit tests only: testing-library's events are script-dispatched, hence untrusted. */
export const anyInput: InputPolicy = () => () => true

/** Stops, at `root`, every event `policy` refuses; returns nothing, stops on abort. */
export function guardInput(root: EventTarget, policy: InputPolicy, signal: AbortSignal): void {
  const accepts = policy()
  const refuse = (event: Event) => {
    if (accepts(event)) return
    event.stopImmediatePropagation()
    event.preventDefault()
  }
  for (const type of GUARDED_EVENTS) root.addEventListener(type, refuse, { capture: true, signal })
}

/** `guardInput` on a panel's root element for as long as it is mounted. */
export function useInputGuard(ref: RefObject<HTMLElement | null>, policy: InputPolicy): void {
  // Before the browser runs anything else: no page script gets a turn between mount and guard.
  useLayoutEffect(() => {
    const root = ref.current
    if (!root) return
    const controller = new AbortController()
    guardInput(root, policy, controller.signal)
    return () => controller.abort()
  }, [ref, policy])
}
