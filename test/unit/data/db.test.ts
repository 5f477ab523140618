import "fake-indexeddb/auto"

import Dexie from "dexie"
import { describe, expect, it } from "vitest"

import { SopPilotDb } from "~/src/data/db"

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
    expect(v2.verno).toBe(2)
    expect(v2.tables.map((t) => t.name).sort()).toEqual(["accounts", "progress", "threads"])
    expect(await v2.accounts.get("001Hs00002ABCDeIAP")).toMatchObject({ name: "Acme Dental Group", lastSeenAt: 5 })
    expect(await v2.progress.get(["001Hs00002ABCDeIAP", "TR2#1"])).toMatchObject({ done: true, at: 7 })

    await v2.threads.put({ threadId: "193a5c0e2b7f4d11", accountId: "001Hs00002ABCDeIAP", at: 9 })
    expect(await v2.threads.where("accountId").equals("001Hs00002ABCDeIAP").count()).toBe(1)
    await v2.delete()
  })

  it("creates a fresh database at version 2", async () => {
    const db = new SopPilotDb(`fresh-${Math.random()}`)
    await db.open()
    expect(db.verno).toBe(2)
    expect(await db.threads.count()).toBe(0)
    await db.delete()
  })
})
