import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { fillTemplate, lightningOriginOf, newRecordUrl } from "~/src/hosts/salesforce/new-record"

const ORIGIN = "https://acme.lightning.force.com"
const context = {
  accountId: "001Hs00002ABCDeIAP",
  accountName: "Grand Hotels & Resorts, Ltd",
  today: "2026-11-20",
  initials: "CM"
}
const url = (rule: keyof typeof DEFAULT_SETTINGS.salesforce.newRecords) => {
  const template = DEFAULT_SETTINGS.salesforce.newRecords[rule]
  return newRecordUrl(ORIGIN, template, fillTemplate(template.fields, context))
}
/** The defaultFieldValues of a URL, decoded pair by pair. */
const defaults = (href: string) =>
  Object.fromEntries(
    (new URL(href).search.match(/defaultFieldValues=([^&]*)/)?.[1] ?? "")
      .split(",")
      .map((pair) => pair.split("="))
      .map(([field = "", value = ""]) => [field, decodeURIComponent(value)])
  )

describe("New-record pages of the SOPs (FO4, CX1, PD2, UP2)", () => {
  it.each([
    [
      "FO4",
      "/lightning/o/Case/new",
      {
        AccountId: "001Hs00002ABCDeIAP",
        Type: "Failed to OB",
        Subject: "Failed to OB - Grand Hotels & Resorts, Ltd",
        Due_Date__c: "2026-12-20",
        Description: "11/20/26_CM:Customer unresponsive for 10 days; onboarding marked completed"
      }
    ],
    [
      "CX1",
      "/lightning/o/Case/new",
      {
        AccountId: "001Hs00002ABCDeIAP",
        Type: "Escalation",
        Subject: "Cancelation Request - Grand Hotels & Resorts, Ltd",
        Description: "11/20/26_CM:Cancellation request received"
      }
    ],
    [
      "PD2",
      "/lightning/o/Case/new",
      {
        AccountId: "001Hs00002ABCDeIAP",
        Type: "Escalation",
        Subject: "Past Due - Grand Hotels & Resorts, Ltd",
        Description: "11/20/26_CM:Still past due after 14 days"
      }
    ],
    [
      "UP2",
      "/lightning/o/Opportunity/new",
      expect.objectContaining({
        Name: "Grand Hotels & Resorts, Ltd - Upsell",
        StageName: "Prospect",
        CloseDate: "2026-12-31",
        LeadSource: "Customer Upsell"
      })
    ]
  ] as const)("%s opens %s with the SOP's values", (rule, path, values) => {
    const href = url(rule)
    expect(href.startsWith(`${ORIGIN}${path}?defaultFieldValues=`)).toBe(true)
    expect(defaults(href)).toEqual(values)
  })

  it("URL-encodes each value: a comma, = or & in a value cannot start another pair or parameter", () => {
    const href = url("CX1")
    expect(href).toContain("Subject=Cancelation%20Request%20-%20Grand%20Hotels%20%26%20Resorts%2C%20Ltd")
    expect(new URL(href).searchParams.getAll("recordTypeId")).toEqual([])
    const hostile = newRecordUrl(ORIGIN, { object: "Case", recordTypeId: "", fields: [] }, { Subject: "a=1,b&c=2" })
    expect(hostile).toBe(`${ORIGIN}/lightning/o/Case/new?defaultFieldValues=Subject=a%3D1%2Cb%26c%3D2`)
  })

  it("adds the record type where the team configured one", () => {
    const template = { object: "Case", recordTypeId: "012Hs000000AbCdIAK", fields: [] }
    expect(newRecordUrl(ORIGIN, template, { Type: "Failed to OB" })).toBe(
      `${ORIGIN}/lightning/o/Case/new?defaultFieldValues=Type=Failed%20to%20OB&recordTypeId=012Hs000000AbCdIAK`
    )
  })

  it("refuses names that are not API names, ids that are not ids, origins that are not Lightning's", () => {
    const ok = { object: "Case", recordTypeId: "", fields: [] }
    expect(() => newRecordUrl(ORIGIN, { ...ok, object: "Case/../x" }, {})).toThrow()
    expect(() => newRecordUrl(ORIGIN, ok, { "Subject,Type": "x" })).toThrow()
    expect(() => newRecordUrl(ORIGIN, { ...ok, recordTypeId: "javascript:1" }, {})).toThrow()
    expect(() => newRecordUrl("https://evil.example", ok, {})).toThrow()
  })

  it("fills created + N days across a month end, and leaves unknown tokens", () => {
    const fields = [
      { field: "d", value: "{today+30}" },
      { field: "q", value: "{quarterEnd}" },
      { field: "x", value: "{nope}" }
    ]
    expect(fillTemplate(fields, { ...context, today: "2027-01-31" })).toEqual({
      d: "2027-03-02",
      q: "2027-03-31",
      x: "{nope}"
    })
  })

  it("knows the Lightning origin of an org", () => {
    expect(lightningOriginOf("https://acme.my.salesforce.com")).toBe(ORIGIN)
    expect(lightningOriginOf("https://acme--dev.sandbox.my.salesforce.com")).toBe(
      "https://acme--dev.sandbox.lightning.force.com"
    )
    expect(lightningOriginOf("https://evil.example")).toBeUndefined()
  })
})
