/**
 * Issue #13, done when: changing the survey threshold on the options page shows the accounts
 * that gain AD9 before anything is saved; Cancel changes nothing (the settings export and the
 * stored settings are the same bytes as before); Save changes exactly the plans the preview
 * named. On the fake org's book, read by "Refresh from Salesforce", with two accounts between
 * $800 and $1,000 MRR in the 90-day stage (AD9 is theirs from $800) and one at $900 still
 * onboarding (no AD9 yet at any threshold).
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { todayIn } from "~/src/domain/dates"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS, TeamSettings } from "~/src/domain/settings"
import { settingsImpact } from "~/src/domain/settings-impact"
import { STORAGE_KEYS } from "~/src/messages/storage-keys"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { collectPageErrors, openAccountOnce, setupExtensionEnvironment } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.impact.5e55"
const WAIT = { timeout: 30_000 }
const today = todayIn()
const demo = demoBook(today)
const byName = (name: string): AccountFactsInput => {
  const found = demo.find((account) => account.name === name)
  if (!found) throw new Error(`no demo account named ${name}`)
  return found
}
/** 90-day stage, below the survey threshold until it drops to $800. */
const NORTH: AccountFactsInput = {
  ...byName("Foothill Pediatrics"),
  id: "001Hs00005ImpN1",
  name: "Foothill Pediatrics North",
  mrr: 900
}
const EAST: AccountFactsInput = {
  ...byName("Keystone Imaging"),
  id: "001Hs00005ImpE1",
  name: "Keystone Imaging East",
  mrr: 850
}
const BOOK = [...demo, NORTH, EAST]
const id18 = (account: AccountFactsInput) => toId18(account.id) as string

const org = fakeSalesforceOrg({ org: "acme", accounts: BOOK, session: SESSION })
const env = setupExtensionEnvironment({ routes: org.routes })

/** What the engine says the change does, over the facts the org holds. */
const proposed = TeamSettings.parse({
  ...DEFAULT_SETTINGS,
  thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800 }
})
const expected = settingsImpact(
  BOOK.map((account) => AccountFacts.parse({ id: account.id, ...orgFactsOf(account) })),
  today,
  DEFAULT_SETTINGS,
  proposed
)
const expectedIds = expected.groups.flatMap((g) => g.accounts.map((a) => a.id)).sort()

type Answer<T> = { ok: true; data: T } | { ok: false; error: { message: string } }
const send = async <T>(page: Page, message: unknown): Promise<T> => {
  const answer = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as Answer<T>
  if (!answer.ok) throw new Error(answer.error.message)
  return answer.data
}

/** Every account's step keys with their due dates, as the background plans them now. */
async function plans(page: Page): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for (const account of BOOK) {
    const ref = { accountId: id18(account), apiHost: org.apiOrigin, org: org.name }
    const view = await send<{ plan: { steps: { key: string; due: string | null }[] } }>(page, {
      name: "account.view",
      ref,
      refresh: false
    })
    out.set(id18(account), view.plan.steps.map((s) => `${s.key}@${s.due ?? "-"}`).sort())
  }
  return out
}

/** The options page's Export button: the downloaded file's text. */
async function exportedText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="export"]')])
  const chunks: Buffer[] = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString("utf8")
}
/** The export's one line that is the time of the export. */
const withoutTime = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"')

/** The stored settings and profile, as chrome.storage.local holds them. */
const stored = (page: Page): Promise<string> =>
  page.evaluate(
    async (keys) => JSON.stringify(await chrome.storage.local.get(keys)),
    [STORAGE_KEYS.teamSettings, STORAGE_KEYS.profile]
  )

/**
 * The Team Lead types 800 over 1000: "10" selected and replaced by "8" in one keystroke, so no
 * half-typed value (8, 80) is ever a draft the save timer could pick up; then Tab leaves the field.
 */
async function typeThreshold(page: Page): Promise<void> {
  const input = page.getByLabel("Sentiment survey from")
  await input.click()
  await input.press("Home")
  await input.press("Shift+ArrowRight")
  await input.press("Shift+ArrowRight")
  await input.pressSequentially("8")
  expect(await input.inputValue()).toBe("800")
  await input.press("Tab")
}

async function signInAndSync(): Promise<void> {
  const { ext } = env()
  await addSessionCookie(ext.context, org.name, SESSION)
  // The CSM opens one account once: SOP Pilot learns the org, then reads the whole book.
  await openAccountOnce(ext, org.recordUrl(NORTH.id))
  const popup = await ext.context.newPage()
  await popup.goto(ext.extensionUrl("popup.html"))
  await popup.getByRole("button", { name: "Refresh from Salesforce" }).click()
  await expect.poll(() => popup.locator('[data-testid="book-sync"]').getAttribute("data-state"), WAIT).toBe("ok")
  await expect.poll(() => popup.locator('[data-testid="book-count"]').textContent(), WAIT).toBe(String(BOOK.length))
  await popup.close()
}

describe("options page: what a settings change does, before it is saved", () => {
  it("survey threshold 1,000 → 800 names the accounts that gain AD9; Cancel changes nothing; Save changes exactly those", async () => {
    // The engine's own answer first: the two 90-day accounts gain AD9 (one whose survey went out
    // also its reminder, AD11), nothing else moves.
    expect(expectedIds).toEqual([id18(NORTH), id18(EAST)].sort())
    expect(expected.groups.every((g) => g.gains.includes("AD9") && g.loses.length + g.moves.length === 0)).toBe(true)

    await signInAndSync()
    const { ext } = env()
    const page = await ext.context.newPage()
    const log = collectPageErrors(page)
    try {
      await page.goto(ext.extensionUrl("options.html"))
      await page.getByLabel("Sentiment survey from").waitFor(WAIT)
      const exportBefore = await exportedText(page)
      const storedBefore = await stored(page)
      const plansBefore = await plans(page)

      await typeThreshold(page)
      const preview = page.getByTestId("impact-preview")
      await preview.waitFor(WAIT)
      expect(await preview.getByRole("heading").textContent()).toBe("Before this is saved")
      expect(await preview.locator('[data-path="thresholds.surveyMrr"]').textContent()).toBe(
        "Sentiment survey from thresholds.surveyMrr: 1000 → 800"
      )
      const groups = preview.getByTestId("impact-group")
      expect(await groups.count()).toBe(expected.groups.length)
      const shown = await groups.evaluateAll((items) =>
        items.map((li) => ({
          gains: li.getAttribute("data-gains"),
          ids: Array.from(li.querySelectorAll("[data-account-id]")).map((s) => s.getAttribute("data-account-id"))
        }))
      )
      expect(shown.every((group) => group.gains?.split(" ").includes("AD9"))).toBe(true)
      expect(shown.flatMap((group) => group.ids).sort()).toEqual(expectedIds)
      expect(await preview.textContent()).toContain("Foothill Pediatrics North")
      expect(await preview.textContent()).toContain("Keystone Imaging East")
      expect(await page.getByTestId("impact-changed").textContent()).toBe("2 accounts")
      // Nothing is saved while the preview is open.
      expect(await stored(page)).toBe(storedBefore)

      await preview.getByRole("button", { name: "Cancel" }).click()
      await preview.waitFor({ state: "detached", ...WAIT })
      expect(await page.getByLabel("Sentiment survey from").inputValue()).toBe("1000")
      expect(await stored(page)).toBe(storedBefore)
      expect(withoutTime(await exportedText(page))).toBe(withoutTime(exportBefore))
      expect(await plans(page)).toEqual(plansBefore)

      await typeThreshold(page)
      await preview.waitFor(WAIT)
      await preview.getByRole("button", { name: "Save this change" }).click()
      await preview.waitFor({ state: "detached", ...WAIT })
      await expect
        .poll(async () => (JSON.parse(await stored(page)) as { teamSettings?: TeamSettings }).teamSettings, WAIT)
        .toMatchObject({ thresholds: { surveyMrr: 800 } })
      expect(await page.getByLabel("Sentiment survey from").inputValue()).toBe("800")

      // Exactly the previewed plans changed, by exactly the previewed steps.
      const plansAfter = await plans(page)
      const changed = [...plansAfter].filter(([id, steps]) => steps.join() !== plansBefore.get(id)?.join())
      expect(changed.map(([id]) => id).sort()).toEqual(expectedIds)
      for (const [id, steps] of changed) {
        const keys = (list: string[]) => list.map((s) => s.split("@")[0])
        const gained = keys(steps).filter((key) => !keys(plansBefore.get(id) ?? []).includes(key))
        const previewed = expected.groups.flatMap((g) => g.accounts).find((a) => a.id === id)
        expect(gained.sort()).toEqual([...(previewed?.gained ?? [])].sort())
        // No step of the old plan moved or went.
        expect((plansBefore.get(id) ?? []).every((s) => steps.includes(s))).toBe(true)
      }
      expect(log.errors).toEqual([])
    } finally {
      log.detach()
      await page.close()
    }
  })
})
