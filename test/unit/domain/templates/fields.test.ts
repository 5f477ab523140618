import { describe, expect, it } from "vitest"

import {
  findPlaceholders,
  isMergeFieldName,
  MERGE_FIELD_NAMES,
  MERGE_FIELDS,
  mergeField,
  mergeFieldsUsed,
  unknownMergeFields
} from "~/src/domain/templates/fields"

const REQUIRED = [
  "accountName",
  "adminName",
  "adminEmail",
  "csmName",
  "csmInitials",
  "csmSignature",
  "calendlyLink",
  "kycSurveyLink",
  "customerLaunchKitLink",
  "supportContact",
  "policyManualsLink",
  "overviewVideosLink",
  "openForumLink",
  "nextOpenForumDate",
  "meetingDate",
  "participants",
  "modulesCovered",
  "pendingSubjects",
  "upcomingTrainingDates",
  "productsDiscussed",
  "mainPoints",
  "salesOpportunities",
  "surveyLink",
  "trainingSessionNumber",
  "today"
]

describe("merge field catalogue", () => {
  it("has every field the templates need, each once, with a label, source and description", () => {
    for (const name of REQUIRED) expect(MERGE_FIELD_NAMES).toContain(name)
    expect(new Set(MERGE_FIELD_NAMES).size).toBe(MERGE_FIELD_NAMES.length)
    for (const field of MERGE_FIELDS) {
      expect(field.name).toMatch(/^[a-z][A-Za-z0-9]*$/)
      expect(field.label.trim()).not.toBe("")
      expect(field.description.trim()).not.toBe("")
      expect(["account", "profile", "settings", "step"]).toContain(field.source)
    }
  })

  it("labels gaps in CSM words", () => {
    expect(mergeField("meetingDate").label).toBe("Meeting date")
    expect(mergeField("calendlyLink").source).toBe("profile")
    expect(mergeField("kycSurveyLink").source).toBe("settings")
  })

  it("does not take Object.prototype names for fields", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(isMergeFieldName(name)).toBe(false)
  })
})

describe("findPlaceholders", () => {
  it("tolerates whitespace inside the braces and reports positions", () => {
    const text = "Hi {{ adminName }}, {{accountName}}!"
    expect(findPlaceholders(text)).toEqual([
      { name: "adminName", start: 3, end: 18 },
      { name: "accountName", start: 20, end: 35 }
    ])
  })

  it("treats {{{a}}} as brace + placeholder + brace and ignores unclosed {{", () => {
    expect(findPlaceholders("{{{accountName}}}").map((p) => p.name)).toEqual(["accountName"])
    expect(findPlaceholders("{{accountName")).toEqual([])
    expect(findPlaceholders("{ {accountName} }")).toEqual([])
  })

  it("is fast on pathological input", () => {
    const text = "{{" + " ".repeat(20_000) + "{{ x".repeat(5_000)
    const started = Date.now()
    findPlaceholders(text)
    expect(Date.now() - started).toBeLessThan(500)
  })
})

describe("unknownMergeFields", () => {
  it("lists unknown names in order of first use, each once", () => {
    const text = "{{accountName}} {{acountName}} {{ Firstname }} {{acountName}} {{}} {{account name}}"
    expect(unknownMergeFields(text)).toEqual(["acountName", "Firstname", "", "account name"])
  })

  it("is empty for known fields only, or no fields", () => {
    expect(unknownMergeFields("Hello {{ adminName }} from {{csmName}}")).toEqual([])
    expect(unknownMergeFields("No fields { here } {{ unclosed")).toEqual([])
  })

  it("is case-sensitive", () => {
    expect(unknownMergeFields("{{AccountName}}")).toEqual(["AccountName"])
  })

  it("mergeFieldsUsed lists known fields in order, each once", () => {
    expect(mergeFieldsUsed("{{csmName}} {{adminName}} {{nope}} {{ csmName }}")).toEqual(["csmName", "adminName"])
  })
})
