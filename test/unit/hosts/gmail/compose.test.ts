// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { watchComposes, type Compose } from "~/src/hosts/gmail/compose"
import { composeFromTemplate, loadGmailFixture } from "./fixtures"

const flush = async () => {
  // MutationObserver callbacks, then the watcher's coalesced rescan (a microtask).
  await new Promise((resolve) => setTimeout(resolve, 0))
  await Promise.resolve()
}

interface Seen {
  compose: Compose
  signal: AbortSignal
}

let controller: AbortController
let seen: Seen[]
const start = () => watchComposes(document.body, (compose, signal) => seen.push({ compose, signal }), controller.signal)

beforeEach(() => {
  controller = new AbortController()
  seen = []
})
afterEach(() => {
  controller.abort()
  vi.restoreAllMocks()
  document.documentElement.innerHTML = "<head></head><body></body>"
})

describe("watchComposes", () => {
  it("reports the composes already open, with their kinds", () => {
    loadGmailFixture("twoWindows")
    start()
    expect(seen.map((s) => s.compose.kind())).toEqual(["window", "window"])
    expect(new Set(seen.map((s) => s.compose.id)).size).toBe(2)
    expect(seen.every((s) => !s.signal.aborted)).toBe(true)
  })

  it("reports a compose when it opens, and aborts its signal when it closes", async () => {
    loadGmailFixture("inbox")
    start()
    expect(seen).toEqual([])
    const mole = composeFromTemplate()
    document.querySelector(".dw .no")!.appendChild(mole)
    await flush()
    expect(seen).toHaveLength(1)
    const [{ compose, signal }] = seen as [Seen]
    expect(compose.kind()).toBe("window")
    expect(compose.recipients()).toEqual([])
    expect(signal.aborted).toBe(false)

    mole.remove()
    await flush()
    expect(signal.aborted).toBe(true)
  })

  it("reports two composes opened together once each", async () => {
    loadGmailFixture("inbox")
    start()
    const no = document.querySelector(".dw .no")!
    no.append(composeFromTemplate(), composeFromTemplate())
    await flush()
    expect(seen).toHaveLength(2)
  })

  it("finds the mole strip when Gmail creates it after the watcher started", async () => {
    loadGmailFixture("inbox")
    document.querySelector(".dw")!.remove()
    start()
    const dw = document.createElement("div")
    dw.className = "dw"
    dw.innerHTML = `<div><div class="nH"><div class="nH"><div class="no"></div></div></div></div>`
    document.body.appendChild(dw)
    await flush()
    expect(seen).toEqual([])
    dw.querySelector(".no")!.appendChild(composeFromTemplate())
    await flush()
    expect(seen).toHaveLength(1)
  })

  it("keeps a compose Gmail moves into the full-screen overlay (same element), now full-screen", async () => {
    loadGmailFixture("newMessage")
    start()
    const [{ compose, signal }] = seen as [Seen]
    const overlay = document.createElement("div")
    overlay.className = "aSs"
    overlay.innerHTML = `<div class="aSt"><div class="nH"></div></div>`
    document.body.appendChild(overlay)
    overlay.querySelector(".aSt > .nH")!.appendChild(compose.element)
    await flush()
    expect(signal.aborted).toBe(false)
    expect(seen).toHaveLength(1)
    expect(compose.kind()).toBe("fullscreen")
  })

  it("an inline reply: reported when it opens in a thread, ended when its form goes", async () => {
    loadGmailFixture("inlineReply")
    const reply = document.querySelector(".ip .M9")!
    const content = [...reply.childNodes]
    reply.replaceChildren()
    start()
    expect(seen).toEqual([])
    reply.append(...content)
    await flush()
    expect(seen.map((s) => s.compose.kind())).toEqual(["inline"])
    expect(seen[0]!.compose.threadId()).toBe("193a5c0e2b7f4d11")
    reply.replaceChildren()
    await flush()
    expect(seen[0]!.signal.aborted).toBe(true)
  })

  it("tells a compose when its recipients change, not when its body is typed in", async () => {
    loadGmailFixture("newMessage")
    start()
    const [{ compose }] = seen as [Seen]
    const changed = vi.fn()
    compose.onChange(changed, controller.signal)

    const body = compose.body()!
    body.appendChild(document.createElement("div")).textContent = "Typing a line"
    await flush()
    expect(changed).not.toHaveBeenCalled()

    const chip = document.createElement("div")
    chip.setAttribute("role", "option")
    chip.setAttribute("data-name", "Lee Park")
    chip.setAttribute("data-hovercard-id", "lee@acmedental.example")
    compose.element.querySelector(".anm[name=to] [role=listbox]")!.appendChild(chip)
    await flush()
    expect(changed).toHaveBeenCalledTimes(1)
    expect(compose.recipients().map((r) => r.email)).toEqual([
      "dana.whitfield@acmedental.example",
      "lee@acmedental.example"
    ])
  })

  it("hears a chip added to a compose Gmail mounted outside the mole strip, and its closing", async () => {
    loadGmailFixture("newMessage")
    // Gmail mounts the window somewhere new (not in div.dw, not in a thread).
    const mole = document.querySelector(".dw .nH.nn")!
    const elsewhere = document.body.appendChild(document.createElement("div"))
    elsewhere.className = "nH aUx"
    elsewhere.appendChild(mole)
    document.querySelector(".dw")!.remove()
    start()
    const [{ compose, signal }] = seen as [Seen]
    expect(compose.element.closest(".dw")).toBeNull()
    const changed = vi.fn()
    compose.onChange(changed, controller.signal)

    const chip = document.createElement("div")
    chip.setAttribute("role", "option")
    chip.setAttribute("data-name", "Lee Park")
    chip.setAttribute("data-hovercard-id", "lee@acmedental.example")
    compose.element.querySelector(".anm[name=to] [role=listbox]")!.appendChild(chip)
    await flush()
    expect(changed).toHaveBeenCalledTimes(1)
    expect(compose.recipients().map((r) => r.email)).toContain("lee@acmedental.example")

    mole.remove()
    await flush()
    expect(signal.aborted).toBe(true)
  })

  it("names what a panel must keep clear (recipients, subject, Send) and hears addresses typed", () => {
    loadGmailFixture("newMessage")
    start()
    const [{ compose }] = seen as [Seen]
    const clear = compose.keepClear()
    expect(clear).toHaveLength(3)
    expect(clear.every((el) => compose.element.contains(el))).toBe(true)
    expect(clear).toContain(compose.subject())

    const typed = vi.fn()
    compose.onRecipientInput(typed, controller.signal)
    compose.body()!.dispatchEvent(new Event("input", { bubbles: true }))
    expect(typed).not.toHaveBeenCalled()
    // The address field as RECIPIENT_INPUTS knows it (`textarea name=to`, Gmail's older markup).
    const to = compose.element.querySelector(".anm[name=to]")!.appendChild(document.createElement("textarea"))
    to.name = "to"
    to.dispatchEvent(new Event("input", { bubbles: true }))
    expect(typed).toHaveBeenCalledTimes(1)
  })

  it("observes narrowly: subtrees only where composes mount, never the main area or the mail list", () => {
    loadGmailFixture("newMessage")
    const observe = vi.spyOn(MutationObserver.prototype, "observe")
    start()
    const label = (target: Element) => target.tagName.toLowerCase() + (target.className ? `.${target.className}` : "")
    const subtrees = observe.mock.calls
      .filter(([, options]) => options?.subtree)
      .map(([target]) => label(target as Element))
    expect(subtrees).toEqual(["div.dw"])
    const childrenOnly = observe.mock.calls
      .filter(([, options]) => !options?.subtree)
      .map(([target]) => label(target as Element))
    expect(childrenOnly).toEqual(expect.arrayContaining(["body.aAU", "div.aeF", "div.nH"]))
    expect(observe.mock.calls.some(([, options]) => options?.attributes || options?.characterData)).toBe(false)
  })

  it("mutations in the main area outside a thread (the mail list, the bench's rows) reach no callback", async () => {
    loadGmailFixture("newMessage")
    const callbacks: MutationRecord[][] = []
    const Original = MutationObserver
    vi.spyOn(globalThis, "MutationObserver").mockImplementation(function (this: unknown, callback: MutationCallback) {
      return new Original((records, observer) => {
        callbacks.push(records)
        callback(records, observer)
      })
    } as unknown as () => MutationObserver)
    start()
    const box = document.createElement("div")
    document.querySelector(".aeF")!.prepend(box)
    await flush()
    callbacks.length = 0
    const grid = document.querySelector("[role=main] table.F")!
    for (let i = 0; i < 20; i++) {
      const row = document.createElement("div")
      row.textContent = `row ${i}`
      box.append(row)
      row.setAttribute("data-n", String(i))
      grid.querySelector("td")?.append(document.createElement("span"))
    }
    box.firstElementChild!.remove()
    await flush()
    expect(callbacks).toEqual([])
    expect(seen).toHaveLength(1)
  })

  it("an inline reply in a thread opened after the watcher started (the thread view mounts in the main area)", async () => {
    loadGmailFixture("inlineReply")
    const main = document.querySelector("[role=main]")!
    const thread = main.querySelector(".nH.if")!
    thread.remove()
    main.appendChild(document.createElement("table")).className = "F cf zt"
    start()
    expect(seen).toEqual([])
    main.appendChild(thread)
    await flush()
    expect(seen.map((s) => s.compose.kind())).toEqual(["inline"])
    const [{ compose, signal }] = seen as [Seen]
    const changed = vi.fn()
    compose.onChange(changed, controller.signal)
    const chip = document.createElement("div")
    chip.setAttribute("data-hovercard-id", "lee@acmedental.example")
    compose.element.querySelector(".anm[name=to] [role=listbox]")!.appendChild(chip)
    await flush()
    expect(changed).toHaveBeenCalledTimes(1)
    // Back to the inbox: the thread view goes, and so does its reply.
    thread.remove()
    await flush()
    expect(signal.aborted).toBe(true)
  })

  it("watches the whole body only until Gmail has built its main area", async () => {
    document.body.innerHTML = `<div id="loading">Loading…</div>`
    const observe = vi.spyOn(MutationObserver.prototype, "observe")
    start()
    expect(observe.mock.calls.at(-1)?.[1]).toEqual({ childList: true, subtree: true })
    const app = document.createElement("div")
    document.body.appendChild(app)
    app.innerHTML = `<div class="nH"><div class="aeF"><div role="main"></div></div></div>`
    await flush()
    expect(
      observe.mock.calls.some(
        ([target, options]) => target === document.body && !(options as MutationObserverInit).subtree
      )
    ).toBe(true)
    expect(observe.mock.calls.some(([target]) => (target as Element).className === "aeF")).toBe(true)
  })

  it("unknown markup: no compose, no error", async () => {
    document.body.innerHTML = `<div class="something-else"><div role="dialog"><p>Hello</p></div></div>`
    start()
    document.body.appendChild(document.createElement("form"))
    await flush()
    expect(seen).toEqual([])
  })

  it("stops on abort: composes end, nothing more is reported", async () => {
    loadGmailFixture("inbox")
    start()
    document.querySelector(".dw .no")!.appendChild(composeFromTemplate())
    await flush()
    controller.abort()
    expect(seen[0]!.signal.aborted).toBe(true)
    document.querySelector(".dw .no")!.appendChild(composeFromTemplate())
    await flush()
    expect(seen).toHaveLength(1)
  })

  it("a throwing callback is logged, never thrown into Gmail", () => {
    loadGmailFixture("newMessage")
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    expect(() =>
      watchComposes(
        document.body,
        () => {
          throw new Error("boom")
        },
        controller.signal
      )
    ).not.toThrow()
    expect(warn).toHaveBeenCalled()
  })
})
