// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest"

import { findComposes } from "~/src/hosts/gmail/compose"
import {
  FULLSCREEN_FRAME,
  getBody,
  getComposeAreas,
  getConversations,
  getMainAreas,
  getMaybeBody,
  getMaybeRecipientsArea,
  getMaybeSendButton,
  getMaybeSubject,
  getMaybeThreadId,
  getRecipients,
  getSendButton,
  getSubject,
  getWindowAreas,
  GmailSelectorError,
  isFullscreen,
  isMinimised,
  isPopoutWindow,
  isRecipientInput
} from "~/src/hosts/gmail/selectors"
import { isGmailMailUrl } from "~/src/hosts/gmail/url"
import { loadGmailFixture } from "./fixtures"

const DANA = { email: "dana.whitfield@acmedental.example", name: "Dana Whitfield", field: "to" }

beforeEach(() => {
  document.documentElement.innerHTML = "<head></head><body></body>"
})

describe("real shapes the 2026-11-25 fixtures missed (2026-12-02 fixture, issue 14)", () => {
  const composes = () => {
    loadGmailFixture("realShapes")
    const found = findComposes(document.body).map((f) => f.element)
    expect(found).toHaveLength(2)
    const [spanish, vietnamese] = found as [HTMLElement, HTMLElement]
    expect(spanish.querySelector(".aYF")?.closest("[role=dialog]")).toBe(spanish)
    return { spanish, vietnamese }
  }

  it("keeps clear the recipients line on screen, not the hidden recipients block", () => {
    const { vietnamese } = composes()
    const hiddenBlock = vietnamese.querySelector(".GS")!
    expect(hiddenBlock).not.toBeNull()
    const area = getMaybeRecipientsArea(vietnamese)
    expect(area?.matches(".aoD.hl")).toBe(true)
    // The chip in the hidden block still counts as a recipient.
    expect(getRecipients(vietnamese)).toEqual([DANA])
  })

  it("reads an address typed in the 2021+ To field (no name, localised label) as a To recipient", () => {
    const { spanish } = composes()
    const to = spanish.querySelector<HTMLInputElement>("input[peoplekit-id]")!
    expect(to.hasAttribute("name")).toBe(false)
    expect(getRecipients(spanish)).toEqual([{ email: "sam.okafor@initechclinics.example", field: "to" }])
    expect(isRecipientInput(to)).toBe(true)
    expect(isRecipientInput(spanish.querySelector(".anm[name=cc] input"))).toBe(true)
  })

  it("counts only well-formed addresses: a half-typed `Name <address` is none", () => {
    const { spanish } = composes()
    const cc = spanish.querySelector<HTMLInputElement>(".anm[name=cc] input")!
    expect(cc.value).toBe("Dana Whitfield <dana.whitfield@acmedental.example")
    expect(getRecipients(spanish).map((r) => r.email)).toEqual(["sam.okafor@initechclinics.example"])
    // Gmail's older field (InboxSDK: `textarea.vO[name=to]`) took the same half-typed text as an address.
    const older = spanish.querySelector(".anm[name=to]")!.appendChild(document.createElement("textarea"))
    older.name = "to"
    older.className = "vO"
    older.value = "Priya Shah <priya@globexhealth.example"
    expect(getRecipients(spanish).map((r) => r.email)).toEqual(["sam.okafor@initechclinics.example"])
    older.remove()
    cc.value = "Dana Whitfield <dana.whitfield@acmedental.example>, lee@"
    expect(getRecipients(spanish)).toEqual([
      { email: "sam.okafor@initechclinics.example", field: "to" },
      { email: "dana.whitfield@acmedental.example", name: "Dana Whitfield", field: "cc" }
    ])
  })

  it("finds Send by its place in the toolbar, in any language", () => {
    const { spanish, vietnamese } = composes()
    expect(getSendButton(vietnamese).getAttribute("data-tooltip")).toBe("Gửi \u202a(Ctrl-Enter)\u202c")
    expect(getSendButton(spanish).getAttribute("aria-label")).toBe("Enviar \u202a(Ctrl-Intro)\u202c")
    // Never the schedule-send menu beside it.
    expect(getSendButton(vietnamese).getAttribute("aria-haspopup")).toBeNull()
  })
})

describe("compose detection on the dated fixtures", () => {
  it("an inbox with no compose has none", () => {
    loadGmailFixture("inbox")
    expect(findComposes(document.body)).toEqual([])
    // The fixture's <template> (the Compose button's clone source) is inert.
    expect(document.querySelector("template")).not.toBeNull()
  })

  it("a new-message window with a recipient chip", () => {
    loadGmailFixture("newMessage")
    const found = findComposes(document.body)
    expect(found.map((f) => f.kind)).toEqual(["window"])
    const compose = found[0]!.element
    expect(compose.getAttribute("role")).toBe("dialog")
    expect(getRecipients(compose)).toEqual([DANA])
    expect(getSubject(compose).value).toBe("")
    expect(getBody(compose).getAttribute("g_editable")).toBe("true")
    expect(getSendButton(compose).textContent).toBe("Send")
    expect(getMaybeRecipientsArea(compose)?.matches(".GS")).toBe(true)
    expect(getMaybeThreadId(compose, false)).toBe("thread-a:r-7681922771531347793")
    expect(isMinimised(compose)).toBe(false)
  })

  it("two composes at once, each with its own recipients", () => {
    loadGmailFixture("twoWindows")
    const found = findComposes(document.body)
    expect(found).toHaveLength(2)
    expect(found.map((f) => getRecipients(f.element).map((r) => r.email))).toEqual([
      ["dana.whitfield@acmedental.example"],
      ["priya@globexhealth.example"]
    ])
    expect(found.map((f) => getMaybeThreadId(f.element, false))).toEqual(["thread-a:r-211", "thread-a:r-212"])
  })

  it("a minimised compose is still a compose, and reads as minimised", () => {
    loadGmailFixture("minimised")
    const [found] = findComposes(document.body)
    expect(found?.kind).toBe("window")
    expect(isMinimised(found!.element)).toBe(true)
    expect(getMaybeSubject(found!.element)?.value).toBe("Training session 1 recap")
  })

  it("a full-screen compose", () => {
    loadGmailFixture("fullscreen")
    const found = findComposes(document.body)
    expect(found.map((f) => f.kind)).toEqual(["fullscreen"])
    expect(getRecipients(found[0]!.element)).toEqual([DANA])
    expect(isFullscreen(found[0]!.element)).toBe(true)
  })

  it("the full-screen frame alone (its overlay not there yet) still reads as full-screen; a window does not", () => {
    loadGmailFixture("fullscreen")
    const frame = document.querySelector(FULLSCREEN_FRAME)!
    const compose = frame.querySelector<HTMLElement>("[role=dialog]")!
    document.body.replaceChildren(frame)
    expect(isFullscreen(compose)).toBe(true)
    loadGmailFixture("newMessage")
    expect(findComposes(document.body).map((f) => isFullscreen(f.element))).toEqual([false])
  })

  it("an inline reply in a thread: its own recipients only, the thread's id", () => {
    loadGmailFixture("inlineReply")
    const found = findComposes(document.body)
    expect(found.map((f) => f.kind)).toEqual(["inline"])
    const reply = found[0]!.element
    expect(reply.matches(".ip .M9")).toBe(true)
    // The sender's span[email] in the message header is not a recipient of the reply.
    expect(getRecipients(reply)).toEqual([DANA])
    expect(getMaybeThreadId(reply, true)).toBe("193a5c0e2b7f4d11")
    // The reply keeps the thread's subject (hidden, filled).
    expect(getMaybeSubject(reply)?.value).toBe("Re: Training session follow-up")
  })

  it("finds the compose areas the watcher observes, outermost only", () => {
    loadGmailFixture("inlineReply")
    const areas = getComposeAreas(document.body)
    expect(areas.map((a) => a.className)).toEqual(["aeF", "dw"])
  })

  it("finds where composes mount: the mole strip, and an open thread's conversation (never the mail list)", () => {
    loadGmailFixture("inlineReply")
    expect(getWindowAreas(document.body).map((a) => a.className)).toEqual(["dw"])
    const [main] = getMainAreas(document.body).filter((m) => m.matches("[role=main]"))
    const conversations = getConversations(main!)
    expect(conversations).toHaveLength(1)
    expect(conversations[0]!.querySelector("[data-legacy-thread-id]")).not.toBeNull()
    expect(conversations[0]!.querySelector(".ip .M9")).not.toBeNull()
    // Fallback when Gmail renames the conversation's classes: the message list's parent.
    conversations[0]!.className = "renamed"
    expect(getConversations(main!)).toEqual(conversations)

    loadGmailFixture("newMessage")
    expect(getMainAreas(document.body).map((m) => m.className)).toEqual(["aeF", "nH"])
    expect(getConversations(document.body)).toEqual([])
  })
})

describe("lookups on unknown markup", () => {
  it("getMaybe… return undefined; get… throw a named error without page text", () => {
    document.body.innerHTML = `<div role="dialog"><p>Customer secret text</p></div>`
    const el = document.body.firstElementChild as HTMLElement
    expect(getMaybeBody(el)).toBeUndefined()
    expect(getMaybeSubject(el)).toBeUndefined()
    expect(getMaybeSendButton(el)).toBeUndefined()
    expect(getRecipients(el)).toEqual([])
    expect(getMaybeThreadId(el, true)).toBeUndefined()
    expect(() => getBody(el)).toThrow(GmailSelectorError)
    expect(() => getSubject(el)).toThrow("Gmail markup not recognised: no subject field")
    try {
      getSendButton(el)
    } catch (error) {
      expect((error as GmailSelectorError).lookup).toBe("Send button")
      expect(String(error)).not.toContain("secret")
    }
    expect(findComposes(document.body)).toEqual([])
  })

  it("a dialog without Gmail's form is not a compose; a body-less form neither", () => {
    document.body.innerHTML = `
      <div class="dw"><div class="AD"><div role="dialog"><div g_editable="true" contenteditable="true"></div></div></div></div>
      <div class="dw"><div class="AD"><div role="dialog"><form><input name="subjectbox"></form></div></div></div>`
    expect(findComposes(document.body)).toEqual([])
  })

  it("falls back to a dialog with a subject field and a textbox body when Gmail renames its classes", () => {
    document.body.innerHTML = `<div class="zz"><div role="dialog" id="c"><form><input name="subjectbox"></form><div contenteditable="true" role="textbox"></div></div></div>`
    const found = findComposes(document.body)
    expect(found.map((f) => f.element.id)).toEqual(["c"])
    expect(getMaybeBody(found[0]!.element)?.getAttribute("role")).toBe("textbox")
  })

  it("a popped-out compose window", () => {
    document.body.className = "xE xp"
    document.body.innerHTML = `<div role="main"><div class="nH Hd" role="dialog"><form><input name="subjectbox"></form><div g_editable="true" contenteditable="true"></div></div></div>`
    expect(isPopoutWindow(document)).toBe(true)
    expect(findComposes(document.body).map((f) => f.kind)).toEqual(["popout"])
  })
})

describe("recipients in older markup", () => {
  it("reads hidden inputs, span[email] chips and the address being typed, To first, each once", () => {
    document.body.innerHTML = `<div id="c"><form><table class="GS"><tbody>
      <tr><td><div class="vR"><span class="vN" email="lee@acmedental.example"><div class="vT">Lee Park</div></span><input type="hidden" name="cc" value="Lee Park &lt;lee@acmedental.example&gt;"></div><textarea name="cc"></textarea></td></tr>
      <tr><td><div class="vR"><span class="vN" email="dana.whitfield@acmedental.example">Dana Whitfield</span><input type="hidden" name="to" value="&quot;Dana Whitfield&quot; &lt;dana.whitfield@acmedental.example&gt;"></div><textarea name="to">new@globexhealth.example, not-an-address</textarea></td></tr>
    </tbody></table></form></div>`
    expect(getRecipients(document.getElementById("c")!)).toEqual([
      { email: "dana.whitfield@acmedental.example", name: "Dana Whitfield", field: "to" },
      { email: "new@globexhealth.example", field: "to" },
      { email: "lee@acmedental.example", name: "Lee Park", field: "cc" }
    ])
    expect(isRecipientInput(document.querySelector("textarea[name=to]"))).toBe(true)
    expect(isRecipientInput(document.body)).toBe(false)
    expect(isRecipientInput(null)).toBe(false)
  })
})

describe("isGmailMailUrl", () => {
  it.each([
    "https://mail.google.com/mail/u/0/#inbox",
    "https://mail.google.com/mail/u/3/#inbox/FMfcgzQXJWDsKmQnJhSvZpQc",
    "https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1",
    "https://mail.google.com/mail/",
    "https://mail.google.com/mail"
  ])("%s is Gmail's mail UI", (url) => expect(isGmailMailUrl(url)).toBe(true))

  it.each([
    "https://mail.google.com/chat/u/0/",
    "https://mail.google.com/mailx/u/0/",
    "http://mail.google.com/mail/u/0/",
    "https://calendar.google.com/calendar/u/0/r",
    "https://mail.google.com.evil.example/mail/u/0/",
    "not a url"
  ])("%s is not", (url) => expect(isGmailMailUrl(url)).toBe(false))
})
