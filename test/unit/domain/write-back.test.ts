import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import {
  eventOf,
  isPassing,
  retryDelayMs,
  taskPrefix,
  taskSubject,
  withTrainingHeld,
  writeTargetOf
} from "~/src/domain/write-back"

describe("event steps", () => {
  it.each([
    ["ON7", "onboardingCallCompletedOn"],
    ["AD3", "adoption30MeetingOn"],
    ["AD10", "adoption90MeetingOn"],
    ["SM4", "smbAdoptionMeetingOn"],
    ["TL1", "tl75CheckInOn"],
    ["TL2", "tl150CheckInOn"],
    ["FO2", "onboardingCompletedOn"]
  ])("%s records %s", (key, fact) => {
    expect(eventOf(key)).toEqual({ fact })
  })

  it("TR1#n records training n; other steps record nothing", () => {
    expect(eventOf("TR1#2")).toEqual({ fact: "trainingsCompletedOn", session: 2 })
    expect(eventOf("TR2#2")).toBeUndefined()
    expect(eventOf("AD4")).toBeUndefined()
    expect(eventOf("TR1")).toBeUndefined()
  })

  it("training n held makes n sessions held, earlier ones that day too; a long enough list stays", () => {
    expect(withTrainingHeld([], 1, "2026-12-01")).toEqual(["2026-12-01"])
    expect(withTrainingHeld(["2026-11-20"], 3, "2026-12-01")).toEqual(["2026-11-20", "2026-12-01", "2026-12-01"])
    expect(withTrainingHeld(["2026-11-20", "2026-11-25"], 2, "2026-12-01")).toEqual(["2026-11-20", "2026-11-25"])
  })
})

describe("SOP tasks", () => {
  it("subjects start with the step key in brackets, within Task.Subject's 255", () => {
    expect(taskSubject("AD4", " Send the 30-day recap ")).toBe("[SOP AD4] Send the 30-day recap")
    expect(taskSubject("TR1#2", "x".repeat(400))).toHaveLength(255)
    expect(taskPrefix("TR1#1")).toBe("[SOP TR1#1]")
  })
})

describe("where a fact is written", () => {
  const salesforce = DEFAULT_SETTINGS.salesforce
  it("the SOPs' related rows and Account fields; not a filtered Case, not an unmapped fact", () => {
    expect(writeTargetOf("adoption30MeetingOn", salesforce)).toEqual({
      object: "Adoption__c",
      field: "X30_Day_Meeting_Date__c",
      relationship: "Account__c"
    })
    expect(writeTargetOf("mrr", salesforce)).toEqual({ object: "Account", field: "MRR__c" })
    expect(writeTargetOf("failedToOnboardCaseOpenedOn", salesforce)).toBeUndefined()
    expect(writeTargetOf("riskSignals", salesforce)).toBeUndefined()
  })
})

describe("retries", () => {
  it("wait 30 s, doubling, at most 30 min", () => {
    expect([1, 2, 3, 6, 7, 8, 50].map((n) => retryDelayMs(n) / 1000)).toEqual([30, 60, 120, 960, 1800, 1800, 1800])
  })
  it("are for failures that pass, not for refusals", () => {
    for (const kind of ["network", "timeout", "unavailable", "rate_limited", "request_limit", "unauthorized"] as const)
      expect(isPassing(kind)).toBe(true)
    for (const kind of ["record_error", "bad_request", "invalid_field", "forbidden"] as const)
      expect(isPassing(kind)).toBe(false)
  })
})
