import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS, parseTeamSettings, SETTINGS_VERSION, type TeamSettings } from "~/src/domain/settings"
import { parseSettingsFile, SETTINGS_FILE_FORMAT, settingsFileName, settingsFileText } from "~/src/domain/settings-file"
import { MIGRATIONS, migrateSettings } from "~/src/domain/settings-migrations"

const at = new Date("2026-11-25T14:03:00.000Z")
const custom: TeamSettings = {
  ...DEFAULT_SETTINGS,
  thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 750 },
  disabledRules: ["ON2", "AD9"],
  links: { ...DEFAULT_SETTINGS.links, kycSurvey: "https://forms.example/kyc" },
  salesforce: { ...DEFAULT_SETTINGS.salesforce, apiVersion: "60.0" }
}

const paths = (text: string) => {
  const parsed = parseSettingsFile(text)
  if (parsed.ok) throw new Error("expected a rejection")
  return parsed.errors.map((e) => e.path)
}

describe("the settings file", () => {
  it("round-trips: export → import gives the same settings, and the schema round-trips too", () => {
    for (const settings of [DEFAULT_SETTINGS, custom]) {
      const text = settingsFileText(settings, at)
      const file = JSON.parse(text)
      expect(file).toMatchObject({
        format: SETTINGS_FILE_FORMAT,
        version: SETTINGS_VERSION,
        exportedAt: at.toISOString()
      })
      const parsed = parseSettingsFile(text)
      expect(parsed).toEqual({
        ok: true,
        value: { settings, fromVersion: SETTINGS_VERSION, exportedAt: at.toISOString() }
      })
      const again = parseTeamSettings(JSON.parse(JSON.stringify(settings)))
      expect(again.ok && again.value).toEqual(settings)
    }
    expect(settingsFileName("2026-11-25")).toBe("sop-pilot-team-settings-2026-11-25.json")
  })

  it("accepts a partial file: what it does not give keeps the defaults", () => {
    const parsed = parseSettingsFile(
      JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings: { disabledRules: ["ON2"] } })
    )
    expect(parsed.ok && parsed.value.settings).toEqual({ ...DEFAULT_SETTINGS, disabledRules: ["ON2"] })
  })

  it("refuses a newer version as a whole, naming `version`", () => {
    const text = JSON.stringify({
      format: SETTINGS_FILE_FORMAT,
      version: SETTINGS_VERSION + 1,
      settings: { brandNewThing: true }
    })
    const parsed = parseSettingsFile(text)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.errors).toEqual([
      { path: "version", message: expect.stringContaining("newer SOP Pilot") }
    ])
  })

  it("refuses what is not a settings file, naming the offending paths", () => {
    expect(paths("{ not json")).toEqual(["(file)"])
    expect(paths("[1, 2]")).toEqual(["(root)"])
    expect(paths(JSON.stringify({ version: 1, settings: {} }))).toEqual(["format"])
    expect(paths(JSON.stringify({ format: "something-else", version: 1, settings: {} }))).toEqual(["format"])
    expect(paths(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: "1", settings: {} }))).toEqual(["version"])
    expect(paths(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings: [] }))).toEqual(["settings"])
    expect(paths(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings: {}, extra: 1 }))).toEqual([
      "extra"
    ])
    expect(
      paths(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings: { thresholds: { surveyMrr: -5 } } }))
    ).toEqual(["settings.thresholds.surveyMrr"])
    expect(
      paths(
        JSON.stringify({
          format: SETTINGS_FILE_FORMAT,
          version: 1,
          settings: { disabledRules: ["ON2", "XX9"], thresholdz: {} }
        })
      ).sort()
    ).toEqual(["settings.disabledRules[1]", "settings.thresholdz"])
  })
})

describe("migrations", () => {
  const v0 = {
    surveyMrr: 800,
    strategicMinMrr: 4000,
    disabledRules: ["ON2"],
    sixtyDayPackages: ["smb"],
    salesforceApiVersion: "60.0",
    fieldMapping: { mrr: "Monthly_Revenue__c" },
    links: { kycSurvey: "https://forms.example/kyc" }
  }

  it("has one migration per version below the current one", () => {
    for (let version = 0; version < SETTINGS_VERSION; version++) expect(MIGRATIONS[version]).toBeDefined()
  })

  it("reads a version 0 (flat) file into today's shape", () => {
    const parsed = parseSettingsFile(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 0, settings: v0 }))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.fromVersion).toBe(0)
    const s = parsed.value.settings
    expect(s.version).toBe(SETTINGS_VERSION)
    expect(s.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800, strategicMinMrr: 4000 })
    expect(s.disabledRules).toEqual(["ON2"])
    expect(s.sixtyDayTrack.packages).toEqual(["smb"])
    expect(s.salesforce.apiVersion).toBe("60.0")
    expect(s.salesforce.fieldMapping.mrr).toBe("Monthly_Revenue__c")
    expect(s.salesforce.fieldMapping.users).toBe(DEFAULT_SETTINGS.salesforce.fieldMapping.users)
    expect(s.links.kycSurvey).toBe("https://forms.example/kyc")
  })

  it("names errors at their place in the version 0 file", () => {
    expect(
      paths(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 0, settings: { ...v0, surveyMrr: -1 } }))
    ).toEqual(["settings.surveyMrr"])
    expect(
      paths(
        JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 0, settings: { ...v0, sixtyDayPackages: ["gold"] } })
      )
    ).toEqual(["settings.sixtyDayPackages[0]"])
    // A version 1 key in a version 0 file is unknown there.
    expect(paths(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 0, settings: { thresholds: {} } }))).toEqual([
      "settings.thresholds"
    ])
  })

  it("migrateSettings is pure: the input is not changed", () => {
    const input = structuredClone(v0)
    const result = migrateSettings(input, 0)
    expect(result.ok).toBe(true)
    expect(input).toEqual(v0)
  })
})
