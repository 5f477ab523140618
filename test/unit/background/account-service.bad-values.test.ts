/**
 * Issue 17 item 4: bad Salesforce values (MRR −3, "NaN", a number for a picklist, a picklist value
 * nobody knows) wiped the good cached facts while the status said "ok". The last good value is
 * kept, each field's problem is named in the status, and the status no longer reads as all fine.
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import type { SalesforceRead } from "~/src/background/salesforce"
import { SopPilotDb } from "~/src/data/db"
import { DEFAULT_FIELD_MAPPING, DEFAULT_SETTINGS } from "~/src/domain/settings"
import { factsFromFields } from "~/src/hosts/salesforce/record-facts"
import type { AccountRef } from "~/src/messages/protocol"

const ref: AccountRef = {
  accountId: "001Hs00002ABCDeIAP",
  apiHost: "https://acme.my.salesforce.com",
  org: "acme",
  pageName: "Acme Dental Group"
}

/** A Salesforce read of an Account row with these field values, through the real conversions. */
function readOf(fields: Record<string, unknown>): SalesforceRead {
  const own = factsFromFields((field) => fields[field], DEFAULT_FIELD_MAPPING)
  return {
    ok: true,
    facts: own.facts,
    problems: own.problems.map((p) => `${p.fact} (${p.field}): ${p.message}`),
    fieldProblems: own.problems
  }
}

const good = {
  Name: "Acme Dental Group",
  Website: "https://acme.example.com",
  MRR__c: 1200,
  Contracted_Users__c: 80,
  Products__c: "Learning",
  Service_Level__c: "Premium",
  Package__c: "Standard",
  CSM_Assigned_Date__c: "2026-11-20",
  Past_Due_Since__c: null
}

let db: SopPilotDb
let clock: number
let read: SalesforceRead
const service = () =>
  createAccountService({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "UTC",
    readSalesforce: async () => read,
    now: () => clock,
    notify: () => undefined
  })

beforeEach(() => {
  db = new SopPilotDb(`bad-values-${Math.random()}`)
  clock = 1_000
})
afterEach(async () => {
  await db.delete()
})

describe("bad Salesforce values", () => {
  it.each<[string, Record<string, unknown>, string, unknown]>([
    ["a negative MRR", { MRR__c: -3 }, "mrr", 1200],
    ['MRR "NaN"', { MRR__c: "NaN" }, "mrr", 1200],
    ["a number for a picklist", { Service_Level__c: 3 }, "serviceLevel", "premium"],
    ["an unknown picklist value", { Package__c: "Enterprise" }, "package", "standard"],
    ["users as text", { Contracted_Users__c: "eighty" }, "users", 80]
  ])("%s keeps the last good value and names the field's problem", async (_, bad, fact, kept) => {
    const accounts = service()
    read = readOf(good)
    const first = await accounts.view(ref, true)
    expect(first.api.problems ?? []).toEqual([])

    clock = 2_000
    read = readOf({ ...good, ...bad })
    const view = await accounts.view(ref, true)
    expect(view.facts[fact]).toEqual(kept)
    expect(view.sources[fact]).toBe("salesforce")
    expect(view.api.state).toBe("ok")
    expect(view.api.problems).toEqual([
      expect.objectContaining({ fact, field: expect.any(String) as string, kept: true })
    ])
    // The cache keeps it too: the next first paint still has it.
    const cached = await service().view(ref, false)
    expect(cached.facts[fact]).toEqual(kept)
  })

  it("a field Salesforce emptied (null) is no problem and clears the value", async () => {
    const accounts = service()
    read = readOf(good)
    await accounts.view(ref, true)
    read = readOf({ ...good, MRR__c: null })
    const view = await accounts.view(ref, true)
    expect(view.facts.mrr).toBeUndefined()
    expect(view.api.problems ?? []).toEqual([])
  })

  it("a bad value with no good one before is named, not kept", async () => {
    read = readOf({ ...good, MRR__c: -3 })
    const view = await service().view(ref, true)
    expect(view.facts.mrr).toBeUndefined()
    expect(view.api.problems).toEqual([{ fact: "mrr", field: "MRR__c", message: "must not be negative", kept: false }])
  })
})
