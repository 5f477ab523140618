/**
 * Issue #16, done when: "The 42-step account fits its running-situation steps and the next three
 * stage steps in the first 900 px." The built extension in Chromium, on the fake org, measured
 * with element boxes at 1440×900 and 1024×700: each of those rows lies within the first 900 px
 * of the panel's scroll content (its top is 0). The panel's full height is logged for the report.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { orgFactsOf } from "~/src/demo/salesforce-record"
import { plusDays, todayIn } from "~/src/domain/dates"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { situationOfRule } from "~/src/domain/playbook/rule-situations"
import { PRESSING_SITUATIONS } from "~/src/ui/salesforce/step-rows"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { panelLocator, setupExtensionEnvironment } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.d3ns1ty.4b1e"
const WAIT = { timeout: 20_000 }
const today = todayIn()
const ago = (days: number) => plusDays(today, -days)

/**
 * In training (six sessions to plan), gone quiet three days ago (FO1 day 4 of 10 today), past due
 * for 16 days and asking to cancel today: three situations at once, 40-odd steps.
 */
const BUSY: AccountFactsInput = {
  id: "001Hs00002DENSE",
  name: "Northwind Family Health",
  products: ["learning", "compliance", "credentialing_software"],
  mrr: 1500,
  users: 90,
  serviceLevel: "standard",
  assignedOn: ago(20),
  onboardingCallScheduledFor: ago(12),
  onboardingCallCompletedOn: ago(12),
  unresponsiveSince: ago(3),
  cancellationRequestedOn: today,
  pastDueSince: ago(16)
}
const org = fakeSalesforceOrg({ org: "acme", accounts: [BUSY], session: SESSION })
const env = setupExtensionEnvironment({ routes: org.routes })
const plan = buildPlan(AccountFacts.parse({ id: BUSY.id, ...orgFactsOf(BUSY) }), DEFAULT_SETTINGS, today)

/** Where each visible step row lies, in px from the top of the panel's scroll content. */
async function rowsFromTop(page: Page) {
  const content = panelLocator(page, ".sop-content")
  const top = (await content.boundingBox())?.y ?? Number.NaN
  const rows = panelLocator(page, "li[data-key][data-rule]:not([hidden])")
  const out: { key: string; group: string; top: number; bottom: number }[] = []
  for (const row of await rows.all()) {
    const box = await row.boundingBox()
    if (!box) continue
    const group = await row.evaluate((el) => {
      const section = el.closest<HTMLElement>("[data-group]")
      return section?.dataset.group === "situation" ? "situation" : (section?.dataset.group ?? "")
    })
    out.push({
      key: (await row.getAttribute("data-key")) ?? "",
      group,
      top: box.y - top,
      bottom: box.y + box.height - top
    })
  }
  const scrollHeight = await content.evaluate((el) => el.scrollHeight)
  return { rows: out, scrollHeight }
}

describe("a calm panel: the busy account's first 900 px (issue 16, item 6)", () => {
  it("is the 42-step account: three running situations alongside its stage", () => {
    expect(plan.steps.length).toBeGreaterThanOrEqual(40)
    expect(plan.situations).toEqual(expect.arrayContaining(["failed_to_onboard", "cancellation", "past_due"]))
  })

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 }
  ]) {
    it(`at ${viewport.width}×${viewport.height}, shows every running-situation step and the next three stage steps in the first 900 px`, async () => {
      const { ext } = env()
      await addSessionCookie(ext.context, org.name, SESSION)
      const page = await ext.context.newPage()
      try {
        await page.setViewportSize(viewport)
        await page.goto(org.recordUrl(BUSY.id))
        await expect
          .poll(() => panelLocator(page, '[data-testid="api-status"]').getAttribute("data-state"), WAIT)
          .toBe("ok")
        expect(await panelLocator(page).getAttribute("data-account-id")).toBe(toId18(BUSY.id))
        // Every step of the plan is in the panel (a series' other days folded under its row).
        await expect.poll(() => panelLocator(page, "li[data-key][data-rule]").count(), WAIT).toBe(plan.steps.length)

        const { rows, scrollHeight } = await rowsFromTop(page)
        const situationRows = rows.filter((row) => row.group === "situation")
        const stageRows = rows.filter((row) => row.group !== "situation" && row.group !== "team_lead")
        // The situation rows come first, and stand for every open CSM step of the situations.
        const pressing = plan.steps.filter((s) => {
          const situation = situationOfRule(s.rule)
          return (
            s.status !== "done" &&
            s.role === "csm" &&
            situation !== undefined &&
            PRESSING_SITUATIONS.includes(situation) &&
            plan.situations.includes(situation)
          )
        })
        expect(new Set(situationRows.map((row) => row.key.split("#")[0]))).toEqual(new Set(pressing.map((s) => s.rule)))
        expect(situationRows.length).toBeGreaterThan(0)
        expect(Math.max(...situationRows.map((row) => row.bottom))).toBeLessThanOrEqual(
          Math.min(...stageRows.map((row) => row.top))
        )
        const firstStage = stageRows.slice(0, 3)
        expect(firstStage).toHaveLength(3)
        for (const row of [...situationRows, ...firstStage]) {
          expect(row.bottom, `${row.key} ends ${Math.round(row.bottom)} px down`).toBeLessThanOrEqual(900)
        }
        // The figure for the report: the whole panel, then and now (7,400 px before issue 16).
        console.log(
          `panel-density ${viewport.width}x${viewport.height}: ${plan.steps.length} steps, ${rows.length} rows shown, ` +
            `scroll content ${scrollHeight} px; third stage step ends at ${Math.round(firstStage[2]?.bottom ?? 0)} px`
        )
      } finally {
        await page.close()
      }
    })
  }

  it("opens a step's why and how, and a series' other days, by keyboard", async () => {
    const { ext } = env()
    await addSessionCookie(ext.context, org.name, SESSION)
    const page = await ext.context.newPage()
    try {
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.goto(org.recordUrl(BUSY.id))
      const fo1 = plan.steps.find((s) => s.rule === "FO1" && s.status !== "done")
      if (!fo1) throw new Error("no open FO1 day")
      const row = panelLocator(page, `li[data-key="${fo1.key}"]`)
      const more = row.locator('[data-action="step-details"]')
      await more.waitFor(WAIT)
      await more.focus()
      await page.keyboard.press("Enter")
      await expect.poll(() => more.getAttribute("aria-expanded"), WAIT).toBe("true")
      await expect.poll(() => row.locator(".sop-why").isVisible(), WAIT).toBe(true)
      // A visible focus ring on the button.
      const ring = await more.evaluate((el) => {
        const style = getComputedStyle(el)
        return { focusVisible: el.matches(":focus-visible"), outline: style.outlineStyle, shadow: style.boxShadow }
      })
      expect(ring.focusVisible).toBe(true)
      expect(ring.outline !== "none" || ring.shadow !== "none").toBe(true)

      const series = row.locator('[data-action="show-occurrences"]')
      await series.focus()
      await page.keyboard.press("Space")
      await expect.poll(() => series.getAttribute("aria-expanded"), WAIT).toBe("true")
      const next = plan.steps.filter((s) => s.rule === "FO1" && s.key !== fo1.key).at(-1)
      await expect.poll(() => panelLocator(page, `li[data-key="${next?.key}"]`).isVisible(), WAIT).toBe(true)
    } finally {
      await page.close()
    }
  })
})
