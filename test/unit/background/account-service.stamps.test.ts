/**
 * Issue 17, item 8: a manual entry and a Salesforce value are ordered by Salesforce's
 * SystemModstamp, never by the local clock. The clock here is the service's `now` and the
 * process's `Date` (fake timers) together, as a machine whose clock is set back would have them.
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import type { SalesforceRead } from "~/src/background/salesforce"
import { SopPilotDb } from "~/src/data/db"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { AccountRef } from "~/src/messages/protocol"

const ref: AccountRef = {
  accountId: "001Hs00002ABCDeIAP",
  apiHost: "https://acme.my.salesforce.com",
  org: "acme",
  pageName: "Acme Dental Group"
}
const DAY = 24 * 60 * 60 * 1000
const MINUTE = 60 * 1000
/** The local clock at the first read; Salesforce's record was last changed an hour before. */
const T = Date.parse("2026-11-25T12:00:00Z")

let db: SopPilotDb
let salesforce: Extract<SalesforceRead, { ok: true }>

/** Sets the local clock (the service's `now` and `Date.now()`). */
const setClock = (at: number) => vi.setSystemTime(at)

const service = () =>
  createAccountService({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "UTC",
    readSalesforce: async () => salesforce,
    now: () => Date.now(),
    notify: () => undefined
  })

/** Salesforce changes the record: new values, and a SystemModstamp `at` (Salesforce's clock). */
function salesforceEdits(changes: Record<string, unknown>, at: number) {
  salesforce = { ...salesforce, facts: { ...salesforce.facts, ...changes }, stamp: at }
}

beforeEach(() => {
  db = new SopPilotDb(`stamps-${Math.random()}`)
  vi.useFakeTimers({ now: T, toFake: ["Date"] })
  salesforce = {
    ok: true,
    problems: [],
    facts: { name: "Acme Dental Group", products: ["learning"], mrr: 1200, assignedOn: "2026-11-20" },
    stamp: T - 60 * MINUTE
  }
})
afterEach(async () => {
  vi.useRealTimers()
  await db.delete()
})

describe("manual entries against Salesforce values, by Salesforce's stamps (issue 17)", () => {
  it("the clock moved back a day: the CSM's entry still wins over the unchanged Salesforce value", async () => {
    const accounts = service()
    await accounts.view(ref, true)

    setClock(T - DAY)
    let view = await accounts.setFact(ref, "mrr", 1500)
    expect(view.facts.mrr).toBe(1500)

    // Salesforce answers again with the same record: nothing changed there since the entry.
    setClock(T - DAY + MINUTE)
    view = await accounts.view(ref, true)
    expect(view.facts.mrr).toBe(1500)
    expect(view.sources.mrr).toBe("manual")
    expect(view.conflicts).toEqual([{ fact: "mrr", salesforce: 1200, manual: 1500, using: "manual" }])

    // Another field changes in Salesforce (the stamp moves): the MRR entry still wins.
    salesforceEdits({ name: "Acme Dental Group Inc." }, T + 10 * MINUTE)
    setClock(T - DAY + 2 * MINUTE)
    view = await accounts.view(ref, true)
    expect(view.name).toBe("Acme Dental Group Inc.")
    expect(view.facts.mrr).toBe(1500)
    expect(view.sources.mrr).toBe("manual")
  })

  it("a Salesforce edit after the entry wins, though the local clock says the entry is later", async () => {
    const accounts = service()
    await accounts.view(ref, true)

    // The clock runs a day ahead when the CSM enters the MRR, and is then set right.
    setClock(T + DAY)
    await accounts.setFact(ref, "mrr", 1500)
    setClock(T + 5 * MINUTE)

    salesforceEdits({ mrr: 1800 }, T + 4 * MINUTE)
    const view = await accounts.view(ref, true)
    expect(view.facts.mrr).toBe(1800)
    expect(view.sources.mrr).toBe("salesforce")
    expect(view.conflicts).toEqual([{ fact: "mrr", salesforce: 1800, manual: 1500, using: "salesforce" }])
  })

  it("an entry made again after the Salesforce edit wins until Salesforce changes the value again", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    await accounts.setFact(ref, "mrr", 1500)
    salesforceEdits({ mrr: 1800 }, T + MINUTE)
    expect((await accounts.view(ref, true)).facts.mrr).toBe(1800)

    setClock(T - DAY)
    expect((await accounts.setFact(ref, "mrr", 1600)).facts.mrr).toBe(1600)
    expect((await accounts.view(ref, true)).facts.mrr).toBe(1600)

    salesforceEdits({ mrr: 2000 }, T + 2 * MINUTE)
    expect((await accounts.view(ref, true)).facts.mrr).toBe(2000)
  })

  it("an answer without a stamp still counts a changed value as newer (stamps only go forward)", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    await accounts.setFact(ref, "mrr", 1500)
    // The same stamp, or none at all, but another MRR: Salesforce changed it since the entry.
    salesforce = { ...salesforce, facts: { ...salesforce.facts, mrr: 1700 } }
    delete salesforce.stamp
    setClock(T - DAY)
    const view = await accounts.view(ref, true)
    expect(view.facts.mrr).toBe(1700)
    expect(view.sources.mrr).toBe("salesforce")
    // An answer with an older stamp than the cached one does not move the cached stamp back.
    const row = await db.orgAccounts.get([ref.apiHost, ref.accountId])
    expect(row?.salesforce?.stamp).toBeGreaterThan(T - 60 * MINUTE)
  })
})
