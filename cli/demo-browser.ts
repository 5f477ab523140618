/**
 * The browser part of `npm run demo`: the built extension in Chromium on a fake Salesforce org
 * ("demo") holding the demo book of business, served locally under the real host names.
 *
 * - With a display (`DISPLAY` / `WAYLAND_DISPLAY` set, or `--headed`): a visible Chromium with the
 *   first account open (click through the others in its "Recent accounts" strip, or use the list
 *   at https://demo.lightning.force.com/demo), until Ctrl+C or the window is closed.
 * - Without one (or `--headless`): visits an account per stage and situation, waits for the panel
 *   and its checklist, and saves a 1440×900 screenshot of each in demo-output/.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import type { Page } from "playwright-core"

import { demoBook } from "../src/demo/book"
import { buildPlan } from "../src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "../src/domain/facts"
import { toId18 } from "../src/domain/ids"
import type { Plan } from "../src/domain/plan"
import { DEFAULT_SETTINGS } from "../src/domain/settings"
import type { IsoDate } from "../src/domain/dates"
import {
  collectPageErrors,
  EXTENSION_DIR,
  launchExtension,
  panelLocator,
  REPO_ROOT,
  shadowHost,
  startFixtureServer,
  type ExtensionHarness,
  type FixtureServer
} from "../tools/extension-harness"
import { addSessionCookie, fakeSalesforceOrg, type FakeSalesforceOrg } from "../tools/salesforce-org"
import { seedUnmappedFacts } from "../tools/seed"

export const DEMO_ORG = "demo"
/** Shaped like a Salesforce session id (org id, `!`, token): the extension reads the org from it. */
export const DEMO_SESSION = "00Dxx0000001gEREAY!demo.session.5e55"
export const DEMO_OUTPUT_DIR = join(REPO_ROOT, "demo-output")
const VIEWPORT = { width: 1440, height: 900 }
/** How long a page may take to show the panel with its checklist before the demo gives up. */
const PANEL_TIMEOUT_MS = 30_000

export interface BrowserDemoOptions {
  today: IsoDate
  /** Visible browser left open (true), or screenshots then exit (false). */
  headed: boolean
}

/** A demo failure worth one clear line, not a stack trace. */
export class DemoError extends Error {}

// ── The build ───────────────────────────────────────────────────────────────────────────────

/** What `npm run build` reads: a change to any of it makes the build stale. */
const BUILD_INPUTS = ["src", "contents", "popup", "options", "background", "assets", "package.json", "tsconfig.json"]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

/** Why the build must be (re)made, or undefined when build/chrome-mv3-prod is up to date. */
export function buildStaleness(): string | undefined {
  const manifest = join(EXTENSION_DIR, "manifest.json")
  if (!existsSync(manifest)) return `${relative(REPO_ROOT, EXTENSION_DIR)} does not exist`
  const built = statSync(manifest).mtimeMs
  const changed = BUILD_INPUTS.find((input) => newestMtime(join(REPO_ROOT, input)) > built)
  return changed === undefined ? undefined : `${changed} changed since the last build`
}

/** Runs `npm run build` when the build is missing or older than its sources (its output on stderr). */
export function ensureBuilt(): void {
  const why = buildStaleness()
  if (why === undefined) return
  process.stderr.write(`Building the extension (${why}): npm run build …\n`)
  const result = spawnSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: ["ignore", 2, 2] })
  if (result.error) throw new DemoError(`Could not run npm run build: ${result.error.message}`)
  if (result.status !== 0) throw new DemoError(`npm run build failed (exit ${result.status}): see its output above.`)
}

// ── Which accounts to show ──────────────────────────────────────────────────────────────────

interface Showcase {
  label: string
  matches: (plan: Plan) => boolean
}

/** One account per stage and situation, in the order a CSM's year runs. */
const SHOWCASES: Showcase[] = [
  { label: "onboarding", matches: (p) => p.stage === "onboarding" && p.situations.length === 0 },
  { label: "training", matches: (p) => p.stage === "training" && p.situations.length === 0 },
  { label: "adoption (30 days)", matches: (p) => p.stage === "adoption_30" && p.situations.length === 0 },
  { label: "adoption (90 days)", matches: (p) => p.stage === "adoption_90" && p.situations.length === 0 },
  { label: "SMB adoption", matches: (p) => p.stage === "smb_adoption" },
  { label: "failed to onboard", matches: (p) => p.situations.includes("failed_to_onboard") },
  { label: "cancellation", matches: (p) => p.situations.includes("cancellation") },
  { label: "past due", matches: (p) => p.situations.includes("past_due") },
  { label: "at risk", matches: (p) => p.situations.includes("at_risk") }
]

export interface DemoVisit {
  label: string
  account: AccountFactsInput
}

/** The accounts the headless demo visits: the first match of each showcase, each account once. */
export function demoVisits(book: AccountFactsInput[], today: IsoDate): DemoVisit[] {
  const planned = book.map((account) => ({
    account,
    plan: buildPlan(AccountFacts.parse(account), DEFAULT_SETTINGS, today)
  }))
  const visits: DemoVisit[] = []
  for (const showcase of SHOWCASES) {
    const match = planned.find(
      ({ account, plan }) => showcase.matches(plan) && !visits.some((v) => v.account === account)
    )
    if (match) visits.push({ label: showcase.label, account: match.account })
  }
  return visits
}

export const slug = (name: string): string =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "account"

// ── The browser ─────────────────────────────────────────────────────────────────────────────

interface DemoEnvironment {
  org: FakeSalesforceOrg
  server: FixtureServer
  ext: ExtensionHarness
  book: AccountFactsInput[]
  close(): Promise<void>
}

async function startDemoEnvironment(today: IsoDate, headed: boolean): Promise<DemoEnvironment> {
  const book = demoBook(today)
  const org = fakeSalesforceOrg({ org: DEMO_ORG, accounts: book, session: DEMO_SESSION })
  const server = await startFixtureServer({ routes: org.routes })
  let ext: ExtensionHarness
  try {
    ext = await launchExtension({ port: server.port, headless: !headed })
  } catch (error) {
    await server.close()
    throw new DemoError((error as Error).message)
  }
  const close = async () => {
    try {
      await ext.close()
    } finally {
      await server.close()
    }
  }
  try {
    // Signed in to the org, and what the CSM entered by hand so far (facts Salesforce lacks, checked steps).
    await addSessionCookie(ext.context, org.name, DEMO_SESSION)
    await seedUnmappedFacts(ext, org, book)
  } catch (error) {
    await close()
    // Seeding opens each account's page: the panel registers the account, or nothing does.
    throw new DemoError(
      `The SOP Pilot panel never took up the demo accounts. ${(error as Error).message}. ` +
        "Is build/chrome-mv3-prod a working build of this checkout? Try `npm run build`, then `npm run demo` again."
    )
  }
  return { org, server, ext, book, close }
}

/**
 * Waits for the panel of `accountId` with its checklist, then for the Salesforce read. Throws a
 * DemoError saying what was (not) on the page when the panel or its steps never appear.
 */
async function waitForPanel(page: Page, accountId: string, errors: string[]): Promise<string> {
  const panel = panelLocator(page, `[data-testid="sop-panel"][data-account-id="${accountId}"]`)
  try {
    await panel.locator("[data-key]").first().waitFor({ state: "attached", timeout: PANEL_TIMEOUT_MS })
  } catch {
    const host = (await shadowHost(page).count()) > 0
    const shown = host
      ? await panelLocator(page)
          .getAttribute("data-account-id", { timeout: 1000 })
          .catch(() => null)
      : null
    const what = !host
      ? "the extension's panel was not mounted at all (is build/chrome-mv3-prod a working build? try `npm run build`)"
      : shown === null
        ? "the panel's host is there but not the panel"
        : `the panel shows account "${shown}" without its checklist`
    const log = errors.length > 0 ? `\nPage errors:\n  ${errors.join("\n  ")}` : ""
    throw new DemoError(
      `The SOP Pilot panel never appeared for ${accountId} on ${page.url()} within ${PANEL_TIMEOUT_MS / 1000} s: ${what}.${log}`
    )
  }
  // The first paint may come from the cache; the screenshot is worth the fresh read.
  await panel
    .locator('[data-testid="api-status"][data-state="ok"]')
    .waitFor({ timeout: PANEL_TIMEOUT_MS })
    .catch(() => undefined)
  return (
    (await panel
      .locator('[data-testid="api-status"]')
      .getAttribute("data-state", { timeout: 1000 })
      .catch(() => null)) ?? "unknown"
  )
}

async function screenshots(env: DemoEnvironment, today: IsoDate): Promise<void> {
  mkdirSync(DEMO_OUTPUT_DIR, { recursive: true })
  for (const old of readdirSync(DEMO_OUTPUT_DIR).filter((name) => /^\d{2}-.*\.png$/.test(name)))
    rmSync(join(DEMO_OUTPUT_DIR, old))

  const visits = demoVisits(env.book, today)
  process.stdout.write(
    `\nBrowser demo: Chromium (headless) with build/chrome-mv3-prod on the fake org ${env.org.lightningOrigin}\n`
  )
  for (const [index, visit] of visits.entries()) {
    const accountId = toId18(visit.account.id) as string
    const page = await env.ext.context.newPage()
    const log = collectPageErrors(page)
    try {
      await page.setViewportSize(VIEWPORT)
      await page.goto(env.org.recordUrl(accountId))
      const apiState = await waitForPanel(page, accountId, log.errors)
      const stage = await panelLocator(page).getAttribute("data-stage")
      const overdue = await panelLocator(page, '[data-status="overdue"]').count()
      const file = join(DEMO_OUTPUT_DIR, `${String(index + 1).padStart(2, "0")}-${slug(visit.account.name)}.png`)
      await page.screenshot({ path: file })
      const note = apiState === "ok" ? "" : `  (Salesforce read: ${apiState})`
      process.stdout.write(
        `  ${relative(process.cwd(), file).padEnd(48)} ${visit.label.padEnd(19)} ${visit.account.name} — stage ${stage ?? "?"}, ${overdue} overdue${note}\n`
      )
    } finally {
      log.detach()
      await page.close()
    }
  }
  process.stdout.write(
    `Saved ${visits.length} screenshots (${VIEWPORT.width}×${VIEWPORT.height}) in ${relative(process.cwd(), DEMO_OUTPUT_DIR) || "."}/\n`
  )
}

async function stayOpen(env: DemoEnvironment): Promise<void> {
  const [first] = env.book
  if (!first) throw new DemoError("The demo book is empty.")
  const list = await env.ext.context.newPage()
  await list.goto(env.org.listUrl)
  const page = await env.ext.context.newPage()
  await page.goto(env.org.recordUrl(first.id, "app-shell"))
  await page.bringToFront()
  // The blank tab Chromium opens with is of no use here.
  for (const blank of env.ext.context.pages().filter((p) => p.url() === "about:blank")) await blank.close()
  process.stdout.write(
    `\nBrowser demo: Chromium with SOP Pilot on the fake org ${env.org.lightningOrigin}\n` +
      `  ${first.name} is open; click the other accounts in its "Recent accounts" strip (in-app navigation),\n` +
      `  or open them from the list tab: ${env.org.listUrl}\n` +
      "Press Ctrl+C (or close the browser) to end the demo.\n"
  )
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve())
    process.once("SIGTERM", () => resolve())
    env.ext.context.once("close", () => resolve())
  })
}

/** Runs the browser demo; resolves when it is over (headless: after the screenshots). */
export async function runBrowserDemo(options: BrowserDemoOptions): Promise<void> {
  ensureBuilt()
  const env = await startDemoEnvironment(options.today, options.headed)
  try {
    if (options.headed) await stayOpen(env)
    else await screenshots(env, options.today)
  } finally {
    await env.close()
  }
}

/** A display to show a browser on. */
export const hasDisplay = (env: NodeJS.ProcessEnv = process.env): boolean => Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
