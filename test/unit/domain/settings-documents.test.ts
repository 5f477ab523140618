import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS, TeamDocument, parseTeamSettings } from "~/src/domain/settings"
import { parseSettingsFile, settingsFileText } from "~/src/domain/settings-file"

const adoption = { label: "Adoption checklist", url: "https://docs.example/adoption", rules: ["AD1", "AD5"] }

describe("team documents setting", () => {
  it("is empty by default", () => {
    expect(DEFAULT_SETTINGS.documents).toEqual([])
  })

  it("keeps a document with its label, http(s) address and steps", () => {
    const parsed = parseTeamSettings({ documents: [adoption] })
    expect(parsed.ok && parsed.value.documents).toEqual([adoption])
    expect(TeamDocument.safeParse({ ...adoption, url: "http://intranet.example/kyc" }).success).toBe(true)
  })

  it("rejects an address that is not http(s), an empty name, unknown or repeated steps", () => {
    for (const url of ["javascript:alert(1)", "ftp://x.example/a", "not a link", ""]) {
      const parsed = parseTeamSettings({ documents: [{ ...adoption, url }] })
      expect(parsed.ok, url).toBe(false)
      if (!parsed.ok) expect(parsed.errors[0]?.path).toMatch(/^documents\.0\.url|^documents\[0\]\.url/)
    }
    expect(TeamDocument.safeParse({ ...adoption, label: " " }).success).toBe(false)
    expect(TeamDocument.safeParse({ ...adoption, rules: ["ZZ9"] }).success).toBe(false)
    expect(TeamDocument.safeParse({ ...adoption, rules: ["AD1", "AD1"] }).success).toBe(false)
    expect(TeamDocument.safeParse({ ...adoption, rules: [] }).success).toBe(false)
  })

  it("survives export and import", () => {
    const parsed = parseTeamSettings({ documents: [adoption] })
    if (!parsed.ok) throw new Error("invalid")
    const back = parseSettingsFile(settingsFileText(parsed.value, new Date("2026-12-03T00:00:00Z")))
    expect(back.ok && back.value.settings.documents).toEqual([adoption])
  })
})
