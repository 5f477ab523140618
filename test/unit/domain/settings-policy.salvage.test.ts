/**
 * Issue 17 item 5: one stale rule id in the stored team settings reverted every setting to the
 * defaults. The stored value keeps every valid part; only the invalid one is left out (and
 * reported by its path).
 */
import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { resolveSettings, salvageSettings } from "~/src/domain/settings-policy"

const team = {
  thresholds: { surveyMrr: 800 },
  disabledRules: ["ON2", "XX9", "AD11"],
  links: { kycSurvey: "https://survey.example.com/kyc" },
  timing: { adoption30Days: 28 }
}

describe("stored settings that partly fail the schema", () => {
  it("a stale rule id drops only that id, every other setting stays", () => {
    const resolved = resolveSettings(team, {})
    expect(resolved.settings.thresholds.surveyMrr).toBe(800)
    expect(resolved.settings.disabledRules).toEqual(["ON2", "AD11"])
    expect(resolved.settings.links.kycSurvey).toBe("https://survey.example.com/kyc")
    expect(resolved.settings.timing.adoption30Days).toBe(28)
    expect(resolved.storedInvalid).toEqual([{ path: "disabledRules[1]", message: "unknown rule id" }])
  })

  it("a bad value, an unknown key and a bad template each fall back alone", () => {
    const { settings, invalid } = salvageSettings({
      thresholds: { surveyMrr: "a lot", digitalMaxMrr: 400 },
      timing: { adoption30Days: 28, retiredTiming: 3 },
      templates: { welcome_reminder: { subject: 7, body: "Hi" } },
      disabledRules: ["ON2"]
    })
    expect(settings.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, digitalMaxMrr: 400 })
    expect(settings.timing.adoption30Days).toBe(28)
    expect(settings.disabledRules).toEqual(["ON2"])
    expect(settings.templates.welcome_reminder).toEqual(DEFAULT_SETTINGS.templates.welcome_reminder)
    expect(invalid.map((e) => e.path).sort()).toEqual(
      ["templates.welcome_reminder.subject", "thresholds.surveyMrr", "timing.retiredTiming"].sort()
    )
  })

  it("a value that is not an object at all gives the defaults, reported at the root", () => {
    expect(salvageSettings("garbage")).toEqual({
      settings: DEFAULT_SETTINGS,
      invalid: [{ path: "(root)", message: expect.any(String) as string }]
    })
  })

  it("valid settings are unchanged and report nothing", () => {
    const { invalid, settings } = salvageSettings({ thresholds: { surveyMrr: 800 } })
    expect(invalid).toEqual([])
    expect(settings.thresholds.surveyMrr).toBe(800)
  })
})
