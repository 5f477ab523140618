/**
 * Issue #6, done when: the options page, the popup and the badge of the built extension in
 * Chromium, on the fake org (tools/salesforce-org.ts) serving the demo book of business.
 *
 * - A bad settings file is refused with its path in `import-error`, and an export afterwards
 *   gives exactly the settings from before.
 * - A good file (ON2 switched off, a lower survey threshold) changes the plans the background
 *   makes, and what the Salesforce panel shows.
 * - The popup lists the visited accounts with the engine's overdue counts; the badge shows the
 *   total; a check-off in the popup moves both.
 * - Values set by the organisation's policy (Chromium reads /etc/chromium/policies/managed/) are
 *   locked on the options page and refused by the background. That test runs its own browser on
 *   its own copy of the build, whose extension id (derived from its path) no other test uses, so
 *   the policy file it writes touches nothing else; the file is removed afterwards.
 *
 * The build is copied to a temp dir first: a rebuild running meanwhile cannot change the files
 * under the browser.
 */
import { createHash } from "node:crypto"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import type { TeamSettings } from "~/src/domain/settings"
import { SETTINGS_FILE_FORMAT } from "~/src/domain/settings-file"
import { todayIn } from "~/src/domain/dates"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import {
  collectPageErrors,
  EXTENSION_DIR,
  launchExtension,
  SALESFORCE_SHADOW_HOST_ID,
  setupExtensionEnvironment,
  type ExtensionHarness
} from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.settings.5e551on"
const WAIT = { timeout: 20_000 }
const POLICY_DIR = "/etc/chromium/policies/managed"

const book = demoBook(todayIn())
const byName = (name: string): AccountFactsInput => {
  const found = book.find((account) => account.name === name)
  if (!found) throw new Error(`no demo account named ${name}`)
  return found
}
const id18 = (account: AccountFactsInput) => toId18(account.id) as string
const ACME = byName("Acme Dental Group")

/** A private copy of `from` (or `from` itself when it is not built: launching then says why). */
const temps: string[] = []
function buildCopy(from: string): string {
  if (!existsSync(join(from, "manifest.json"))) return from
  const dir = mkdtempSync(join(tmpdir(), "sop-pilot-e2e-build-"))
  temps.push(dir)
  cpSync(from, dir, { recursive: true })
  return realpathSync(dir)
}
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
/** Taken when the file loads: later copies are made from it, never from a build in progress. */
const BUILD = buildCopy(EXTENSION_DIR)

/** Chromium's id of an unpacked extension: the path's SHA-256, first 32 hex digits as a–p. */
const unpackedExtensionId = (dir: string) =>
  [...createHash("sha256").update(dir).digest("hex").slice(0, 32)]
    .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
    .join("")

const org = fakeSalesforceOrg({ org: "acme", accounts: book, session: SESSION })
const env = setupExtensionEnvironment({ routes: org.routes, launch: { extensionDir: BUILD } })

let signedIn = false
async function ready(): Promise<ExtensionHarness> {
  const { ext } = env()
  if (!signedIn) {
    await addSessionCookie(ext.context, org.name, SESSION)
    signedIn = true
  }
  return ext
}

async function withPage<T>(ext: ExtensionHarness, path: string, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await ext.context.newPage()
  const log = collectPageErrors(page)
  try {
    await page.goto(ext.extensionUrl(path))
    const result = await run(page)
    expect(log.errors).toEqual([])
    return result
  } finally {
    log.detach()
    await page.close()
  }
}

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; paths?: string[] } }
/** A request to the background from an extension page, as the popup and options send them. */
const send = <T>(page: Page, message: unknown): Promise<Answer<T>> =>
  page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<Answer<T>>

const browserToday = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const now = new Date()
    const pad = (n: number) => String(n).padStart(2, "0")
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  })

/** Opens the account's record page and waits until the panel shows it read from the UI API. */
async function visit(ext: ExtensionHarness, account: AccountFactsInput): Promise<void> {
  const record = await ext.context.newPage()
  try {
    await record.goto(org.recordUrl(account.id))
    await expect.poll(() => panelSteps(record, id18(account)), WAIT).not.toBeNull()
  } finally {
    await record.close()
  }
}

/** The options page's Export button: the downloaded file's text. */
async function exportedText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="export"]')])
  expect(download.suggestedFilename()).toMatch(/^sop-pilot-team-settings-\d{4}-\d{2}-\d{2}\.json$/)
  const stream = await download.createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString("utf8")
}

const settingsOf = (text: string) => (JSON.parse(text) as { settings: TeamSettings }).settings
const fileText = (settings: unknown, version = 1) =>
  JSON.stringify({ format: SETTINGS_FILE_FORMAT, version, settings }, null, 2)

async function optionsReady(page: Page): Promise<void> {
  await page.locator('[data-path="thresholds.surveyMrr"]').waitFor(WAIT)
}

/** The step keys the Salesforce panel shows (its shadow root is open). */
function panelSteps(page: Page, accountId: string): Promise<string[] | null> {
  return page.evaluate(
    ([hostId, id]) => {
      const panel = document.getElementById(hostId)?.shadowRoot?.querySelector('[data-testid="sop-panel"]')
      if (
        !panel ||
        panel.getAttribute("data-account-id") !== id ||
        panel.querySelector('[data-testid="api-status"]')?.getAttribute("data-state") !== "ok"
      )
        return null
      return Array.from(panel.querySelectorAll("[data-key][data-rule]")).map((el) => el.getAttribute("data-key") ?? "")
    },
    [SALESFORCE_SHADOW_HOST_ID, accountId] as const
  )
}

describe("options page: a field being fixed (issue 16, defect 5)", () => {
  it("says which field is not saved while it is invalid, typed key by key, and saves once it is fixed", async () => {
    const ext = await ready()
    await withPage(ext, "options.html", async (page) => {
      await optionsReady(page)
      const before = await exportedText(page)
      const status = page.getByTestId("save-status")
      const field = page.getByLabel("Sentiment survey from")
      await field.click()
      await field.press("ControlOrMeta+a")
      await field.pressSequentially("-5")
      await field.press("Tab")
      await expect.poll(() => status.getAttribute("data-kind"), WAIT).toBe("invalid")
      expect(await status.textContent()).toBe("Not saved: Sentiment survey from needs fixing")
      expect(await field.getAttribute("aria-invalid")).toBe("true")
      expect(settingsOf(await exportedText(page))).toEqual(settingsOf(before))

      // The status takes the Team Lead back to the field.
      await status.getByRole("button").click()
      expect(await field.evaluate((el) => el === document.activeElement)).toBe(true)
      await field.press("ControlOrMeta+a")
      await field.press("Backspace")
      await field.pressSequentially(String(settingsOf(before).thresholds.surveyMrr))
      await field.press("Tab")
      await expect.poll(() => status.getAttribute("data-kind"), WAIT).not.toBe("invalid")
      expect(await field.getAttribute("aria-invalid")).toBeNull()
    })
  })
})

describe("options page: import and export of team settings", () => {
  it("refuses a bad file, naming its paths, and an export afterwards gives exactly the settings from before", async () => {
    const ext = await ready()
    await withPage(ext, "options.html", async (page) => {
      await optionsReady(page)
      const before = await exportedText(page)

      // Chosen as a Team Lead does: the file picker (the preview follows the choice).
      await page.setInputFiles('[data-action="import-file"]', {
        name: "bad-settings.json",
        mimeType: "application/json",
        buffer: Buffer.from(fileText({ thresholds: { surveyMrr: -5 }, disabledRules: ["ON2", "ZZ9"] }))
      })
      const error = page.getByTestId("import-error")
      await error.waitFor(WAIT)
      expect(
        await error.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-path")).sort())
      ).toEqual(["settings.disabledRules[1]", "settings.thresholds.surveyMrr"])
      expect(await error.textContent()).toContain("settings.thresholds.surveyMrr")
      // Named as the page names the fields (issue 16, defect 5).
      expect(await error.locator('li[data-path="settings.thresholds.surveyMrr"]').textContent()).toMatch(
        /^Sentiment survey from /
      )
      expect(await error.locator('li[data-path="settings.disabledRules[1]"]').textContent()).toMatch(
        /^Rules switched off /
      )

      // A newer version is refused as a whole, even when applied directly.
      const newer = await send(page, {
        name: "settings.import",
        text: fileText({ disabledRules: ["ON2"] }, 2),
        apply: true
      })
      expect(newer).toMatchObject({ ok: false, error: { code: "invalid_input", paths: ["version"] } })
      await page.setInputFiles('[data-action="import-file"]', {
        name: "newer-settings.json",
        mimeType: "application/json",
        buffer: Buffer.from(fileText({ disabledRules: ["ON2"] }, 2))
      })
      await expect.poll(() => error.textContent(), WAIT).toContain("newer SOP Pilot")

      const after = await exportedText(page)
      expect(settingsOf(after)).toEqual(settingsOf(before))
      expect(after.replace(/"exportedAt": "[^"]+"/, "")).toBe(before.replace(/"exportedAt": "[^"]+"/, ""))
    })
  })

  it("imports a good file (ON2 off, survey from $800 MRR): the plans and the Salesforce panel follow", async () => {
    const ext = await ready()
    const page = await ext.context.newPage()
    const log = collectPageErrors(page)
    try {
      await page.goto(org.recordUrl(ACME.id))
      await expect.poll(() => panelSteps(page, id18(ACME)), WAIT).toContain("ON2")
      const ref = { accountId: id18(ACME), apiHost: org.apiOrigin, org: org.name }

      await withPage(ext, "options.html", async (options) => {
        await optionsReady(options)
        const before = await send<{ plan: { derived: { surveyTier: boolean }; steps: Array<{ rule: string }> } }>(
          options,
          { name: "account.view", ref }
        )
        expect(before.ok && before.data.plan.derived.surveyTier).toBe(false) // Acme: $900 MRR
        expect(before.ok && before.data.plan.steps.some((s) => s.rule === "ON2")).toBe(true)

        await options.setInputFiles('[data-action="import-file"]', {
          name: "team-settings.json",
          mimeType: "application/json",
          buffer: Buffer.from(fileText({ disabledRules: ["ON2"], thresholds: { surveyMrr: 800 } }))
        })
        const diff = options.getByTestId("import-diff")
        await diff.waitFor(WAIT)
        expect(
          await diff.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-path")))
        ).toEqual(["thresholds.surveyMrr", "disabledRules"])
        await options.click('[data-action="import-apply"]')
        await options.getByTestId("import-applied").waitFor(WAIT)
        await expect.poll(() => options.inputValue('[data-path="thresholds.surveyMrr"]'), WAIT).toBe("800")
        expect(await options.isChecked('input[data-rule="ON2"]')).toBe(false)

        const after = await send<{ plan: { derived: { surveyTier: boolean }; steps: Array<{ rule: string }> } }>(
          options,
          { name: "account.view", ref }
        )
        expect(after.ok && after.data.plan.derived.surveyTier).toBe(true)
        expect(after.ok && after.data.plan.steps.some((s) => s.rule === "ON2")).toBe(false)
      })

      // The panel open on the record page re-reads on the background's "*" push: ON2 is gone.
      await expect.poll(() => panelSteps(page, id18(ACME)), WAIT).not.toContain("ON2")
      expect(await panelSteps(page, id18(ACME))).not.toBeNull()
      // And after a reload.
      await page.reload()
      await expect.poll(() => panelSteps(page, id18(ACME)), WAIT).not.toBeNull()
      expect(await panelSteps(page, id18(ACME))).not.toContain("ON2")
      expect(log.errors).toEqual([])
    } finally {
      log.detach()
      await page.close()
    }
  })
})

describe("popup and badge", () => {
  it("lists the visited accounts with the engine's overdue counts, most overdue first; the badge shows the total", async () => {
    const ext = await ready()
    const visited = [
      byName("Acme Dental Group"),
      byName("Ironwood Dental"),
      byName("Keystone Imaging"),
      byName("Foothill Pediatrics")
    ]
    for (const account of visited) await visit(ext, account)

    await withPage(ext, "popup.html", async (page) => {
      const settings = await send<{ settings: TeamSettings }>(page, { name: "settings.get" })
      if (!settings.ok) throw new Error(settings.error.message)
      const today = await browserToday(page)
      const expected = (account: AccountFactsInput) =>
        buildPlan(
          AccountFacts.parse({ id: account.id, ...orgFactsOf(account) }),
          settings.data.settings,
          today
        ).steps.filter((s) => s.role === "csm" && s.status === "overdue").length

      await page.locator("li[data-account-id]").first().waitFor(WAIT)
      const rows = await page.locator("li[data-account-id]").evaluateAll((items) =>
        items.map((li) => ({
          id: li.getAttribute("data-account-id"),
          overdue: Number(li.getAttribute("data-overdue")),
          at: Number(li.getAttribute("aria-posinset"))
        }))
      )
      for (const account of visited) {
        expect(rows.find((row) => row.id === id18(account))?.overdue, account.name).toBe(expected(account))
      }
      const inOrder = [...rows].sort((a, b) => a.at - b.at).map((row) => row.overdue)
      expect(inOrder).toEqual([...inOrder].sort((a, b) => b - a))

      const total = async () => {
        const list = await send<Array<{ overdue: number }>>(page, { name: "accounts.list", query: "" })
        return list.ok ? String(list.data.reduce((sum, a) => sum + a.overdue, 0)) : "?"
      }
      const expectedTotal = await total()
      expect(Number(expectedTotal)).toBeGreaterThan(0)
      await expect.poll(() => page.evaluate(() => chrome.action.getBadgeText({})), WAIT).toBe(expectedTotal)
      expect(await page.getByTestId("total-overdue").getAttribute("data-count")).toBe(expectedTotal)
    })
  })

  it("shows the account of the Salesforce tab; checking a step off there lowers its count and the badge", async () => {
    const ext = await ready()
    const account = byName("Ironwood Dental")
    const record = await ext.context.newPage()
    try {
      await record.goto(org.recordUrl(account.id))
      const tabId = await withPage(ext, "popup.html", (page) =>
        page.evaluate(
          async (url) => (await chrome.tabs.query({ url })).map((tab) => tab.id)[0],
          org.recordUrl(account.id)
        )
      )
      expect(tabId).toBeTypeOf("number")
      await withPage(ext, `popup.html?tab=${tabId}`, async (page) => {
        const card = page.getByTestId("current-account")
        await expect.poll(() => card.getAttribute("data-account-id"), WAIT).toBe(id18(account))
        const overdue = Number(await card.getByTestId("current-overdue").textContent())
        expect(overdue).toBeGreaterThan(0)
        const badgeBefore = Number(await page.evaluate(() => chrome.action.getBadgeText({})))
        const key = await card.locator('li[data-status="overdue"]').first().getAttribute("data-key")
        await card.locator(`li[data-key="${key}"] input[type="checkbox"]`).click()
        await expect.poll(() => card.locator(`li[data-key="${key}"]`).getAttribute("data-status"), WAIT).toBe("done")
        await expect
          .poll(async () => Number(await card.getByTestId("current-overdue").textContent()), WAIT)
          .toBe(overdue - 1)
        await expect
          .poll(async () => Number(await page.evaluate(() => chrome.action.getBadgeText({}))), WAIT)
          .toBe(badgeBefore - 1)
        await expect
          .poll(() => page.locator(`li[data-account-id="${id18(account)}"]`).getAttribute("data-overdue"), WAIT)
          .toBe(String(overdue - 1))
      })
    } finally {
      await record.close()
    }
  })
})

describe("organisation policy", () => {
  it("locks the values the policy sets on the options page, refuses changes to them, and ignores invalid ones", async () => {
    const { server } = env()
    const dir = buildCopy(BUILD)
    const extensionId = unpackedExtensionId(dir)
    const policyFile = join(POLICY_DIR, `sop-pilot-e2e-${extensionId}.json`)
    try {
      mkdirSync(POLICY_DIR, { recursive: true })
      writeFileSync(
        policyFile,
        JSON.stringify({
          "3rdparty": {
            extensions: {
              [extensionId]: {
                thresholds: { surveyMrr: 750 },
                disabledRules: ["AD9"],
                salesforce: { apiVersion: "61.0" },
                links: { kycSurvey: "not a link" }
              }
            }
          }
        })
      )
    } catch (error) {
      throw new Error(
        `Cannot write the Chromium policy ${policyFile} (the test needs root, as CI has): ${(error as Error).message}`,
        { cause: error }
      )
    }
    let ext: ExtensionHarness | undefined
    try {
      ext = await launchExtension({ port: server.port, extensionDir: dir })
      expect(ext.extensionId).toBe(extensionId)
      const managed = await ext.serviceWorker.evaluate(() => chrome.storage.managed.get(null))
      expect(managed).toMatchObject({ thresholds: { surveyMrr: 750 }, disabledRules: ["AD9"] })

      await withPage(ext, "options.html", async (page) => {
        await optionsReady(page)
        const surveyMrr = page.locator('[data-path="thresholds.surveyMrr"]')
        expect(await surveyMrr.isDisabled()).toBe(true)
        expect(await surveyMrr.inputValue()).toBe("750")
        const note = await surveyMrr.getAttribute("aria-describedby")
        expect(await page.locator(`#${note?.split(" ").find((id) => id.endsWith("-locked"))}`).textContent()).toBe(
          "Set by your organisation"
        )
        expect(await page.isDisabled('input[data-rule="AD9"]')).toBe(true)
        expect(await page.isChecked('input[data-rule="AD9"]')).toBe(false)
        expect(await page.isDisabled('[data-path="salesforce.apiVersion"]')).toBe(true)
        // Not locked: the policy does not set it, or its value was invalid (ignored).
        expect(await page.isDisabled('[data-path="thresholds.digitalMaxMrr"]')).toBe(false)
        expect(await page.isDisabled('[data-path="links.kycSurvey"]')).toBe(false)

        const state = await send<{ locked: string[]; settings: TeamSettings }>(page, { name: "settings.get" })
        expect(state.ok && state.data.locked.sort()).toEqual([
          "disabledRules",
          "salesforce.apiVersion",
          "thresholds.surveyMrr"
        ])
        expect(state.ok && state.data.settings.links.kycSurvey).toBe("")
        const refused = await send(page, { name: "settings.save", settings: { thresholds: { surveyMrr: 900 } } })
        expect(refused).toMatchObject({ ok: false, error: { code: "invalid_input", paths: ["thresholds.surveyMrr"] } })
        const allowed = await send(page, { name: "settings.save", settings: { thresholds: { digitalMaxMrr: 450 } } })
        expect(allowed.ok).toBe(true)
      })
    } finally {
      await ext?.close()
      rmSync(policyFile, { force: true })
    }
    expect(existsSync(policyFile)).toBe(false)
    expect(readFileSync(join(dir, "manifest.json"), "utf8")).toContain("managed_schema")
  })
})
