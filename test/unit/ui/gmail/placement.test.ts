import { describe, expect, it } from "vitest"

import { PANEL_WIDTH, placePanel, type Box, type PlacementInput } from "~/src/ui/gmail/placement"

const box = (left: number, top: number, width: number, height: number): Box => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height
})
const viewport = { width: 1280, height: 720 }
const base = (overrides: Partial<PlacementInput>): PlacementInput => ({
  compose: box(724, 160, 540, 560),
  viewport,
  kind: "window",
  minimised: false,
  expanded: true,
  avoid: [],
  ...overrides
})
const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

describe("placePanel", () => {
  it("puts the panel on the left of a bottom-right compose window, bottom-aligned, never over it", () => {
    const p = placePanel(base({}))
    expect(p).toEqual({ mode: "side-left", left: 724 - 8 - PANEL_WIDTH, width: PANEL_WIDTH, bottom: 0, maxHeight: 560 })
    // A short window still gets a card tall enough to work in.
    expect(placePanel(base({ compose: box(724, 420, 540, 300) }))).toMatchObject({ mode: "side-left", maxHeight: 440 })
  })

  it("uses the right side when the compose sits at the left", () => {
    const p = placePanel(base({ compose: box(20, 160, 540, 560) }))
    expect(p).toMatchObject({ mode: "side-right", left: 568 })
  })

  it("a full-screen compose with no room beside it: a card inside, below the recipients and subject, above the Send button", () => {
    const compose = box(102, 36, 1075, 634)
    const recipients = box(118, 76, 1043, 36)
    const subject = box(118, 112, 1043, 36)
    const send = box(118, 614, 88, 36)
    const p = placePanel(base({ kind: "fullscreen", compose, avoid: [recipients, subject, send] }))
    expect(p.mode).toBe("overlay")
    if (p.mode !== "overlay") return
    const card = box(p.left, p.top ?? 0, p.width, p.maxHeight)
    expect(card.top).toBeGreaterThanOrEqual(subject.bottom)
    expect(card.bottom).toBeLessThanOrEqual(compose.bottom - 56)
    for (const avoided of [recipients, subject, send]) expect(intersects(card, avoided)).toBe(false)
    expect(card.right).toBeLessThanOrEqual(compose.right)
  })

  it("an inline reply with room on its right: beside it, top-aligned", () => {
    const p = placePanel(base({ kind: "inline", compose: box(330, 300, 600, 320) }))
    expect(p).toMatchObject({ mode: "side-right", left: 938, top: 300 })
  })

  it("an inline reply filling the width: docked at the window's edge, off its recipients, body and Send (issue 16)", () => {
    const compose = box(330, 300, 870, 310)
    const send = box(360, 560, 88, 36)
    const recipients = box(346, 310, 840, 36)
    // Gmail's body element may be narrower than its lines: they run the reply's width.
    const body = box(346, 350, 0, 200)
    const p = placePanel(base({ kind: "inline", compose, avoid: [recipients, send], body }))
    expect(p.mode).toBe("docked")
    if (p.mode !== "docked") return
    const card = box(p.left, p.top ?? 0, p.width, p.maxHeight)
    expect(intersects(card, compose)).toBe(false)
    expect(card.bottom).toBeLessThanOrEqual(recipients.top)
    expect(p.maxHeight).toBeGreaterThanOrEqual(180)
  })

  it("never covers another compose window, nor its own: docked above them (issue 16)", () => {
    // Gmail's mole strip: the first compose at the right, the second to its left.
    const right = box(724, 260, 540, 460)
    const left = box(168, 260, 540, 460)
    const send = (c: Box) => box(c.left + 16, c.bottom - 48, 88, 36)
    const recipients = (c: Box) => box(c.left + 16, c.top + 40, c.width - 32, 36)
    const body = (c: Box) => box(c.left + 16, c.top + 120, c.width - 32, 200)
    for (const [compose, other] of [
      [left, right],
      [right, left]
    ] as const) {
      const p = placePanel(
        base({ compose, others: [other], avoid: [recipients(compose), send(compose)], body: body(compose) })
      )
      expect(p.mode).toBe("docked")
      if (p.mode !== "docked") continue
      const card = box(p.left, p.top ?? 0, p.width, p.maxHeight)
      expect(intersects(card, other)).toBe(false)
      expect(intersects(card, compose)).toBe(false)
    }
    // Windows as tall as the screen: no room for a card, a tab.
    const tall = placePanel(base({ compose: box(168, 160, 540, 560), others: [box(724, 160, 540, 560)] }))
    expect(tall.mode).toBe("tab")
    // With room beside it, the card goes there, clear of the other compose.
    expect(placePanel(base({ compose: right, others: [box(20, 560, 260, 40)] })).mode).toBe("side-left")
  })

  it("collapsed or minimised: a tab just above the compose", () => {
    expect(placePanel(base({ expanded: false }))).toEqual({ mode: "tab", top: 160 - 28 - 4, left: 724 })
    expect(placePanel(base({ minimised: true, compose: box(1004, 680, 260, 40) }))).toEqual({
      mode: "tab",
      top: 680 - 32,
      left: 1004
    })
    expect(placePanel(base({ kind: "fullscreen", expanded: false, compose: box(102, 36, 1075, 634) }))).toEqual({
      mode: "tab",
      top: 36 + 4,
      right: 1280 - 1177 + 120
    })
  })

  it("hidden when the compose is off screen or has no size", () => {
    expect(placePanel(base({ kind: "inline", compose: box(330, -400, 600, 300) }))).toEqual({ mode: "hidden" })
    expect(placePanel(base({ compose: box(0, 0, 0, 0) }))).toEqual({ mode: "hidden" })
  })

  it("falls back to a tab when not even a card fits", () => {
    const p = placePanel(base({ viewport: { width: 560, height: 300 }, compose: box(10, 100, 540, 200) }))
    expect(p.mode).toBe("tab")
  })

  // Issue 14, item 9: a tab the CSM clicks always opens.
  it("a minimised compose's tab, clicked: a card docked to the window's right edge, above the compose's bar", () => {
    const bar = box(1004, 680, 260, 40)
    const p = placePanel(base({ minimised: true, compose: bar, opened: true }))
    expect(p).toMatchObject({ mode: "docked", left: 1280 - 8 - PANEL_WIDTH, width: PANEL_WIDTH, top: 8 })
    if (p.mode !== "docked") return
    const card = box(p.left, p.top ?? 0, p.width, p.maxHeight)
    expect(card.right).toBe(1280 - 8)
    expect(intersects(card, bar)).toBe(false)
    expect(p.maxHeight).toBeGreaterThanOrEqual(600)
  })

  it("no room beside or inside, clicked: docked over the mail list, never over Send or the recipients", () => {
    // An 800 × 400 window: a compose window fills its right part; the card fits nowhere around it.
    const small = { width: 800, height: 400 }
    const compose = box(250, 70, 540, 330)
    const recipients = box(266, 110, 508, 36)
    const subject = box(266, 146, 508, 36)
    const send = box(266, 354, 88, 36)
    const input = base({ viewport: small, compose, avoid: [recipients, subject, send] })
    expect(placePanel(input).mode).toBe("tab")
    const p = placePanel({ ...input, opened: true })
    expect(p.mode).toBe("docked")
    if (p.mode !== "docked") return
    const card = box(p.left, p.top ?? 0, p.width, p.maxHeight)
    expect(card.right).toBe(800 - 8)
    for (const avoided of [recipients, subject, send]) expect(intersects(card, avoided)).toBe(false)
    expect(p.maxHeight).toBeGreaterThan(200)
  })

  it("docked still opens in a window too small for any card", () => {
    const p = placePanel(base({ viewport: { width: 560, height: 300 }, compose: box(10, 100, 540, 200), opened: true }))
    expect(p.mode).toBe("docked")
  })
})
