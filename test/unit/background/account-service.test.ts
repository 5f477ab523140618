import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAccountService, type AccountServiceDeps } from "~/src/background/account-service"
import { route } from "~/src/background/router"
import type { SalesforceRead } from "~/src/background/salesforce"
import { SopPilotDb } from "~/src/data/db"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { AccountRef, AccountView } from "~/src/messages/protocol"

const ref: AccountRef = {
  accountId: "001Hs00002ABCDeIAP",
  apiHost: "https://acme.my.salesforce.com",
  org: "acme",
  pageName: "Acme Dental Group"
}

let db: SopPilotDb
let clock: number
let salesforce: SalesforceRead
/** Every `account.changed` push: the account, and the view whose request caused it. */
let notified: { accountId: string; byViewId?: string }[]

function service(overrides: Partial<AccountServiceDeps> = {}) {
  return createAccountService({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "UTC",
    readSalesforce: async () => salesforce,
    now: () => clock,
    notify: (accountId, byViewId) =>
      void notified.push(byViewId === undefined ? { accountId } : { accountId, byViewId }),
    ...overrides
  })
}

beforeEach(() => {
  db = new SopPilotDb(`test-${Math.random()}`)
  clock = 1_000
  notified = []
  vi.useFakeTimers({ now: new Date("2026-11-25T12:00:00Z"), toFake: ["Date"] })
  salesforce = {
    ok: true,
    problems: [],
    facts: {
      name: "Acme Dental Group",
      products: ["learning"],
      mrr: 1200,
      assignedOn: "2026-11-20",
      onboardingCallScheduledFor: "2026-11-30"
    }
  }
})
afterEach(async () => {
  vi.useRealTimers()
  await db.delete()
})

describe("account service", () => {
  it("reads Salesforce on refresh, caches it, and plans with it", async () => {
    const view = await service().view(ref, true)
    expect(view.api.state).toBe("ok")
    expect(view.plan.stage).toBe("onboarding")
    expect(view.sources.mrr).toBe("salesforce")
    expect(view.plan.steps.find((s) => s.key === "ON4")?.due).toBe("2026-11-30")

    // The cache alone answers the next first paint.
    const cached = await service({ readSalesforce: async () => Promise.reject(new Error("must not be called")) }).view(
      ref,
      false
    )
    expect(cached.api.state).toBe("cached")
    expect(cached.facts.mrr).toBe(1200)
  })

  it("counts a step an [SOP <key>] task in the org marks done, in the view and in the book", async () => {
    salesforce = { ...salesforce, ok: true, problems: [], done: ["ON4"] } as SalesforceRead
    const accounts = service()
    const view = await accounts.view(ref, true)
    expect(view.plan.steps.find((s) => s.key === "ON4")?.status).toBe("done")
    const [row] = await accounts.list("")
    expect(row?.nextStep?.key).not.toBe("ON4")
    // Still done from the cache, with no Salesforce read.
    const cached = await service({ readSalesforce: async () => Promise.reject(new Error("not called")) }).view(
      ref,
      false
    )
    expect(cached.plan.steps.find((s) => s.key === "ON4")?.status).toBe("done")
  })

  it("remembers every view it answers, a check-off's too (the next page's first paint)", async () => {
    const remembered: AccountView[] = []
    const accounts = service({ remember: (view) => remembered.push(view) })
    const first = await accounts.view(ref, true)
    const checked = await accounts.setStep(ref, "ON14", true)
    expect(remembered).toEqual([first, checked])
    expect(remembered[1]?.org).toBe("acme")
  })

  it("falls back to cached and manual facts when the session expired", async () => {
    await service().view(ref, true)
    salesforce = { ok: false, status: { state: "unauthorized", message: "Your Salesforce session has expired." } }
    const view = await service().view(ref, true)
    expect(view.api).toMatchObject({ state: "unauthorized" })
    expect(view.facts.mrr).toBe(1200)
    expect(view.plan.stage).toBe("onboarding")
  })

  it("keeps checked steps, and tells every view", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    notified = []
    const view = await accounts.setStep(ref, "ON14", true, "tab-a")
    expect(view.plan.steps.find((s) => s.key === "ON14")?.status).toBe("done")
    expect(notified).toEqual([{ accountId: ref.accountId, byViewId: "tab-a" }])
    const again = await service().view(ref, false)
    expect(again.plan.steps.find((s) => s.key === "ON14")?.status).toBe("done")
    await accounts.setStep(ref, "ON14", false)
    expect((await service().view(ref, false)).plan.steps.find((s) => s.key === "ON14")?.status).not.toBe("done")
  })

  it("a Salesforce read that changed the cache tells the other views once; one that changed nothing is quiet", async () => {
    const accounts = service()
    // The first paint of a new account makes its row, which the read right after fills in: one push.
    await accounts.view(ref, false)
    expect(notified).toEqual([])
    await accounts.view(ref, true, { viewId: "tab-a" })
    expect(notified).toEqual([{ accountId: ref.accountId, byViewId: "tab-a" }])

    // Same facts, later (only "last seen" moves): nothing to tell.
    clock += 60_000
    await accounts.view(ref, true, { viewId: "tab-b" })
    await accounts.view(ref, false, { viewId: "tab-b" })
    expect(notified).toHaveLength(1)

    // Salesforce changed: the book, a Gmail panel and other tabs re-read; the asking view is named.
    salesforce = salesforce.ok ? { ...salesforce, facts: { ...salesforce.facts, mrr: 1500 } } : salesforce
    const view = await accounts.view(ref, true, { viewId: "tab-b" })
    expect(view.facts.mrr).toBe(1500)
    expect(notified).toEqual([
      { accountId: ref.accountId, byViewId: "tab-a" },
      { accountId: ref.accountId, byViewId: "tab-b" }
    ])

    // A failed read changes nothing in the cache.
    salesforce = { ok: false, status: { state: "unauthorized", message: "Your Salesforce session has expired." } }
    await accounts.view(ref, true, { viewId: "tab-b" })
    expect(notified).toHaveLength(2)
  })

  it("interleaved checks from two tabs end in one state", async () => {
    const tabA = service()
    const tabB = service()
    await tabA.view(ref, true)
    await Promise.all([
      tabA.setStep(ref, "ON8", true),
      tabB.setStep(ref, "ON11", true),
      tabA.setStep(ref, "ON14", true),
      tabB.setStep(ref, "ON14", false)
    ])
    const done = (await tabA.view(ref, false)).plan.steps.filter((s) => s.status === "done").map((s) => s.key)
    expect(done).toEqual(expect.arrayContaining(["ON8", "ON11"]))
    expect(done).not.toContain("ON14")
  })

  it("a manual entry fills a fact Salesforce does not hold; a newer Salesforce value wins over it", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    clock = 2_000
    let view = await accounts.setFact(ref, "unresponsiveSince", "2026-11-21")
    expect(view.sources.unresponsiveSince).toBe("manual")
    expect(view.plan.situations).toContain("failed_to_onboard")

    // The CSM enters an MRR; later Salesforce changes it: Salesforce's newer value wins, visibly.
    clock = 3_000
    view = await accounts.setFact(ref, "mrr", 900)
    expect(view.facts.mrr).toBe(900)
    expect(view.conflicts).toEqual([{ fact: "mrr", salesforce: 1200, manual: 900, using: "manual" }])
    clock = 4_000
    salesforce = {
      ...salesforce,
      ok: true,
      facts: { ...(salesforce as { facts: object }).facts, mrr: 1500 }
    } as SalesforceRead
    view = await accounts.view(ref, true)
    expect(view.facts.mrr).toBe(1500)
    expect(view.sources.mrr).toBe("salesforce")
    expect(view.conflicts[0]).toMatchObject({ fact: "mrr", using: "salesforce" })
  })

  it("rejects a bad manual value with its path and stores nothing", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    await expect(accounts.setFact(ref, "sentimentSurveySentOn", "2026-02-30")).rejects.toMatchObject({
      paths: ["sentimentSurveySentOn"]
    })
    expect((await db.orgAccounts.get([ref.apiHost, ref.accountId]))?.manual).toEqual({})
  })

  it("lists the book of business, overdue first", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    salesforce = { ok: true, problems: [], facts: { name: "Zeta Clinic", assignedOn: "2026-10-01" } }
    const zeta = toId18("001Hs00002ZZZZZ") as string
    await accounts.view({ ...ref, accountId: zeta, pageName: "Zeta" }, true)
    const list = await accounts.list("")
    // Zeta was assigned weeks ago and nothing is checked: it has more overdue and comes first.
    expect(list.map((a) => a.name)).toEqual(["Zeta Clinic", "Acme Dental Group"])
    expect(list[0]?.overdue).toBeGreaterThan(list[1]?.overdue ?? 0)
    expect(await accounts.list("acme")).toHaveLength(1)
  })
})

describe("router", () => {
  const own = "extension-id"
  it("refuses other extensions, malformed messages, and another org's page", async () => {
    const accounts = service()
    expect(await route({ name: "ping" }, { id: "evil" }, own, accounts)).toMatchObject({
      ok: false,
      error: { code: "forbidden" }
    })
    expect(
      await route(
        { name: "step.set", accountId: ref.accountId, apiHost: ref.apiHost, key: "not a key", done: true },
        { id: own },
        own,
        accounts
      )
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_request", paths: ["key"] }
    })
    const fromOtherOrg = await route(
      { name: "account.view", ref },
      { id: own, tabUrl: "https://globex.lightning.force.com/lightning/r/Account/x/view" },
      own,
      accounts
    )
    expect(fromOtherOrg).toMatchObject({ ok: false, error: { code: "forbidden" } })
    const fromOwnOrg = await route(
      { name: "account.view", ref },
      { id: own, tabUrl: "https://acme.lightning.force.com/lightning/r/Account/x/view" },
      own,
      accounts
    )
    expect(fromOwnOrg).toMatchObject({ ok: true })
  })

  it("hands the asking view's id on to the push, and refuses one that is not an id", async () => {
    const accounts = service()
    const page = { id: own, tabUrl: "https://acme.lightning.force.com/lightning/r/Account/x/view" }
    await route({ name: "account.view", ref, refresh: true, viewId: "view-1" }, page, own, accounts)
    await route(
      { name: "step.set", accountId: ref.accountId, apiHost: ref.apiHost, key: "ON14", done: true, viewId: "view-1" },
      page,
      own,
      accounts
    )
    await route(
      { name: "fact.set", accountId: ref.accountId, apiHost: ref.apiHost, fact: "mrr", value: 900, viewId: "view-2" },
      page,
      own,
      accounts
    )
    await route(
      { name: "step.set", accountId: ref.accountId, apiHost: ref.apiHost, key: "ON14", done: false },
      page,
      own,
      accounts
    )
    expect(notified).toEqual([
      { accountId: ref.accountId, byViewId: "view-1" },
      { accountId: ref.accountId, byViewId: "view-1" },
      { accountId: ref.accountId, byViewId: "view-2" },
      { accountId: ref.accountId }
    ])
    expect(
      await route(
        {
          name: "step.set",
          accountId: ref.accountId,
          apiHost: ref.apiHost,
          key: "ON14",
          done: true,
          viewId: "<img src=x>"
        },
        page,
        own,
        accounts
      )
    ).toMatchObject({ ok: false, error: { code: "invalid_request", paths: ["viewId"] } })
  })

  it("lets only extension pages spend the org's API requests on a book sync", async () => {
    let syncs = 0
    const book = {
      status: async () => ({ state: "never" as const, done: 0, total: 0 }),
      sync: async () => {
        syncs++
        return { state: "ok" as const, done: 1, total: 1, syncedAt: 1 }
      }
    }
    const page = { id: own, tabUrl: "https://acme.lightning.force.com/lightning/r/Account/x/view" }
    expect(await route({ name: "book.sync" }, page, own, service(), { book })).toMatchObject({
      ok: false,
      error: { code: "forbidden" }
    })
    expect(syncs).toBe(0)
    expect(await route({ name: "book.status" }, page, own, service(), { book })).toMatchObject({ ok: true })
    expect(await route({ name: "book.sync" }, { id: own }, own, service(), { book })).toMatchObject({
      ok: true,
      data: { state: "ok" }
    })
    expect(syncs).toBe(1)
  })
})

describe("a damaged cache", () => {
  it("a row that no longer fits the schema does not take the book of business down", async () => {
    await service().view(ref, true)
    await db.orgAccounts.put({
      apiHost: ref.apiHost,
      id: "not-an-id",
      name: "Broken",
      manual: {},
      lastSeenAt: 1
    } as never)
    await db.orgAccounts.put({
      apiHost: ref.apiHost,
      id: toId18("001Hs00002LONGN") as string,
      name: "x".repeat(300),
      manual: {},
      lastSeenAt: 1
    })
    const list = await service().list("")
    expect(list.map((a) => a.accountId)).toContain(ref.accountId)
    expect(list.map((a) => a.accountId)).not.toContain("not-an-id")
  })
})

describe("the book of business between calls", () => {
  it("a check-off, a fact or new settings show in the next list", async () => {
    let settings = DEFAULT_SETTINGS
    const accounts = service({ settings: async () => settings })
    salesforce = { ok: true, problems: [], facts: { name: "Acme Dental Group", assignedOn: "2026-10-01" } }
    await accounts.view(ref, true)
    const before = (await accounts.list(""))[0]?.overdue ?? 0
    expect(before).toBeGreaterThan(0)
    await accounts.setStep(ref, "ON1", true)
    expect((await accounts.list(""))[0]?.overdue).toBe(before - 1)
    await accounts.setFact(ref, "onboardingCallScheduledFor", "2026-12-01")
    const afterFact = (await accounts.list(""))[0]?.overdue ?? 0
    expect(afterFact).toBeLessThan(before - 1) // ON2 no longer applies once a call is booked
    settings = { ...DEFAULT_SETTINGS, disabledRules: ["ON14"] }
    expect((await accounts.list(""))[0]?.overdue).toBe(afterFact - 1)
  })
})
