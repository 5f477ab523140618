import { readFileSync } from "node:fs"
import { join } from "node:path"

import { describe, expect, it } from "vitest"

import { DATE_FACTS } from "~/src/domain/fact-names"
import { MAPPABLE_FACTS } from "~/src/domain/settings"
import {
  fieldsForFact,
  filterableFields,
  lookupsTo,
  parseObjectInfo,
  type OrgObject
} from "~/src/hosts/salesforce/object-info"
import { FIXTURES_DIR } from "~/tools/extension-harness"
import { OBJECT_INFO_FIXTURE } from "~/tools/salesforce-object-info"

const recorded = JSON.parse(readFileSync(join(FIXTURES_DIR, OBJECT_INFO_FIXTURE), "utf8")) as Record<string, unknown>

function account(): OrgObject {
  const parsed = parseObjectInfo(recorded, "Account")
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.object
}
const names = (fields: { apiName: string }[]) => fields.map((f) => f.apiName).sort()

describe("object-info → the fields a fact may be read from", () => {
  it("reads the recorded Account answer: names, labels, types, lookup targets", () => {
    const object = account()
    expect(object).toMatchObject({ apiName: "Account", label: "Account" })
    expect(object.fields.find((f) => f.apiName === "CSM__c")).toEqual({
      apiName: "CSM__c",
      label: "CSM",
      dataType: "Reference",
      referenceTo: ["User"],
      filterable: true
    })
  })

  it("offers a date fact only Date and DateTime fields", () => {
    const object = account()
    for (const fact of DATE_FACTS) {
      const offered = fieldsForFact(object, fact)
      expect(offered.length).toBeGreaterThan(0)
      expect(new Set(offered.map((f) => f.dataType))).toEqual(new Set(["Date", "DateTime"]))
    }
    expect(names(fieldsForFact(object, "assignedOn"))).toContain("CSM_Assigned_Date__c")
    expect(names(fieldsForFact(object, "assignedOn"))).toContain("CreatedDate")
    expect(names(fieldsForFact(object, "assignedOn"))).not.toContain("MRR__c")
  })

  it("offers number facts number, currency and percent fields; picklist facts picklists; text facts text", () => {
    const object = account()
    expect(names(fieldsForFact(object, "mrr"))).toEqual([
      "AnnualRevenue",
      "Contracted_Users__c",
      "Health_Score__c",
      "MRR__c",
      "NumberOfEmployees"
    ])
    expect(names(fieldsForFact(object, "users"))).toEqual(names(fieldsForFact(object, "mrr")))
    expect(names(fieldsForFact(object, "serviceLevel"))).toEqual([
      "AccountSource",
      "Industry",
      "Package__c",
      "Service_Level__c",
      "Type"
    ])
    expect(names(fieldsForFact(object, "products"))).toContain("Products__c")
    expect(names(fieldsForFact(object, "products"))).not.toContain("Name")
    expect(names(fieldsForFact(object, "website"))).toContain("Website")
    expect(names(fieldsForFact(object, "name"))).toContain("Name")
    expect(names(fieldsForFact(object, "name"))).not.toContain("Website")
    // Every fact the mapping knows has its types.
    for (const fact of MAPPABLE_FACTS) expect(fieldsForFact(object, fact).length).toBeGreaterThan(0)
  })

  it("finds the lookups to the Account and the fields a condition may test", () => {
    const object = account()
    expect(names(lookupsTo(object, "Account"))).toEqual(["ParentId"])
    expect(names(lookupsTo(object, "user"))).toEqual(["CreatedById", "CSM__c", "LastModifiedById", "OwnerId"].sort())
    expect(names(filterableFields(object))).toContain("Type")
  })

  it("refuses an answer of another shape, so the editor falls back to typed names", () => {
    const fields = recorded.fields as Record<string, Record<string, unknown>>
    const bad: unknown[] = [
      null,
      "<html>Login</html>",
      [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }],
      { ...recorded, fields: undefined },
      { ...recorded, fields: { MRR__c: { ...fields.MRR__c, dataType: 7 } } },
      // A field name that is not an API name never reaches a select (or a query).
      { ...recorded, fields: { x: { ...fields.MRR__c, apiName: "MRR__c) OR Name != null" } } },
      { ...recorded, apiName: "Account; DROP" }
    ]
    for (const answer of bad) {
      const parsed = parseObjectInfo(answer, "Account")
      expect(parsed.ok, JSON.stringify(answer)?.slice(0, 80)).toBe(false)
    }
    const other = parseObjectInfo({ ...recorded, apiName: "Contact" }, "Account")
    expect(other).toEqual({ ok: false, message: "Salesforce described Contact when asked for Account" })
  })
})
