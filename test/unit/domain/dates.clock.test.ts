import { describe, expect, it } from "vitest"

import { nextDailyAt, todayIn, zoneOffsetMs } from "~/src/domain/dates"

describe("today", () => {
  it("takes today in the CSM's zone", () => {
    const now = new Date("2026-11-26T03:00:00Z")
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-11-25")
    expect(todayIn("Asia/Tokyo", now)).toBe("2026-11-26")
  })
})

describe("clock", () => {
  it("knows a zone's offset, DST included", () => {
    expect(zoneOffsetMs(Date.parse("2026-07-01T12:00:00Z"), "America/New_York")).toBe(-4 * 3600_000)
    expect(zoneOffsetMs(Date.parse("2026-12-01T12:00:00Z"), "America/New_York")).toBe(-5 * 3600_000)
    expect(zoneOffsetMs(Date.parse("2026-12-01T12:00:00Z"), "Asia/Kolkata")).toBe(5.5 * 3600_000)
  })

  it("nextDailyAt: later today, else tomorrow, at the zone's wall-clock time", () => {
    const now = Date.parse("2026-11-25T13:00:00Z") // 07:00 in Chicago
    expect(nextDailyAt(now, "08:30", "America/Chicago")).toBe(Date.parse("2026-11-25T14:30:00Z"))
    expect(nextDailyAt(now, "06:00", "America/Chicago")).toBe(Date.parse("2026-11-26T12:00:00Z"))
    expect(nextDailyAt(now, "08:30", "Asia/Tokyo")).toBe(Date.parse("2026-11-25T23:30:00Z"))
    // Across the spring-forward night: 08:30 New York on 2026-03-08 is 12:30 UTC (EDT).
    expect(nextDailyAt(Date.parse("2026-03-08T06:00:00Z"), "08:30", "America/New_York")).toBe(
      Date.parse("2026-03-08T12:30:00Z")
    )
  })
})
