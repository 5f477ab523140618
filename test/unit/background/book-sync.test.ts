import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { createBookSync, MAX_REASKS, namedField } from "~/src/background/book-sync"
import { manualOf, readAccount, readAllAccounts, snapshotOf } from "~/src/data/accounts"
import { SopPilotDb } from "~/src/data/db"
import { mergeFacts } from "~/src/domain/fact-sources"
import type { AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { BookSync } from "~/src/messages/protocol"
import { FAKE_USER } from "~/tools/salesforce-data"
import { fakeSalesforceOrg, fetchFromOrg } from "~/tools/salesforce-org"

const SESSION = "00Dxx0000001gEREAY!unit.book"
const API = "https://acme.my.salesforce.com"

const book = (n: number): AccountFactsInput[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `001Hs00005B${String(i).padStart(4, "0")}`,
    name: `Account &amp; ${i}`,
    mrr: 100 + i,
    assignedOn: "2026-10-01",
    onboardingCompletedOn: i % 2 === 0 ? "2026-10-20" : undefined,
    contactEmails: [`admin${i}@clinic${i}.example`],
    done: i % 3 === 0 ? ["ON2"] : []
  }))

let db: SopPilotDb
beforeEach(() => {
  db = new SopPilotDb(`book-${Math.random()}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

function setup(
  accounts: AccountFactsInput[],
  options: Partial<Parameters<typeof fakeSalesforceOrg>[0]> = {},
  clock: { now: number } = { now: 5_000 }
) {
  const org = fakeSalesforceOrg({ org: "acme", accounts, session: SESSION, doneAsTasks: true, ...options })
  const reports: BookSync[] = []
  let saved: BookSync | undefined
  let changed = 0
  const sync = createBookSync({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "America/Chicago",
    now: () => clock.now,
    client: { fetch: fetchFromOrg(org), cookies: async () => ({ value: SESSION }), sleep: async () => undefined },
    load: async () => saved,
    save: async (state) => void (saved = state),
    report: (state) => void reports.push(state),
    changed: () => void changed++
  })
  return { org, sync, reports, changes: () => changed, saved: () => saved }
}

const seen = (id: string) =>
  db.orgAccounts.put({ id: toId18(id) as string, name: "seen", org: "acme", apiHost: API, manual: {}, lastSeenAt: 1 })

describe("the book sync", () => {
  it("reads 1,000 accounts of the signed-in user in 4 requests, with progress, into the cache", async () => {
    const accounts = book(1000)
    const { org, sync, reports, changes } = setup(accounts)
    await seen(accounts[0]?.id as string)
    const result = await sync.sync()
    expect(result).toMatchObject({ state: "ok", done: 1000, total: 1000, syncedAt: 5_000, requests: 4 })
    expect(org.apiCalls.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /services/data/v62.0/chatter/users/me",
      "GET /services/data/v62.0/query",
      "POST /services/data/v62.0/composite",
      "POST /services/data/v62.0/composite"
    ])
    // IN (…) batches of at most 200 ids.
    for (const call of org.apiCalls.filter((r) => r.method === "POST")) {
      const body = JSON.parse(call.body) as { compositeRequest: { url: string }[] }
      expect(body.compositeRequest.length).toBeLessThanOrEqual(25)
      for (const sub of body.compositeRequest) {
        const soql = new URL(sub.url, API).searchParams.get("q") ?? ""
        expect((soql.match(/'001/g) ?? []).length).toBeLessThanOrEqual(200)
      }
    }
    expect(reports.map((r) => [r.state, r.done, r.total])).toEqual([
      ["syncing", 0, 0],
      ["syncing", 0, 1000],
      ["syncing", 800, 1000],
      ["syncing", 1000, 1000],
      ["ok", 1000, 1000]
    ])
    const cached = await readAllAccounts(db)
    expect(cached).toHaveLength(1000)
    const third = cached.find((a) => a.id === toId18(accounts[3]?.id as string))
    expect(third).toMatchObject({ org: "acme", apiHost: API, name: "Account &amp; 3" })
    expect(third?.salesforce?.facts).toMatchObject({
      mrr: 103,
      contactEmails: ["admin3@clinic3.example"],
      done: ["ON2"]
    })
    expect(cached.find((a) => a.id === toId18(accounts[2]?.id as string))?.salesforce?.facts).toMatchObject({
      onboardingCompletedOn: "2026-10-20"
    })
    expect(changes()).toBe(1)
  })

  it("takes only the accounts whose CSM is the signed-in user", async () => {
    const accounts = book(5)
    const { sync } = setup(accounts, { csmOf: (a) => (a === accounts[1] ? "005xx000002OthrAAA" : FAKE_USER.Id) })
    await seen(accounts[0]?.id as string)
    expect(await sync.sync()).toMatchObject({ state: "ok", total: 4 })
    const ids = (await readAllAccounts(db)).map((a) => a.id)
    expect(ids).not.toContain(toId18(accounts[1]?.id as string))
  })

  it("keeps the cache and says since when the book is, when Salesforce cannot be read", async () => {
    const accounts = book(3)
    const { org, sync, saved } = setup(accounts)
    await seen(accounts[0]?.id as string)
    await sync.sync()
    org.expireSession()
    const failed = await sync.sync()
    expect(failed).toMatchObject({ state: "failed", syncedAt: 5_000, message: expect.stringMatching(/session/) })
    expect(saved()).toEqual(failed)
    expect(await readAllAccounts(db)).toHaveLength(3)
  })

  it("needs the org once, from an account the CSM opened", async () => {
    const { org, sync } = setup(book(2))
    expect(await sync.sync()).toMatchObject({ state: "failed", message: expect.stringMatching(/Open an Account/) })
    expect(org.apiCalls).toEqual([])
  })

  it("runs once at a time: a second ask joins the running sync", async () => {
    const accounts = book(3)
    const { org, sync } = setup(accounts)
    await seen(accounts[0]?.id as string)
    const [a, b] = await Promise.all([sync.sync(), sync.sync()])
    expect(a).toBe(b)
    expect(org.apiCalls.filter((r) => r.url.includes("chatter"))).toHaveLength(1)
  })

  it("asks again without a field the user cannot see, says which, and keeps the rest (and its last values)", async () => {
    const accounts = book(250)
    const clock = { now: 5_000 }
    const { org, sync } = setup(accounts, {}, clock)
    await seen(accounts[0]?.id as string)
    await sync.sync()
    const before = (await readAllAccounts(db)).find((a) => a.id === toId18(accounts[2]?.id as string))
    expect(before?.salesforce?.facts).toMatchObject({ mrr: 102, onboardingCompletedOn: "2026-10-20" })

    // Field-level security now hides MRR__c on the Account and a date on Onboarding__c.
    const hiding = setup(
      accounts,
      { hiddenFields: ["Account.MRR__c", "Onboarding__c.Onboarding_Completed_Date__c"] },
      clock
    )
    clock.now = 9_000
    const result = await hiding.sync.sync()
    expect(result).toMatchObject({ state: "ok", total: 250, done: 250, syncedAt: 9_000 })
    expect(result.message).toBe(
      "Salesforce hides Account.MRR__c, Onboarding__c.Onboarding_Completed_Date__c from you (field-level security): read without them; the last values SOP Pilot had are kept."
    )
    const calls = hiding.org.apiCalls.map((r) => `${r.method} ${new URL(r.url).pathname}`)
    // me, the Account query, again without MRR__c, 1 composite (2 batches), 1 composite again: 2 re-asks.
    expect(calls).toEqual([
      "GET /services/data/v62.0/chatter/users/me",
      "GET /services/data/v62.0/query",
      "GET /services/data/v62.0/query",
      "POST /services/data/v62.0/composite",
      "POST /services/data/v62.0/composite"
    ])
    expect(result.requests).toBe(5)
    const second = new URL(hiding.org.apiCalls[2]?.url as string).searchParams.get("q") ?? ""
    expect(second).not.toContain("MRR__c")
    expect(second).toContain("Contracted_Users__c")
    // Only the failed Onboarding__c queries (one per batch) were asked again.
    const again = JSON.parse(hiding.org.apiCalls[4]?.body as string) as { compositeRequest: { url: string }[] }
    expect(again.compositeRequest).toHaveLength(2)
    for (const sub of again.compositeRequest) {
      const soql = new URL(sub.url, API).searchParams.get("q") ?? ""
      expect(soql).toMatch(/FROM Onboarding__c/)
      expect(soql).not.toContain("Onboarding_Completed_Date__c")
    }
    const after = (await readAllAccounts(db)).find((a) => a.id === toId18(accounts[2]?.id as string))
    // The hidden facts keep their last values; the rest is read fresh.
    expect(after?.salesforce?.facts).toMatchObject({
      mrr: 102,
      onboardingCompletedOn: "2026-10-20",
      contactEmails: ["admin2@clinic2.example"]
    })
    expect(after?.salesforce?.fetchedAt).toBe(9_000)
    void org
  })

  it("asks again at most 3 times, then reports the query's failure", async () => {
    const accounts = book(3)
    const mapping = {
      ...DEFAULT_SETTINGS.salesforce.fieldMapping,
      website: "Site_A__c",
      users: "Site_B__c",
      products: "Site_C__c",
      serviceLevel: "Site_D__c"
    }
    const { org, sync } = setup(accounts, {
      mapping,
      hiddenFields: ["Account.Site_A__c", "Account.Site_B__c", "Account.Site_C__c", "Account.Site_D__c"]
    })
    await seen(accounts[0]?.id as string)
    const settings = { ...DEFAULT_SETTINGS, salesforce: { ...DEFAULT_SETTINGS.salesforce, fieldMapping: mapping } }
    const limited = createBookSync({
      db,
      settings: async () => settings,
      timeZone: async () => undefined,
      now: () => 5_000,
      client: { fetch: fetchFromOrg(org), cookies: async () => ({ value: SESSION }), sleep: async () => undefined },
      load: async () => undefined,
      save: async () => undefined,
      report: () => undefined,
      changed: () => undefined
    })
    void sync
    const result = await limited.sync()
    expect(result).toMatchObject({ state: "failed", message: expect.stringMatching(/field/i) })
    expect(org.apiCalls.filter((r) => r.url.includes("/query?"))).toHaveLength(1 + MAX_REASKS)
  })

  it("puts no id Salesforce answered into SOQL unchecked: a hostile user id or Account Id", async () => {
    const accounts = book(3)
    const { org } = setup(accounts)
    await seen(accounts[0]?.id as string)
    const real = fetchFromOrg(org)
    const HOSTILE = "001Hs00005B0001' OR Name != '"
    const answering = (me: string) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input)
        if (url.endsWith("/chatter/users/me")) return new Response(JSON.stringify({ id: me }), { status: 200 })
        const response = await real(input, init)
        if (!url.includes("/query?")) return response
        const page = (await response.json()) as { records: unknown[] }
        page.records.push({ attributes: { type: "Account" }, Id: HOSTILE, Name: "Evil" })
        return new Response(JSON.stringify(page), { status: 200 })
      }) as typeof fetch
    const syncWith = (me: string) =>
      createBookSync({
        db,
        settings: async () => DEFAULT_SETTINGS,
        timeZone: async () => undefined,
        now: () => 5_000,
        client: { fetch: answering(me), cookies: async () => ({ value: SESSION }), sleep: async () => undefined },
        load: async () => undefined,
        save: async () => undefined,
        report: () => undefined,
        changed: () => undefined
      }).sync()

    expect(await syncWith("005xx' OR CSM__c != '")).toMatchObject({ state: "failed" })
    expect(org.apiCalls.filter((r) => r.url.includes("/query"))).toEqual([])

    expect(await syncWith(FAKE_USER.Id)).toMatchObject({ state: "ok", total: 3 })
    const sent = org.apiCalls.flatMap((r) => [decodeURIComponent(r.url), r.body])
    expect(sent.some((text) => text.includes("OR Name !="))).toBe(false)
    expect((await readAllAccounts(db)).map((a) => a.name)).not.toContain("Evil")
  })

  it("names the field of an INVALID_FIELD answer only when it is one the query asked for", () => {
    const detail =
      "INVALID_FIELD: \nSELECT Id, MRR__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'mrr__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c'"
    expect(namedField(detail, ["Name", "MRR__c"])).toBe("MRR__c")
    expect(namedField(detail, ["Name"])).toBeUndefined()
    expect(namedField("MALFORMED_QUERY: unexpected token", ["MRR__c"])).toBeUndefined()
  })

  it("drops accounts that left the CSM's book, unless opened since the last sync or holding typed facts", async () => {
    const accounts = book(6)
    const clock = { now: 5_000 }
    const { org, sync } = setup(accounts, {}, clock)
    await seen(accounts[0]?.id as string)
    expect(await sync.sync()).toMatchObject({ state: "ok", total: 6 })
    expect(await readAllAccounts(db)).toHaveLength(6)

    // Three accounts move to another CSM. One the CSM opened since, one holds a fact they typed.
    const other = "005xx000002OthrAAA"
    const moved = [accounts[1], accounts[2], accounts[3]].map((a) => toId18(a?.id as string) as string)
    for (const row of org.data.rows.get("Account") ?? []) if (moved.includes(row.Id)) row.CSM__c = other
    await db.orgAccounts.update([API, moved[1] as string], { lastSeenAt: 7_000 })
    await db.orgAccounts.update([API, moved[2] as string], {
      manual: { riskSignals: { value: ["low_usage"], enteredAt: 6_000 } }
    })
    // An account of another org is none of this sync's business.
    await db.orgAccounts.put({
      id: moved[0] as string,
      name: "x",
      apiHost: "https://globex.my.salesforce.com",
      manual: {},
      lastSeenAt: 0
    })

    clock.now = 9_000
    const result = await sync.sync()
    expect(result).toMatchObject({ state: "ok", total: 3, message: "1 account is no longer yours and left the list." })
    const left = (await readAllAccounts(db)).map((a) => `${a.apiHost} ${a.id}`)
    expect(left).not.toContain(`${API} ${moved[0]}`)
    expect(left).toContain(`${API} ${moved[1]}`)
    expect(left).toContain(`${API} ${moved[2]}`)
    expect(left).toContain(`https://globex.my.salesforce.com ${moved[0]}`)
    expect(left).toHaveLength(3 + 2 + 1)

    // The next sync: the one opened before it is gone too; typed facts are never dropped.
    clock.now = 12_000
    expect(await sync.sync()).toMatchObject({ state: "ok", message: "1 account is no longer yours and left the list." })
    const now = (await readAllAccounts(db)).map((a) => a.id)
    expect(now).not.toContain(moved[1])
    expect(now).toContain(moved[2])
  })
})

describe("the book sync and the CSM's entries (issue 17)", () => {
  it("orders by each Account's SystemModstamp: an unchanged value keeps the entry, an edited one wins", async () => {
    const accounts = book(2)
    const { org, sync } = setup(accounts)
    const id = toId18(accounts[0]?.id as string) as string
    await seen(id)
    await sync.sync()
    const cached = (await db.orgAccounts.get([API, id]))?.salesforce
    // The fake org's Account was last changed at noon UTC on its latest date (CSM_Assigned_Date__c).
    expect(cached?.stamp).toBe(Date.parse("2026-10-01T12:00:00.000Z"))
    // The CSM's MRR, made against that stamp (account-service.ts setFact writes it so).
    await db.orgAccounts.update([API, id], {
      manual: { mrr: { value: 999, enteredAt: 1, against: cached?.stamp as number } }
    })
    const mrr = async () => {
      const row = await readAccount(db, { apiHost: API, accountId: id })
      return mergeFacts({ accountId: id, salesforce: snapshotOf(row), manual: manualOf(row), done: [] }).facts.mrr
    }
    await sync.sync()
    expect(await mrr()).toBe(999)
    org.editAccount(id, { mrr: 1800 })
    await sync.sync()
    expect(await mrr()).toBe(1800)
  })
})
