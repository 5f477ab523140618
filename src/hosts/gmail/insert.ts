/**
 * Puts a merged email into a Gmail compose the way a paste would, and takes it back out.
 *
 * - Subject: only when the field is empty; set `.value`, then `input` and `change` events so
 *   Gmail sees the edit.
 * - Body: at the caret when it is in the body (the last caret position seen there: clicking the
 *   panel moves focus away), else at the start (above the signature and any quoted text). The
 *   content is built as DOM nodes — a `<div>` per line, text nodes, `<br>` for an empty line, a
 *   highlighted `<span>` per gap marker — never from an HTML string, so nothing in an account,
 *   a template or a typed value can become markup or script. Then one `input` event
 *   (`insertFromPaste`) so Gmail saves the draft.
 * - Undo: the body's previous child nodes (deep copies taken before) and the previous subject
 *   come back, with an `input` event again.
 */
import type { LinePiece } from "~/src/domain/compose-values"

export interface InsertTarget {
  body: HTMLElement
  subject?: HTMLInputElement
}

export interface InsertContent {
  /** One line of plain text; set only when the subject field is empty. */
  subject?: string
  body: LinePiece[][]
}

export interface InsertResult {
  /** Whether the subject was filled (it was empty). */
  subjectSet: boolean
  /** Restores the body and subject as they were before this insert. */
  undo(): void
}

/** Background of a gap marker in the body: visible to the CSM before sending. */
export const GAP_HIGHLIGHT = "#fde68a"

/** The email body as a fragment: a div per line, text nodes, highlighted gap spans. */
export function buildBodyFragment(doc: Document, lines: readonly LinePiece[][]): DocumentFragment {
  const fragment = doc.createDocumentFragment()
  for (const line of lines) {
    const div = doc.createElement("div")
    if (line.length === 0) div.appendChild(doc.createElement("br"))
    for (const piece of line) {
      if (piece.gap !== undefined) {
        const mark = doc.createElement("span")
        mark.style.backgroundColor = GAP_HIGHLIGHT
        mark.textContent = piece.text
        div.appendChild(mark)
      } else {
        div.appendChild(doc.createTextNode(piece.text))
      }
    }
    fragment.appendChild(div)
  }
  return fragment
}

function inputEvent(doc: Document, inputType: string): Event {
  const View = doc.defaultView
  if (View && typeof View.InputEvent === "function")
    return new View.InputEvent("input", { bubbles: true, cancelable: false, inputType })
  return new Event("input", { bubbles: true })
}

/** Gmail's empty body is a lone `<br>` (or nothing): replace it rather than insert above it. */
function isEmptyBody(body: HTMLElement): boolean {
  if ((body.textContent ?? "").trim() !== "") return false
  return Array.from(body.querySelectorAll("*")).every((el) => el.tagName === "BR" || el.tagName === "DIV")
}

/** The range to insert at: the given caret when it is inside the body, else the body's start. */
function targetRange(body: HTMLElement, caret: Range | null | undefined): Range {
  if (caret && body.contains(caret.startContainer) && body.contains(caret.endContainer)) return caret.cloneRange()
  const range = body.ownerDocument.createRange()
  range.setStart(body, 0)
  range.collapse(true)
  return range
}

function setSubject(input: HTMLInputElement, value: string): void {
  input.value = value
  input.dispatchEvent(new Event("input", { bubbles: true }))
  input.dispatchEvent(new Event("change", { bubbles: true }))
}

/** Inserts `content` into the compose at `caret` (or the body's start). */
export function insertIntoCompose(target: InsertTarget, content: InsertContent, caret?: Range | null): InsertResult {
  const { body, subject } = target
  const doc = body.ownerDocument
  const before = Array.from(body.childNodes, (node) => node.cloneNode(true))
  const subjectBefore = subject?.value ?? ""
  const subjectSet = fillEmptySubject(subject, content.subject)

  const fragment = buildBodyFragment(doc, content.body)
  const last = fragment.lastChild
  let range: Range
  if (isEmptyBody(body)) {
    body.replaceChildren()
    range = targetRange(body, null)
  } else {
    range = targetRange(body, caret)
    range.deleteContents()
  }
  range.insertNode(fragment)

  // The caret goes after what was inserted, as after a paste.
  const selection = doc.getSelection()
  if (last && last.parentNode && selection) {
    const after = doc.createRange()
    after.setStartAfter(last)
    after.collapse(true)
    selection.removeAllRanges()
    selection.addRange(after)
  }
  body.dispatchEvent(inputEvent(doc, "insertFromPaste"))
  return undoable({ target, content, before, subjectBefore, subjectSet })
}

/** A subject left empty takes the email's; true when it did. */
function fillEmptySubject(subject: HTMLInputElement | undefined, wanted: string | undefined): boolean {
  if (!subject || wanted === undefined || subject.value.trim() !== "") return false
  setSubject(subject, wanted)
  return true
}

/** The insert's result: Undo puts the body back as it was, and the subject while the CSM has not edited it. */
function undoable(made: {
  target: InsertTarget
  content: InsertContent
  before: Node[]
  subjectBefore: string
  subjectSet: boolean
}): InsertResult {
  const { target, content, before, subjectBefore, subjectSet } = made
  const { body, subject } = target
  let undone = false
  return {
    subjectSet,
    undo() {
      if (undone) return
      undone = true
      body.replaceChildren(...before)
      body.dispatchEvent(inputEvent(body.ownerDocument, "historyUndo"))
      if (subject && subjectSet && subject.value === content.subject) setSubject(subject, subjectBefore)
    }
  }
}

/**
 * Remembers the last caret (selection range) inside `body`: clicking or typing in the panel moves
 * the document's selection away from the compose. One `selectionchange` listener per compose,
 * removed on abort.
 */
export function watchCaret(
  body: () => HTMLElement | undefined,
  signal: AbortSignal,
  doc: Document = document
): () => Range | undefined {
  let last: Range | undefined
  const onChange = () => {
    const el = body()
    const selection = doc.getSelection()
    if (!el || !selection || selection.rangeCount === 0) return
    const range = selection.getRangeAt(0)
    if (el.contains(range.startContainer) && el.contains(range.endContainer)) last = range.cloneRange()
  }
  doc.addEventListener("selectionchange", onChange, { signal })
  return () => {
    const el = body()
    return last && el && el.contains(last.startContainer) && el.contains(last.endContainer) ? last : undefined
  }
}

/**
 * Puts the focus back in the message body with the caret where it was (`at`, from `watchCaret`),
 * or at the end: `focus()` alone puts a contenteditable's caret at its start.
 */
export function focusBodyAt(body: HTMLElement, at: Range | undefined): void {
  body.focus()
  const selection = body.ownerDocument.getSelection()
  if (!selection) return
  const range = at?.cloneRange() ?? body.ownerDocument.createRange()
  if (!at) {
    range.selectNodeContents(body)
    range.collapse(false)
  }
  selection.removeAllRanges()
  selection.addRange(range)
}

/**
 * Selects the first occurrence of `text` in the message body and scrolls it into view (a gap
 * marker the CSM goes back to). False when the body no longer holds it.
 */
export function selectInBody(body: HTMLElement, text: string): boolean {
  const doc = body.ownerDocument
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent?.indexOf(text) ?? -1
    if (at < 0) continue
    const range = doc.createRange()
    range.setStart(node, at)
    range.setEnd(node, at + text.length)
    body.focus()
    const selection = doc.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    node.parentElement?.scrollIntoView({ block: "nearest" })
    return true
  }
  return false
}

/** The collapsed caret in `body`, in a text node (where typing puts it), else undefined. */
function caretInText(body: HTMLElement): { node: Text; offset: number } | undefined {
  const selection = body.ownerDocument.getSelection()
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return undefined
  const range = selection.getRangeAt(0)
  const node = range.startContainer
  if (node.nodeType !== 3 || !body.contains(node)) return undefined
  return { node: node as Text, offset: range.startOffset }
}

/** The last `max` characters typed before the caret in the body (its text node), if the caret is there. */
export function typedBeforeCaret(body: HTMLElement, max: number): string | undefined {
  const caret = caretInText(body)
  if (!caret) return undefined
  const text = caret.node.data.slice(0, caret.offset)
  return text.slice(Math.max(0, text.length - max))
}

/**
 * Replaces the `length` characters just typed before the caret (a snippet, `;recap`) with the
 * email, through the browser's editor (`insertHTML` of the escaped fragment `buildBodyFragment`
 * builds, serialised by the DOM): the editor's own undo (Ctrl+Z) then brings the typed text
 * back, and Gmail hears an ordinary edit. Where the editor refuses, the DOM path of
 * `insertIntoCompose`. Undefined when the caret is no longer after those characters.
 */
export function replaceTyped(target: InsertTarget, length: number, content: InsertContent): InsertResult | undefined {
  const { body, subject } = target
  const doc = body.ownerDocument
  const caret = caretInText(body)
  if (!caret || caret.offset < length) return undefined
  const typed = doc.createRange()
  typed.setStart(caret.node, caret.offset - length)
  typed.setEnd(caret.node, caret.offset)

  const before = Array.from(body.childNodes, (node) => node.cloneNode(true))
  const holder = doc.createElement("div")
  holder.appendChild(buildBodyFragment(doc, content.body))
  const selection = doc.getSelection()
  selection?.removeAllRanges()
  selection?.addRange(typed)
  let edited = false
  try {
    edited = doc.execCommand("insertHTML", false, holder.innerHTML)
  } catch {
    edited = false
  }
  if (!edited) return insertIntoCompose(target, content, typed)

  const subjectBefore = subject?.value ?? ""
  const subjectSet = fillEmptySubject(subject, content.subject)
  return undoable({ target, content, before, subjectBefore, subjectSet })
}
