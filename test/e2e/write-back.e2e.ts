/**
 * Issue 12, "Salesforce is the record (2 of 2): write back", with the built extension in Chromium
 * on the fake org (tools/salesforce-writes.ts answers the writes, logs them, refuses some):
 * - an event step checked off asks when, records its fact (the plan moves on) and writes it to
 *   its field; every check-off is an `[SOP <key>]` Task, and reopening deletes it;
 * - a typed fact is written to its field once the CSM confirms; a validation rule's refusal and a
 *   record changed since read are shown in Salesforce's words, the local value kept;
 * - with the org down (503) check-offs wait, say so, and land exactly once when it is back, across
 *   a service-worker restart.
 *
 * No assertion depends on timing: every wait polls for a state.
 */
import type { Page, Worker } from "playwright-core"
import { describe, expect, it } from "vitest"

import { plusDays, quarterEnd, todayIn } from "~/src/domain/dates"
import type { AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import {
  panelLocator,
  SALESFORCE_SHADOW_HOST_ID,
  setupExtensionEnvironment,
  type ExtensionEnvironment
} from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.writeback"
const WAIT = { timeout: 20_000 }
const today = todayIn()
const id18 = (account: { id: string }) => toId18(account.id) as string

/** In adoption_30: onboarding completed 32 days ago, its Adoption__c row still empty. */
const ADOPTING: AccountFactsInput = {
  id: "001Hs00002WbAdp",
  name: "Willow Creek Dental",
  products: ["learning"],
  mrr: 900,
  users: 40,
  serviceLevel: "standard",
  assignedOn: plusDays(today, -70),
  onboardingCallScheduledFor: plusDays(today, -66),
  onboardingCallCompletedOn: plusDays(today, -66),
  onboardingCompletedOn: plusDays(today, -32)
}
/** In training: the call held, no session yet (learning + compliance: 4 sessions). */
const TRAINING: AccountFactsInput = {
  id: "001Hs00002WbTrn",
  name: "Aspen Ridge Clinic",
  products: ["learning", "compliance"],
  mrr: 700,
  users: 30,
  assignedOn: plusDays(today, -20),
  onboardingCallScheduledFor: plusDays(today, -15),
  onboardingCallCompletedOn: plusDays(today, -15)
}
/** In adoption_90 with an Adoption__c row: facts typed in the panel go there. */
const TYPING: AccountFactsInput = {
  id: "001Hs00002WbTyp",
  name: "Birch Hollow Health",
  products: ["learning"],
  mrr: 1500,
  users: 80,
  serviceLevel: "premium",
  assignedOn: plusDays(today, -100),
  onboardingCallCompletedOn: plusDays(today, -95),
  onboardingCompletedOn: plusDays(today, -70),
  adoption30MeetingOn: plusDays(today, -40)
}
/** For the outage: two plain steps of adoption_30 are checked off while the org is down. */
const OUTAGE: AccountFactsInput = { ...ADOPTING, id: "001Hs00002WbOut", name: "Cypress Point Medical" }

/** Failed to onboard: unresponsive 12 days, so FO4 (create the "Failed to OB" case) is due. */
const FAILED: AccountFactsInput = {
  id: "001Hs00002WbFai",
  name: "Quiet Pines Clinic",
  products: ["compliance"],
  mrr: 400,
  users: 20,
  assignedOn: plusDays(today, -40),
  unresponsiveSince: plusDays(today, -12)
}
/** In retention, asking to cancel and past due: CX1, PD2 and UP2 in one plan. */
const LEAVING: AccountFactsInput = {
  id: "001Hs00002WbLvg",
  name: "Grand Hotels & Resorts, Ltd",
  products: ["learning"],
  mrr: 1200,
  users: 60,
  serviceLevel: "standard",
  assignedOn: plusDays(today, -300),
  onboardingCallCompletedOn: plusDays(today, -290),
  onboardingCompletedOn: plusDays(today, -260),
  adoption30MeetingOn: plusDays(today, -230),
  adoption90MeetingOn: plusDays(today, -170),
  tl75CheckInOn: plusDays(today, -185),
  tl150CheckInOn: plusDays(today, -110),
  cancellationRequestedOn: plusDays(today, -1),
  pastDueSince: plusDays(today, -20)
}

const org = fakeSalesforceOrg({
  org: "acme",
  accounts: [ADOPTING, TRAINING, TYPING, OUTAGE, FAILED, LEAVING],
  session: SESSION,
  records: {
    Adoption__c: [
      { Name: "Adoption Willow", Account__c: id18(ADOPTING), CreatedDate: `${plusDays(today, -30)}T17:00:00.000+0000` }
    ]
  }
})
const env = setupExtensionEnvironment({ routes: org.routes })

let signedIn = false
async function ready(): Promise<ExtensionEnvironment> {
  const current = env()
  if (!signedIn) {
    await addSessionCookie(current.ext.context, org.name, SESSION)
    // The CSM's initials sign case descriptions (MM/DD/YY_Initials:Action).
    const page = await current.ext.context.newPage()
    try {
      await page.goto(current.ext.extensionUrl("popup.html"))
      const saved = await page.evaluate(() =>
        chrome.runtime.sendMessage({ name: "profile.save", profile: { name: "Casey Morgan", initials: "CM" } })
      )
      expect(saved).toMatchObject({ ok: true })
    } finally {
      await page.close()
    }
    signedIn = true
  }
  return current
}

interface Shown {
  accountId: string
  stage: string
  apiState: string | null
  text: string
  steps: { key: string; status: string; due: string; checked: boolean }[]
}

function readPanel(page: Page): Promise<Shown | null> {
  return page.evaluate((hostId) => {
    const panel = document.getElementById(hostId)?.shadowRoot?.querySelector('[data-testid="sop-panel"]')
    if (!panel) return null
    return {
      accountId: panel.getAttribute("data-account-id") ?? "",
      stage: panel.getAttribute("data-stage") ?? "",
      apiState: panel.querySelector('[data-testid="api-status"]')?.getAttribute("data-state") ?? null,
      text: panel.textContent ?? "",
      steps: Array.from(panel.querySelectorAll<HTMLElement>("li[data-key][data-rule]")).map((li) => ({
        key: li.dataset.key ?? "",
        status: li.dataset.status ?? "",
        due: li.dataset.due ?? "",
        checked: li.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked ?? false
      }))
    }
  }, SALESFORCE_SHADOW_HOST_ID)
}

async function open(account: AccountFactsInput): Promise<Page> {
  const { ext } = await ready()
  const page = await ext.context.newPage()
  await page.goto(org.recordUrl(account.id))
  await expect
    .poll(async () => {
      const shown = await readPanel(page)
      return shown?.apiState === "ok" && shown.accountId
    }, WAIT)
    .toBe(id18(account))
  return page
}

const stepOf = async (page: Page, key: string) => (await readPanel(page))?.steps.find((s) => s.key === key)

/** The Task rows of an account in the org. */
const tasksOf = (account: AccountFactsInput) =>
  (org.data.rows.get("Task") ?? []).filter((row) => row.WhatId === id18(account)).map((row) => String(row.Subject))

/** Task creations the org received for an account. */
const taskPosts = (account: AccountFactsInput) =>
  org.writes.log.filter(
    (w) =>
      w.method === "POST" &&
      w.path === "/sobjects/Task" &&
      (w.body as { WhatId?: string } | undefined)?.WhatId === id18(account) &&
      w.status === 201
  )

describe("check-offs written back", () => {
  it("AD3 asks the date, moves the plan to adoption_90, writes the meeting date to the Adoption row and makes its Task; undone, takes both back", async () => {
    const page = await open(ADOPTING)
    try {
      expect((await readPanel(page))?.stage).toBe("adoption_30")
      await panelLocator(page, 'li[data-key="AD3"] input[type="checkbox"]').click()
      const when = panelLocator(page, 'li[data-key="AD3"] [data-testid="step-when"]')
      const date = when.getByLabel("When did it happen?")
      await expect(date.inputValue()).resolves.toBe(today)
      await expect(date.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).resolves.toBe(true)
      await when.getByRole("button", { name: "Check off" }).click()
      // The pointer rests on the step, which keeps its Undo (used below) however long the checks take.
      await panelLocator(page, 'li[data-key="AD3"]').hover()

      // The plan moves on at once: the 30-day meeting is held, its recap falls due today.
      await expect.poll(async () => (await readPanel(page))?.stage, WAIT).toBe("adoption_90")
      await expect.poll(async () => (await stepOf(page, "AD4"))?.due, WAIT).toBe(today)

      const row = org.data.rows.get("Adoption__c")?.find((r) => r.Account__c === id18(ADOPTING))
      await expect.poll(() => row?.X30_Day_Meeting_Date__c, WAIT).toBe(today)
      expect(org.writes.log).toContainEqual(
        expect.objectContaining({
          method: "PATCH",
          path: `/ui-api/records/${row?.Id}`,
          body: { fields: { X30_Day_Meeting_Date__c: today } }
        })
      )
      await expect.poll(() => tasksOf(ADOPTING), WAIT).toEqual([expect.stringMatching(/^\[SOP AD3\] Hold the/)])
      const [post] = taskPosts(ADOPTING)
      expect(post?.body).toMatchObject({ Status: "Completed", ActivityDate: today, OwnerId: "005xx000001SvPHAA0" })

      // Undone (the pointer stays on the step, so Undo stays): the Task goes and so does the date
      // it wrote, or Salesforce's date would check the step off again on the next read.
      await panelLocator(page, 'li[data-key="AD3"] [data-action="undo-step"]').click()
      await expect.poll(() => row?.X30_Day_Meeting_Date__c ?? null, WAIT).toBeNull()
      await expect.poll(() => tasksOf(ADOPTING), WAIT).toEqual([])
      await page.reload()
      await expect.poll(async () => (await readPanel(page))?.stage, WAIT).toBe("adoption_30")
      expect((await stepOf(page, "AD3"))?.status).not.toBe("done")
    } finally {
      await page.close()
    }
  })

  it("TR1#n checked off counts as training n held: its recap falls due that day", async () => {
    const page = await open(TRAINING)
    try {
      expect((await stepOf(page, "TR2#1"))?.due).toBe("")
      await panelLocator(page, 'li[data-key="TR1#1"] input[type="checkbox"]').click()
      await panelLocator(page, 'li[data-key="TR1#1"] [data-action="record-event"]').click()
      await expect.poll(async () => (await stepOf(page, "TR1#1"))?.status, WAIT).toBe("done")
      await expect.poll(async () => (await stepOf(page, "TR2#1"))?.due, WAIT).toBe(today)
      await expect.poll(() => tasksOf(TRAINING), WAIT).toEqual([expect.stringMatching(/^\[SOP TR1#1\] /)])
    } finally {
      await page.close()
    }
  })

  it("unchecking a step deletes its Task", async () => {
    const page = await open(TRAINING)
    try {
      const deletes = () => org.writes.log.filter((w) => w.method === "DELETE" && w.status === 204).length
      const before = deletes()
      const box = panelLocator(page, 'li[data-key="TR2#1"] input[type="checkbox"]')
      await box.click()
      await expect.poll(() => tasksOf(TRAINING).filter((s) => s.startsWith("[SOP TR2#1]")).length, WAIT).toBe(1)
      await panelLocator(page, 'li[data-key="TR2#1"] [data-action="undo-step"]').click()
      await expect.poll(() => tasksOf(TRAINING).filter((s) => s.startsWith("[SOP TR2#1]")).length, WAIT).toBe(0)
      expect(deletes()).toBe(before + 1)
    } finally {
      await page.close()
    }
  })
})

/** Types a date into the panel's "Sentiment survey sent" field, saves it, and answers the confirmation. */
async function typeSurveyDate(page: Page, date: string): Promise<void> {
  await panelLocator(page, "details.sop-form > summary").click()
  const form = panelLocator(page, 'form[data-fact="sentimentSurveySentOn"]')
  const input = form.locator('input[type="date"]')
  // Typed as a person types into Chromium's date field: month, day, year (focus starts at the month).
  const [year, month, day] = date.split("-")
  await input.pressSequentially(`${month}${day}${year}`)
  await expect(input.inputValue()).resolves.toBe(date)
  await form.getByRole("button", { name: "Save" }).click()
  const confirm = panelLocator(page, '[data-testid="write-confirm"]')
  await expect.poll(() => confirm.textContent(), WAIT).toContain("Sentiment_Survey_Sent_Date__c")
  await confirm.getByRole("button", { name: "Write to Salesforce" }).click()
}

const manualKept = (page: Page, fact: string) =>
  panelLocator(page, `.sop-fact[data-fact="${fact}"]`).getAttribute("data-source")

describe("facts typed in the panel", () => {
  it("are PATCHed to their mapped field after a confirmation naming the record and the field", async () => {
    const page = await open(TYPING)
    const date = plusDays(today, -3)
    try {
      await typeSurveyDate(page, date)
      const row = org.data.rows.get("Adoption__c")?.find((r) => r.Account__c === id18(TYPING))
      await expect.poll(() => row?.Sentiment_Survey_Sent_Date__c, WAIT).toBe(date)
      const patch = org.writes.log.find((w) => w.method === "PATCH" && w.path === `/ui-api/records/${row?.Id}`)
      expect(patch?.body).toEqual({ fields: { Sentiment_Survey_Sent_Date__c: date } })
    } finally {
      await page.close()
    }
  })

  it("a validation rule's refusal is shown in Salesforce's words; the local value stays", async () => {
    org.writes.validationRules.push({
      object: "Adoption__c",
      field: "Sentiment_Survey_Sent_Date__c",
      message: "Sentiment Survey Sent Date cannot be a weekend day.",
      refuses: () => true
    })
    const page = await open(TYPING)
    try {
      await typeSurveyDate(page, plusDays(today, -2))
      const refused = panelLocator(page, '[data-testid="write-refused"]')
      await expect
        .poll(() => refused.textContent(), WAIT)
        .toContain(
          "FIELD_CUSTOM_VALIDATION_EXCEPTION: Sentiment_Survey_Sent_Date__c: Sentiment Survey Sent Date cannot be a weekend day."
        )
      await expect(manualKept(page, "sentimentSurveySentOn")).resolves.toBe("manual")
      await refused.getByRole("button", { name: "Drop" }).click()
      await expect.poll(() => refused.count(), WAIT).toBe(0)
      await expect(manualKept(page, "sentimentSurveySentOn")).resolves.toBe("manual")
    } finally {
      org.writes.validationRules.length = 0
      await page.close()
    }
  })

  it("a record changed in Salesforce since it was read is not overwritten: the conflict is shown, the local value stays", async () => {
    const page = await open(TYPING)
    try {
      // Someone edits the Adoption row after the panel's read.
      const row = org.data.rows.get("Adoption__c")?.find((r) => r.Account__c === id18(TYPING))
      if (row) row.LastModifiedDate = new Date(Date.now() + 3_600_000).toISOString().replace("Z", "+0000")
      await typeSurveyDate(page, plusDays(today, -1))
      const refused = panelLocator(page, '[data-testid="write-refused"]')
      await expect.poll(() => refused.textContent(), WAIT).toContain("changed this record in Salesforce")
      expect(await refused.textContent()).toContain("ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE")
      expect(row?.Sentiment_Survey_Sent_Date__c).not.toBe(plusDays(today, -1))
      await expect(manualKept(page, "sentimentSurveySentOn")).resolves.toBe("manual")
    } finally {
      await page.close()
    }
  })
})

/** The extension's service worker as it runs now. */
async function currentWorker(ext: ExtensionEnvironment["ext"]): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${ext.extensionId}/`)
  return ext.context.serviceWorkers().find(isOurs) ?? ext.context.waitForEvent("serviceworker", { predicate: isOurs })
}

/** Stops the extension's service worker, as Chrome does with an idle one (DevTools protocol, as in resilience.e2e.ts). */
async function stopWorker(page: Page): Promise<void> {
  const { ext } = await ready()
  const worker = await currentWorker(ext)
  const cdp = await ext.context.newCDPSession(page)
  try {
    const { targetInfos } = await cdp.send("Target.getTargets")
    const target = targetInfos.find((t) => t.type === "service_worker" && t.url === worker.url())
    if (!target) throw new Error("the extension's service worker is not running")
    const { success } = await cdp.send("Target.closeTarget", { targetId: target.targetId })
    if (!success) throw new Error("the extension's service worker did not stop")
  } finally {
    await cdp.detach()
  }
}

describe("Salesforce down (503)", () => {
  it("check-offs wait, say so, and land exactly once when it is back, across a service-worker restart", async () => {
    const page = await open(OUTAGE)
    try {
      org.writes.outage(true)
      for (const key of ["AD1", "AD2"]) {
        await panelLocator(page, `li[data-key="${key}"] input[type="checkbox"]`).click()
        await expect.poll(async () => (await stepOf(page, key))?.checked, WAIT).toBe(true)
      }
      const waiting = panelLocator(page, '[data-testid="writes-waiting"]')
      await expect.poll(() => waiting.getAttribute("data-count"), WAIT).toBe("2")
      await expect.poll(() => waiting.textContent(), WAIT).toContain("Salesforce is busy or in maintenance")
      expect((await waiting.textContent()) ?? "").toContain("2 changes waiting for Salesforce")
      expect(taskPosts(OUTAGE)).toEqual([])

      // The worker stops while the changes wait; Salesforce comes back; a new worker takes over.
      await stopWorker(page)
      org.writes.outage(false)
      await page.reload()
      await expect.poll(async () => (await readPanel(page))?.accountId, WAIT).toBe(id18(OUTAGE))
      // The CSM says "Try now" (else the alarm would, 30 s after the last attempt).
      const tryNow = panelLocator(page, '[data-action="retry-writes"]')
      await expect
        .poll(async () => {
          if (tasksOf(OUTAGE).length === 2) return true
          if ((await tryNow.count()) > 0) await tryNow.click({ timeout: 2_000 }).catch(() => undefined)
          return false
        }, WAIT)
        .toBe(true)
      await expect
        .poll(() => tasksOf(OUTAGE).sort(), WAIT)
        .toEqual([expect.stringMatching(/^\[SOP AD1\] /), expect.stringMatching(/^\[SOP AD2\] /)])
      await expect.poll(() => panelLocator(page, '[data-testid="writes"]').count(), WAIT).toBe(0)
      // Exactly once each, whatever the attempts.
      const subjects = taskPosts(OUTAGE).map((w) => String((w.body as { Subject?: string }).Subject).slice(0, 9))
      expect(subjects.sort()).toEqual(["[SOP AD1]", "[SOP AD2]"])
      expect(
        (await readPanel(page))?.steps.filter((s) => ["AD1", "AD2"].includes(s.key)).map((s) => s.checked)
      ).toEqual([true, true])
    } finally {
      org.writes.outage(false)
      await page.close()
    }
  })
})

describe("the SOP's records, pre-filled in Salesforce's own New-record page", () => {
  /** The button's page, opened by a click; its `defaultFieldValues`, decoded pair by pair. */
  async function opened(page: Page, rule: string): Promise<{ url: URL; values: Record<string, string> }> {
    const { ext } = await ready()
    const button = panelLocator(page, `li[data-rule="${rule}"] [data-action="new-record"]`)
    const [tab] = await Promise.all([ext.context.waitForEvent("page"), button.click()])
    const url = new URL(tab.url())
    await tab.close()
    const raw = /[?&]defaultFieldValues=([^&]*)/.exec(url.search)?.[1] ?? ""
    const values = Object.fromEntries(
      raw.split(",").map((pair) => {
        const [field = "", value = ""] = pair.split("=")
        return [field, decodeURIComponent(value)]
      })
    )
    return { url, values }
  }
  const mmddyy = `${today.slice(5, 7)}/${today.slice(8, 10)}/${today.slice(2, 4)}`
  /** `MM/DD/YY_Initials:Action` (spec §7), dated today. */
  const descriptionFormat = new RegExp(`^${mmddyy.replace(/\//g, "\\/")}_[A-Z]*:\\S`)

  it("FO4 opens a Failed to OB case due 30 days after it is created", async () => {
    const page = await open(FAILED)
    try {
      const { url, values } = await opened(page, "FO4")
      expect(url.origin + url.pathname).toBe(`${org.lightningOrigin}/lightning/o/Case/new`)
      expect(values).toMatchObject({ AccountId: id18(FAILED), Type: "Failed to OB", Due_Date__c: plusDays(today, 30) })
      expect(values.Description).toMatch(descriptionFormat)
    } finally {
      await page.close()
    }
  })

  it("CX1, PD2 and UP2 open their case and opportunity: the subject names the account, the close date ends the quarter, each value URL-encoded", async () => {
    const page = await open(LEAVING)
    try {
      const cx1 = await opened(page, "CX1")
      expect(cx1.url.pathname).toBe("/lightning/o/Case/new")
      expect(cx1.values).toMatchObject({
        Subject: "Cancelation Request - Grand Hotels & Resorts, Ltd",
        Type: "Escalation"
      })
      expect(cx1.values.Description).toMatch(descriptionFormat)
      // Encoded: the "&" and "," of the name stay inside the value.
      expect(cx1.url.search).toContain("Subject=Cancelation%20Request%20-%20Grand%20Hotels%20%26%20Resorts%2C%20Ltd")

      const pd2 = await opened(page, "PD2")
      expect(pd2.values).toMatchObject({ Subject: "Past Due - Grand Hotels & Resorts, Ltd", Type: "Escalation" })

      const up2 = await opened(page, "UP2")
      expect(up2.url.pathname).toBe("/lightning/o/Opportunity/new")
      expect(up2.values).toMatchObject({
        AccountId: id18(LEAVING),
        StageName: "Prospect",
        LeadSource: "Customer Upsell",
        CloseDate: quarterEnd(today)
      })
    } finally {
      await page.close()
    }
  })
})
