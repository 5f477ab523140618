import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { createBookSync } from "~/src/background/book-sync"
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

function setup(accounts: AccountFactsInput[], options: Partial<Parameters<typeof fakeSalesforceOrg>[0]> = {}) {
  const org = fakeSalesforceOrg({ org: "acme", accounts, session: SESSION, doneAsTasks: true, ...options })
  const reports: BookSync[] = []
  let saved: BookSync | undefined
  let changed = 0
  const sync = createBookSync({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "America/Chicago",
    now: () => 5_000,
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
