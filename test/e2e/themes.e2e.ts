/**
 * Issue #16, item 13 (dark mode): the Salesforce panel, the popup and the options page in the
 * system's light and dark schemes (Chromium's `prefers-color-scheme` emulation), at 1024×700.
 * Checked by the numbers, not by eye: the surface's background is light or dark as the scheme
 * asks, and text meets WCAG AA (4.5:1) on it — the account name, muted notes, an overdue flag, a
 * button. Each view is also saved as a screenshot in test-results/screens/ for a person to look
 * at. Gmail's own theme (src/hosts/gmail/theme.ts) and the Gmail panel in both are in gmail.e2e.ts.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"

import type { Locator, Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { plusDays, todayIn } from "~/src/domain/dates"
import type { AccountFactsInput } from "~/src/domain/facts"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { collectPageErrors, panelLocator, readColours, REPO_ROOT, setupExtensionEnvironment } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.th3mes.4c1d"
const WAIT = { timeout: 20_000 }
const SCREENS = join(REPO_ROOT, "test-results", "screens")
const today = todayIn()

/** Onboarding with the call not scheduled for a week: overdue steps to show in red. */
const ACCOUNT: AccountFactsInput = {
  id: "001Hs00002ThmDk",
  name: "Northwind Dental",
  products: ["learning", "compliance"],
  mrr: 900,
  users: 40,
  serviceLevel: "standard",
  assignedOn: plusDays(today, -9)
}

const org = fakeSalesforceOrg({ org: "acme", accounts: [ACCOUNT], session: SESSION })
const env = setupExtensionEnvironment({ routes: org.routes })

let signedIn = false
async function ready() {
  const current = env()
  if (!signedIn) {
    await addSessionCookie(current.ext.context, org.name, SESSION)
    signedIn = true
  }
  return current
}

const SCHEMES = ["light", "dark"] as const
type Scheme = (typeof SCHEMES)[number]

/** Every target: text on its background at AA, and a surface as light or dark as the scheme. */
async function expectScheme(scheme: Scheme, surface: Locator, texts: Record<string, Locator>): Promise<void> {
  const ground = await readColours(surface)
  if (scheme === "dark") expect(ground.backgroundLuminance, `dark surface, got ${ground.background}`).toBeLessThan(0.05)
  else expect(ground.backgroundLuminance, `light surface, got ${ground.background}`).toBeGreaterThan(0.85)
  for (const [name, target] of Object.entries(texts)) {
    const reading = await readColours(target)
    expect(reading.contrast, `${scheme}: ${name} (${reading.text} on ${reading.background})`).toBeGreaterThanOrEqual(
      4.5
    )
  }
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true })
  await page.screenshot({ path: join(SCREENS, `${name}.png`) })
}

describe("dark mode (issue 16, item 13)", () => {
  for (const scheme of SCHEMES)
    it(`the Salesforce panel in the system's ${scheme} scheme at 1024×700`, async () => {
      const { ext } = await ready()
      const page = await ext.context.newPage()
      try {
        const log = collectPageErrors(page)
        await page.emulateMedia({ colorScheme: scheme })
        await page.setViewportSize({ width: 1024, height: 700 })
        await page.goto(org.recordUrl(ACCOUNT.id))
        await panelLocator(page, '[data-testid="api-status"][data-state="ok"]').waitFor(WAIT)
        await panelLocator(page, ".sop-flag-overdue").first().waitFor(WAIT)
        await expectScheme(scheme, panelLocator(page, ".sop-card").first(), {
          "account name": panelLocator(page, ".sop-account-name"),
          "overdue flag": panelLocator(page, ".sop-flag-overdue").first(),
          "step title": panelLocator(page, "[data-rule] label, [data-rule] .sop-step-title").first(),
          button: panelLocator(page, ".sop-btn").first()
        })
        await shot(page, `salesforce-${scheme}-1024x700`)
        expect(log.errors).toEqual([])
      } finally {
        await page.close()
      }
    })

  for (const scheme of SCHEMES)
    it(`the popup and the options page in the system's ${scheme} scheme`, async () => {
      const { ext } = await ready()
      const page = await ext.context.newPage()
      try {
        const log = collectPageErrors(page)
        await page.emulateMedia({ colorScheme: scheme })
        await page.setViewportSize({ width: 400, height: 600 })
        await page.goto(ext.extensionUrl("popup.html"))
        await page.locator("h1").waitFor(WAIT)
        await expectScheme(scheme, page.locator("body"), {
          heading: page.locator("h1"),
          "settings link": page.locator('[data-action="open-team"]')
        })
        await shot(page, `popup-${scheme}`)

        await page.setViewportSize({ width: 1024, height: 700 })
        await page.goto(ext.extensionUrl("options.html"))
        await page.locator(".sop-card").first().waitFor(WAIT)
        await expectScheme(scheme, page.locator(".sop-card").first(), {
          "part title": page.locator(".sop-part-title").first(),
          "section intro": page.locator(".sop-card-intro").first(),
          label: page.locator(".sop-card label").first(),
          button: page.locator(".sop-btn").first()
        })
        await shot(page, `options-${scheme}-1024x700`)
        expect(log.errors).toEqual([])
      } finally {
        await page.close()
      }
    })
})
