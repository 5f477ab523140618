/**
 * The outbox (issue 12) against the fake org (tools/salesforce-writes.ts), through the real
 * Salesforce client: in order per account, once whatever the retries, waiting through an outage
 * or an expired session, refused for good with Salesforce's words.
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { createOutbox } from "~/src/background/outbox"
import { connect } from "~/src/background/salesforce"
import { readAllOutbox } from "~/src/data/outbox"
import { SopPilotDb } from "~/src/data/db"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS, type TeamSettings } from "~/src/domain/settings"
import { RETRY_FIRST_MS } from "~/src/domain/write-back"
import { fakeSalesforceOrg, fetchFromOrg } from "~/tools/salesforce-org"

const SESSION = "00Dxx0000001gEREAY!unit.outbox"
const API = "https://acme.my.salesforce.com"
const ACCOUNT = toId18("001Hs00002OutBx") as string
const KEY = { apiHost: API, accountId: ACCOUNT }

let db: SopPilotDb
beforeEach(() => {
  db = new SopPilotDb(`outbox-${Math.random()}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

function setup(settings: TeamSettings = DEFAULT_SETTINGS) {
  const org = fakeSalesforceOrg({
    org: "acme",
    accounts: [{ id: ACCOUNT, name: "Outbox Dental", assignedOn: "2026-09-01", adoption90MeetingOn: "2026-11-01" }],
    session: SESSION
  })
  let now = 1_000_000
  const scheduled: (number | undefined)[] = []
  const changed: string[] = []
  const outbox = createOutbox({
    db,
    settings: async () => settings,
    connect: (apiHost, team) =>
      connect(
        { apiHost, apiVersion: team.salesforce.apiVersion },
        { fetch: fetchFromOrg(org), cookies: async () => ({ value: SESSION }), sleep: async () => undefined }
      ),
    now: () => now,
    schedule: (when) => void scheduled.push(when),
    changed: (id) => void changed.push(id)
  })
  const tasks = () => (org.data.rows.get("Task") ?? []).filter((row) => row.WhatId === ACCOUNT)
  return {
    org,
    outbox,
    scheduled,
    changed,
    tasks,
    later: (ms: number) => void (now += ms),
    task: (key: string, done: boolean) => ({
      kind: "task" as const,
      key,
      done,
      subject: `[SOP ${key}] Hold the 30-day meeting`,
      on: "2026-12-01"
    })
  }
}

describe("the outbox", () => {
  it("makes a check-off a completed Task on the account, owned by the user, once", async () => {
    const { outbox, tasks, org, task } = setup()
    await outbox.add(KEY, task("AD3", true))
    await outbox.run()
    expect(tasks()).toEqual([
      expect.objectContaining({
        Subject: "[SOP AD3] Hold the 30-day meeting",
        WhatId: ACCOUNT,
        Status: "Completed",
        ActivityDate: "2026-12-01",
        OwnerId: "005xx000001SvPHAA0"
      })
    ])
    // The same wish again (an attempt whose answer was lost): the Task is found, not made twice.
    await outbox.add(KEY, task("AD3", true))
    await outbox.run()
    expect(tasks()).toHaveLength(1)
    expect(org.writes.log.filter((w) => w.method === "POST")).toHaveLength(1)
    expect(await readAllOutbox(db)).toEqual([])
  })

  it("deletes the Task when the step is reopened; a check and uncheck not yet sent send nothing twice", async () => {
    const { outbox, tasks, task, org } = setup()
    await outbox.add(KEY, task("AD4", true))
    await outbox.run()
    expect(tasks()).toHaveLength(1)
    await outbox.add(KEY, task("AD4", false))
    await outbox.run()
    expect(tasks()).toHaveLength(0)
    expect(org.writes.log.map((w) => w.method)).toEqual(["POST", "DELETE"])

    org.writes.outage(true)
    await outbox.add(KEY, task("AD5", true))
    await outbox.add(KEY, task("AD5", false))
    await outbox.run()
    expect((await readAllOutbox(db)).map((row) => row.change)).toEqual([task("AD5", false)])
  })

  it("waits through a 503 outage with backoff by alarm, in order, and lands each change exactly once", async () => {
    const { outbox, tasks, task, org, scheduled, later } = setup()
    org.writes.outage(true)
    await outbox.add(KEY, task("AD3", true))
    await outbox.add(KEY, task("AD4", true))
    await outbox.add(KEY, task("AD3", false))
    await outbox.run()
    const waiting = await readAllOutbox(db)
    expect(waiting.map((row) => row.state)).toEqual(["waiting", "waiting"])
    expect(waiting[0]?.error?.kind).toBe("unavailable")
    expect(scheduled.at(-1)).toBe(1_000_000 + RETRY_FIRST_MS)
    const summary = await outbox.summary(KEY)
    expect(summary).toMatchObject({ waiting: 2, refused: [] })
    expect(summary?.reason).toContain("Salesforce is busy")

    // Not due yet: nothing is sent.
    org.writes.outage(false)
    const before = org.apiCalls.length
    await outbox.run()
    expect(org.apiCalls.length).toBe(before)

    later(RETRY_FIRST_MS)
    await outbox.run()
    expect(await readAllOutbox(db)).toEqual([])
    expect(tasks().map((t) => t.Subject)).toEqual(["[SOP AD4] Hold the 30-day meeting"])
    expect(scheduled.at(-1)).toBeUndefined()
  })

  it("doubles the wait after each failure, up to 30 minutes", async () => {
    const { outbox, task, org, scheduled, later } = setup()
    org.writes.outage(true)
    await outbox.add(KEY, task("AD3", true))
    const waits: number[] = []
    let at = 1_000_000
    for (let i = 0; i < 8; i++) {
      await outbox.run()
      const next = scheduled.at(-1) as number
      waits.push(next - at)
      later(next - at)
      at = next
    }
    expect(waits.map((ms) => ms / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1800, 1800])
  })

  it("waits for a new session after a 401, and for the org's allowance after REQUEST_LIMIT_EXCEEDED", async () => {
    const { outbox, task, org, tasks, later } = setup()
    org.expireSession()
    await outbox.add(KEY, task("AD3", true))
    await outbox.run()
    expect((await readAllOutbox(db))[0]).toMatchObject({ state: "waiting", error: { kind: "unauthorized" } })
    org.setSession(SESSION)
    org.failNext(1, "REQUEST_LIMIT_EXCEEDED")
    later(RETRY_FIRST_MS)
    await outbox.run()
    expect((await readAllOutbox(db))[0]).toMatchObject({ state: "waiting", error: { kind: "request_limit" } })
    later(2 * RETRY_FIRST_MS)
    await outbox.run()
    expect(tasks()).toHaveLength(1)
  })

  it("writes a date to the newest related row, making one when there is none", async () => {
    const { outbox, org } = setup()
    const field = (value: string) => ({
      kind: "field" as const,
      fact: "adoption30MeetingOn",
      object: "Adoption__c",
      field: "X30_Day_Meeting_Date__c",
      relationship: "Account__c",
      value
    })
    await outbox.add(KEY, field("2026-11-28"))
    await outbox.run()
    const rows = () => (org.data.rows.get("Adoption__c") ?? []).filter((row) => row.Account__c === ACCOUNT)
    expect(rows()).toHaveLength(1)
    expect(rows()[0]?.X30_Day_Meeting_Date__c).toBe("2026-11-28")
    expect(rows()[0]?.X90_Day_Meeting_Date__c).toBe("2026-11-01")
  })

  it("takes back a reopened step's date only while the field still holds it; an unsent check-off never reaches it", async () => {
    const { outbox, org } = setup()
    const rows = () => (org.data.rows.get("Adoption__c") ?? []).filter((row) => row.Account__c === ACCOUNT)
    const change = (value: string | null, onlyIfStill?: string) => ({
      kind: "field" as const,
      fact: "adoption30MeetingOn",
      object: "Adoption__c",
      field: "X30_Day_Meeting_Date__c",
      relationship: "Account__c",
      value,
      ...(onlyIfStill === undefined ? {} : { onlyIfStill })
    })
    // Checked off, written, then reopened: the date goes.
    await outbox.add(KEY, change("2026-11-28"))
    await outbox.run()
    expect(rows()[0]?.X30_Day_Meeting_Date__c).toBe("2026-11-28")
    await outbox.add(KEY, change(null, "2026-11-28"))
    await outbox.run()
    expect(rows()[0]?.X30_Day_Meeting_Date__c ?? null).toBeNull()
    expect(rows()[0]?.X90_Day_Meeting_Date__c).toBe("2026-11-01")
    expect(await readAllOutbox(db)).toEqual([])

    // Someone set another date in Salesforce meanwhile: it stays.
    await outbox.add(KEY, change("2026-11-30"))
    await outbox.run()
    org.data.rows.get("Adoption__c")!.find((row) => row.Account__c === ACCOUNT)!.X30_Day_Meeting_Date__c = "2026-12-01"
    await outbox.add(KEY, change(null, "2026-11-30"))
    await outbox.run()
    expect(rows()[0]?.X30_Day_Meeting_Date__c).toBe("2026-12-01")
    expect(await readAllOutbox(db)).toEqual([])

    // Checked and reopened before Salesforce took the date: the org's own date is not touched.
    const writes = org.writes.log.filter((w) => w.method === "PATCH").length
    org.writes.outage(true)
    await outbox.add(KEY, change("2026-11-29"))
    await outbox.add(KEY, change(null, "2026-11-29")) // replaces the unsent write
    await outbox.run()
    expect((await readAllOutbox(db)).map((row) => row.change)).toEqual([change(null, "2026-11-29")])
    org.writes.outage(false)
    await outbox.retry(KEY)
    expect(rows()[0]?.X30_Day_Meeting_Date__c).toBe("2026-12-01")
    expect(org.writes.log.filter((w) => w.method === "PATCH")).toHaveLength(writes)
    expect(await readAllOutbox(db)).toEqual([])
  })

  it("refuses for good a validation rule, a read-only field and a record changed since read, in Salesforce's words", async () => {
    const { outbox, org } = setup()
    org.writes.validationRules.push({
      object: "Account",
      field: "MRR__c",
      message: "MRR cannot go down by more than half without a Team Lead's approval.",
      refuses: (value) => typeof value === "number" && value < 50
    })
    org.writes.readOnlyFields.add("Account.Past_Due_Since__c")
    const account = (field: string, value: string | number, unmodifiedSince?: number) => ({
      kind: "field" as const,
      fact: field,
      object: "Account",
      field,
      value,
      ...(unmodifiedSince === undefined ? {} : { unmodifiedSince })
    })
    const row = org.data.rows.get("Account")?.find((r) => r.Id === ACCOUNT)
    if (row) row.LastModifiedDate = "2026-12-02T10:00:00.000+0000"
    await outbox.add(KEY, account("MRR__c", 10))
    await outbox.add(KEY, account("Past_Due_Since__c", "2026-11-01"))
    await outbox.add(KEY, account("Website", "https://new.example", Date.parse("2026-12-01T00:00:00Z")))
    await outbox.run()
    const summary = await outbox.summary(KEY)
    expect(summary?.waiting).toBe(0)
    expect(summary?.refused.map((r) => r.detail)).toEqual([
      "FIELD_CUSTOM_VALIDATION_EXCEPTION: MRR__c: MRR cannot go down by more than half without a Team Lead's approval.",
      expect.stringContaining("INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: Past_Due_Since__c."),
      expect.stringContaining("ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE")
    ])
    expect(summary?.refused[2]?.message).toContain("changed this record in Salesforce after SOP Pilot read it")

    // Retried after the rule is fixed: it lands; dropped: it goes, Salesforce untouched.
    org.writes.validationRules.length = 0
    const [mrr, pastDue] = summary?.refused ?? []
    await outbox.retry(KEY, mrr?.seq)
    expect(row?.MRR__c).toBe(10)
    await outbox.drop(KEY, pastDue?.seq ?? -1)
    expect((await outbox.summary(KEY))?.refused).toHaveLength(1)
  })

  it("sends nothing while writing back is off", async () => {
    const off = { ...DEFAULT_SETTINGS, salesforce: { ...DEFAULT_SETTINGS.salesforce, writeBack: false } }
    const { outbox, task, org } = setup(off)
    await outbox.add(KEY, task("AD3", true))
    await outbox.run()
    expect(org.writes.log).toEqual([])
    expect((await outbox.summary(KEY))?.reason).toContain("turned off")
  })
})
