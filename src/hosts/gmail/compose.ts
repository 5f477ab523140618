/**
 * Gmail compose detection: a compose is an element plus a lifetime. `watchComposes` finds every
 * compose under a root (new-message windows, open or minimised, the full-screen compose, inline
 * replies in a thread, a popped-out compose window) and calls back once per compose with an
 * AbortSignal that aborts when the compose goes away (sent, discarded, closed, navigated from).
 *
 * One MutationObserver, scoped narrowly: it watches the root's own children (`childList` only:
 * Gmail adds the mole strip and the full-screen overlay there) and, with `subtree`, only the
 * compose areas (`selectors.COMPOSE_AREAS`). Until Gmail has built its main area (it loads in
 * stages) the root is watched with `subtree` too, then back to children only. No attribute
 * observing, no polling. Mutations are filtered cheaply: typing in a tracked body is ignored, a
 * change inside a tracked compose only tells that compose (its recipients may have changed), and
 * a rescan (coalesced to one per task) happens only when a form was added or a tracked compose
 * was removed.
 */
import {
  ANY_COMPOSE_DIALOG,
  COMPOSE_WINDOW,
  FULLSCREEN_AREA,
  FULLSCREEN_COMPOSE,
  INLINE_REPLY,
  MAIN_AREA,
  MAIN_ROLE_AREA,
  SUBJECT,
  getComposeAreas,
  getMaybeBody,
  getMaybeForm,
  getMaybeSubject,
  getMaybeThreadId,
  getRecipients,
  isMinimised,
  isPopoutWindow,
  type Recipient
} from "./selectors"

export type ComposeKind = "window" | "fullscreen" | "inline" | "popout"

export interface Compose {
  /** Stable for the life of the element (`c1`, `c2` …). */
  readonly id: string
  /** The frame the panel sits beside: the dialog of a window, or the inline reply's `.M9`. */
  readonly element: HTMLElement
  /** Recomputed on each call: Gmail moves a window into the full-screen overlay and back. */
  kind(): ComposeKind
  body(): HTMLElement | undefined
  subject(): HTMLInputElement | undefined
  recipients(): Recipient[]
  threadId(): string | undefined
  minimised(): boolean
  /** Called (at most once per mutation batch) when something inside the compose, outside its body, changed. */
  onChange(listener: () => void, signal: AbortSignal): void
}

export interface FoundCompose {
  element: HTMLElement
  kind: ComposeKind
}

function kindOf(element: HTMLElement): ComposeKind {
  if (element.matches(INLINE_REPLY)) return "inline"
  if (element.closest(`${FULLSCREEN_AREA}, .aSt`)) return "fullscreen"
  if (isPopoutWindow(element.ownerDocument)) return "popout"
  return "window"
}

/** A compose needs Gmail's form and an editable body; anything else is not one (yet). */
const qualifies = (element: Element): boolean => getMaybeForm(element) !== undefined && getMaybeBody(element) !== undefined

/** Every compose under `root`, in document order of discovery, each frame once. */
export function findComposes(root: ParentNode): FoundCompose[] {
  const found = new Map<HTMLElement, ComposeKind>()
  const offer = (element: HTMLElement) => {
    if (found.has(element) || !qualifies(element)) return
    found.set(element, kindOf(element))
  }
  for (const el of root.querySelectorAll<HTMLElement>(COMPOSE_WINDOW)) offer(el)
  for (const el of root.querySelectorAll<HTMLElement>(FULLSCREEN_COMPOSE)) offer(el)
  for (const el of root.querySelectorAll<HTMLElement>(INLINE_REPLY)) {
    // The .M9 inside a window's dialog belongs to that window.
    if (!el.closest(ANY_COMPOSE_DIALOG)) offer(el)
  }
  // Fallback: a dialog with a subject field, wherever Gmail put it.
  for (const subject of root.querySelectorAll<HTMLElement>(SUBJECT)) {
    const dialog = subject.closest<HTMLElement>(ANY_COMPOSE_DIALOG)
    if (dialog && ![...found.keys()].some((el) => el.contains(dialog) || dialog.contains(el))) offer(dialog)
  }
  return [...found].map(([element, kind]) => ({ element, kind }))
}

let counter = 0
const ids = new WeakMap<Element, string>()
const idOf = (element: Element): string => {
  let id = ids.get(element)
  if (!id) {
    id = `c${++counter}`
    ids.set(element, id)
  }
  return id
}

/** A handle on one compose element (no observers of its own: the watcher tells it of changes). */
export function composeHandle(element: HTMLElement): Compose & { notify(): void } {
  const listeners = new Set<() => void>()
  return {
    id: idOf(element),
    element,
    kind: () => kindOf(element),
    body: () => getMaybeBody(element),
    subject: () => getMaybeSubject(element),
    recipients: () => getRecipients(element),
    threadId: () => getMaybeThreadId(element, kindOf(element) === "inline"),
    minimised: () => isMinimised(element),
    onChange(listener, signal) {
      if (signal.aborted) return
      listeners.add(listener)
      signal.addEventListener("abort", () => listeners.delete(listener), { once: true })
    },
    notify() {
      for (const listener of [...listeners]) {
        try {
          listener()
        } catch (error) {
          console.warn("SOP Pilot: compose listener failed", error)
        }
      }
    }
  }
}

const isElement = (node: Node): node is Element => node.nodeType === 1
const addsForm = (node: Node): boolean =>
  isElement(node) && (node.tagName === "FORM" || node.getElementsByTagName("form").length > 0)

/**
 * Calls `onCompose` for every compose under `root`, now and as they appear, each with a signal
 * that aborts when that compose is gone (or when `signal` aborts). A throwing callback is logged,
 * never thrown into Gmail.
 */
export function watchComposes(
  root: HTMLElement,
  onCompose: (compose: Compose, signal: AbortSignal) => void,
  signal: AbortSignal
): void {
  if (signal.aborted) return
  const tracked = new Map<HTMLElement, { handle: ReturnType<typeof composeHandle>; controller: AbortController }>()
  const observed = new Set<Element>()
  let bootstrapping = false
  let scanQueued = false

  const hasMainArea = () => root.querySelector(`${MAIN_AREA}, ${MAIN_ROLE_AREA}`) !== null

  const observeAreas = () => {
    for (const area of getComposeAreas(root)) {
      if (observed.has(area)) continue
      observed.add(area)
      observer.observe(area, { childList: true, subtree: true })
    }
    const wantSubtree = !hasMainArea()
    if (wantSubtree !== bootstrapping) {
      bootstrapping = wantSubtree
      // Same observer, same target: observe() replaces the root's options.
      observer.observe(root, { childList: true, subtree: wantSubtree })
    }
  }

  const scan = () => {
    scanQueued = false
    if (signal.aborted) return
    observeAreas()
    const present = new Set(findComposes(root).map((found) => found.element))
    for (const [element, entry] of tracked) {
      if (!present.has(element) || !element.isConnected) {
        tracked.delete(element)
        entry.controller.abort()
      }
    }
    for (const element of present) {
      if (tracked.has(element)) continue
      const controller = new AbortController()
      const handle = composeHandle(element)
      tracked.set(element, { handle, controller })
      try {
        onCompose(handle, controller.signal)
      } catch (error) {
        console.warn("SOP Pilot: compose handler failed", error)
      }
    }
  }

  const queueScan = () => {
    if (scanQueued) return
    scanQueued = true
    queueMicrotask(scan)
  }

  const ownerOf = (node: Node) => {
    for (const entry of tracked.values()) if (entry.handle.element.contains(node)) return entry
    return undefined
  }

  const observer = new MutationObserver((records) => {
    const changed = new Set<ReturnType<typeof composeHandle>>()
    let rescan = false
    for (const record of records) {
      if (record.target === root) {
        rescan = true
        continue
      }
      const owner = ownerOf(record.target)
      if (owner) {
        const body = owner.handle.body()
        // Typing: the body's own edits say nothing about recipients or the compose's life.
        if (body && body.contains(record.target)) continue
        changed.add(owner.handle)
        if (!body || [...record.removedNodes].some((node) => node.contains(body) || node === body)) rescan = true
        continue
      }
      if ([...record.addedNodes].some(addsForm)) rescan = true
      else if (record.removedNodes.length > 0) {
        for (const entry of tracked.values()) if (!entry.handle.element.isConnected) rescan = true
      }
      if (bootstrapping && [...record.addedNodes].some(isElement)) rescan = true
    }
    if (rescan) queueScan()
    for (const handle of changed) handle.notify()
  })

  observer.observe(root, { childList: true })
  signal.addEventListener(
    "abort",
    () => {
      observer.disconnect()
      for (const entry of tracked.values()) entry.controller.abort()
      tracked.clear()
    },
    { once: true }
  )
  scan()
}
