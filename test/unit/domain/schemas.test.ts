import { describe, expect, it } from "vitest"

import { AccountFacts, parseFactsFile } from "~/src/domain/facts"
import { DEFAULT_SETTINGS, parseTeamSettings } from "~/src/domain/settings"

const ok = { id: "001Hs00002ABCDe", name: "Acme" }
const pathsOf = (result: { ok: boolean; errors?: { path: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => e.path)

describe("account facts", () => {
  it("normalises the id to 18 chars and applies defaults", () => {
    expect(AccountFacts.parse(ok)).toMatchObject({
      id: "001Hs00002ABCDeIAP",
      serviceLevel: "basic",
      package: "standard",
      products: [],
      done: []
    })
  })

  it.each<[string, Record<string, unknown>, string]>([
    ["negative mrr", { mrr: -1 }, "mrr"],
    ["fractional users", { users: 2.5 }, "users"],
    ["negative users", { users: -3 }, "users"],
    ["impossible date", { adoption30MeetingOn: "2026-02-30" }, "adoption30MeetingOn"],
    ["not a leap year", { onboardingCompletedOn: "2027-02-29" }, "onboardingCompletedOn"],
    ["US date", { assignedOn: "11/25/2026" }, "assignedOn"],
    ["unknown product", { products: ["lms"] }, "products[0]"],
    ["product twice", { products: ["learning", "learning"] }, "products"],
    ["bad training date", { trainingsCompletedOn: ["2026-01-01", "2026-13-01"] }, "trainingsCompletedOn[1]"],
    ["unknown field", { mmr: 100 }, "mmr"],
    ["bad step key", { done: ["ad4"] }, "done[0]"],
    ["non-account id", { id: "0035000000Gv7qJ" }, "id"],
    ["unknown risk signal", { riskSignals: ["grumpy"] }, "riskSignals[0]"],
    ["bad email", { contactEmails: ["not-an-email"] }, "contactEmails[0]"]
  ])("rejects %s at its path", (_, change, path) => {
    expect(pathsOf(parseFactsFile({ ...ok, ...change }))).toEqual([path])
  })

  it("names the account in a book of business", () => {
    expect(pathsOf(parseFactsFile([ok, ok, ok, { ...ok, mrr: -5 }]))).toEqual(["accounts[3].mrr"])
    expect(parseFactsFile([ok, ok])).toMatchObject({ ok: true })
  })
})

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
