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
