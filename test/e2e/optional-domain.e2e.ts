/**
 * Issue 14, item 2: a Salesforce org behind a Microsoft Defender for Cloud Apps proxy
 * (`<org>.lightning.force.com.mcas.ms`) is not in the manifest's host permissions. SOP Pilot
 * stays off there until the CSM grants that domain; once granted, the registered content script
 * runs on its pages and the API is called on the proxied My Domain host, with the session cookie
 * that lives there.
 *
 * Chrome's permission prompt cannot be answered in headless Chromium, so the test grants the
 * domain in the profile, as the prompt's Allow does (`grantHostPermissions`), between two launches.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { plusDays, todayIn } from "~/src/domain/dates"
import { toId18 } from "~/src/domain/ids"
import type { AccountFactsInput } from "~/src/domain/facts"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import {
  grantHostPermissions,
  launchExtension,
  SALESFORCE_SHADOW_HOST_ID,
  startFixtureServer,
  type ExtensionHarness,
  type FixtureServer
} from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.proxy.7a11"
const WAIT = { timeout: 20_000 }
const PROXY_ORIGINS = ["https://*.lightning.force.com.mcas.ms/*", "https://*.my.salesforce.com.mcas.ms/*"]
const today = todayIn()

const NORTHWIND: AccountFactsInput = {
  id: "001Hs00002PrxNw",
  name: "Northwind Traders",
  products: ["learning"],
  mrr: 900,
  users: 40,
  assignedOn: plusDays(today, -3)
}
const org = fakeSalesforceOrg({ org: "acme", accounts: [NORTHWIND], session: SESSION, proxied: true })

let server: FixtureServer
let ext: ExtensionHarness | undefined
const profile = mkdtempSync(join(tmpdir(), "sop-pilot-proxy-"))

beforeAll(async () => {
  server = await startFixtureServer({ routes: org.routes })
})
afterAll(async () => {
  await ext?.close()
  await server?.close()
  rmSync(profile, { recursive: true, force: true })
})

const launch = async () => {
  ext = await launchExtension({ port: server.port, userDataDir: profile })
  await addSessionCookie(ext.context, org.name, SESSION, { proxied: true })
  return ext
}

const panelOf = (page: Page) =>
  page.evaluate((hostId) => {
    const panel = document.getElementById(hostId)?.shadowRoot?.querySelector('[data-testid="sop-panel"]')
    return panel
      ? {
          accountId: panel.getAttribute("data-account-id"),
          apiState: panel.querySelector('[data-testid="api-status"]')?.getAttribute("data-state") ?? null,
          text: panel.textContent ?? ""
        }
      : null
  }, SALESFORCE_SHADOW_HOST_ID)

describe("a Salesforce domain behind the Defender for Cloud Apps proxy", () => {
  it("stays off until the domain is granted, then shows the account read through the proxied API host", async () => {
    const first = await launch()
    const url = org.recordUrl(NORTHWIND.id)
    expect(new URL(url).hostname).toBe("acme.lightning.force.com.mcas.ms")

    const before = await first.context.newPage()
    await before.goto(url)
    // The page loaded, but nothing of SOP Pilot runs on it: the domain is not granted.
    await before.waitForLoadState("load")
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await before.evaluate((id) => document.getElementById(id) === null, SALESFORCE_SHADOW_HOST_ID)).toBe(true)
    expect(org.apiCalls).toHaveLength(0)
    const granted = await first.serviceWorker.evaluate(
      (origins) => chrome.permissions.contains({ origins }),
      PROXY_ORIGINS
    )
    expect(granted).toBe(false)
    const { extensionId } = first
    await first.close()

    // The CSM clicked "Use SOP Pilot on this Salesforce domain" and Allow.
    grantHostPermissions(profile, extensionId, PROXY_ORIGINS)
    const second = await launch()
    expect(
      await second.serviceWorker.evaluate((origins) => chrome.permissions.contains({ origins }), PROXY_ORIGINS)
    ).toBe(true)
    // The background registered the Salesforce content script for the granted patterns.
    await expect
      .poll(
        () =>
          second.serviceWorker.evaluate(async () =>
            (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? [])
          ),
        WAIT
      )
      .toEqual(expect.arrayContaining(PROXY_ORIGINS))

    const page = await second.context.newPage()
    await page.goto(url)
    await expect.poll(() => panelOf(page), WAIT).toMatchObject({ accountId: toId18(NORTHWIND.id), apiState: "ok" })
    expect((await panelOf(page))?.text).toContain("Northwind Traders")
    // Read on the proxied My Domain host, with the session that lives there.
    expect(org.apiCalls.length).toBeGreaterThan(0)
    for (const call of org.apiCalls) {
      expect(call.host).toBe("acme.my.salesforce.com.mcas.ms")
      expect(call.bearer).toBe(SESSION)
    }
  })
})
