// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { mergedLines, mergedLineText } from "~/src/domain/compose-values"
import { mergeTemplate } from "~/src/domain/templates/merge"
import { findComposes } from "~/src/hosts/gmail/compose"
import {
  buildBodyFragment,
  focusBodyAt,
  GAP_HIGHLIGHT,
  insertIntoCompose,
  replaceTyped,
  typedBeforeCaret,
  watchCaret
} from "~/src/hosts/gmail/insert"
import { getBody, getSubject } from "~/src/hosts/gmail/selectors"
import { loadGmailFixture } from "./fixtures"

const HOSTILE = `<img src=x onerror="window.__pwned = 1">`
const merged = mergeTemplate(
  { subject: "Recap – {{accountName}}", body: "Hi {{adminName}},\n\nThanks, {{accountName}}!\nDate: {{meetingDate}}" },
  { accountName: HOSTILE, adminName: "Dana" }
)
const content = { subject: mergedLineText(merged.subject), body: mergedLines(merged.body) }

let body: HTMLElement
let subject: HTMLInputElement

beforeEach(() => {
  loadGmailFixture("newMessage")
  const compose = findComposes(document.body)[0]!.element
  body = getBody(compose)
  subject = getSubject(compose)
})
afterEach(() => {
  vi.restoreAllMocks()
  document.documentElement.innerHTML = "<head></head><body></body>"
})

describe("buildBodyFragment", () => {
  it("makes a div per line, <br> for an empty line, a highlighted span per gap, text nodes for the rest", () => {
    const fragment = buildBodyFragment(document, content.body)
    const holder = document.createElement("div")
    holder.appendChild(fragment)
    expect([...holder.children].map((el) => el.tagName)).toEqual(["DIV", "DIV", "DIV", "DIV"])
    expect(holder.children[1]!.innerHTML).toBe("<br>")
    const gap = holder.querySelector("span")!
    expect(gap.textContent).toBe("[missing: Meeting date]")
    expect(gap.style.backgroundColor).not.toBe("")
    expect(GAP_HIGHLIGHT).toMatch(/^#/)
    // The hostile name is text: escaped in the markup, no element made of it.
    expect(holder.querySelector("img")).toBeNull()
    expect(holder.children[2]!.textContent).toBe(`Thanks, ${HOSTILE}!`)
    expect(holder.innerHTML).toContain("&lt;img src=x")
  })
})

describe("insertIntoCompose", () => {
  it("fills an empty compose: subject (input + change events) and body (an input event Gmail saves on)", () => {
    const events: string[] = []
    subject.addEventListener("input", () => events.push("subject input"))
    subject.addEventListener("change", () => events.push("subject change"))
    body.addEventListener("input", (e) => events.push(`body input ${(e as InputEvent).inputType}`))

    const result = insertIntoCompose({ body, subject }, content)
    expect(result.subjectSet).toBe(true)
    expect(subject.value).toBe(`Recap – ${HOSTILE}`)
    expect(events).toEqual(["subject input", "subject change", "body input insertFromPaste"])
    // Gmail's lone <br> is replaced, not pushed down.
    expect(body.firstElementChild?.textContent).toBe("Hi Dana,")
    expect(body.children).toHaveLength(4)
    expect(body.querySelector("img")).toBeNull()
    expect(body.textContent).not.toContain("{{")
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it("leaves a subject the CSM already wrote", () => {
    subject.value = "My own subject"
    const result = insertIntoCompose({ body, subject }, content)
    expect(result.subjectSet).toBe(false)
    expect(subject.value).toBe("My own subject")
  })

  it("inserts at the caret when it is in the body", () => {
    body.innerHTML = '<div>Before the caret|after it</div><div class="gmail_signature">-- Morgan</div>'
    const text = body.firstElementChild!.firstChild as Text
    const caret = document.createRange()
    caret.setStart(text, "Before the caret".length)
    caret.collapse(true)
    insertIntoCompose({ body, subject }, { body: [[{ text: "INSERTED" }]] }, caret)
    expect(body.textContent).toBe("Before the caretINSERTED|after it-- Morgan")
  })

  it("inserts at the start (above the signature) when the caret is elsewhere", () => {
    body.innerHTML = '<div><br></div><div class="gmail_signature">-- Morgan</div>'
    const elsewhere = document.createRange()
    elsewhere.selectNodeContents(subject.parentElement!)
    insertIntoCompose({ body, subject }, { body: [[{ text: "Hello" }]] }, elsewhere)
    expect(body.firstElementChild?.textContent).toBe("Hello")
    expect(body.lastElementChild?.className).toBe("gmail_signature")
  })

  it("undo restores the previous body and subject, with an input event", () => {
    body.innerHTML = "<div>Draft so far</div>"
    const before = body.innerHTML
    const inputs = vi.fn()
    body.addEventListener("input", inputs)
    const result = insertIntoCompose({ body, subject }, content)
    expect(body.innerHTML).not.toBe(before)
    result.undo()
    expect(body.innerHTML).toBe(before)
    expect(subject.value).toBe("")
    expect(inputs).toHaveBeenCalledTimes(2)
    result.undo()
    expect(inputs).toHaveBeenCalledTimes(2)
  })

  it("undo keeps a subject the CSM edited after inserting", () => {
    const result = insertIntoCompose({ body, subject }, content)
    subject.value = "Edited"
    result.undo()
    expect(subject.value).toBe("Edited")
  })
})

describe("a snippet typed before the caret (issue 16, item 11)", () => {
  const execCommand = document.execCommand
  afterEach(() => {
    document.execCommand = execCommand
  })
  function typed(text: string) {
    body.replaceChildren(document.createTextNode(text))
    const range = document.createRange()
    range.setStart(body.firstChild!, text.length)
    range.collapse(true)
    document.getSelection()!.removeAllRanges()
    document.getSelection()!.addRange(range)
  }

  it("reads the last characters before a collapsed caret in the body, nothing elsewhere", () => {
    typed("Hello ;recap")
    expect(typedBeforeCaret(body, 6)).toBe(";recap")
    expect(typedBeforeCaret(body, 100)).toBe("Hello ;recap")
    document.getSelection()!.removeAllRanges()
    expect(typedBeforeCaret(body, 6)).toBeUndefined()
  })

  it("hands the editor escaped HTML built as DOM nodes (Ctrl+Z is then the editor's own)", () => {
    typed("Hello ;recap")
    const exec = vi.fn(() => true)
    document.execCommand = exec as unknown as typeof document.execCommand
    const result = replaceTyped({ body, subject }, 6, content)
    expect(result?.subjectSet).toBe(true)
    const [command, , html] = exec.mock.calls[0] as unknown as [string, boolean, string]
    expect(command).toBe("insertHTML")
    expect(html).toContain('&lt;img src=x onerror="window.__pwned = 1"&gt;')
    expect(html).not.toContain("<img")
    // What the editor replaces: exactly the snippet typed.
    expect(document.getSelection()!.toString()).toBe(";recap")
  })

  it("where the editor refuses, replaces the snippet through the DOM, and undo brings it back", () => {
    typed("Hello ;recap")
    document.execCommand = (() => false) as unknown as typeof document.execCommand
    const result = replaceTyped({ body, subject }, 6, content)!
    expect(body.textContent).toContain("Hello Hi Dana,")
    expect(body.textContent).not.toContain(";recap")
    expect(body.querySelector("img")).toBeNull()
    result.undo()
    expect(body.textContent).toBe("Hello ;recap")
  })

  it("does nothing when the caret is no longer after the snippet", () => {
    typed(";re")
    expect(replaceTyped({ body, subject }, 6, content)).toBeUndefined()
  })
})

describe("watchCaret", () => {
  it("remembers the last caret inside the body, forgets it when the body no longer holds it", () => {
    const controller = new AbortController()
    body.innerHTML = "<div>Hello world</div>"
    const caret = watchCaret(() => body, controller.signal)
    expect(caret()).toBeUndefined()

    const selection = document.getSelection()!
    const range = document.createRange()
    range.setStart(body.firstElementChild!.firstChild!, 5)
    range.collapse(true)
    selection.removeAllRanges()
    selection.addRange(range)
    document.dispatchEvent(new Event("selectionchange"))
    expect(caret()?.startOffset).toBe(5)

    // Focus moves to the panel (outside the body): the body's last caret is kept.
    const outside = document.createRange()
    outside.selectNodeContents(subject.parentElement!)
    selection.removeAllRanges()
    selection.addRange(outside)
    document.dispatchEvent(new Event("selectionchange"))
    expect(caret()?.startOffset).toBe(5)

    body.replaceChildren()
    expect(caret()).toBeUndefined()
    controller.abort()
  })
})

describe("focusBodyAt (the focus back in the email, issue 16 item 12)", () => {
  const editable = () => {
    const body = document.createElement("div")
    body.contentEditable = "true"
    body.textContent = "Hi Dana,"
    document.body.append(body)
    return body
  }
  afterEach(() => document.body.replaceChildren())

  it("puts the caret back where it was", () => {
    const body = editable()
    const at = document.createRange()
    at.setStart(body.firstChild as Text, 2)
    at.collapse(true)
    focusBodyAt(body, at)
    const range = document.getSelection()?.getRangeAt(0)
    expect(document.activeElement).toBe(body)
    expect([range?.startContainer, range?.startOffset, range?.collapsed]).toEqual([body.firstChild, 2, true])
  })

  it("with no caret remembered, at the end of the text (not its start)", () => {
    const body = editable()
    focusBodyAt(body, undefined)
    const range = document.getSelection()?.getRangeAt(0)
    expect(range?.collapsed).toBe(true)
    const tail = document.createRange()
    tail.selectNodeContents(body)
    tail.setStart(range?.startContainer as Node, range?.startOffset ?? 0)
    expect(tail.toString()).toBe("")
  })
})
