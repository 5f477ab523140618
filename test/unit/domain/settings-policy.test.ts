import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { applyManaged, lockedTouched, resolveSettings } from "~/src/domain/settings-policy"

describe("organisation policy (chrome.storage.managed)", () => {
  it("wins over stored settings, and reports the leaf paths it locks", () => {
    const stored = { thresholds: { surveyMrr: 900, digitalMaxMrr: 400 }, disabledRules: ["AD9"] }
    const managed = { thresholds: { surveyMrr: 750 }, disabledRules: ["ON2"], salesforce: { apiVersion: "61.0" } }
    const resolved = resolveSettings(stored, managed)
    expect(resolved.settings.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, surveyMrr: 750, digitalMaxMrr: 400 })
    expect(resolved.settings.disabledRules).toEqual(["ON2"])
    expect(resolved.settings.salesforce.apiVersion).toBe("61.0")
    expect(resolved.stored.thresholds.surveyMrr).toBe(900)
    expect(resolved.locked).toEqual(["thresholds.surveyMrr", "disabledRules", "salesforce.apiVersion"])
    expect(resolved.ignored).toEqual([])
  })

  it("ignores an invalid or unknown policy value (with its path) and keeps the valid ones", () => {
    const managed = {
      thresholds: { surveyMrr: -5, strategicMinMrr: 5000, surveyMrX: 1 },
      disabledRules: ["NOPE"],
      links: { kycSurvey: "ftp://x" },
      trainingModules: { learning: [] },
      whatever: true
    }
    const merged = applyManaged(DEFAULT_SETTINGS, managed)
    expect(merged.settings.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, strategicMinMrr: 5000 })
    expect(merged.settings.disabledRules).toEqual([])
    expect(merged.locked).toEqual(["thresholds.strategicMinMrr"])
    expect(merged.ignored.map((e) => e.path)).toEqual([
      "thresholds.surveyMrr",
      "thresholds.surveyMrX",
      "disabledRules[0]",
      "links.kycSurvey",
      "trainingModules.learning",
      "whatever"
    ])
  })

  it("treats no policy, or a policy that is not an object, as none", () => {
    expect(applyManaged(DEFAULT_SETTINGS, undefined)).toEqual({ settings: DEFAULT_SETTINGS, locked: [], ignored: [] })
    expect(applyManaged(DEFAULT_SETTINGS, {})).toEqual({ settings: DEFAULT_SETTINGS, locked: [], ignored: [] })
    expect(applyManaged(DEFAULT_SETTINGS, "nope").ignored).toEqual([
      { path: "(root)", message: "policy is not an object" }
    ])
  })

  it("falls back to the defaults when the stored value no longer validates", () => {
    const resolved = resolveSettings({ thresholds: { surveyMrr: "a lot" } }, {})
    expect(resolved.settings).toEqual(DEFAULT_SETTINGS)
    expect(resolved.storedInvalid.map((e) => e.path)).toEqual(["thresholds.surveyMrr"])
  })

  it("lockedTouched names the locked paths a change would touch", () => {
    expect(
      lockedTouched(["thresholds.surveyMrr", "links.openForum"], ["thresholds.surveyMrr", "disabledRules"])
    ).toEqual(["thresholds.surveyMrr"])
    expect(lockedTouched(["templates"], ["templates.welcome_reminder.subject"])).toEqual([
      "templates.welcome_reminder.subject"
    ])
  })
})
