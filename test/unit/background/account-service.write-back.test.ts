/**
 * Issue 12 in the account service: an event step's check-off records its fact (the plan moves
 * on at once) and queues its Task and field for Salesforce; a step reopened here no longer counts
 * the org's older Task; who made a Task is shown.
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import type { SalesforceRead } from "~/src/background/salesforce"
import { SopPilotDb } from "~/src/data/db"
import type { OutboxChange } from "~/src/data/outbox"
import { DEFAULT_SETTINGS, type TeamSettings } from "~/src/domain/settings"
import type { AccountRef } from "~/src/messages/protocol"

const ref: AccountRef = {
  accountId: "001Hs00002ABCDeIAP",
  apiHost: "https://acme.my.salesforce.com",
  org: "acme",
  pageName: "Acme Dental Group"
}
const key = { apiHost: ref.apiHost, accountId: ref.accountId }

let db: SopPilotDb
let salesforce: SalesforceRead
let queued: OutboxChange[]

function service(settings: TeamSettings = DEFAULT_SETTINGS) {
  return createAccountService({
    db,
    settings: async () => settings,
    timeZone: async () => "UTC",
    readSalesforce: async () => salesforce,
    now: () => Date.now(),
    notify: () => undefined,
    outbox: {
      add: async (_key, change) => void queued.push(change),
      summary: async () => undefined
    }
  })
}

beforeEach(() => {
  db = new SopPilotDb(`wb-${Math.random()}`)
  queued = []
  vi.useFakeTimers({ now: new Date("2026-11-25T12:00:00Z"), toFake: ["Date"] })
  salesforce = {
    ok: true,
    problems: [],
    facts: {
      name: "Acme Dental Group",
      products: ["learning"],
      mrr: 1200,
      serviceLevel: "standard",
      assignedOn: "2026-09-01",
      onboardingCallCompletedOn: "2026-09-10",
      onboardingCompletedOn: "2026-10-20"
    },
    done: ["AD4"],
    doneBy: { AD4: { by: "Pat Lee", on: "2026-11-24", at: Date.parse("2026-11-24T15:00:00Z") } }
  }
})
afterEach(async () => {
  vi.useRealTimers()
  await db.delete()
})

describe("write-back in the account service", () => {
  it("AD3 checked off on a day: the 30-day meeting is held, the stage moves on, Task and date queued", async () => {
    const accounts = service()
    expect((await accounts.view(ref, true)).plan.stage).toBe("adoption_30")
    const view = await accounts.setStep(key, "AD3", true, undefined, "2026-11-19")
    expect(view.plan.stage).toBe("adoption_90")
    expect(view.facts.adoption30MeetingOn).toBe("2026-11-19")
    expect(view.plan.steps.find((s) => s.key === "AD5")?.due).toBe("2026-11-19")
    expect(queued).toEqual([
      {
        kind: "task",
        key: "AD3",
        done: true,
        subject: "[SOP AD3] Hold the 30-minute 30-day meeting: engagement, feedback, sentiment and upsell interest",
        on: "2026-11-19"
      },
      {
        kind: "field",
        fact: "adoption30MeetingOn",
        object: "Adoption__c",
        field: "X30_Day_Meeting_Date__c",
        relationship: "Account__c",
        value: "2026-11-19"
      }
    ])
  })

  it("AD3 reopened: the stage goes back, and the date it wrote is taken back from Salesforce if still there", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    await accounts.setStep(key, "AD3", true, undefined, "2026-11-19")
    queued = []
    const view = await accounts.setStep(key, "AD3", false)
    expect(view.plan.stage).toBe("adoption_30")
    expect(view.facts.adoption30MeetingOn).toBeUndefined()
    expect(queued).toEqual([
      expect.objectContaining({ kind: "task", key: "AD3", done: false }),
      {
        kind: "field",
        fact: "adoption30MeetingOn",
        object: "Adoption__c",
        field: "X30_Day_Meeting_Date__c",
        relationship: "Account__c",
        value: null,
        onlyIfStill: "2026-11-19"
      }
    ])
  })

  it("TR1#1 checked off counts as training 1 held", async () => {
    if (salesforce.ok) salesforce = { ...salesforce, facts: { ...salesforce.facts, onboardingCompletedOn: undefined } }
    const accounts = service()
    await accounts.view(ref, true)
    const view = await accounts.setStep(key, "TR1#1", true, undefined, "2026-11-22")
    expect(view.facts.trainingsCompletedOn).toEqual(["2026-11-22"])
    expect(queued.map((c) => c.kind)).toEqual(["task"])
  })

  it("shows who made an org Task; reopened here, the step is open again while its Task's deletion goes", async () => {
    const accounts = service()
    const first = await accounts.view(ref, true)
    expect(first.doneBy).toEqual({ AD4: { by: "Pat Lee", on: "2026-11-24" } })
    expect(first.plan.steps.find((s) => s.key === "AD4")?.status).toBe("done")
    const reopened = await accounts.setStep(key, "AD4", false)
    expect(reopened.plan.steps.find((s) => s.key === "AD4")?.status).not.toBe("done")
    expect(queued).toEqual([expect.objectContaining({ kind: "task", key: "AD4", done: false })])
    // The book and Today agree, on a worker that just woke (nothing kept in memory).
    const woke = service()
    const { facts } = await woke.book()
    expect(facts[0]?.done).not.toContain("AD4")
    const [row] = await woke.list("")
    expect(row?.nextStep?.key ?? row).toBe(
      reopened.plan.steps.find((s) => s.role === "csm" && s.status !== "done")?.key
    )
  })

  it("queues nothing while writing back is off, and says which facts a typed value can go to when on", async () => {
    const off = { ...DEFAULT_SETTINGS, salesforce: { ...DEFAULT_SETTINGS.salesforce, writeBack: false } }
    const accounts = service(off)
    const view = await accounts.view(ref, true)
    expect(view.writable).toBeUndefined()
    await accounts.setStep(key, "AD3", true, undefined, "2026-11-19")
    expect(queued).toEqual([])
    const on = await service().view(ref, false)
    expect(on.writable?.adoption30MeetingOn).toContain("X30_Day_Meeting_Date__c")
  })

  it("writes a typed fact with the time of the last read, refusing one with no field", async () => {
    const accounts = service()
    await accounts.view(ref, true)
    await accounts.setFact(key, "sentimentSurveySentOn", "2026-11-23")
    await accounts.writeFact(key, "sentimentSurveySentOn")
    expect(queued).toEqual([
      expect.objectContaining({
        kind: "field",
        field: "Sentiment_Survey_Sent_Date__c",
        value: "2026-11-23",
        unmodifiedSince: Date.parse("2026-11-25T12:00:00Z")
      })
    ])
    await accounts.setFact(key, "riskSignals", ["late_payment"])
    await expect(accounts.writeFact(key, "riskSignals")).rejects.toThrow(/no Salesforce field/)
  })
})
