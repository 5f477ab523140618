/**
 * Upgrades keep data (issue #7): a settings file of an older version (0, the prototype's flat
 * shape) migrates to exactly the settings the same values give in today's shape
 * (src/domain/settings-migrations.ts).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { PACKAGES } from "~/src/domain/facts"
import { RULE_IDS } from "~/src/domain/playbook/rule-ids"
import { parseTeamSettings, SETTINGS_VERSION } from "~/src/domain/settings"
import { parseSettingsFile, SETTINGS_FILE_FORMAT } from "~/src/domain/settings-file"

describe("settings of an older version", () => {
  /** Version 0 (the prototype's flat file): the keys that moved, and their place today. */
  const v0Settings = fc.record(
    {
      surveyMrr: fc.integer({ min: 1, max: 100_000 }),
      digitalMaxMrr: fc.integer({ min: 1, max: 100_000 }),
      digitalMaxUsers: fc.integer({ min: 0, max: 10_000 }),
      strategicMinMrr: fc.integer({ min: 1, max: 100_000 }),
      disabledRules: fc.uniqueArray(fc.constantFrom(...RULE_IDS), { maxLength: 6 }),
      sixtyDayPackages: fc.uniqueArray(fc.constantFrom(...PACKAGES), { maxLength: 2 }),
      salesforceApiVersion: fc.integer({ min: 40, max: 99 }).map((v) => `${v}.0`),
      fieldMapping: fc.dictionary(
        fc.constantFrom("mrr", "users", "assignedOn", "website"),
        fc.constantFrom("MRR__c", "Seats__c", "Assigned__c", "Web_Site__c", ""),
        { maxKeys: 3 }
      ),
      timing: fc.dictionary(
        fc.constantFrom("adoption30Days", "adoption90Days", "surveyReminderDays"),
        fc.integer({ min: 1, max: 365 }),
        { maxKeys: 2 }
      )
    },
    { requiredKeys: [] }
  )

  it("a version 0 file migrates to the settings its values give in today's shape", () => {
    fc.assert(
      fc.property(v0Settings, (v0) => {
        const imported = parseSettingsFile(JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 0, settings: v0 }))
        // The same values written in today's shape by hand.
        const today: Record<string, unknown> = { version: SETTINGS_VERSION }
        const thresholds = Object.fromEntries(
          ["surveyMrr", "digitalMaxMrr", "digitalMaxUsers", "strategicMinMrr"]
            .filter((k) => k in v0)
            .map((k) => [k, v0[k as keyof typeof v0]])
        )
        if (Object.keys(thresholds).length > 0) today.thresholds = thresholds
        if (v0.disabledRules) today.disabledRules = v0.disabledRules
        if (v0.sixtyDayPackages) today.sixtyDayTrack = { packages: v0.sixtyDayPackages }
        if (v0.salesforceApiVersion || v0.fieldMapping) {
          today.salesforce = {
            ...(v0.salesforceApiVersion ? { apiVersion: v0.salesforceApiVersion } : {}),
            ...(v0.fieldMapping ? { fieldMapping: v0.fieldMapping } : {})
          }
        }
        if (v0.timing) today.timing = v0.timing
        const expected = parseTeamSettings(today)
        expect(imported.ok).toBe(expected.ok)
        if (!imported.ok || !expected.ok) return
        expect(imported.value.fromVersion).toBe(0)
        expect(imported.value.settings).toEqual(expected.value)
      }),
      { numRuns: 300 }
    )
  })
})
