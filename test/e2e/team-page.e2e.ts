/**
 * Issue #13, done when: signed in as a Team Lead with three direct reports (User rows whose
 * `ManagerId` is the lead, tools/salesforce-team.ts), the team page lists the three CSMs with the
 * overdue counts the engine gives for their accounts; a `[SOP …]` Task one CSM makes in the org
 * moves her count after a refresh; the lead's queue lists a TL1 check-in due for a report's
 * account; the CSV export, parsed back, has one row per account. The page works by keyboard
 * and fits a 1024 × 700 window.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { todayIn } from "~/src/domain/dates"
import { parseCsv } from "~/src/domain/csv"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { TEAM_CSV_HEADER } from "~/src/domain/team"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"
import { addSopTask, OTHER_CSM, TEAM_CSMS, teamOrg } from "~/tools/salesforce-team"

import { collectPageErrors, openAccountOnce, setupExtensionEnvironment } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.team.5e55"
const WAIT = { timeout: 30_000 }
const today = todayIn()
const team = teamOrg(demoBook(today))
const org = fakeSalesforceOrg({ org: "acme", session: SESSION, ...team.options })
const env = setupExtensionEnvironment({ routes: org.routes })
const id18 = (account: AccountFactsInput) => toId18(account.id) as string
const TEAM_ACCOUNTS = team.accounts.filter((a) => team.csmOf(a) !== OTHER_CSM.Id)

/** What the engine gives for an account, from the facts the org holds (and steps done by Tasks). */
const planOf = (account: AccountFactsInput, done: string[] = []) =>
  buildPlan(AccountFacts.parse({ id: account.id, ...orgFactsOf(account), done }), DEFAULT_SETTINGS, today)
const overdueOf = (account: AccountFactsInput, done: string[] = []) =>
  planOf(account, done).steps.filter((s) => s.role === "csm" && s.status === "overdue").length

async function openTeamPage(): Promise<Page> {
  const { ext } = env()
  const page = await ext.context.newPage()
  await page.setViewportSize({ width: 1024, height: 700 })
  await page.goto(ext.extensionUrl("tabs/team.html"))
  return page
}

const syncState = (page: Page) => page.getByTestId("team-sync").getAttribute("data-state")
const csmOverdue = (page: Page, csmId: string) =>
  page.locator(`[data-testid="csm-table"] tr[data-csm-id="${csmId}"]`).getAttribute("data-overdue")

let signedIn = false
async function signIn(): Promise<void> {
  if (signedIn) return
  const { ext } = env()
  await addSessionCookie(ext.context, org.name, SESSION)
  // The lead opens one account once: SOP Pilot learns the org.
  await openAccountOnce(ext, org.recordUrl((TEAM_ACCOUNTS[0] as AccountFactsInput).id))
  signedIn = true
}

describe("the Team Lead's page", () => {
  it("lists the three CSMs with the engine's overdue counts; a CSM's Task moves her count after a refresh", async () => {
    await signIn()
    const page = await openTeamPage()
    const log = collectPageErrors(page)
    try {
      // Never read before: the page reads the team as it opens.
      await expect.poll(() => syncState(page), WAIT).toBe("ok")
      const rows = page.locator('[data-testid="csm-table"] tbody tr')
      expect(await rows.count()).toBe(3)
      for (const csm of TEAM_CSMS) {
        const mine = TEAM_ACCOUNTS.filter((a) => team.csmOf(a) === csm.Id)
        const expected = mine.reduce((sum, a) => sum + overdueOf(a), 0)
        expect(await csmOverdue(page, csm.Id), csm.Name).toBe(String(expected))
        const row = page.locator(`tr[data-csm-id="${csm.Id}"]`)
        expect(await row.getAttribute("data-accounts")).toBe(String(mine.length))
        expect(await row.locator("th").textContent()).toBe(csm.Name)
      }
      // The other team's CSM and accounts are not here.
      expect(await page.locator(`tr[data-csm-id="${OTHER_CSM.Id}"]`).count()).toBe(0)
      expect(await page.getByRole("status").textContent()).toContain(`${TEAM_ACCOUNTS.length} accounts of 3 CSMs`)

      // One CSM checks a step off in Salesforce: a `[SOP <key>]` Task on her account.
      const behind = TEAM_ACCOUNTS.find((a) => overdueOf(a) > 0) as AccountFactsInput
      const csmId = team.csmOf(behind)
      const step = planOf(behind).steps.find((s) => s.role === "csm" && s.status === "overdue")
      if (!step) throw new Error("no overdue step")
      const before = Number(await csmOverdue(page, csmId))
      addSopTask(org.data, { accountId: behind.id, key: step.key, ownerId: csmId, on: today })
      await page.getByRole("button", { name: "Refresh from Salesforce" }).click()
      await expect.poll(async () => Number(await csmOverdue(page, csmId)), WAIT).toBe(before - 1)
      expect(overdueOf(behind, [step.key])).toBe(overdueOf(behind) - 1)
      expect(log.errors).toEqual([])
    } finally {
      log.detach()
      await page.close()
    }
  })

  it("the lead's queue lists a TL1 check-in due for a report's account; drill down to it and its record", async () => {
    await signIn()
    const page = await openTeamPage()
    try {
      await expect.poll(() => syncState(page), WAIT).toBe("ok")
      const foothill = TEAM_ACCOUNTS.find((a) => a.name === "Foothill Pediatrics") as AccountFactsInput
      const tl1 = planOf(foothill).steps.find((s) => s.rule === "TL1")
      expect(tl1?.status).toMatch(/^(overdue|due)$/)
      const item = page.locator(`[data-testid="lead-queue"] li[data-rule="TL1"][data-account-id="${id18(foothill)}"]`)
      await item.waitFor(WAIT)
      const csm = TEAM_CSMS.find((c) => c.Id === team.csmOf(foothill))
      expect(await item.textContent()).toContain(csm?.Name ?? "?")
      expect(await item.textContent()).toContain("Foothill Pediatrics")
      // Every item is a Team Lead step.
      const rules = await page
        .locator('[data-testid="lead-queue"] li[data-rule]')
        .evaluateAll((items) => items.map((li) => li.getAttribute("data-rule")))
      expect(rules.every((r) => ["TL1", "TL2", "CX3", "CX4", "CX5", "FO6"].includes(r ?? ""))).toBe(true)
      // CX3 and CX4 have no date: while a report's account asks to cancel, they are due now.
      const cancelling = TEAM_ACCOUNTS.find((a) => orgFactsOf(a).cancellationRequestedOn !== undefined)
      if (cancelling) {
        const cx3 = page.locator(
          `[data-testid="lead-queue"] li[data-rule="CX3"][data-account-id="${id18(cancelling)}"]`
        )
        await cx3.waitFor(WAIT)
        expect(await cx3.getAttribute("data-status")).toBe("due")
        expect(await cx3.textContent()).toContain("Due now")
      }

      // Drill down: the CSM, then the account, with its Lightning record.
      await page.locator(`tr[data-csm-id="${csm?.Id}"] th button`).click()
      const accounts = page.locator('[data-testid="account-table"] tbody tr')
      await accounts.first().waitFor(WAIT)
      expect(await accounts.count()).toBe(TEAM_ACCOUNTS.filter((a) => team.csmOf(a) === csm?.Id).length)
      await page.locator(`[data-testid="account-table"] tr[data-account-id="${id18(foothill)}"] th button`).click()
      const detail = page.getByTestId("team-account")
      await detail.waitFor(WAIT)
      expect(await detail.getByRole("link", { name: "Open in Salesforce" }).getAttribute("href")).toBe(
        org.recordUrl(foothill.id)
      )
      expect(await detail.locator('li[data-rule="TL1"]').count()).toBe(1)
      await page.getByRole("navigation", { name: "Where you are" }).getByRole("button", { name: "Team" }).click()
      await page.getByTestId("csm-table").waitFor(WAIT)
    } finally {
      await page.close()
    }
  })

  it("exports the view as CSV: one row per account, read back; a filter narrows both", async () => {
    await signIn()
    const page = await openTeamPage()
    try {
      await expect.poll(() => syncState(page), WAIT).toBe("ok")
      const csv = async () => {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Export CSV" }).click()
        ])
        expect(download.suggestedFilename()).toMatch(/^sop-pilot-team-\d{4}-\d{2}-\d{2}\.csv$/)
        const chunks: Buffer[] = []
        for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
        return parseCsv(
          Buffer.concat(chunks)
            .toString("utf8")
            .replace(/^\uFEFF/, "")
        )
      }
      const all = await csv()
      expect(all[0]).toEqual([...TEAM_CSV_HEADER])
      expect(all).toHaveLength(TEAM_ACCOUNTS.length + 1)
      expect(
        all
          .slice(1)
          .map((row) => row[1])
          .sort()
      ).toEqual(TEAM_ACCOUNTS.map(id18).sort())
      for (const account of TEAM_ACCOUNTS) {
        const row = all.find((r) => r[1] === id18(account))
        expect(row?.[0]).toBe(account.name)
        expect(row?.[2]).toBe(TEAM_CSMS.find((c) => c.Id === team.csmOf(account))?.Name)
      }

      // Past due only: the counts, the table and the file follow.
      await page.getByLabel("Situation", { exact: true }).selectOption("past_due")
      const pastDue = TEAM_ACCOUNTS.filter((a) => planOf(a).situations.includes("past_due"))
      await expect
        .poll(() => page.getByTestId("count-past_due").getAttribute("data-count"), WAIT)
        .toBe(String(pastDue.length))
      expect(await page.getByTestId("count-at_risk").getAttribute("data-count")).toBe(
        String(pastDue.filter((a) => planOf(a).situations.includes("at_risk")).length)
      )
      const filtered = await csv()
      expect(
        filtered
          .slice(1)
          .map((row) => row[1])
          .sort()
      ).toEqual(pastDue.map(id18).sort())
    } finally {
      await page.close()
    }
  })

  it("works by keyboard, with visible focus, and fits 1024 × 700", async () => {
    await signIn()
    const page = await openTeamPage()
    try {
      await expect.poll(() => syncState(page), WAIT).toBe("ok")
      const overdueHeader = page.locator('th:has(button[data-sort="overdue"])')
      expect(await overdueHeader.getAttribute("aria-sort")).toBe("descending")
      // Tab to the "Steps overdue" column's sort button and press Enter.
      let focused = ""
      for (let i = 0; i < 20 && focused !== "overdue"; i++) {
        await page.keyboard.press("Tab")
        focused = await page.evaluate(() => document.activeElement?.getAttribute("data-sort") ?? "")
      }
      expect(focused).toBe("overdue")
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).boxShadow)
      expect(ring).not.toBe("none")
      await page.keyboard.press("Enter")
      await expect.poll(() => overdueHeader.getAttribute("aria-sort"), WAIT).toBe("ascending")
      const counts = await page
        .locator('[data-testid="csm-table"] tbody tr')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-overdue"))))
      expect(counts).toEqual([...counts].sort((a, b) => a - b))
      // Every control has a name.
      for (const select of await page.locator("select").all())
        expect(await select.evaluate((el) => (el as HTMLSelectElement).labels?.[0]?.textContent ?? "")).not.toBe("")

      // Layout: nothing wider than the window, the table and the queue side by side, apart.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024)
      const table = await page.getByTestId("csm-table").boundingBox()
      const queue = await page.getByTestId("lead-queue").boundingBox()
      const header = await page.locator(".sop-team-header").boundingBox()
      if (!table || !queue || !header) throw new Error("not laid out")
      expect(table.x).toBeGreaterThanOrEqual(0)
      expect(queue.x + queue.width).toBeLessThanOrEqual(1024)
      expect(table.x + table.width).toBeLessThanOrEqual(queue.x)
      expect(table.y).toBeGreaterThanOrEqual(header.y + header.height)
      expect(table.y).toBeLessThan(700)
      for (const button of await page.locator("button").all()) {
        const box = await button.boundingBox()
        if (box) expect(box.height).toBeGreaterThanOrEqual(16)
      }
    } finally {
      await page.close()
    }
  })
})
