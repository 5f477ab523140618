/**
 * Upgrades keep data (issue #7): a database made by schema v1 (exactly v1's stores, as it
 * shipped) and filled with any rows — rows today's schema would refuse included — opened by
 * today's `SopPilotDb` keeps every row, byte for byte but for the org v3 adds to its key and the
 * Salesforce stamps v4 puts in place of local times, its
 * indexes still answer, and the account service reads the accounts and their checked steps from
 * it. Settings files of older versions: test/unit/domain/settings-migrations.test.ts.
 */
import "fake-indexeddb/auto"

import Dexie from "dexie"
import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import { readAllAccounts, readAllProgress } from "~/src/data/accounts"
import { SopPilotDb, stampedRow } from "~/src/data/db"
import { demoBook } from "~/src/demo/book"
import { mappedFactsOf } from "~/src/demo/salesforce-record"
import { MANUAL_FACTS } from "~/src/domain/fact-sources"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"

/** The database exactly as version 1 declared it (src/data/db.ts, `version(1)`). */
class SchemaV1 extends Dexie {
  constructor(name: string) {
    super(name)
    this.version(1).stores({
      accounts: "id, name, lastSeenAt",
      progress: "[accountId+key], accountId"
    })
  }
}

const TODAY = "2026-11-25"
const templates = demoBook(TODAY)

/** A v1 account row as the v1 background wrote it: Salesforce snapshot, manual entries, last seen. */
const accountRow = fc
  .record({
    n: fc.integer({ min: 0, max: 9999 }),
    template: fc.integer({ min: 0, max: templates.length - 1 }),
    name: fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.constantFrom("<img src=x onerror=alert(1)>", "Ωmega Clinic — Zürich", "{{accountName}}")
    ),
    fetched: fc.option(fc.integer({ min: 1, max: 2_000_000_000_000 }), { nil: undefined }),
    manualNote: fc.option(fc.constantFrom("unresponsiveSince", "sentimentSurveySentOn", "riskSignals"), {
      nil: undefined
    }),
    lastSeenAt: fc.integer({ min: 0, max: 2_000_000_000_000 }),
    broken: fc.boolean()
  })
  .map(({ n, template, name, fetched, manualNote, lastSeenAt, broken }) => {
    const facts = templates[template]!
    const id = toId18(`001Hs00004U${String(n).padStart(4, "0")}`) as string
    const row: Record<string, unknown> = {
      id,
      name,
      org: "acme",
      apiHost: "https://acme.my.salesforce.com",
      manual: {},
      lastSeenAt
    }
    if (fetched !== undefined) {
      // v1's snapshot: the local time each value was first seen.
      const mapped = mappedFactsOf(facts)
      const changedAt = Object.fromEntries(Object.keys(mapped).map((fact) => [fact, fetched]))
      row.salesforce = { facts: mapped, changedAt, fetchedAt: fetched }
    }
    if (manualNote) {
      const value = manualNote === "riskSignals" ? ["low_usage"] : "2026-11-01"
      row.manual = { [manualNote]: { value, enteredAt: lastSeenAt } }
    }
    // Rows today's schema refuses (a v1 bug, a hand edit): the upgrade must keep them all the same.
    if (broken) {
      delete row.lastSeenAt
      row.extra = { note: "written by hand" }
    }
    return row
  })

const progressRow = (ids: string[]) =>
  fc.record({
    accountId: fc.constantFrom(...ids),
    key: fc.constantFrom("ON1", "ON2", "ON8", "TR2#1", "TR2#2", "AD4", "FO1#3", "UP1"),
    done: fc.boolean(),
    at: fc.integer({ min: 0, max: 2_000_000_000_000 })
  })

const book = fc
  .uniqueArray(accountRow, { minLength: 1, maxLength: 25, selector: (row) => row.id as string })
  .chain((accounts) =>
    fc.record({
      accounts: fc.constant(accounts),
      progress: fc.uniqueArray(progressRow(accounts.map((a) => a.id as string)), {
        maxLength: 60,
        selector: (p) => `${p.accountId}|${p.key}`
      })
    })
  )

const byId = <T extends Record<string, unknown>>(rows: T[], key: (row: T) => string) =>
  [...rows].sort((a, b) => key(a).localeCompare(key(b)))
let dbCount = 0

describe("a schema v1 database opened by today's SopPilotDb", () => {
  it("keeps every row unchanged, and its v1 indexes still answer", async () => {
    await fc.assert(
      fc.asyncProperty(book, async ({ accounts, progress }) => {
        const name = `upgrade-${++dbCount}`
        const v1 = new SchemaV1(name)
        await v1.table("accounts").bulkPut(accounts)
        await v1.table("progress").bulkPut(progress)
        expect(v1.verno).toBe(1)
        v1.close()

        const db = new SopPilotDb(name)
        try {
          await db.open()
          expect(db.verno).toBeGreaterThan(1)
          const key = (row: Record<string, unknown>) => `${row.accountId ?? row.id}|${row.key ?? ""}`
          // v3 keys rows by org: every row is there, with its org (all of these are acme's).
          const apiHost = "https://acme.my.salesforce.com"
          // v4 turns the local times into Salesforce stamps (stampedRow), nothing else.
          expect(byId(await db.orgAccounts.toArray(), key as never)).toEqual(byId(accounts.map(stampedRow), key))
          expect(byId(await db.orgProgress.toArray(), key as never)).toEqual(
            byId(
              progress.map((p) => ({ ...p, apiHost })),
              key
            )
          )
          // Every v1 index, on the upgraded database.
          for (const account of accounts) {
            const id = account.id as string
            expect(await db.orgProgress.where("accountId").equals(id).count()).toBe(
              progress.filter((p) => p.accountId === id).length
            )
            expect(
              await db.orgAccounts
                .where("name")
                .equals(account.name as string)
                .count()
            ).toBe(accounts.filter((a) => a.name === account.name).length)
          }
          const seen = accounts.filter((a) => typeof a.lastSeenAt === "number").length
          expect(await db.orgAccounts.where("lastSeenAt").aboveOrEqual(0).count()).toBe(seen)
        } finally {
          await db.delete()
        }
      }),
      { numRuns: 40 }
    )
  })

  it("serves the v1 accounts and checked steps to the account service (rows that no longer validate are repaired, issue 17)", async () => {
    await fc.assert(
      fc.asyncProperty(book, async ({ accounts, progress }) => {
        const name = `upgrade-service-${++dbCount}`
        const v1 = new SchemaV1(name)
        await v1.table("accounts").bulkPut(accounts)
        await v1.table("progress").bulkPut(progress)
        v1.close()

        const db = new SopPilotDb(name)
        try {
          // A row today's schema refuses is repaired on read (salvageAccount), not skipped.
          const valid = accounts
          expect((await readAllAccounts(db)).map((a) => a.id).sort()).toEqual(valid.map((a) => a.id as string).sort())
          const done = await readAllProgress(db)
          for (const id of new Set(progress.map((p) => p.accountId))) {
            expect([...(done.get(`https://acme.my.salesforce.com ${id}`)?.checked ?? [])].sort()).toEqual(
              progress
                .filter((p) => p.accountId === id && p.done)
                .map((p) => p.key)
                .sort()
            )
          }
          const service = createAccountService({
            db,
            settings: async () => DEFAULT_SETTINGS,
            timeZone: async () => "UTC",
            readSalesforce: async () => ({ ok: false, status: { state: "network" } }),
            now: () => 1,
            notify: () => undefined
          })
          const list = await service.list("")
          expect(list.map((s) => s.accountId).sort()).toEqual(valid.map((a) => a.id as string).sort())
          for (const account of valid.slice(0, 3)) {
            const view = await service.viewById({
              apiHost: "https://acme.my.salesforce.com",
              accountId: account.id as string
            })
            expect(view?.accountId).toBe(account.id)
            // A checked step the plan still lists shows as done.
            const checked: string[] = progress.filter((p) => p.accountId === account.id && p.done).map((p) => p.key)
            for (const step of view?.plan.steps ?? []) if (checked.includes(step.key)) expect(step.status).toBe("done")
          }
          // The refused rows are still there, untouched, for a later fix to read.
          expect(await db.orgAccounts.count()).toBe(accounts.length)
        } finally {
          await db.delete()
        }
      }),
      { numRuns: 25 }
    )
  })
})

describe("a v1 row's manual facts", () => {
  it("the manual facts a v1 row holds are still manual facts today (none was renamed away)", () => {
    for (const fact of ["unresponsiveSince", "sentimentSurveySentOn", "riskSignals"])
      expect(MANUAL_FACTS).toContain(fact)
  })
})
