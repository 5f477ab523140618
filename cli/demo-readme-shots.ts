/**
 * `npm run demo -- --readme`: the four pictures README.md shows, made from the demo book on the
 * fake org as a CSM and a Team Lead see them — the Salesforce panel, the Gmail compose panel, the
 * Today list and the Team Lead's page — saved to docs/screenshots/ (committed; run again after a
 * change to what they show). Each is cut to the part that matters, so the files stay small.
 */
import { mkdirSync } from "node:fs"
import { join, relative } from "node:path"
import type { Locator, Page } from "playwright-core"

import { demoBook } from "../src/demo/book"
import type { IsoDate } from "../src/domain/dates"
import { buildPlan } from "../src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "../src/domain/facts"
import { toId18 } from "../src/domain/ids"
import { DEFAULT_SETTINGS } from "../src/domain/settings"
import {
  fixture,
  launchExtension,
  panelLocator,
  REPO_ROOT,
  route,
  startFixtureServer,
  type ExtensionHarness
} from "../tools/extension-harness"
import { DEMO_SESSION } from "./demo-browser"
import { addSessionCookie, fakeSalesforceOrg, type FakeSalesforceOrg } from "../tools/salesforce-org"
import { teamOrg } from "../tools/salesforce-team"
import { seedUnmappedFacts } from "../tools/seed"

export const README_SHOTS_DIR = join(REPO_ROOT, "docs", "screenshots")
const VIEWPORT = { width: 1440, height: 900 }
const WAIT = { timeout: 30_000 }
const GMAIL_HOST_ID = "sop-pilot-gmail"

/** A screenshot of the page cut to the box around `targets`, `margin` px wider, inside the viewport. */
async function shotOf(page: Page, targets: Locator[], name: string, margin = 16): Promise<string> {
  const boxes = await Promise.all(targets.map((target) => target.boundingBox()))
  if (boxes.some((box) => box === null)) throw new Error(`${name}: nothing to photograph`)
  const shown = boxes as { x: number; y: number; width: number; height: number }[]
  const x = Math.max(0, Math.min(...shown.map((box) => box.x)) - margin)
  const y = Math.max(0, Math.min(...shown.map((box) => box.y)) - margin)
  const right = Math.min(VIEWPORT.width, Math.max(...shown.map((box) => box.x + box.width)) + margin)
  const bottom = Math.min(VIEWPORT.height, Math.max(...shown.map((box) => box.y + box.height)) + margin)
  const file = join(README_SHOTS_DIR, `${name}.png`)
  await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y } })
  return file
}

async function newPage(ext: ExtensionHarness): Promise<Page> {
  const page = await ext.context.newPage()
  await page.setViewportSize(VIEWPORT)
  await page.emulateMedia({ colorScheme: "light" })
  return page
}

/** The CSM's side: the panel on a busy account, a training recap in Gmail, and Today. */
async function csmShots(today: IsoDate, saved: string[]): Promise<void> {
  const book = demoBook(today)
  const org = fakeSalesforceOrg({ org: "demo", accounts: book, session: DEMO_SESSION })
  const gmail = route("GET", /^\/mail\/u\/\d+\/$/, () => fixture("gmail/2026-11-25-inbox-no-compose.html"), {
    host: "gmail"
  })
  const server = await startFixtureServer({ routes: [...org.routes, gmail] })
  const ext = await launchExtension({ port: server.port, headless: true })
  try {
    await addSessionCookie(ext.context, org.name, DEMO_SESSION)
    await seedUnmappedFacts(ext, org, book)
    // The account with a running situation beside its stage and the most overdue shows the most.
    const planOf = (a: AccountFactsInput) => buildPlan(AccountFacts.parse(a), DEFAULT_SETTINGS, today)
    const weight = (a: AccountFactsInput) => {
      const plan = planOf(a)
      const overdue = plan.steps.filter((step) => step.status === "overdue").length
      return (plan.situations.length > 0 ? 100 : 0) + overdue
    }
    const account = [...book].sort((a, b) => weight(b) - weight(a))[0] as AccountFactsInput
    const panelPage = await newPage(ext)
    await panelPage.goto(org.recordUrl(account.id))
    const panel = panelLocator(panelPage, `[data-testid="sop-panel"][data-account-id="${toId18(account.id)}"]`)
    await panel.locator("[data-key]").first().waitFor(WAIT)
    // The first paint may come from the cache: the picture is worth Salesforce's fresh read.
    await panel
      .locator('[data-testid="api-status"][data-state="ok"]')
      .waitFor({ ...WAIT, state: "attached" })
      .catch(() => undefined)
    saved.push(await shotOf(panelPage, [panel], "salesforce-panel", 0))
    await panelPage.close()

    // A compose to an account in training: the recap the plan calls for, its gaps named.
    const training = book.find((a) => planOf(a).stage === "training") ?? account
    const mail = await newPage(ext)
    await mail.goto("https://mail.google.com/mail/u/0/#inbox")
    await mail.locator("[gh=cm]").click()
    await mail.evaluate(
      ([name, email]) => {
        const fixtureGmail = (
          window as unknown as { fixtureGmail: { addRecipient(d: Element | null, n: string, e: string): void } }
        ).fixtureGmail
        fixtureGmail.addRecipient(document.querySelector(".dw [role=dialog]"), name as string, email as string)
      },
      [training.name, training.contactEmails?.[0] ?? ""]
    )
    const composePanel = mail.locator(
      `#${GMAIL_HOST_ID} [data-testid="compose-panel"][data-account-id="${toId18(training.id)}"][data-template] .sop-card`
    )
    await composePanel.waitFor(WAIT)
    // Panel and compose together: the panel beside what it writes into.
    saved.push(await shotOf(mail, [composePanel, mail.locator(".dw [role=dialog]")], "gmail-panel"))
    await mail.close()

    // The whole book, read from Salesforce as the popup's Refresh does.
    const popup = await newPage(ext)
    await popup.goto(ext.extensionUrl("popup.html"))
    await popup.getByRole("button", { name: "Refresh from Salesforce" }).click()
    await popup.locator('[data-testid="book-sync"][data-state="ok"]').waitFor({ state: "attached", timeout: 60_000 })
    await popup.close()
    const todayPage = await newPage(ext)
    await todayPage.goto(ext.extensionUrl("tabs/today.html"))
    await todayPage.locator('[data-testid="today-list"] [data-key]').first().waitFor(WAIT)
    saved.push(await shotOf(todayPage, [todayPage.getByTestId("today-page")], "today"))
    await todayPage.close()
  } finally {
    await ext.close()
    await server.close()
  }
}

/** The Team Lead's side: her three reports' books, who is behind, her own queue. */
async function leadShots(today: IsoDate, saved: string[]): Promise<void> {
  const team = teamOrg(demoBook(today))
  const org: FakeSalesforceOrg = fakeSalesforceOrg({ org: "demo", session: DEMO_SESSION, ...team.options })
  const server = await startFixtureServer({ routes: org.routes })
  const ext = await launchExtension({ port: server.port, headless: true })
  try {
    await addSessionCookie(ext.context, org.name, DEMO_SESSION)
    // The lead opens one account once: SOP Pilot learns the org.
    const first = team.accounts[0] as AccountFactsInput
    const record = await newPage(ext)
    await record.goto(org.recordUrl(first.id))
    await panelLocator(record, "[data-key]").first().waitFor(WAIT)
    await record.close()
    const page = await newPage(ext)
    await page.goto(ext.extensionUrl("tabs/team.html"))
    await page.locator('[data-testid="csm-table"] tr[data-csm-id]').first().waitFor(WAIT)
    await page.locator('[data-testid="lead-queue"] li[data-rule]').first().waitFor(WAIT)
    saved.push(await shotOf(page, [page.getByTestId("team-page")], "team-lead"))
    await page.close()
  } finally {
    await ext.close()
    await server.close()
  }
}

/** Makes the README's screenshots; returns the files written. */
export async function readmeScreenshots(today: IsoDate): Promise<string[]> {
  mkdirSync(README_SHOTS_DIR, { recursive: true })
  const saved: string[] = []
  await csmShots(today, saved)
  await leadShots(today, saved)
  process.stdout.write(
    `Saved the README's ${saved.length} screenshots: ${saved.map((file) => relative(process.cwd(), file)).join(", ")}\n`
  )
  return saved
}
