/**
 * Gmail compose detection: a compose is an element plus a lifetime. `watchComposes` finds every
 * compose under a root (new-message windows, open or minimised, the full-screen compose, inline
 * replies in a thread, a popped-out compose window) and calls back once per compose with an
 * AbortSignal that aborts when the compose goes away (sent, discarded, closed, navigated from).
 *
 * One MutationObserver, scoped narrowly, and never on the mail list (it changes all the time, and
 * every mutation under an observed subtree costs Gmail's own scripts time). With their subtrees it
 * watches only where composes mount: the mole strip and the full-screen overlay
 * (`selectors.WINDOW_AREAS`) and each open thread's conversation (`selectors.CONVERSATION`, where
 * inline replies mount). Children only, it watches the root (Gmail adds the mole strip and the
 * overlay there), the parents from the root down to each main area, and the main area's own
 * children (where a thread view is mounted or swapped out): a change there re-aims the observer
 * at the containers now present. Until Gmail has built its main area (it loads in stages) the
 * root is watched with `subtree`; in a popped-out compose window (no mail list) the main area is
 * too. No attribute observing, no polling. Mutations are filtered cheaply: typing in a tracked
 * body is ignored, a change inside a tracked compose only tells that compose (its recipients may
 * have changed), and a rescan (coalesced to one per task) happens only when a form was added, a
 * tracked compose was removed, or a watched parent's children changed.
 */
import {
  ANY_COMPOSE_DIALOG,
  COMPOSE_WINDOW,
  FULLSCREEN_COMPOSE,
  INLINE_REPLY,
  MAIN_ROLE_AREA,
  SUBJECT,
  getComposeAreas,
  getConversations,
  getMainAreas,
  getWindowAreas,
  getMaybeBody,
  getMaybeForm,
  getMaybeRecipientsArea,
  getMaybeSendButton,
  getMaybeSubject,
  getMaybeThreadId,
  getRecipients,
  isFullscreen,
  isMinimised,
  isPopoutWindow,
  isRecipientInput,
  type Recipient
} from "./selectors"

export type { Recipient }

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
  /** What a panel beside the compose must not cover: recipients, subject and Send (those present now). */
  keepClear(): HTMLElement[]
  /** Typing an address in To / Cc / Bcc changes a value, not the DOM, so `onChange` misses it. */
  onRecipientInput(listener: () => void, signal: AbortSignal): void
  /**
   * A person typed text into the body (a trusted `input` of type `insertText`): what a snippet
   * listens to. Pastes, deletions, script-made events and SOP Pilot's own inserts are not typing.
   */
  onBodyTyping(listener: () => void, signal: AbortSignal): void
  /** Called (at most once per mutation batch) when something inside the compose, outside its body, changed. */
  onChange(listener: () => void, signal: AbortSignal): void
  /**
   * A person asks Gmail to send: each event of a click on Send (`press`, `release`, `click`) or
   * Ctrl/⌘+Enter in the compose (`key`), before Gmail sees it. `hold()` stops that event.
   */
  onSendAttempt(listener: (attempt: SendAttempt) => void, signal: AbortSignal): void
}

export interface SendAttempt {
  kind: "press" | "release" | "click" | "key"
  hold(): void
}

const SEND_EVENTS = { mousedown: "press", mouseup: "release", click: "click" } as const

export interface FoundCompose {
  element: HTMLElement
  kind: ComposeKind
}

function kindOf(element: HTMLElement): ComposeKind {
  if (element.matches(INLINE_REPLY)) return "inline"
  if (isFullscreen(element)) return "fullscreen"
  if (isPopoutWindow(element.ownerDocument)) return "popout"
  return "window"
}

/** A compose needs Gmail's form and an editable body; anything else is not one (yet). */
const qualifies = (element: Element): boolean =>
  getMaybeForm(element) !== undefined && getMaybeBody(element) !== undefined

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
    keepClear: () =>
      [getMaybeRecipientsArea(element), getMaybeSubject(element), getMaybeSendButton(element)].filter(
        (el): el is HTMLElement => el !== undefined
      ),
    onSendAttempt(listener, signal) {
      const hold = (event: Event) => () => {
        event.preventDefault()
        event.stopImmediatePropagation()
      }
      // Capture on the compose: before Gmail's own handlers on Send (or above it) see the event.
      for (const [type, kind] of Object.entries(SEND_EVENTS)) {
        element.addEventListener(
          type,
          (event) => {
            const send = getMaybeSendButton(element)
            if (send && event.target instanceof Node && send.contains(event.target))
              listener({ kind, hold: hold(event) })
          },
          { capture: true, signal }
        )
      }
      element.addEventListener(
        "keydown",
        (event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) listener({ kind: "key", hold: hold(event) })
        },
        { capture: true, signal }
      )
    },
    onBodyTyping(listener, signal) {
      element.addEventListener(
        "input",
        (event) => {
          const body = getMaybeBody(element)
          if (!event.isTrusted || !body || !(event.target instanceof Node) || !body.contains(event.target)) return
          if ((event as InputEvent).inputType === "insertText") listener()
        },
        { signal }
      )
    },
    onRecipientInput(listener, signal) {
      element.addEventListener("input", (event) => isRecipientInput(event.target) && listener(), { signal })
    },
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

type Mode = "children" | "subtree"

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
  /** What the observer is registered on: a node's children only, or its whole subtree. */
  const watching = new Map<Node, Mode>()
  let scanQueued = false

  /** Where the observer should be now (see the module comment). */
  const wanted = (): Map<Node, Mode> => {
    const want = new Map<Node, Mode>()
    const mains = getMainAreas(root)
    // Gmail loads in stages: until its main area is built, the whole root.
    if (mains.length === 0) return want.set(root, "subtree")
    want.set(root, "children")
    if (isPopoutWindow(root.ownerDocument)) {
      // A compose window of its own: no mail list to skip.
      for (const area of getComposeAreas(root)) want.set(area, "subtree")
      return withTrackedComposes(want)
    }
    for (const area of getWindowAreas(root)) want.set(area, "subtree")
    for (const main of mains) {
      // The parents a thread view can be mounted under or swapped out of: children only.
      for (let el: HTMLElement | null = main; el && el !== root && !want.has(el); el = el.parentElement)
        want.set(el, "children")
      if (main.matches(MAIN_ROLE_AREA))
        for (const child of main.children) if (!want.has(child)) want.set(child, "children")
    }
    for (const main of mains) for (const conversation of getConversations(main)) want.set(conversation, "subtree")
    return withTrackedComposes(want)
  }

  /**
   * A compose found outside the areas above (Gmail mounted it somewhere new): its own subtree,
   * so a chip added to it later is still heard.
   */
  const withTrackedComposes = (want: Map<Node, Mode>): Map<Node, Mode> => {
    const subtrees = [...want].filter(([, mode]) => mode === "subtree").map(([node]) => node)
    for (const element of tracked.keys()) {
      if (!element.isConnected || subtrees.some((node) => node.contains(element))) continue
      want.set(element, "subtree")
      // Its parents' children too, up to the root: its closing (its removal) shows in one of them.
      for (let el = element.parentElement; el && el !== root && !want.has(el); el = el.parentElement)
        want.set(el, "children")
    }
    return want
  }

  const aim = () => {
    const want = wanted()
    if ([...watching.keys()].some((node) => !want.has(node))) {
      // A target went away: MutationObserver cannot drop one target, so start over (keeping what is pending).
      const pending = observer.takeRecords()
      observer.disconnect()
      watching.clear()
      if (pending.length > 0) handle(pending)
    }
    for (const [node, mode] of want) {
      if (watching.get(node) === mode) continue
      watching.set(node, mode)
      // Same observer, same target: observe() replaces that target's options.
      observer.observe(node, mode === "subtree" ? { childList: true, subtree: true } : { childList: true })
    }
  }

  const scan = () => {
    scanQueued = false
    if (signal.aborted) return
    aim()
    const present = new Set(findComposes(root).map((found) => found.element))
    for (const [element, entry] of tracked) {
      if (!present.has(element) || !element.isConnected) {
        tracked.delete(element)
        entry.controller.abort()
      }
    }
    let added = false
    for (const element of present) {
      if (tracked.has(element)) continue
      const controller = new AbortController()
      const handle = composeHandle(element)
      tracked.set(element, { handle, controller })
      added = true
      try {
        onCompose(handle, controller.signal)
      } catch (error) {
        console.warn("SOP Pilot: compose handler failed", error)
      }
    }
    // A new compose outside the watched areas gets its own subtree watched (see `withTrackedComposes`).
    if (added) aim()
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

  const handle = (records: MutationRecord[]) => {
    const changed = new Set<ReturnType<typeof composeHandle>>()
    let rescan = false
    const bootstrapping = watching.get(root) === "subtree"
    for (const record of records) {
      // A known parent's children changed (an area or a thread view came or went): re-aim, rescan.
      if (record.target === root || watching.get(record.target) === "children") {
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
  }

  const observer = new MutationObserver(handle)

  signal.addEventListener(
    "abort",
    () => {
      observer.disconnect()
      watching.clear()
      for (const entry of tracked.values()) entry.controller.abort()
      tracked.clear()
    },
    { once: true }
  )
  scan()
}
