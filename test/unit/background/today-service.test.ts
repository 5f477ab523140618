/**
 * Issue 16, item 9: "Today, across the book" in the background: every due or overdue step of
 * every cached account (any org), most urgent first, the profile's own (Team Lead steps for a
 * lead only), snoozes kept in Dexie by org, account and step, and the router's messages.
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import { route } from "~/src/background/router"
import type { SalesforceRead } from "~/src/background/salesforce"
import { createTodayService } from "~/src/background/today-service"
import { SopPilotDb } from "~/src/data/db"
import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import type { Role } from "~/src/domain/plan"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { todayItemId } from "~/src/domain/today"
import type { AccountRef } from "~/src/messages/protocol"
import type { TodayList } from "~/src/messages/today-protocol"

const TODAY = "2026-11-25"
const ACME = "https://acme.my.salesforce.com"
const GLOBEX = "https://globex.my.salesforce.com"
const book = demoBook(TODAY)

let db: SopPilotDb
beforeEach(() => {
  db = new SopPilotDb(`today-${Math.random()}`)
  vi.useFakeTimers({ now: new Date(`${TODAY}T12:00:00Z`), toFake: ["Date"] })
})
afterEach(async () => {
  vi.useRealTimers()
  await db.delete()
})

async function background(role: Role = "csm") {
  const accounts = createAccountService({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "UTC",
    readSalesforce: async (ref) => {
      const account = book.find((a) => toId18(a.id) === ref.accountId)
      return account
        ? ({ ok: true, problems: [], facts: orgFactsOf(account) } as SalesforceRead)
        : { ok: false, status: { state: "no_session" } }
    },
    now: () => Date.now(),
    notify: () => undefined
  })
  // Half the demo book in one org, half in another: one list across both.
  for (const [i, account] of book.entries()) {
    const apiHost = i % 2 === 0 ? ACME : GLOBEX
    const ref: AccountRef = { accountId: toId18(account.id) as string, apiHost, org: new URL(apiHost).hostname }
    await accounts.view(ref, true)
  }
  const today = createTodayService({ db, accounts, role: async () => role, now: () => Date.now() })
  const send = (message: unknown) =>
    route(message, { id: "me" }, "me", accounts, { today }) as Promise<{ ok: boolean; data: unknown }>
  return { accounts, today, send }
}

const expectedSteps = (role: Role) =>
  book.flatMap((account) =>
    buildPlan(AccountFacts.parse({ id: account.id, ...orgFactsOf(account) }), DEFAULT_SETTINGS, TODAY)
      .steps.filter((s) => (s.status === "overdue" || s.status === "due") && (role === "team_lead" || s.role === "csm"))
      .map((s) => `${toId18(account.id)} ${s.key}`)
  )

describe("the Today list", () => {
  it("holds every due or overdue step of every account, of both orgs, the CSM's own, most urgent first", async () => {
    const { today } = await background()
    const list = await today.list()
    expect(list.today).toBe(TODAY)
    expect(list.role).toBe("csm")
    expect(list.items.map((i) => `${i.accountId} ${i.key}`).sort()).toEqual(expectedSteps("csm").sort())
    expect(new Set(list.items.map((i) => i.apiHost))).toEqual(new Set([ACME, GLOBEX]))
    expect(list.items.some((i) => i.role === "team_lead")).toBe(false)
    // Running situations first, in the order; then the most days overdue.
    const ranks = list.items.map((i) =>
      i.situation === null ? 4 : ["failed_to_onboard", "cancellation", "past_due", "at_risk"].indexOf(i.situation)
    )
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    const plain = list.items.filter((i) => i.situation === null).map((i) => i.overdueDays)
    expect(plain).toEqual([...plain].sort((a, b) => b - a))
    expect(list.items.find((i) => i.key === "FO2")?.event).toBe(true)
  })

  it("answers the most urgent rows only when asked for a limit, with the totals", async () => {
    const { today, send } = await background()
    const all = await today.list()
    const first = await send({ name: "today.list", limit: 5 })
    expect(first).toMatchObject({ ok: true, data: { total: all.items.length, items: all.items.slice(0, 5) } })
    expect(all.total).toBe(all.items.length)
    const [step] = all.items
    if (!step) throw new Error("no step")
    const snoozed = (await send({
      name: "today.snooze",
      apiHost: step.apiHost,
      accountId: step.accountId,
      key: step.key,
      until: "2026-12-01",
      limit: 2
    })) as { data: TodayList }
    expect(snoozed.data.items).toHaveLength(2)
    expect([snoozed.data.total, snoozed.data.snoozedTotal]).toEqual([all.total - 1, 1])
  })

  it("shows a Team Lead the lead's steps too", async () => {
    const { today } = await background("team_lead")
    const list = await today.list()
    expect(list.role).toBe("team_lead")
    expect(list.items.map((i) => `${i.accountId} ${i.key}`).sort()).toEqual(expectedSteps("team_lead").sort())
    expect(list.items.some((i) => i.role === "team_lead")).toBe(true)
  })

  it("leaves a checked-off step out at once", async () => {
    const { accounts, today } = await background()
    const [first] = (await today.list()).items
    if (!first) throw new Error("no step")
    await accounts.setStep(first, first.key, true)
    expect((await today.list()).items.map(todayItemId)).not.toContain(todayItemId(first))
  })
})

describe("snoozes", () => {
  it("hide a step until its day, in Dexie by org, account and step; null shows it again", async () => {
    const { today } = await background()
    const [first, second] = (await today.list()).items
    if (!first || !second) throw new Error("no steps")
    const list = await today.snooze(first, first.key, "2026-11-28")
    expect(list.items.map(todayItemId)).not.toContain(todayItemId(first))
    expect(list.snoozed.map((i) => [todayItemId(i), i.until])).toEqual([[todayItemId(first), "2026-11-28"]])
    expect(await db.snoozes.get([first.apiHost, first.accountId, first.key])).toMatchObject({ until: "2026-11-28" })
    // The same step id in the other org is another step: not snoozed.
    expect(await db.snoozes.count()).toBe(1)

    // On its day it is back.
    vi.setSystemTime(new Date("2026-11-28T12:00:00Z"))
    const later = await today.list()
    expect(later.items.map(todayItemId)).toContain(todayItemId(first))
    expect(later.snoozed).toEqual([])

    vi.setSystemTime(new Date(`${TODAY}T12:00:00Z`))
    await today.snooze(second, second.key, "2026-12-01")
    const shown = await today.snooze(second, second.key, null)
    expect(shown.items.map(todayItemId)).toContain(todayItemId(second))
    expect(await db.snoozes.get([second.apiHost, second.accountId, second.key])).toBeUndefined()
  })

  it("refuse today or a past day", async () => {
    const { send } = await background()
    const { data } = (await send({ name: "today.list" })) as { data: TodayList }
    const first = data.items[0]
    if (!first) throw new Error("no step")
    const answer = await send({
      name: "today.snooze",
      apiHost: first.apiHost,
      accountId: first.accountId,
      key: first.key,
      until: TODAY
    })
    expect(answer).toMatchObject({ ok: false, error: { code: "invalid_input", paths: ["until"] } })
    const bad = await send({
      name: "today.snooze",
      apiHost: first.apiHost,
      accountId: first.accountId,
      key: first.key,
      until: "soon"
    })
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_request" } })
  })
})

describe("today.plan", () => {
  it("answers a cached account's view and refuses an unknown one without caching it", async () => {
    const { send } = await background()
    const account = book[0]
    if (!account) throw new Error("no account")
    const view = await send({ name: "today.plan", apiHost: ACME, accountId: account.id })
    expect(view).toMatchObject({ ok: true, data: { accountId: toId18(account.id), name: account.name } })
    const unknown = await send({ name: "today.plan", apiHost: ACME, accountId: "001Hs00009ZZZZZ" })
    expect(unknown).toMatchObject({ ok: false, error: { code: "invalid_input" } })
    expect(
      await db.orgAccounts
        .where("id")
        .equals(toId18("001Hs00009ZZZZZ") as string)
        .count()
    ).toBe(0)
  })
})
