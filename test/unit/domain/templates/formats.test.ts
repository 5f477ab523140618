import { describe, expect, it } from "vitest"

import { accountNote, caseDirective, shortUsDate } from "~/src/domain/templates/formats"

describe("accountNote (MM/DD/YY-Initials-Note)", () => {
  it.each([
    ["2023-04-20", "MM", "Called the admin", "04/20/23-MM-Called the admin"],
    ["2025-12-31", "jd", "Year end", "12/31/25-JD-Year end"],
    ["2026-01-01", " ab ", "New year", "01/01/26-AB-New year"],
    ["2000-01-01", "A", "Y2K", "01/01/00-A-Y2K"],
    ["1999-12-31", "ABCD", "Last of the century", "12/31/99-ABCD-Last of the century"],
    ["2024-02-29", "Ñé", "Leap day", "02/29/24-ÑÉ-Leap day"],
    ["2026-03-05", "MM", "  two\nlines\t and  spaces ", "03/05/26-MM-two lines and spaces"]
  ])("%s %s %j → %s", (date, initials, note, expected) => {
    expect(accountNote(date, initials, note)).toEqual({ ok: true, value: expected })
  })
})

describe("caseDirective (MM/DD/YY_Initials:Action)", () => {
  it.each([
    ["2023-04-20", "MM", "One more week, Customer unresponsive", "04/20/23_MM:One more week, Customer unresponsive"],
    ["2024-12-31", "mm", "Cancel at term end", "12/31/24_MM:Cancel at term end"],
    ["2025-01-01", "TL", "Review after holidays", "01/01/25_TL:Review after holidays"]
  ])("%s %s %j → %s", (date, initials, action, expected) => {
    expect(caseDirective(date, initials, action)).toEqual({ ok: true, value: expected })
  })
})

describe("format errors (returned, not thrown)", () => {
  it.each([
    ["2023-02-29", "date"],
    ["2023-13-01", "date"],
    ["04/20/23", "date"],
    ["2023-4-20", "date"],
    ["", "date"]
  ])("rejects date %j", (date, path) => {
    const result = accountNote(date, "MM", "note")
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual([path])
  })

  it.each(["", "   ", "ABCDE", "M.M", "M M", "M1", "<b>"])("rejects initials %j", (initials) => {
    const result = caseDirective("2023-04-20", initials, "action")
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(["initials"])
  })

  it("rejects a blank note or action", () => {
    expect(accountNote("2023-04-20", "MM", " \n\t ")).toEqual({
      ok: false,
      errors: [{ path: "note", message: "must not be empty" }]
    })
    expect(caseDirective("2023-04-20", "MM", "")).toEqual({
      ok: false,
      errors: [{ path: "action", message: "must not be empty" }]
    })
  })

  it("reports every problem at once", () => {
    const result = caseDirective("2023-02-30", "12345", "")
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(["date", "initials", "action"])
  })
})

describe("shortUsDate", () => {
  it("writes MM/DD/YY", () => {
    expect(shortUsDate("2027-01-05")).toBe("01/05/27")
  })
})
