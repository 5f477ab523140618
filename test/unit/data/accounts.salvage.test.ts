/**
 * Issue 17 item 6: a cached row that failed the schema read as absent, so the next write built a
 * blank row over it and the CSM's hand-entered facts were gone. A row is now repaired on read:
 * its valid parts kept, manual facts never dropped.
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import type { SalesforceRead } from "~/src/background/salesforce"
import { readAccount, readAllAccounts, salvageAccount, updateAccount } from "~/src/data/accounts"
import { SopPilotDb } from "~/src/data/db"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"

const key = { apiHost: "https://acme.my.salesforce.com", accountId: "001Hs00002ABCDeIAP" }
let db: SopPilotDb

beforeEach(() => {
  db = new SopPilotDb(`salvage-${Math.random()}`)
})
afterEach(async () => {
  await db.delete()
})

/** A row as an older or damaged build may have left it. */
const damaged = {
  apiHost: key.apiHost,
  id: key.accountId,
  name: "Acme Dental Group",
  org: "acme",
  salesforce: { facts: { mrr: 1200, name: "Acme Dental Group" }, changedAt: { mrr: "yesterday" }, fetchedAt: 5 },
  manual: {
    sentimentSurveySentOn: { value: "2026-11-02", enteredAt: 10 },
    unresponsiveSince: { value: "2026-11-10", enteredAt: "later" },
    riskSignals: ["decreased_engagement"]
  },
  lastSeenAt: "never",
  retiredColumn: true
}

describe("a cached row that fails the schema", () => {
  it("is repaired on read: its valid parts kept, every manual fact kept", async () => {
    await db.orgAccounts.put(damaged as never)
    const row = await readAccount(db, key)
    expect(row).toBeDefined()
    expect(row?.name).toBe("Acme Dental Group")
    expect(row?.salesforce?.facts.mrr).toBe(1200)
    // A v3-shaped snapshot (local times) is stamped as v4's upgrade stamps it (db.ts, stampedRow).
    expect(row?.salesforce?.stamps).toEqual({ mrr: 0, name: 0 })
    expect(row?.manual).toEqual({
      sentimentSurveySentOn: { value: "2026-11-02", enteredAt: 10, against: 0 },
      unresponsiveSince: { value: "2026-11-10", enteredAt: 0, against: 0 },
      riskSignals: { value: ["decreased_engagement"], enteredAt: 0 }
    })
    expect(row?.lastSeenAt).toBe(0)
    expect(await readAllAccounts(db)).toHaveLength(1)
  })

  it("a write to it keeps the manual facts (no blank row over them)", async () => {
    await db.orgAccounts.put(damaged as never)
    await updateAccount(db, key, (current) => ({ ...current, lastSeenAt: 99 }))
    const stored = (await db.orgAccounts.get([key.apiHost, key.accountId])) as Record<string, unknown>
    expect(Object.keys(stored.manual as object).sort()).toEqual([
      "riskSignals",
      "sentimentSurveySentOn",
      "unresponsiveSince"
    ])
  })

  it("the panel still shows the manual facts after a Salesforce read and a new entry", async () => {
    await db.orgAccounts.put(damaged as never)
    const salesforce: SalesforceRead = { ok: true, problems: [], facts: { name: "Acme Dental Group", mrr: 1300 } }
    const service = createAccountService({
      db,
      settings: async () => DEFAULT_SETTINGS,
      timeZone: async () => "UTC",
      readSalesforce: async () => salesforce,
      now: () => 1_000,
      notify: () => undefined
    })
    const ref = { ...key, org: "acme", pageName: "Acme Dental Group" }
    await service.view(ref, true)
    const view = await service.setFact(key, "adoption30MeetingOn", "2026-12-01")
    expect(view.facts.sentimentSurveySentOn).toBe("2026-11-02")
    expect(view.facts.unresponsiveSince).toBe("2026-11-10")
    expect(view.facts.riskSignals).toEqual(["decreased_engagement"])
    expect(view.facts.mrr).toBe(1300)
  })

  it("a row with no usable key stays unread", () => {
    expect(salvageAccount({ id: "not-an-id", apiHost: key.apiHost, name: "x" })).toBeUndefined()
    expect(salvageAccount("junk")).toBeUndefined()
  })
})
