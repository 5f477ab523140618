import { describe, expect, it } from "vitest"

import { nextFirstThursday, plusBusinessDays, plusDays, quarterEnd } from "~/src/domain/dates"

describe("business days", () => {
  it.each([
    ["2026-11-20", 1, "2026-11-23"], // Fri → Mon
    ["2026-11-21", 1, "2026-11-23"], // Sat → Mon
    ["2026-11-22", 1, "2026-11-23"], // Sun → Mon
    ["2026-11-23", 10, "2026-12-07"], // two working weeks
    ["2026-12-31", 1, "2027-01-01"], // year end (a Thursday → Friday)
    ["2027-12-31", 1, "2028-01-03"], // Fri 31 Dec → Mon 3 Jan
    ["2028-02-28", 1, "2028-02-29"], // leap day is a Tuesday
    ["2026-11-23", -1, "2026-11-20"], // Mon − 1 → Fri
    ["2026-11-22", -1, "2026-11-20"], // Sun − 1 → Fri
    ["2027-01-01", -1, "2026-12-31"]
  ])("%s + %i business days = %s", (from, n, expected) => {
    expect(plusBusinessDays(from, n)).toBe(expected)
  })
})

describe("calendar days", () => {
  it.each([
    ["2028-01-30", 30, "2028-02-29"],
    ["2027-01-30", 30, "2027-03-01"],
    ["2026-12-25", 7, "2027-01-01"],
    ["2026-03-08", 1, "2026-03-09"] // across the US DST change, still one day
  ])("%s + %i = %s", (from, n, expected) => {
    expect(plusDays(from, n)).toBe(expected)
  })
})

describe("D7 quarter end", () => {
  it.each([
    ["2026-01-01", "2026-03-31"],
    ["2026-03-31", "2026-03-31"],
    ["2026-04-01", "2026-06-30"],
    ["2026-08-15", "2026-09-30"],
    ["2026-11-25", "2026-12-31"],
    ["2028-02-29", "2028-03-31"]
  ])("%s → %s", (today, expected) => {
    expect(quarterEnd(today)).toBe(expected)
  })
})

describe("D8 next open forum (first Thursday on or after today)", () => {
  it.each([
    ["2026-11-05", "2026-11-05"], // the first Thursday itself
    ["2026-11-06", "2026-12-03"], // the day after → next month
    ["2026-11-01", "2026-11-05"],
    ["2026-12-04", "2027-01-07"], // across the year end
    ["2027-04-01", "2027-04-01"], // the 1st is a Thursday
    ["2028-02-29", "2028-03-02"]
  ])("%s → %s", (today, expected) => {
    expect(nextFirstThursday(today)).toBe(expected)
  })
})
