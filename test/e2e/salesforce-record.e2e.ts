/**
 * Issue #11, "Salesforce is the record": the built extension in Chromium on a fake org shaped as
 * the SOPs describe. Facts live on related records (Onboarding__c, Adoption__c, Case, Contact,
 * Task), not on the Account; the panel, the plan and Gmail find them there.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { orgFactsOf } from "~/src/demo/salesforce-record"
import { plusDays, todayIn } from "~/src/domain/dates"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { fixture, route } from "~/tools/extension-harness"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { SALESFORCE_SHADOW_HOST_ID, setupExtensionEnvironment } from "./harness"

/** The Gmail compose panel's shadow host (as in gmail.e2e.ts). */
const GMAIL_HOST_ID = "sop-pilot-gmail"

const SESSION = "00Dxx0000001gEREAY!e2e.record.5e55"
const WAIT = { timeout: 20_000 }
const ZONE = "America/Los_Angeles"
const today = todayIn(ZONE)
const id18 = (account: AccountFactsInput) => toId18(account.id) as string

/** Deep in adoption: every onboarding and adoption date lives only on its Onboarding__c / Adoption__c rows. */
const GRAND: AccountFactsInput = {
  id: "001Hs00002RecGr",
  name: "Grand Hotels & Resorts Ltd",
  products: ["learning"],
  mrr: 1500,
  users: 90,
  serviceLevel: "standard",
  assignedOn: plusDays(today, -70),
  onboardingCallScheduledFor: plusDays(today, -66),
  onboardingCallCompletedOn: plusDays(today, -66),
  lmsSetupCompletedOn: plusDays(today, -60),
  onboardingCompletedOn: plusDays(today, -32),
  adoption30MeetingOn: plusDays(today, -2),
  contactEmails: ["owner@grandhotels.example"]
}
/** Failed to onboard: unresponsive (on its Onboarding__c), and a "Failed to OB" case created late one evening. */
const CASE_DAY = plusDays(today, -10)
const FAILED: AccountFactsInput = {
  id: "001Hs00002RecFo",
  name: "Quiet Pines Clinic",
  products: ["compliance"],
  mrr: 400,
  users: 20,
  assignedOn: plusDays(today, -60),
  unresponsiveSince: plusDays(today, -40)
}

const org = fakeSalesforceOrg({
  org: "acme",
  accounts: [GRAND, FAILED],
  session: SESSION,
  records: {
    Case: [
      {
        AccountId: toId18(FAILED.id),
        Type: "Failed to OB",
        Subject: "Failed to OB: Quiet Pines Clinic",
        Status: "New",
        IsClosed: false,
        // 19:30 in Los Angeles on CASE_DAY is 03:30 the next day in UTC.
        CreatedDate: `${plusDays(CASE_DAY, 1)}T03:30:00.000+0000`
      }
    ],
    Task: [
      {
        Subject: "[SOP AD4] Send the 30-day recap",
        Status: "Completed",
        WhatId: toId18(GRAND.id),
        CreatedDate: `${today}T01:00:00.000+0000`
      }
    ]
  }
})
const env = setupExtensionEnvironment({
  routes: [
    ...org.routes,
    route("GET", /^\/mail\/u\/\d+\/$/, () => fixture("gmail/2026-11-25-inbox-no-compose.html"), { host: "gmail" })
  ]
})

let prepared: Promise<void> | undefined
/** Signed in to the org, the profile in Los Angeles time. */
function ready() {
  const environment = env()
  prepared ??= (async () => {
    await addSessionCookie(environment.ext.context, org.name, SESSION)
    const page = await environment.ext.context.newPage()
    try {
      await page.goto(environment.ext.extensionUrl("popup.html"))
      const saved = await page.evaluate(
        (timeZone) => chrome.runtime.sendMessage({ name: "profile.save", profile: { timeZone } }),
        ZONE
      )
      expect(saved).toMatchObject({ ok: true })
    } finally {
      await page.close()
    }
  })()
  return prepared.then(() => environment)
}

interface Shown {
  accountId: string | null
  stage: string | null
  apiState: string | null
  text: string
  steps: { key: string; status: string; due: string; checked: boolean }[]
}

function readPanel(page: Page): Promise<Shown | null> {
  return page.evaluate((hostId) => {
    const panel = document.getElementById(hostId)?.shadowRoot?.querySelector('[data-testid="sop-panel"]')
    if (!panel) return null
    return {
      accountId: panel.getAttribute("data-account-id"),
      stage: panel.getAttribute("data-stage"),
      apiState: panel.querySelector('[data-testid="api-status"]')?.getAttribute("data-state") ?? null,
      text: panel.textContent ?? "",
      steps: Array.from(panel.querySelectorAll("[data-key][data-rule]")).map((el) => ({
        key: el.getAttribute("data-key") ?? "",
        status: el.getAttribute("data-status") ?? "",
        due: el.getAttribute("data-due") ?? "",
        checked: el.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked ?? false
      }))
    }
  }, SALESFORCE_SHADOW_HOST_ID)
}

async function openPanel(account: AccountFactsInput) {
  const { ext } = await ready()
  const page = await ext.context.newPage()
  await page.goto(org.recordUrl(account.id))
  await expect.poll(() => readPanel(page), WAIT).toMatchObject({ accountId: id18(account), apiState: "ok" })
  return { page, panel: (await readPanel(page)) as Shown }
}

const planOf = (facts: Record<string, unknown>) => buildPlan(AccountFacts.parse(facts), DEFAULT_SETTINGS, today)

describe("Salesforce is the record", () => {
  it("plans from the Onboarding__c / Adoption__c rows, and an [SOP AD4] task in the org shows AD4 done", async () => {
    const { page, panel } = await openPanel(GRAND)
    try {
      const plan = planOf({ id: GRAND.id, ...orgFactsOf(GRAND), done: ["AD4"] })
      expect(plan.stage).not.toBe("onboarding")
      expect(panel.stage).toBe(plan.stage)
      // The UI API's escaped "&amp;" is decoded once, and shown as text.
      expect(panel.text).toContain("Grand Hotels & Resorts Ltd")
      expect(panel.text).not.toContain("&amp;")
      const shown = Object.fromEntries(panel.steps.map((s) => [s.key, { status: s.status, due: s.due }]))
      for (const step of plan.steps)
        expect(shown[step.key], step.key).toEqual({ status: step.status, due: step.due ?? "" })
      expect(panel.steps.map((s) => s.key).sort()).toEqual(plan.steps.map((s) => s.key).sort())
      // Without the org's task, AD4 (the 30-day recap, due on the meeting two days ago) would be
      // overdue; with it, AD4 is done (a done wrap-up of a past stage leaves the checklist).
      const without = planOf({ id: GRAND.id, ...orgFactsOf(GRAND) })
      expect(without.steps.find((s) => s.key === "AD4")?.status).toBe("overdue")
      const ad4 = panel.steps.find((s) => s.key === "AD4")
      if (ad4) expect(ad4).toMatchObject({ status: "done", checked: true })
      expect(panel.steps.filter((s) => s.status === "overdue").map((s) => s.key)).not.toContain("AD4")
    } finally {
      await page.close()
    }
  })

  it("dates FO5 and FO6 from the CSM's local day of a Failed to OB case created late in the evening", async () => {
    const { page, panel } = await openPanel(FAILED)
    try {
      const local = planOf({ id: FAILED.id, ...orgFactsOf(FAILED), failedToOnboardCaseOpenedOn: CASE_DAY })
      const utc = planOf({ id: FAILED.id, ...orgFactsOf(FAILED), failedToOnboardCaseOpenedOn: plusDays(CASE_DAY, 1) })
      const fo6 = local.steps.find((s) => s.key === "FO6")
      expect(fo6?.due).toBe(plusDays(CASE_DAY, 30))
      expect(utc.steps.find((s) => s.key === "FO6")?.due).not.toBe(fo6?.due)
      expect(panel.stage).toBe(local.stage)
      expect(panel.steps.find((s) => s.key === "FO6")?.due).toBe(fo6?.due)
      const fo5 = panel.steps.filter((s) => s.key.startsWith("FO5"))
      expect(fo5.length).toBeGreaterThan(0)
      expect(fo5.map((s) => s.due)).toEqual(local.steps.filter((s) => s.key.startsWith("FO5")).map((s) => s.due ?? ""))
      // FO4 ("create the Failed to OB case") is done: the org has the case.
      expect(panel.steps.find((s) => s.key === "FO4")?.status).toBe("done")
    } finally {
      await page.close()
    }
  })

  it("matches a Gmail recipient to the account by a Contact that exists only in the org", async () => {
    const { ext } = await ready()
    // The panel's read cached the account, its contacts' emails included.
    const { page } = await openPanel(GRAND)
    await page.close()
    const gmail = await ext.context.newPage()
    try {
      await gmail.goto("https://mail.google.com/mail/u/0/#inbox")
      await gmail.locator(`#${GMAIL_HOST_ID}`).waitFor({ state: "attached", ...WAIT })
      await gmail.locator("[gh=cm]").click()
      await gmail.evaluate(() => {
        const dialog = document.querySelector(".dw [role=dialog]")
        ;(
          window as unknown as { fixtureGmail: { addRecipient(d: Element | null, n: string, e: string): void } }
        ).fixtureGmail.addRecipient(dialog, "Hotel Owner", "owner@grandhotels.example")
      })
      await expect
        .poll(
          () =>
            gmail.evaluate(
              (hostId) =>
                document.getElementById(hostId)?.shadowRoot?.querySelector<HTMLElement>('[data-testid="compose-panel"]')
                  ?.dataset.accountId ?? "",
              GMAIL_HOST_ID
            ),
          WAIT
        )
        .toBe(id18(GRAND))
    } finally {
      await gmail.close()
    }
  })
})
