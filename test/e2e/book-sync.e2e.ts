/**
 * Issue #11, the whole book of business: 1,000 Accounts whose CSM is the signed-in user, read
 * from the fake org by "Refresh from Salesforce" in the popup, within the request budget, with
 * progress; listed (never-opened ones included) with their overdue counts, badged, and kept with
 * its age when Salesforce cannot be reached.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { todayIn } from "~/src/domain/dates"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { openAccountOnce, setupExtensionEnvironment } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.book.5e55"
const WAIT = { timeout: 30_000 }
const today = todayIn()
const templates = demoBook(today)
const BOOK: AccountFactsInput[] = Array.from({ length: 1000 }, (_, i) => {
  const template = templates[i % templates.length] as AccountFactsInput
  return { ...template, id: `001Hs00004B${String(i).padStart(4, "0")}`, name: `${template.name} #${i + 1}` }
})
/** Someone else's account in the same org: not in this CSM's book. */
const OTHERS: AccountFactsInput = { id: "001Hs00004Zothr", name: "Not My Account", assignedOn: today }
const OTHER_USER = "005xx000002OthrAAA"

const org = fakeSalesforceOrg({
  org: "acme",
  accounts: [...BOOK, OTHERS],
  session: SESSION,
  csmOf: (account) => (account === OTHERS ? OTHER_USER : "005xx000001SvPHAA0")
})
const env = setupExtensionEnvironment({ routes: org.routes })
const id18 = (account: AccountFactsInput) => toId18(account.id) as string

async function openPopup(): Promise<Page> {
  const { ext } = env()
  const page = await ext.context.newPage()
  await page.goto(ext.extensionUrl("popup.html"))
  await page.locator('[data-testid="book-sync"]').waitFor(WAIT)
  return page
}

const syncState = (page: Page) => page.locator('[data-testid="book-sync"]').getAttribute("data-state")

describe("the whole book of business from Salesforce", () => {
  it("reads 1,000 accounts in at most 15 requests, with progress, and lists every one with its overdue count", async () => {
    const { ext } = env()
    await addSessionCookie(ext.context, org.name, SESSION)
    // The CSM opens one account once: SOP Pilot learns the org.
    const first = BOOK[0] as AccountFactsInput
    await openAccountOnce(ext, org.recordUrl(first.id))

    const popup = await openPopup()
    try {
      // Every progress push the popup receives.
      await popup.evaluate(() => {
        const seen: unknown[] = []
        ;(window as unknown as { __progress: unknown[] }).__progress = seen
        chrome.runtime.onMessage.addListener((message: { name?: string; sync?: unknown }) => {
          if (message.name === "book.progress") seen.push(message.sync)
          return false
        })
      })
      const before = org.apiCalls.length
      await popup.getByRole("button", { name: "Refresh from Salesforce" }).click()
      await expect.poll(() => syncState(popup), WAIT).toBe("ok")
      const requests = org.apiCalls.length - before
      expect(requests).toBeGreaterThan(0)
      expect(requests).toBeLessThanOrEqual(15)
      const progress = (await popup.evaluate(() => (window as unknown as { __progress: unknown[] }).__progress)) as {
        state: string
        done: number
        total: number
      }[]
      expect(progress.some((p) => p.state === "syncing" && p.total === 1000 && p.done > 0 && p.done < 1000)).toBe(true)
      await expect
        .poll(() => popup.locator('[data-testid="book-sync"] [role="status"]').textContent(), WAIT)
        .toContain("1,000 accounts from Salesforce")

      // Every account of the book, none of another CSM's.
      await expect.poll(() => popup.locator('[data-testid="book-count"]').textContent(), WAIT).toBe("1000")
      const search = popup.locator('[data-filter="query"]')
      const never = BOOK[537] as AccountFactsInput
      await search.pressSequentially(never.name)
      const row = popup.locator(`li[data-account-id="${id18(never)}"]`)
      await row.waitFor(WAIT)
      const expected = buildPlan(AccountFacts.parse({ id: never.id, ...orgFactsOf(never) }), DEFAULT_SETTINGS, today)
      const overdue = expected.steps.filter((s) => s.role === "csm" && s.status === "overdue").length
      expect(await row.getAttribute("data-overdue")).toBe(String(overdue))
      await search.press("ControlOrMeta+a")
      await search.press("Backspace")
      await search.pressSequentially("Not My Account")
      await expect.poll(() => popup.locator("li[data-account-id]").count(), WAIT).toBe(0)

      // The badge counts the whole book.
      const total = await popup.locator('[data-testid="total-overdue"]').getAttribute("data-count")
      expect(Number(total)).toBeGreaterThan(0)
      await expect.poll(() => popup.evaluate(() => chrome.action.getBadgeText({})), WAIT).toBe(total)
    } finally {
      await popup.close()
    }
  })

  it("keeps the cached book when Salesforce cannot be read, and says since when", async () => {
    org.expireSession()
    const popup = await openPopup()
    try {
      await popup.getByRole("button", { name: "Refresh from Salesforce" }).click()
      await expect.poll(() => syncState(popup), WAIT).toBe("failed")
      const text = await popup.locator('[data-testid="book-sync"] [role="status"]').textContent()
      expect(text).toMatch(/session has expired/)
      expect(text).toContain("Showing your accounts as of")
      expect(await popup.locator('[data-testid="book-count"]').textContent()).toBe("1000")
    } finally {
      org.setSession(SESSION)
      await popup.close()
    }
  })
})
