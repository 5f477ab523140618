import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { mappedFactsOf, uiApiRecordFor } from "~/src/demo/salesforce-record"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_FIELD_MAPPING, MAPPABLE_FACTS } from "~/src/domain/settings"
import { factsFromRecord, parseUiApiRecord } from "~/src/hosts/salesforce/record-facts"

const TODAY = "2026-11-25"
const book = demoBook(TODAY)

/** The record as the background gets it: JSON over the wire, then the UI API schema. */
function readBack(record: unknown) {
  const parsed = parseUiApiRecord(JSON.parse(JSON.stringify(record)))
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; "))
  return parsed.value
}

describe("uiApiRecordFor", () => {
  it.each(book.map((facts) => [facts.name, facts] as const))("round-trips the mapped facts of %s", (_, facts) => {
    const record = readBack(uiApiRecordFor(facts))
    expect(record.id).toBe(toId18(facts.id))
    const read = factsFromRecord(record, DEFAULT_FIELD_MAPPING)
    expect(read.problems).toEqual([])
    expect(read.notes).toEqual([])
    expect(read.facts).toEqual(mappedFactsOf(facts))
  })

  it("writes Salesforce's own shapes: picklists by label, dates as YYYY-MM-DD, numbers as numbers", () => {
    const record = uiApiRecordFor({
      id: "001Hs00002DEMO1",
      name: "Acme Health",
      products: ["learning", "compliance", "credentialing_software", "credentialing_service"],
      serviceLevel: "premium",
      package: "smb",
      mrr: 1250,
      users: 120,
      assignedOn: "2026-03-02"
    })
    expect(record.apiName).toBe("Account")
    expect(record.fields.Products__c).toEqual({
      value: "Learning;Compliance;Credentialing Software;Credentialing Service",
      displayValue: "Learning;Compliance;Credentialing Software;Credentialing Service"
    })
    expect(record.fields.Service_Level__c?.value).toBe("Premium")
    expect(record.fields.Package__c?.value).toBe("SMB Starter")
    expect(record.fields.MRR__c).toEqual({ value: 1250, displayValue: "$1,250.00" })
    expect(record.fields.Contracted_Users__c).toEqual({ value: 120, displayValue: "120" })
    expect(record.fields.CSM_Assigned_Date__c).toEqual({ value: "2026-03-02", displayValue: "3/2/2026" })
    expect(record.fields.Name).toEqual({ value: "Acme Health", displayValue: null })
    // Mapped but empty: the field is there, null, as Salesforce answers it.
    expect(record.fields.Past_Due_Since__c).toEqual({ value: null, displayValue: null })
  })

  it("holds exactly the mapped fields: an unmapped fact is not in Salesforce", () => {
    const facts = book.find((f) => f.unresponsiveSince !== undefined && f.done !== undefined)
    expect(facts).toBeDefined()
    const record = uiApiRecordFor(facts!)
    const mapped = MAPPABLE_FACTS.map((fact) => DEFAULT_FIELD_MAPPING[fact]).filter((name) => name !== "")
    expect(Object.keys(record.fields).sort()).toEqual([...mapped].sort())
    expect(JSON.stringify(record)).not.toContain(facts!.unresponsiveSince)
    const read = factsFromRecord(readBack(record), DEFAULT_FIELD_MAPPING).facts
    expect(read).not.toHaveProperty("unresponsiveSince")
    expect(read).not.toHaveProperty("done")
  })

  it("follows a team's own mapping, and leaves out a fact mapped to nothing", () => {
    const mapping = {
      ...DEFAULT_FIELD_MAPPING,
      mrr: "Monthly_Revenue__c",
      pastDueSince: "",
      unresponsiveSince: "Unresponsive_Since__c"
    }
    const facts = {
      id: "001Hs00002DEMO9",
      name: "Ironwood Dental",
      mrr: 600,
      pastDueSince: "2026-11-01",
      unresponsiveSince: "2026-11-13"
    }
    const record = uiApiRecordFor(facts, mapping)
    expect(record.fields).toHaveProperty("Monthly_Revenue__c")
    expect(record.fields).not.toHaveProperty("MRR__c")
    expect(record.fields).not.toHaveProperty("Past_Due_Since__c")
    const read = factsFromRecord(readBack(record), mapping)
    expect(read.problems).toEqual([])
    expect(read.facts).toEqual({ name: "Ironwood Dental", mrr: 600, unresponsiveSince: "2026-11-13" })
    expect(read.facts).toEqual(mappedFactsOf(facts, mapping))
  })

  it("gives the same record (and eTag) for the same facts, and another eTag for other facts", () => {
    const [first, second] = book
    expect(uiApiRecordFor(first!)).toEqual(uiApiRecordFor(first!))
    expect(uiApiRecordFor(first!).eTag).toMatch(/^[0-9a-f]{32}$/)
    expect(uiApiRecordFor(first!).eTag).not.toBe(uiApiRecordFor(second!).eTag)
  })

  it("refuses an id that is not a Salesforce id", () => {
    expect(() => uiApiRecordFor({ id: "not-an-id", name: "X" })).toThrow(/not a Salesforce id/)
  })
})
