import "fake-indexeddb/auto"

import Dexie from "dexie"
import { describe, expect, it } from "vitest"

import { readAccount, snapshotOf, manualOf } from "~/src/data/accounts"
import { DatabaseBlockedError, openDatabase, SopPilotDb } from "~/src/data/db"
import { mergeFacts } from "~/src/domain/fact-sources"

/** The database exactly as version 1 shipped it (src/data/db.ts before issue #5). */
class Version1Db extends Dexie {
  constructor(name: string) {
    super(name)
    this.version(1).stores({
      accounts: "id, name, lastSeenAt",
      progress: "[accountId+key], accountId"
    })
  }
}

/** The database as version 2 shipped it: v1 and the threads table (before issue #17). */
class Version2Db extends Version1Db {
  constructor(name: string) {
    super(name)
    this.version(2).stores({ threads: "threadId, accountId" })
  }
}

/** The database as version 3 shipped it: v1–2's tables moved to org keys (before stamps, issue 17 item 8). */
class Version3Db extends Version2Db {
  constructor(name: string) {
    super(name)
    this.version(3).stores({
      accounts: null,
      progress: null,
      orgAccounts: "[apiHost+id], id, apiHost, name, lastSeenAt",
      orgProgress: "[apiHost+accountId+key], [apiHost+accountId], accountId"
    })
  }
}

describe("SopPilotDb version 4: Salesforce stamps instead of local times (issue 17)", () => {
  it("turns v3's local times into stamps that keep every conflict's winner, and every manual fact", async () => {
    const name = `upgrade-v3-${Math.random()}`
    const v3 = new Version3Db(name)
    const apiHost = "https://acme.my.salesforce.com"
    const acme = "001Hs00002ABCDeIAP"
    await v3.table("orgAccounts").put({
      id: acme,
      name: "Acme Dental Group",
      org: "acme",
      apiHost,
      salesforce: {
        facts: { name: "Acme Dental Group", mrr: 1200, users: 80 },
        changedAt: { name: 100, mrr: 100, users: 300 },
        fetchedAt: 300
      },
      manual: {
        // Entered after Salesforce's MRR last changed: the entry wins in v3.
        mrr: { value: 1500, enteredAt: 200 },
        // Entered before Salesforce's users changed: Salesforce wins in v3.
        users: { value: 60, enteredAt: 200 },
        // Salesforce has none: the entry is used.
        riskSignals: { value: ["decreased_engagement"], enteredAt: 50 }
      },
      lastSeenAt: 300
    })
    v3.close()

    const db = new SopPilotDb(name)
    await db.open()
    expect(db.verno).toBe(8)
    const raw = await db.orgAccounts.get([apiHost, acme])
    expect(raw?.salesforce).toEqual({
      facts: { name: "Acme Dental Group", mrr: 1200, users: 80 },
      stamps: { name: 0, mrr: 0, users: 0 },
      stamp: 0,
      fetchedAt: 300
    })
    expect(raw?.manual).toEqual({
      mrr: { value: 1500, enteredAt: 200, against: 0 },
      users: { value: 60, enteredAt: 200 },
      riskSignals: { value: ["decreased_engagement"], enteredAt: 50, against: 0 }
    })
    const account = await readAccount(db, { apiHost, accountId: acme })
    const merged = mergeFacts({
      accountId: acme,
      salesforce: snapshotOf(account),
      manual: manualOf(account),
      done: []
    })
    expect(merged.facts).toMatchObject({ mrr: 1500, users: 80, riskSignals: ["decreased_engagement"] })
    expect(merged.sources).toMatchObject({ mrr: "manual", users: "salesforce", riskSignals: "manual" })
    await db.delete()
  })
})

describe("SopPilotDb version 3: accounts and check-offs keyed by org", () => {
  it("moves every v2 row to its org's key, keeping what a hand entered", async () => {
    const name = `upgrade-v2-${Math.random()}`
    const v2 = new Version2Db(name)
    const acme = "001Hs00002ABCDeIAP"
    const globex = "001Hs00002GLBXaIAP"
    await v2.table("accounts").bulkPut([
      {
        id: acme,
        name: "Acme Dental Group",
        org: "acme",
        apiHost: "https://acme.my.salesforce.com",
        manual: { riskSignals: { value: ["low_usage"], enteredAt: 3 } },
        lastSeenAt: 5
      },
      // Recorded with its org's name only: its API host is the one that name implies.
      { id: globex, name: "Globex Health", org: "globex", manual: {}, lastSeenAt: 6 }
    ])
    await v2.table("progress").bulkPut([
      { accountId: acme, key: "ON1", done: true, at: 7 },
      { accountId: globex, key: "ON2", done: false, at: 8 }
    ])
    await v2.table("threads").put({ threadId: "t1", accountId: acme, at: 9 })
    v2.close()

    const v3 = new SopPilotDb(name)
    await v3.open()
    expect(v3.verno).toBe(8)
    expect(await v3.orgAccounts.get(["https://acme.my.salesforce.com", acme])).toMatchObject({
      manual: { riskSignals: { value: ["low_usage"], enteredAt: 3 } }
    })
    expect(await v3.orgAccounts.get(["https://globex.my.salesforce.com", globex])).toMatchObject({
      name: "Globex Health"
    })
    expect(await v3.orgProgress.get(["https://acme.my.salesforce.com", acme, "ON1"])).toMatchObject({ done: true })
    expect(await v3.orgProgress.get(["https://globex.my.salesforce.com", globex, "ON2"])).toMatchObject({
      done: false
    })
    expect(await v3.threads.get("t1")).toMatchObject({ accountId: acme })
    // Nothing under another org's key.
    expect(await v3.orgAccounts.where("id").equals(acme).count()).toBe(1)
    await v3.delete()
  })
})

describe("SopPilotDb version 5: the Team Lead's cache", () => {
  it("opens a version-3 database with its rows and adds the team tables, empty", async () => {
    const name = `upgrade-v3-${Math.random()}`
    const v3 = new Dexie(name)
    v3.version(1).stores({ accounts: "id, name, lastSeenAt", progress: "[accountId+key], accountId" })
    v3.version(2).stores({ threads: "threadId, accountId" })
    v3.version(3).stores({
      accounts: null,
      progress: null,
      orgAccounts: "[apiHost+id], id, apiHost, name, lastSeenAt",
      orgProgress: "[apiHost+accountId+key], [apiHost+accountId], accountId"
    })
    const row = {
      id: "001Hs00002ABCDeIAP",
      apiHost: "https://acme.my.salesforce.com",
      name: "Acme",
      manual: {},
      lastSeenAt: 5
    }
    await v3.table("orgAccounts").put(row)
    v3.close()
    const v5 = new SopPilotDb(name)
    await v5.open()
    expect(v5.verno).toBe(8)
    expect(await v5.orgAccounts.get([row.apiHost, row.id])).toMatchObject({ name: "Acme", lastSeenAt: 5 })
    expect(await v5.teams.count()).toBe(0)
    expect(await v5.teamAccounts.where("csmId").equals("005xx0000000901AAA").count()).toBe(0)
    await v5.delete()
  })
})

describe("SopPilotDb version 2", () => {
  it("opens a version-1 database, keeps its rows, and adds the threads table", async () => {
    const name = `upgrade-${Math.random()}`
    const v1 = new Version1Db(name)
    await v1.table("accounts").put({ id: "001Hs00002ABCDeIAP", name: "Acme Dental Group", manual: {}, lastSeenAt: 5 })
    await v1.table("progress").put({ accountId: "001Hs00002ABCDeIAP", key: "TR2#1", done: true, at: 7 })
    expect(v1.verno).toBe(1)
    v1.close()

    const v2 = new SopPilotDb(name)
    await v2.open()
    expect(v2.verno).toBe(8)
    expect(v2.tables.map((t) => t.name).sort()).toEqual([
      "orgAccounts",
      "orgProgress",
      "outbox",
      "snoozes",
      "teamAccounts",
      "teamSummaries",
      "teams",
      "threads"
    ])
    // A v1 row with no org recorded: kept, under the unknown org "".
    expect(await v2.orgAccounts.get(["", "001Hs00002ABCDeIAP"])).toMatchObject({
      name: "Acme Dental Group",
      lastSeenAt: 5
    })
    expect(await v2.orgProgress.get(["", "001Hs00002ABCDeIAP", "TR2#1"])).toMatchObject({ done: true, at: 7 })

    await v2.threads.put({ threadId: "193a5c0e2b7f4d11", accountId: "001Hs00002ABCDeIAP", at: 9 })
    expect(await v2.threads.where("accountId").equals("001Hs00002ABCDeIAP").count()).toBe(1)
    await v2.delete()
  })

  it("creates a fresh database at the latest version", async () => {
    const db = new SopPilotDb(`fresh-${Math.random()}`)
    await db.open()
    expect(db.verno).toBe(8)
    expect(await db.threads.count()).toBe(0)
    await db.delete()
  })
})

describe("a blocked upgrade (issue 17)", () => {
  it("says to close the other SOP Pilot tabs instead of waiting forever, and opens once they are closed", async () => {
    const name = `blocked-${Math.random()}`
    // An old version held open by a context that ignores `versionchange` (a frozen tab, an old build).
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    old.onversionchange = () => undefined
    const db = new SopPilotDb(name)

    const first = await openDatabase(db).catch((e: unknown) => e)
    expect(first).toBeInstanceOf(DatabaseBlockedError)
    expect((first as Error).message).toMatch(/Close other SOP Pilot tabs/)
    // Still blocked: said at once, not after another wait.
    await expect(openDatabase(db)).rejects.toBeInstanceOf(DatabaseBlockedError)

    old.close()
    await expect
      .poll(() =>
        openDatabase(db).then(
          () => "open",
          () => "blocked"
        )
      )
      .toBe("open")
    expect(db.isOpen()).toBe(true)
    db.close()
  })
})

describe("SopPilotDb version 6: the outbox (issue 12)", () => {
  it("opens a v4 database, keeps its rows, and starts with an empty outbox", async () => {
    const name = `upgrade-v4-${Math.random()}`
    /** v4 as issue 17 shipped it (its upgrade of v3 rows is not needed here: there are none). */
    class Version4Db extends Version3Db {
      constructor(n: string) {
        super(n)
        this.version(4).stores({})
      }
    }
    const v4 = new Version4Db(name)
    const row = {
      apiHost: "https://acme.my.salesforce.com",
      accountId: "001Hs00002ABCDeIAP",
      key: "AD3",
      done: true,
      at: 4
    }
    await v4.table("orgProgress").put(row)
    v4.close()
    const v5 = new SopPilotDb(name)
    await v5.open()
    expect(v5.verno).toBe(8)
    expect(await v5.orgProgress.toArray()).toEqual([row])
    expect(await v5.outbox.count()).toBe(0)
    await v5.delete()
  })
})

describe("SopPilotDb version 7: the Today list's snoozes (issue 16, item 9)", () => {
  it("opens a v6 database, keeps its rows and its outbox, and starts with no snooze", async () => {
    const name = `upgrade-v6-${Math.random()}`
    /** v6 as issue 12 shipped it. */
    class Version6Db extends Version3Db {
      constructor(n: string) {
        super(n)
        this.version(4).stores({})
        this.version(5).stores({ teams: "apiHost", teamAccounts: "[apiHost+id], apiHost, csmId" })
        this.version(6).stores({ outbox: "++seq, [apiHost+accountId], state" })
      }
    }
    const v6 = new Version6Db(name)
    const progress = {
      apiHost: "https://acme.my.salesforce.com",
      accountId: "001Hs00002ABCDeIAP",
      key: "AD3",
      done: true,
      at: 4
    }
    const account = { id: "001Hs00002ABCDeIAP", apiHost: progress.apiHost, name: "Acme", manual: {}, lastSeenAt: 5 }
    await v6.table("orgProgress").put(progress)
    await v6.table("orgAccounts").put(account)
    await v6.table("outbox").add({ apiHost: progress.apiHost, accountId: progress.accountId, state: "waiting" })
    v6.close()

    const v7 = new SopPilotDb(name)
    await v7.open()
    expect(v7.verno).toBe(8)
    expect(await v7.orgProgress.toArray()).toEqual([progress])
    expect(await v7.orgAccounts.get([account.apiHost, account.id])).toEqual(account)
    expect(await v7.outbox.count()).toBe(1)
    expect(await v7.snoozes.count()).toBe(0)
    expect(await v7.teamSummaries.count()).toBe(0)
    // Keyed by org, account and step: a second snooze of the same step replaces the first.
    const snooze = { apiHost: progress.apiHost, accountId: progress.accountId, key: "AD4", until: "2026-12-10", at: 1 }
    await v7.snoozes.put(snooze)
    await v7.snoozes.put({ ...snooze, until: "2026-12-12", at: 2 })
    expect(await v7.snoozes.toArray()).toEqual([{ ...snooze, until: "2026-12-12", at: 2 }])
    await v7.delete()
  })
})
