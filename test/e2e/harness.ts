/**
 * End-to-end harness for vitest: everything in tools/extension-harness.ts (fixture
 * server, routes, launching Chromium with the extension, page helpers; free of vitest so that
 * `npm run demo` can use it too) plus the per-file setup below.
 *
 * Typical use, one browser per test file, shared by its tests:
 *
 * ```ts
 * const env = setupExtensionEnvironment({
 *   routes: [
 *     route("GET", "/lightning/r/Account/:id/view",
 *       fixture("salesforce/2026-11-25-lightning-account-record.html"), { host: "lightning" }),
 *     route("GET", "/services/data/v62.0/ui-api/records/:id", (req, params) =>
 *       bearerToken(req) === "t0k3n" ? json({ id: params.id }) : json([{ errorCode: "INVALID_SESSION_ID" }], { status: 401 }),
 *       { host: "salesforce" })
 *   ]
 * })
 *
 * it("...", async () => {
 *   const { ext, server } = env()
 *   const page = await ext.context.newPage()
 *   await page.goto("https://acme.lightning.force.com/lightning/r/Account/001Hs00002ABCDeIAP/view")
 * })
 * ```
 *
 * `setupExtensionEnvironment` wraps `startFixtureServer` + `launchExtension` in beforeAll/afterAll;
 * use those two directly for anything it does not cover (then see `setupOnce`).
 */
import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect } from "vitest"

import {
  SALESFORCE_SHADOW_HOST_ID,
  launchExtension,
  startFixtureServer,
  type ExtensionHarness,
  type FixtureServer,
  type FixtureServerOptions,
  type LaunchExtensionOptions,
  type Route
} from "../../tools/extension-harness"

export * from "../../tools/extension-harness"

// ---------------------------------------------------------------------------------------------
// Per-file setup
// ---------------------------------------------------------------------------------------------

/**
 * Runs `setup` once for the test file (in `beforeAll`) and `teardown` after it (in `afterAll`).
 * Tests read the result with the returned getter.
 *
 * Why not just `beforeAll`: when a `beforeAll` hook throws, vitest fails the file but reports its
 * tests as *skipped*. Here the hook keeps the error and the getter rethrows it, so every test
 * FAILS with the reason (e.g. "Chromium not found at ..."). Call the getter in each test.
 */
export function setupOnce<T>(setup: () => Promise<T>, teardown: (value: T) => Promise<void>): () => T {
  let state: { ok: true; value: T } | { ok: false; error: unknown } | undefined
  beforeAll(async () => {
    try {
      state = { ok: true, value: await setup() }
    } catch (error) {
      state = { ok: false, error }
    }
  })
  afterAll(async () => {
    if (state?.ok) await teardown(state.value)
  })
  return () => {
    if (!state) throw new Error("setupOnce(): the getter was called outside a test (before beforeAll ran)")
    if (!state.ok) throw state.error
    return state.value
  }
}

export interface ExtensionEnvironment {
  server: FixtureServer
  ext: ExtensionHarness
}

/**
 * One fixture server and one Chromium with the extension for the whole test file, via
 * `setupOnce` (so a missing browser fails every test). Routes can be added later with
 * `env().server.addRoute(...)`.
 */
export function setupExtensionEnvironment(
  options: { server?: FixtureServerOptions; routes?: Route[]; launch?: Omit<LaunchExtensionOptions, "port"> } = {}
): () => ExtensionEnvironment {
  return setupOnce(
    async () => {
      const server = await startFixtureServer({
        ...options.server,
        routes: [...(options.server?.routes ?? []), ...(options.routes ?? [])]
      })
      try {
        const ext = await launchExtension({ ...options.launch, port: server.port })
        return { server, ext }
      } catch (error) {
        await server.close()
        throw error
      }
    },
    async ({ server, ext }) => {
      try {
        await ext.close()
      } finally {
        await server.close()
      }
    }
  )
}

/**
 * The CSM opens one Account once, as a sign-in would be followed: SOP Pilot learns the org (the
 * book sync and the team page read it from there). Resolves once the panel has read Salesforce.
 */
export async function openAccountOnce(ext: ExtensionHarness, recordUrl: string): Promise<void> {
  const record = await ext.context.newPage()
  try {
    await record.goto(recordUrl)
    await expect
      .poll(
        () =>
          record.evaluate(
            (hostId) =>
              document
                .getElementById(hostId)
                ?.shadowRoot?.querySelector('[data-testid="api-status"]')
                ?.getAttribute("data-state") ?? null,
            SALESFORCE_SHADOW_HOST_ID
          ),
        { timeout: 20_000 }
      )
      .toBe("ok")
  } finally {
    await record.close()
  }
}

// ---------------------------------------------------------------------------------------------
// The keyboard (issue 16, item 12)
// ---------------------------------------------------------------------------------------------

/**
 * What the `focus-panel` shortcut (Alt+Shift+S) does, for the tab showing `page`: the background's
 * `runCommand` sends `panel.focus` to the tab's top frame. Sent from the service worker, because
 * headless Chromium does not route `chrome.commands` keys (browser accelerators) to extensions.
 */
export async function pressFocusShortcut(ext: ExtensionHarness, page: Page): Promise<void> {
  const sent = await ext.serviceWorker.evaluate(async (url) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === url)
    if (tab?.id === undefined) return false
    await chrome.tabs.sendMessage(tab.id, { name: "panel.focus" }, { frameId: 0 })
    return true
  }, page.url())
  if (!sent) throw new Error(`no tab shows ${page.url()}`)
}

/** The focused element inside a content-script UI's (open) shadow root, described; null when the focus is elsewhere. */
export function focusedInPanel(
  page: Page,
  hostId: string = SALESFORCE_SHADOW_HOST_ID
): Promise<{ tag: string; action: string | null; field: string | null; stepKey: string | null; label: string } | null> {
  return page.evaluate((hostId) => {
    const element = document.getElementById(hostId)?.shadowRoot?.activeElement as HTMLElement | null | undefined
    if (!element) return null
    return {
      tag: element.tagName.toLowerCase(),
      action: element.getAttribute("data-action"),
      field: element.getAttribute("data-field"),
      stepKey: element.getAttribute("data-step-key"),
      label: (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 60)
    }
  }, hostId)
}

/** The focused element in the page itself (the main world's `document.activeElement`), as a CSS-ish name. */
export function focusedInPage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!element) return "none"
    const name = element.getAttribute("name") ?? element.getAttribute("g_editable") ?? ""
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${name ? `[${name}]` : ""}.${element.className}`
  })
}

/**
 * Starts recording, in the page's main world, every keydown and keypress that reaches its
 * `document` (what a page's shortcuts act on; a keyup lands wherever the focus went meanwhile).
 */
export async function recordPageKeys(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const keys: string[] = []
    ;(window as unknown as { sopKeysSeen: string[] }).sopKeysSeen = keys
    for (const type of ["keydown", "keypress"])
      document.addEventListener(type, (event) => keys.push(`${type}:${(event as KeyboardEvent).key}`))
  })
  return () => page.evaluate(() => [...(window as unknown as { sopKeysSeen: string[] }).sopKeysSeen])
}

/**
 * Presses Tab through a panel until the focus leaves it (or `max` presses), and returns each
 * control reached with whether it shows a focus ring: a box-shadow, or an outline that is drawn
 * (not `none`, not zero wide, not transparent). Read from computed styles, not by eye.
 */
export async function tabThroughPanel(
  page: Page,
  hostId: string,
  max = 80
): Promise<{ control: string; ring: boolean }[]> {
  const seen: { control: string; ring: boolean }[] = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab")
    const reading = await page.evaluate((hostId) => {
      const element = document.getElementById(hostId)?.shadowRoot?.activeElement as HTMLElement | null | undefined
      if (!element) return null
      const style = getComputedStyle(element)
      const outline =
        style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== "rgba(0, 0, 0, 0)"
      const control = [
        element.tagName.toLowerCase(),
        element.getAttribute("data-action") ??
          element.getAttribute("data-field") ??
          element.getAttribute("data-step-key"),
        (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)
      ]
        .filter(Boolean)
        .join(" ")
      return { control, ring: style.boxShadow !== "none" || outline }
    }, hostId)
    if (!reading) break
    seen.push(reading)
  }
  return seen
}
