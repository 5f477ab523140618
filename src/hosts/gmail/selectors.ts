/**
 * Every lookup SOP Pilot makes in Gmail's markup, and nothing else. Gmail has no stable API: its
 * class names are minified and change, so each selector is a named constant saying what it finds
 * (readings cross-checked with InboxSDK's Gmail driver), each has a fallback where one exists, and
 * each is pinned by the dated fixtures in test/fixtures/gmail/ (test/unit/hosts/gmail/).
 *
 * Lookups come in pairs: `getMaybeX` returns `undefined` when Gmail's markup does not have it, and
 * `getX` throws a `GmailSelectorError` naming the lookup (never page text: it may be a
 * customer's email). Features use the `getMaybe` form: unknown markup means no panel, not an error.
 */

import { normaliseEmail, parseAddress } from "~/src/domain/recipients"

import { orThrow } from "../lookup"

// --- Where composes appear (the watcher observes these, not the whole page) -------------------

/** The strip of bottom-right compose windows ("moles"), a child of `<body>` Gmail makes lazily. */
export const MOLE_AREA = "div.dw"
/** The full-screen compose overlay, a child of `<body>` (InboxSDK: `body > .aSs > .aSt`). */
export const FULLSCREEN_AREA = "div.aSs"
/** The main content column holding the mail list and thread views (inline replies). */
export const MAIN_AREA = "div.aeF"
/** Fallback for the main area, and the container of a popped-out compose window. */
export const MAIN_ROLE_AREA = "[role=main]"
/** All of the above (nested ones are skipped): what the watcher observes whole in a popped-out compose window. */
export const COMPOSE_AREAS = [MOLE_AREA, FULLSCREEN_AREA, MAIN_AREA, MAIN_ROLE_AREA].join(", ")
/** Where compose windows mount (the mole strip, the full-screen overlay): observed with their subtrees. */
export const WINDOW_AREAS = [MOLE_AREA, FULLSCREEN_AREA].join(", ")
/**
 * An open thread's conversation (`div.nH.if` in the main area: the subject heading, the messages'
 * `[role=list]`, their reply containers `.ip`), where inline replies mount. The watcher observes
 * it with its subtree, and never the mail list beside it.
 */
export const CONVERSATION = "div.nH.if"
/** Fallback: a thread's message list; its parent is taken as the conversation. */
export const CONVERSATION_LIST = "[role=list]"

// --- Composes --------------------------------------------------------------------------------

/** A new-message window (open or minimised): the dialog inside a mole's `div.AD`. */
export const COMPOSE_WINDOW = "div.AD [role=dialog]"
/**
 * The full-screen compose's frame inside the overlay (InboxSDK: `body > .aSs > .aSt`). Checked on
 * its own too: while Gmail moves a window into the overlay the frame can be there before its
 * `.aSs` parent.
 */
export const FULLSCREEN_FRAME = ".aSt"
/** The compose of the full-screen overlay. */
export const FULLSCREEN_COMPOSE = `${FULLSCREEN_FRAME} [role=dialog]`
/** Fallback for both: any dialog holding a subject field (when Gmail renames `AD` / `aSt`). */
export const ANY_COMPOSE_DIALOG = "[role=dialog]"
/** An inline reply or forward in a thread: the `.M9` form area inside a message's reply container `.ip`. */
export const INLINE_REPLY = ".ip .M9"
/** Inside every compose: the form Gmail saves drafts from (InboxSDK ignores dialogs without one). */
export const COMPOSE_FORM = "form"
/** `<body>` classes of a popped-out compose window (its own browser window: `?view=cm`). */
export const POPOUT_BODY_CLASSES = ["xE", "xp"] as const

// --- Inside a compose ------------------------------------------------------------------------

/** The message body: Gmail's editable div (`.Am.Al.editable`, marked `g_editable="true"`). */
export const BODY = "[g_editable=true]"
/** Fallback body: an editable rich-text box. */
export const BODY_FALLBACK = "div[contenteditable=true][role=textbox]"
/** The subject field (absent from inline replies, which keep the thread's subject). */
export const SUBJECT = "input[name=subjectbox]"
/** A recipient chip (2021+ chips: `div[role=option][data-name][data-hovercard-id]`); the attribute holds the address. */
export const RECIPIENT_CHIP = "[data-hovercard-id]"
/** The To / Cc / Bcc row a chip belongs to (`div.anm[name=to]`), or the older `tr` with the named input. */
export const RECIPIENT_ROW = "[name=to], [name=cc], [name=bcc]"
/** Older recipient fields: hidden inputs holding `Name <address>` per chip, and the visible input or textarea being typed in. */
export const RECIPIENT_INPUTS =
  "input[name=to], input[name=cc], input[name=bcc], textarea[name=to], textarea[name=cc], textarea[name=bcc]"
/**
 * The 2021+ address field being typed in, before the address becomes a chip: no `name`, a
 * localised `aria-label` ("To recipients", "Destinatarios" …), `peoplekit-id` on To. Matched by
 * what it is (InboxSDK's setRecipients: `input[role=combobox][aria-autocomplete=list]` in the row).
 */
export const RECIPIENT_COMBOBOX =
  "input[role=combobox][peoplekit-id], .anm[name] input[role=combobox], [name=to] input[role=combobox][aria-autocomplete=list]"
/** Older chips: a span carrying the address (`.vR .vN[email]`). */
export const EMAIL_SPAN = "span[email]"
/** Hidden draft fields: the draft's thread (`#thread-a:r-…`) and the draft itself (`#msg-a:r-…`). */
export const DRAFT_THREAD_INPUT = "input[name=rt]"
export const DRAFT_ID_INPUT = "input[name=draft]"
/**
 * The Send button, found by where it is first: the first plain button of the toolbar's send cell
 * (InboxSDK's getSendButton: `.IZ .Up div > div[role=button]`, not Send & archive `.Uo`, not the
 * schedule-send menu), which holds in every language; then its class `.aoO`; then its English
 * tooltip. Placement must never cover it.
 */
export const SEND_BUTTON_BY_PLACE = ".IZ .Up div > div[role=button]:not(.Uo):not([aria-haspopup=true])"
export const SEND_BUTTON = "div[role=button].aoO"
export const SEND_BUTTON_FALLBACK = "[role=button][data-tooltip^=Send]"
/**
 * The recipients block (`table.GS`), or the collapsed line Gmail shows instead (`.aoD.hl`): never
 * covered either. Gmail keeps the block in the page, hidden, while the line shows.
 */
export const RECIPIENTS_AREA = ".GS, .aoD.hl"

// --- Thread view -----------------------------------------------------------------------------

/** The thread's subject heading carries its id (`h2.hP[data-legacy-thread-id]`). */
export const THREAD_ID = "[data-legacy-thread-id]"
/** Newer thread id attribute (`thread-f:1234`), fallback. */
export const THREAD_PERM_ID = "[data-thread-perm-id]"

/** A Gmail lookup that found nothing: the name of the lookup, never the page's text. */
export class GmailSelectorError extends Error {
  constructor(readonly lookup: string) {
    super(`Gmail markup not recognised: no ${lookup}`)
    this.name = "GmailSelectorError"
  }
}

const orFail = <T>(value: T | undefined, lookup: string): T => orThrow(value, () => new GmailSelectorError(lookup))

const first = <T extends Element>(scope: ParentNode, ...selectors: string[]): T | undefined => {
  for (const selector of selectors) {
    const found = scope.querySelector<T>(selector)
    if (found) return found
  }
  return undefined
}

export function getMaybeBody(compose: ParentNode): HTMLElement | undefined {
  return first<HTMLElement>(compose, BODY, BODY_FALLBACK)
}
export const getBody = (compose: ParentNode): HTMLElement => orFail(getMaybeBody(compose), "compose body")

export function getMaybeSubject(compose: ParentNode): HTMLInputElement | undefined {
  return first<HTMLInputElement>(compose, SUBJECT)
}
export const getSubject = (compose: ParentNode): HTMLInputElement => orFail(getMaybeSubject(compose), "subject field")

export function getMaybeForm(compose: ParentNode): HTMLFormElement | undefined {
  return first<HTMLFormElement>(compose, COMPOSE_FORM)
}

export function getMaybeSendButton(compose: ParentNode): HTMLElement | undefined {
  return first<HTMLElement>(compose, SEND_BUTTON_BY_PLACE, SEND_BUTTON, SEND_BUTTON_FALLBACK)
}
export const getSendButton = (compose: ParentNode): HTMLElement => orFail(getMaybeSendButton(compose), "Send button")

/**
 * Shown on screen: the browser's own check where there is one (it sees stylesheet rules too),
 * else no `hidden` or inline `display: none` on the element or above it.
 */
function isShown(element: HTMLElement): boolean {
  if (typeof element.checkVisibility === "function") return element.checkVisibility()
  for (let el: HTMLElement | null = element; el; el = el.parentElement) {
    if (el.hidden || el.style.display === "none") return false
  }
  return true
}

/** The recipients block or line on screen (the other one is there too, hidden). */
export function getMaybeRecipientsArea(compose: ParentNode): HTMLElement | undefined {
  return Array.from(compose.querySelectorAll<HTMLElement>(RECIPIENTS_AREA)).find(isShown)
}

/** The compose areas present under `root`, outermost only. */
export function getComposeAreas(root: ParentNode): HTMLElement[] {
  const all = Array.from(root.querySelectorAll<HTMLElement>(COMPOSE_AREAS))
  return all.filter((area) => !all.some((other) => other !== area && other.contains(area)))
}

/** Every main area under `root` (`div.aeF` and `[role=main]`, nested ones included). */
export function getMainAreas(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(`${MAIN_AREA}, ${MAIN_ROLE_AREA}`))
}

/** The compose-window areas present under `root` (the mole strip, the full-screen overlay). */
export function getWindowAreas(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(WINDOW_AREAS))
}

/** The open threads' conversations inside `main`, outermost only (`CONVERSATION`, else the parent of a `CONVERSATION_LIST`). */
export function getConversations(main: ParentNode): HTMLElement[] {
  let all = Array.from(main.querySelectorAll<HTMLElement>(CONVERSATION))
  if (all.length === 0) {
    all = Array.from(main.querySelectorAll<HTMLElement>(CONVERSATION_LIST))
      .map((list) => list.parentElement)
      .filter((el): el is HTMLElement => el !== null && el !== main)
  }
  return all.filter((el) => !all.some((other) => other !== el && other.contains(el)))
}

export type RecipientField = "to" | "cc" | "bcc"

export interface Recipient {
  /** As Gmail holds it (not yet normalised). */
  email: string
  /** The chip's display name, when there is one. */
  name?: string
  field?: RecipientField
}

const fieldOf = (el: Element): RecipientField | undefined => {
  const name = el.closest(RECIPIENT_ROW)?.getAttribute("name") ?? el.getAttribute("name")
  return name === "to" || name === "cc" || name === "bcc" ? name : undefined
}

/**
 * The recipients of a compose, To first, each address once: chips (`data-hovercard-id` with
 * `data-name`), then older markup (hidden inputs `Name <address>`, `span[email]`), then what is
 * being typed in the To field. An empty list when Gmail's markup has none of these.
 */
export function getRecipients(compose: ParentNode): Recipient[] {
  const found: Recipient[] = []
  const add = (
    email: string | null | undefined,
    name: string | null | undefined,
    field: RecipientField | undefined
  ) => {
    const address = email?.trim()
    // One check for every source: a well-formed address (`Dana <dana@acme` half typed is none).
    if (!address || normaliseEmail(address) === undefined) return
    const existing = found.find((r) => r.email.toLowerCase() === address.toLowerCase())
    const cleanName = name?.replace(/\s+/g, " ").trim()
    if (existing) {
      if (!existing.name && cleanName) existing.name = cleanName
      return
    }
    found.push({ email: address, ...(cleanName ? { name: cleanName } : {}), ...(field ? { field } : {}) })
  }

  for (const chip of compose.querySelectorAll(RECIPIENT_CHIP)) {
    add(chip.getAttribute("data-hovercard-id"), chip.getAttribute("data-name"), fieldOf(chip))
  }
  const typed = compose.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    `${RECIPIENT_INPUTS}, ${RECIPIENT_COMBOBOX}`
  )
  for (const input of typed) {
    for (const part of input.value.split(/[,;]/)) {
      const parsed = parseAddress(part)
      if (parsed) add(parsed.email, parsed.name, fieldOf(input))
    }
  }
  for (const span of compose.querySelectorAll(EMAIL_SPAN)) {
    add(span.getAttribute("email"), span.getAttribute("name") ?? span.textContent, fieldOf(span))
  }

  const order: Record<string, number> = { to: 0, cc: 1, bcc: 2 }
  return found
    .map((recipient, index) => ({ recipient, index }))
    .sort(
      (a, b) => (order[a.recipient.field ?? "to"] ?? 0) - (order[b.recipient.field ?? "to"] ?? 0) || a.index - b.index
    )
    .map(({ recipient }) => recipient)
}

const cleanId = (value: string | null | undefined): string | undefined => {
  const id = value?.trim().replace(/^#/, "")
  return id && id !== "undefined" && id.length <= 200 ? id : undefined
}

/**
 * The thread a compose writes in, to remember the chosen account per thread: the open thread's
 * id for an inline reply, else the draft's own thread (`rt`), else the draft id. Undefined when
 * Gmail's markup gives none.
 */
export function getMaybeThreadId(compose: Element, inline: boolean): string | undefined {
  if (inline) {
    const scope: ParentNode = compose.closest(MAIN_ROLE_AREA) ?? compose.ownerDocument
    const heading = first<HTMLElement>(scope, THREAD_ID)
    const id =
      cleanId(heading?.getAttribute("data-legacy-thread-id")) ??
      cleanId(first(scope, THREAD_PERM_ID)?.getAttribute("data-thread-perm-id"))
    if (id) return id
  }
  return (
    cleanId(first<HTMLInputElement>(compose, DRAFT_THREAD_INPUT)?.value) ??
    cleanId(first<HTMLInputElement>(compose, DRAFT_ID_INPUT)?.value)
  )
}

/** True when the compose sits in the full-screen overlay (Gmail moves a window there and back). */
export function isFullscreen(compose: Element): boolean {
  return compose.closest(`${FULLSCREEN_AREA}, ${FULLSCREEN_FRAME}`) !== null
}

/**
 * Minimised (InboxSDK's reading): the part of the compose that holds the body is hidden with an
 * inline `display: none`. Checked on the inline styles between the body and the compose, so it
 * needs no layout.
 */
export function isMinimised(compose: HTMLElement): boolean {
  const body = getMaybeBody(compose)
  if (!body) return false
  for (let el: HTMLElement | null = body; el && el !== compose; el = el.parentElement) {
    if (el.style.display === "none") return true
  }
  return false
}

/** A popped-out compose window (`<body class="… xE xp …">`). */
export function isPopoutWindow(doc: Document): boolean {
  return POPOUT_BODY_CLASSES.every((c) => doc.body?.classList.contains(c))
}

/** True for a To / Cc / Bcc field (typing an address there changes a value, not the DOM). */
export function isRecipientInput(target: EventTarget | null): boolean {
  const el = target as Element | null
  return typeof el?.matches === "function" && el.matches(`${RECIPIENT_INPUTS}, ${RECIPIENT_COMBOBOX}`)
}
