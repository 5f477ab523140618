import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS, parseTeamSettings } from "~/src/domain/settings"

const pathsOf = (result: { ok: boolean; errors?: { path: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => e.path)

describe("team settings", () => {
  it("has defaults for everything", () => {
    expect(DEFAULT_SETTINGS.thresholds).toEqual({
      surveyMrr: 1000,
      digitalMaxMrr: 500,
      digitalMaxUsers: 50,
      strategicMinMrr: 3500
    })
    expect(DEFAULT_SETTINGS.sixtyDayTrack).toEqual({ packages: ["smb"], serviceLevels: [] })
    expect(DEFAULT_SETTINGS.disabledRules).toEqual([])
    expect(DEFAULT_SETTINGS.salesforce.fieldMapping.mrr).toBe("MRR__c")
    expect(DEFAULT_SETTINGS.templates.adoption_30_recap.subject).not.toBe("")
  })

  it("keeps the defaults a partial file leaves out", () => {
    const parsed = parseTeamSettings({
      thresholds: { surveyMrr: 750 },
      links: { kycSurvey: "https://forms.example/kyc" }
    })
    expect(parsed.ok && parsed.value.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, surveyMrr: 750 })
    expect(parsed.ok && parsed.value.templates).toEqual(DEFAULT_SETTINGS.templates)
  })

  it.each<[string, unknown, string[]]>([
    ["negative threshold", { thresholds: { surveyMrr: -1 } }, ["thresholds.surveyMrr"]],
    ["misspelt threshold", { thresholds: { surveyMRR: 900 } }, ["thresholds.surveyMRR"]],
    ["unknown rule", { disabledRules: ["AD3", "ZZ9"] }, ["disabledRules[1]"]],
    ["script link", { links: { kycSurvey: "javascript:alert(1)" } }, ["links.kycSurvey"]],
    ["bad field name", { salesforce: { fieldMapping: { mrr: "MRR__c; DROP" } } }, ["salesforce.fieldMapping.mrr"]],
    ["bad api version", { salesforce: { apiVersion: "v62" } }, ["salesforce.apiVersion"]],
    ["newer version", { version: 2 }, ["version"]],
    ["unknown section", { colours: {} }, ["colours"]]
  ])("rejects %s", (_, input, paths) => {
    expect(pathsOf(parseTeamSettings(input))).toEqual(paths)
  })
})
