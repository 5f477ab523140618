/**
 * Issue #16, item 9, done when: "Today, across the book" in the built extension in Chromium, on
 * the fake org serving the demo book (read in full by "Refresh from Salesforce").
 *
 * - The popup opens on one list of every step due or overdue across all accounts, the engine's,
 *   most urgent first (running situations first), Team Lead steps left out for a CSM; each row
 *   is a check box whose name reads as a sentence.
 * - A check-off in place keeps the row, done, with Undo; Undo reopens it; the row leaves once
 *   Undo's time is up. An event step asks "When did it happen?" (the date typed key by key).
 * - "Snooze until" (typed on the keyboard) hides the row, kept in Dexie across popups, counted;
 *   "Show again" brings it back.
 * - The full page exports the list as CSV (parsed back, formula cells guarded) and opens one
 *   account's printable checklist: every step of its plan with its rule id and date.
 */
import type { BrowserContext, Locator, Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { parseCsv } from "~/src/domain/csv"
import { plusDays, todayIn } from "~/src/domain/dates"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import type { TeamSettings } from "~/src/domain/settings"
import { seesStep, sortToday, TODAY_CSV_HEADER, todayItemId, type TodayItem } from "~/src/domain/today"
import { todayItemsOf } from "~/src/domain/today-items"
import type { AccountView } from "~/src/messages/protocol"
import type { TodayList } from "~/src/messages/today-protocol"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { collectPageErrors, openAccountOnce, setupExtensionEnvironment, type ExtensionHarness } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.today.5e55"
const WAIT = { timeout: 20_000 }
const book = demoBook(todayIn())
const byName = (name: string): AccountFactsInput => {
  const found = book.find((account) => account.name === name)
  if (!found) throw new Error(`no demo account named ${name}`)
  return found
}
/** An account whose name a spreadsheet would run as a formula: the CSV must write it as text. */
const FORMULA: AccountFactsInput = { ...byName("Keystone Imaging"), id: "001Hs00004Frm01", name: "=SUM(1,1) Imaging" }
const ACCOUNTS = [...book, FORMULA]
const org = fakeSalesforceOrg({ org: "acme", accounts: ACCOUNTS, session: SESSION })
const env = setupExtensionEnvironment({ routes: org.routes })
const id18 = (account: AccountFactsInput) => toId18(account.id) as string

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } }
/** A request to the background from an extension page, as the popup sends them. */
async function send<T>(page: Page, message: unknown): Promise<T> {
  const answer = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as Answer<T>
  if (!answer.ok) throw new Error(answer.error.message)
  return answer.data
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
]
/** `2026-11-21` → `21 November` (the year only when not this year's), as a sentence says it. */
const spoken = (iso: string, today: string) => {
  const [year, month, day] = iso.split("-")
  return `${Number(day)} ${MONTHS[Number(month) - 1]}${year === today.slice(0, 4) ? "" : ` ${year}`}`
}
/** Chromium's date field takes month, day, year, typed. */
const typedDate = (iso: string) => {
  const [year, month, day] = iso.split("-")
  return `${month}${day}${year}`
}

let synced: Promise<void> | undefined
/** The CSM signs in, opens one account, then reads the whole book from the popup. Once per file. */
function ready(): Promise<ExtensionHarness> {
  const { ext } = env()
  synced ??= (async () => {
    await addSessionCookie(ext.context, org.name, SESSION)
    await openAccountOnce(ext, org.recordUrl(byName("Acme Dental Group").id))
    const popup = await ext.context.newPage()
    try {
      await popup.goto(ext.extensionUrl("popup.html"))
      await popup.getByRole("button", { name: "Refresh from Salesforce" }).click()
      await expect
        .poll(() => popup.locator('[data-testid="book-sync"]').getAttribute("data-state"), { timeout: 60_000 })
        .toBe("ok")
    } finally {
      await popup.close()
    }
  })()
  return synced.then(() => ext)
}

async function withPopup<T>(ext: ExtensionHarness, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await ext.context.newPage()
  const log = collectPageErrors(page)
  try {
    await page.goto(ext.extensionUrl("popup.html"))
    await page.locator('[data-testid="today-list"]').waitFor(WAIT)
    const result = await run(page)
    expect(log.errors).toEqual([])
    return result
  } finally {
    log.detach()
    await page.close()
  }
}

const todayList = (page: Page) => page.locator('[data-testid="today-list"]')
const rowOf = (page: Page, item: { apiHost: string; accountId: string; key: string }) =>
  todayList(page).locator(`li[data-row-id="${todayItemId(item)}"]`)
const listed = (page: Page) => send<TodayList>(page, { name: "today.list" })
const countShown = (page: Page) => page.getByTestId("today-count").getAttribute("data-count")

/** The rows in the DOM, in list order (the list is windowed: those in view and a few more). */
const renderedIds = (page: Page) =>
  todayList(page)
    .locator("li[data-row-id]")
    .evaluateAll((items) =>
      items
        .map((li) => ({ id: li.getAttribute("data-row-id"), at: Number(li.getAttribute("aria-posinset")) }))
        .sort((a, b) => a.at - b.at)
        .map((row) => row.id)
    )

/** Scrolls the list with the mouse wheel, as a person does, until the row is in it. */
async function scrollTo(page: Page, row: Locator): Promise<void> {
  await todayList(page).hover()
  for (let turn = 0; turn < 60 && (await row.count()) === 0; turn++) {
    await page.mouse.wheel(0, 120)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
  }
  await row.scrollIntoViewIfNeeded()
}

async function newPageFrom(context: BrowserContext, click: () => Promise<void>): Promise<Page> {
  const [page] = await Promise.all([context.waitForEvent("page"), click()])
  await page.waitForLoadState("domcontentloaded")
  return page
}

describe("Today, across the book (issue 16, item 9)", () => {
  it("opens on every step due or overdue across the book, most urgent first, each row read as a sentence", async () => {
    const ext = await ready()
    await withPopup(ext, async (page) => {
      const settings = await send<{ settings: TeamSettings }>(page, { name: "settings.get" })
      const { today } = await listed(page)
      // The engine's plans of every account in the org, due or overdue, the CSM's own, most urgent first.
      const expected = sortToday(
        ACCOUNTS.flatMap((account) => {
          const facts = AccountFacts.parse({ id: account.id, ...orgFactsOf(account) })
          return todayItemsOf(
            buildPlan(facts, settings.settings, today),
            { apiHost: org.apiOrigin, accountId: id18(account), name: facts.name },
            today
          )
        }).filter((item) => seesStep("csm", item))
      )
      expect(expected.length).toBeGreaterThan(20)
      await expect.poll(() => todayList(page).getAttribute("data-count"), WAIT).toBe(String(expected.length))
      expect(await countShown(page)).toBe(String(expected.length))

      // In order: the rows on screen are the first ones, running situations first.
      const ids = await renderedIds(page)
      expect(ids.length).toBeGreaterThan(3)
      expect(ids).toEqual(expected.slice(0, ids.length).map(todayItemId))
      const first = expected[0] as TodayItem
      expect(first.situation).toBe("failed_to_onboard")
      const firstPlain = expected.findIndex((item) => item.situation === null)
      expect(expected.slice(0, firstPlain).every((item) => item.situation !== null)).toBe(true)
      expect(expected.slice(firstPlain).every((item) => item.situation === null)).toBe(true)

      // The row is a check box named by one sentence: account, step, how late, when due, the situation.
      const sentence = `${first.name}: ${first.title}, overdue by ${first.overdueDays} days, due ${spoken(first.due, today)}, failed to onboard`
      const box = page.getByRole("checkbox", { name: sentence, exact: true })
      expect(await box.count()).toBe(1)
      expect(await rowOf(page, first).getByRole("checkbox").getAttribute("aria-label")).toBe(sentence)

      // The full page lists every row at once (tall window): no Team Lead step for a CSM.
      const full = await newPageFrom(ext.context, () => page.getByRole("button", { name: "Full page" }).click())
      try {
        await full.setViewportSize({ width: 1100, height: 4200 })
        await full.reload()
        await todayList(full).waitFor(WAIT)
        await expect.poll(() => renderedIds(full), WAIT).toEqual(expected.map(todayItemId))
        const roles = await todayList(full)
          .locator("li[data-rule]")
          .evaluateAll((items) => items.map((li) => li.getAttribute("data-rule")))
        expect(roles).not.toContain("TL1")
        expect(roles).not.toContain("CX3")
      } finally {
        await full.close()
      }
    })
  })

  it("checks a step off in place with Undo; an event step asks when it happened", async () => {
    const ext = await ready()
    await withPopup(ext, async (page) => {
      const before = await listed(page)
      const step = before.items.find((item) => !item.event) as TodayItem
      const total = before.items.length
      const row = rowOf(page, step)
      await row.getByRole("checkbox").click()
      await expect.poll(() => row.getAttribute("data-status"), WAIT).toBe("done")
      expect(await row.getByRole("checkbox").isChecked()).toBe(true)
      await expect.poll(() => countShown(page), WAIT).toBe(String(total - 1))
      await expect.poll(async () => (await listed(page)).items.map(todayItemId), WAIT).not.toContain(todayItemId(step))

      // A slip: Undo puts it back, open.
      await row.getByRole("button", { name: `Undo: uncheck “${step.title}” for ${step.name}` }).click()
      await expect.poll(() => row.getAttribute("data-status"), WAIT).toBe(step.status)
      await expect.poll(async () => (await listed(page)).items.map(todayItemId), WAIT).toContain(todayItemId(step))
      expect(await countShown(page)).toBe(String(total))

      // Checked again, and left alone: once Undo's time is up, the row leaves the list.
      await row.getByRole("checkbox").click()
      await expect.poll(() => row.getAttribute("data-status"), WAIT).toBe("done")
      await page.mouse.move(0, 0)
      await page.locator("h1").click()
      await expect.poll(() => row.count(), WAIT).toBe(0)

      // An event step (FO2, onboarding completed) asks when it happened, typed key by key.
      const event = (await listed(page)).items.find((item) => item.event) as TodayItem
      expect(event).toBeDefined()
      const eventRow = rowOf(page, event)
      await scrollTo(page, eventRow)
      await eventRow.getByRole("checkbox").click()
      const form = page.getByTestId("step-when")
      await form.waitFor(WAIT)
      const when = form.getByLabel("When did it happen?")
      const yesterday = plusDays(before.today, -1)
      await when.pressSequentially(typedDate(yesterday))
      expect(await when.inputValue()).toBe(yesterday)
      await form.getByRole("button", { name: "Check off" }).click()
      await expect.poll(() => eventRow.getAttribute("data-status"), WAIT).toBe("done")
      // The row shows done as soon as it is asked; the date is in the account's view once stored.
      await expect
        .poll(
          async () =>
            (await send<AccountView>(page, { name: "today.plan", apiHost: event.apiHost, accountId: event.accountId }))
              .facts.onboardingCompletedOn,
          WAIT
        )
        .toBe(yesterday)
    })
  })

  it("snoozes a step to a date typed on the keyboard, kept across popups, and shows it again", async () => {
    const ext = await ready()
    const step = await withPopup(ext, async (page) => {
      const before = await listed(page)
      const target = before.items[0] as TodayItem
      const row = rowOf(page, target)
      await row.getByRole("button", { name: `Snooze ${target.name}: ${target.title}` }).click()
      const form = page.getByTestId("today-snooze")
      await form.waitFor(WAIT)
      const until = plusDays(before.today, 3)
      const input = form.getByLabel("Snooze until")
      // The field has the focus (the form asked for it): typed, then Enter.
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true)
      await input.pressSequentially(typedDate(until))
      expect(await input.inputValue()).toBe(until)
      await input.press("Enter")
      await expect.poll(() => row.count(), WAIT).toBe(0)
      await expect.poll(() => page.getByTestId("today-snoozed").getAttribute("data-count"), WAIT).toBe("1")
      await expect.poll(() => countShown(page), WAIT).toBe(String(before.items.length - 1))
      const after = await listed(page)
      expect(after.snoozed.map((item) => [todayItemId(item), item.until])).toEqual([[todayItemId(target), until]])
      return target
    })

    // Another popup: still snoozed (Dexie), counted, and shown again on a click.
    await withPopup(ext, async (page) => {
      await expect.poll(() => page.getByTestId("today-snoozed").getAttribute("data-count"), WAIT).toBe("1")
      expect(await rowOf(page, step).count()).toBe(0)
      await page.getByRole("button", { name: "1 step snoozed" }).click()
      await page.getByRole("button", { name: `Show again now: ${step.name}: ${step.title}` }).click()
      await expect.poll(() => rowOf(page, step).count(), WAIT).toBe(1)
      expect(await page.getByTestId("today-snoozed").count()).toBe(0)
      expect((await listed(page)).snoozed).toEqual([])
    })
  })

  it("exports the list as CSV from the full page, and prints one account's checklist", async () => {
    const ext = await ready()
    await withPopup(ext, async (popup) => {
      const full = await newPageFrom(ext.context, () => popup.getByRole("button", { name: "Full page" }).click())
      const log = collectPageErrors(full)
      try {
        expect(full.url()).toBe(ext.extensionUrl("tabs/today.html"))
        // A tall window: every row on screen, as after scrolling to it.
        await full.setViewportSize({ width: 1100, height: 4200 })
        await full.reload()
        await todayList(full).waitFor(WAIT)
        const { items } = await listed(full)
        const [download] = await Promise.all([
          full.waitForEvent("download"),
          full.getByRole("button", { name: "Export CSV" }).click()
        ])
        expect(download.suggestedFilename()).toMatch(/^sop-pilot-today-\d{4}-\d{2}-\d{2}\.csv$/)
        const chunks: Buffer[] = []
        for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
        const rows = parseCsv(
          Buffer.concat(chunks)
            .toString("utf8")
            .replace(/^\uFEFF/, "")
        )
        expect(rows[0]).toEqual([...TODAY_CSV_HEADER])
        expect(rows.slice(1).map((row) => [row[1], row[2], row[5], row[6]])).toEqual(
          items.map((item) => [item.accountId, item.key, item.due, item.status])
        )
        // The formula account's name is text in a spreadsheet.
        const formulaRow = rows.find((row) => row[1] === id18(FORMULA))
        expect(formulaRow?.[0]).toBe(`'${FORMULA.name}`)

        // One account's printable checklist: the adoption account's plan, every step with its rule and date.
        const account = byName("Foothill Pediatrics")
        const item = items.find((i) => i.accountId === id18(account)) as TodayItem
        const checklist = await newPageFrom(ext.context, () =>
          rowOf(full, item)
            .getByRole("button", { name: `Printable checklist of ${account.name}` })
            .click()
        )
        try {
          await checklist.locator('[data-testid="checklist"] li[data-rule]').first().waitFor(WAIT)
          const view = await send<AccountView>(checklist, {
            name: "today.plan",
            apiHost: item.apiHost,
            accountId: item.accountId
          })
          expect(await checklist.getByRole("heading", { level: 1 }).textContent()).toBe(account.name)
          const shown = await checklist.locator('[data-testid="checklist"] li[data-rule]').evaluateAll((lis) =>
            lis.map((li) => ({
              key: li.getAttribute("data-key"),
              rule: li.getAttribute("data-rule"),
              due: li.getAttribute("data-due"),
              text: li.textContent ?? ""
            }))
          )
          expect(shown.map((s) => s.key).sort()).toEqual(view.plan.steps.map((s) => s.key).sort())
          for (const step of view.plan.steps) {
            const li = shown.find((s) => s.key === step.key)
            expect(li?.rule).toBe(step.rule)
            expect(li?.due).toBe(step.due ?? "")
            expect(li?.text).toContain(step.key)
            if (step.due) expect(li?.text).toContain(spoken(step.due, view.today))
          }
          // "Print or save as PDF" is the browser's print dialog; headless Chromium renders the page as a PDF.
          await checklist.evaluate(() => {
            window.print = () => {
              document.body.dataset.printed = "yes"
            }
          })
          await checklist.getByRole("button", { name: "Print or save as PDF" }).click()
          expect(await checklist.evaluate(() => document.body.dataset.printed)).toBe("yes")
          const pdf = await checklist.pdf({ format: "A4" })
          expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-")
        } finally {
          await checklist.close()
        }
        expect(log.errors).toEqual([])
      } finally {
        log.detach()
        await full.close()
      }
    })
  })
})
