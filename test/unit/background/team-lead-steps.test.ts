/**
 * Issue 16, defect 4: Team Lead steps (TL1, TL2, CX3 …) sat in the CSM's list and badge, and a
 * CSM could check them off. They are not in the CSM's counts, and only a Team Lead (the profile's
 * role) checks them off.
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import { route } from "~/src/background/router"
import type { SalesforceRead } from "~/src/background/salesforce"
import { chromeSettingsStorage, createSettingsService } from "~/src/background/settings-service"
import { SopPilotDb } from "~/src/data/db"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { AccountRef } from "~/src/messages/protocol"

import { installFakeChromeStorage } from "../data/fake-chrome"

const ref: AccountRef = { accountId: "001Hs00002ABCDeIAP", apiHost: "https://acme.my.salesforce.com", org: "acme" }
/** Deep in adoption, TL1 (the Team Lead's 75-day check-in) overdue beside the CSM's own steps. */
const salesforce: SalesforceRead = {
  ok: true,
  problems: [],
  facts: {
    name: "Acme Dental Group",
    products: ["learning"],
    mrr: 1200,
    assignedOn: "2026-08-01",
    onboardingCallCompletedOn: "2026-08-10",
    lmsSetupCompletedOn: "2026-08-15",
    onboardingCompletedOn: "2026-08-20",
    trainingsCompletedOn: ["2026-08-25", "2026-09-01", "2026-09-08", "2026-09-15"],
    adoption30MeetingOn: "2026-09-20"
  }
}

let db: SopPilotDb
beforeEach(() => {
  db = new SopPilotDb(`test-${Math.random()}`)
  vi.useFakeTimers({ now: new Date("2026-11-25T12:00:00Z"), toFake: ["Date"] })
  installFakeChromeStorage()
})
afterEach(async () => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  await db.delete()
})

function background() {
  const accounts = createAccountService({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "UTC",
    readSalesforce: async () => salesforce,
    now: () => Date.now(),
    notify: () => undefined
  })
  const settings = createSettingsService({
    storage: chromeSettingsStorage(),
    now: () => Date.now(),
    notify: () => undefined,
    warn: () => undefined
  })
  const send = (message: unknown) => route(message, { id: "me" }, "me", accounts, { settings })
  return { accounts, settings, send }
}

describe("Team Lead steps", () => {
  it("are not in the CSM's overdue count, due-today count or next step", async () => {
    const { accounts } = background()
    const view = await accounts.view(ref, true)
    const overdue = view.plan.steps.filter((s) => s.status === "overdue")
    expect(overdue.some((s) => s.key === "TL1" && s.role === "team_lead")).toBe(true)
    const [row] = await accounts.list("")
    expect(row?.overdue).toBe(overdue.filter((s) => s.role === "csm").length)
    expect(row?.overdue).toBeLessThan(overdue.length)
    expect(row?.nextStep?.key).not.toMatch(/^TL/)
  })

  it("are checked off by a Team Lead only: a CSM is refused with the reason, a Team Lead is not", async () => {
    const { accounts, send } = background()
    await accounts.view(ref, true)
    const check = { name: "step.set", accountId: ref.accountId, apiHost: ref.apiHost, key: "TL1", done: true }
    const refused = await send(check)
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden", paths: ["key"] } })
    expect(JSON.stringify(refused)).toContain("Team Lead")
    // A CSM's own step is theirs.
    expect(await send({ ...check, key: "AD4" })).toMatchObject({ ok: true })

    expect(await send({ name: "profile.save", profile: { role: "team_lead" } })).toMatchObject({ ok: true })
    const done = (await send(check)) as { ok: true; data: { plan: { steps: { key: string; status: string }[] } } }
    expect(done.ok).toBe(true)
    // Done: checked, or (TL1 being an event, issue 12) its check-in recorded and the plan moved on.
    expect(["done", undefined]).toContain(done.data.plan.steps.find((s) => s.key === "TL1")?.status)
  })
})
