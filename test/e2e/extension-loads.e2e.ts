/**
 * Smoke test of the built extension in real Chromium: the service worker answers, the
 * Salesforce content script mounts its panel on a Lightning record page, nothing throws, and the
 * manifest is sane.
 */
import { describe, expect, it } from "vitest"
import {
  collectPageErrors,
  fixture,
  panelLocator,
  readBuiltManifest,
  route,
  shadowHost,
  textInShadowRoot,
  setupExtensionEnvironment,
  SALESFORCE_SHADOW_HOST_ID
} from "./harness"

const ACCOUNT_ID = "001Hs00002ABCDeIAP"
const ACCOUNT_URL = `https://acme.lightning.force.com/lightning/r/Account/${ACCOUNT_ID}/view`

// One fixture server + one Chromium for this file. If Chromium is missing, every test fails.
const env = setupExtensionEnvironment({
  routes: [
    route("GET", "/lightning/r/Account/:id/view", fixture("salesforce/2026-11-25-lightning-account-record.html"), {
      host: "lightning"
    })
  ]
})

describe("the built extension in Chromium", () => {
  it("runs its service worker, which answers a ping from an extension page", async () => {
    const { ext } = env()
    const page = await ext.context.newPage()
    const log = collectPageErrors(page)
    try {
      await page.goto(ext.extensionUrl("popup.html"))
      const reply = await page.evaluate(() => chrome.runtime.sendMessage({ name: "ping" }))
      expect(reply).toEqual({ ok: true, data: { ok: true, from: "background" } })
      expect(log.errors).toEqual([])
    } finally {
      await page.close()
    }
  })

  it("mounts the Salesforce panel in a shadow root on a Lightning Account page, without page errors", async () => {
    const { ext, server } = env()
    const page = await ext.context.newPage()
    const log = collectPageErrors(page)
    try {
      const response = await page.goto(ACCOUNT_URL)
      expect(response?.status()).toBe(200)
      // The fixture, not the real Salesforce, answered under the real host name.
      expect(await page.title()).toBe("Acme Dental Group | Account | Salesforce")
      expect(server.requests.some((r) => r.url === ACCOUNT_URL && r.status === 200)).toBe(true)

      await shadowHost(page).waitFor({ state: "attached", timeout: 10_000 })
      await panelLocator(page).waitFor({ state: "attached", timeout: 10_000 })
      // Strictly inside the host's open shadow root, not in the page's DOM.
      expect(await textInShadowRoot(page, '[data-testid="sop-panel"]')).toContain("SOP Pilot")
      expect(await page.locator(`#${SALESFORCE_SHADOW_HOST_ID}`).evaluate((el) => el.tagName.toLowerCase())).toBe(
        "plasmo-csui"
      )

      await page.waitForLoadState("load")
      expect(log.errors).toEqual([])
    } finally {
      await page.close()
    }
  })

  it("ships a manifest with a name and no <all_urls> host permission", async () => {
    const { ext } = env()
    const manifest = readBuiltManifest()
    expect(typeof manifest.name).toBe("string")
    expect(manifest.name.trim()).not.toBe("")
    expect(manifest.host_permissions ?? []).not.toContain("<all_urls>")
    // The manifest Chromium loaded is the one on disk.
    const loaded = await ext.serviceWorker.evaluate(() => chrome.runtime.getManifest())
    expect(loaded.name).toBe(manifest.name)
    expect(loaded.version).toBe(manifest.version)
  })
})
