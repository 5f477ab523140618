/**
 * End-to-end harness, the part without vitest: drives the built extension
 * (build/chrome-mv3-prod) in a real Chromium against fixture pages served under the real host
 * names. `npm run demo` uses it directly; tests import test/e2e/harness.ts, which re-exports all
 * of this and adds the per-file setup (`setupOnce`, `useExtensionEnvironment`).
 *
 * Outside vitest (the demo): `startFixtureServer({ routes })`, then
 * `launchExtension({ port: server.port })`, and close both when done.
 *
 * How it fits together:
 * - `startFixtureServer` listens on 127.0.0.1 with HTTPS and a throw-away self-signed certificate
 *   (made with `openssl req -x509`) whose names cover every host family below.
 * - `launchExtension` starts Chromium with `--host-resolver-rules` that send those host names to
 *   the fixture server and `--ignore-certificate-errors`, so the content scripts' real `matches`
 *   patterns (`https://*.lightning.force.com/*`, ...) apply to the fixture pages unchanged.
 *   No request leaves the machine for these hosts.
 * - Chromium failing to start is an error, never a skip: a missing browser must fail the run
 *   (in tests, `setupOnce` makes each test of the file fail with the reason, not just the file).
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http"
import { createServer } from "node:https"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { chromium } from "playwright-core"
import type { BrowserContext, Locator, Page, Worker } from "playwright-core"

import { STORAGE_KEYS } from "../src/messages/storage-keys"

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..")
/** Absolute path of the production build that `npm run build` writes. */
export const EXTENSION_DIR = join(REPO_ROOT, "build", "chrome-mv3-prod")
/** Absolute path of the fixture tree (`test/fixtures/<salesforce|gmail>/...`). */
export const FIXTURES_DIR = join(REPO_ROOT, "test", "fixtures")
/** Debian's real Chromium binary (`/usr/bin/chromium` is a shell wrapper around it). */
export const DEFAULT_CHROME_PATH = "/usr/lib/chromium/chromium"
/** Shadow host id of the Salesforce content-script UI (`getShadowHostId` in contents/salesforce.tsx). */
export const SALESFORCE_SHADOW_HOST_ID = "sop-pilot-salesforce"

// ---------------------------------------------------------------------------------------------
// Host families
// ---------------------------------------------------------------------------------------------

/**
 * The host names the fixture server answers for:
 * - `lightning`: `<org>.lightning.force.com` (the Lightning UI),
 * - `salesforce`: `<org>.my.salesforce.com` (My Domain, REST / UI API),
 * - `gmail`: `mail.google.com`.
 */
export type HostFamily = "lightning" | "salesforce" | "gmail"

/** Host-resolver patterns, in Chromium's `MAP <pattern> <target>` syntax, for every family. */
export const MAPPED_HOST_PATTERNS = [
  "*.lightning.force.com",
  "*.my.salesforce.com",
  "mail.google.com",
  // An org behind a Microsoft Defender for Cloud Apps proxy (optional host permissions).
  "*.lightning.force.com.mcas.ms",
  "*.my.salesforce.com.mcas.ms"
] as const

/** Which directory under test/fixtures/ the default static handler reads for each family. */
const FIXTURE_SUBDIR: Record<HostFamily, string> = {
  lightning: "salesforce",
  salesforce: "salesforce",
  gmail: "gmail"
}

/** The family of a host name (no port), or undefined for any other host. */
export function hostFamily(host: string): HostFamily | undefined {
  const h = host.toLowerCase().replace(/\.mcas\.ms$/, "")
  if (h.endsWith(".lightning.force.com")) return "lightning"
  if (h.endsWith(".my.salesforce.com")) return "salesforce"
  if (h === "mail.google.com") return "gmail"
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Fixture server: types
// ---------------------------------------------------------------------------------------------

type Awaitable<T> = T | Promise<T>

/** A request as route handlers see it; the body is already read (UTF-8). */
export interface FixtureRequest {
  /** Upper-case HTTP method. */
  readonly method: string
  /** Full URL as the browser asked for it, e.g. `https://acme.lightning.force.com/lightning/...`. */
  readonly url: URL
  /** Host name from the Host header, lower-case, without port. */
  readonly host: string
  /** `undefined` when the host is not one of the mapped families. */
  readonly family: HostFamily | undefined
  /** Node's lower-cased header map. */
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** The underlying Node request (its body stream is already consumed: use `body`). */
  readonly raw: IncomingMessage
}

/** What a route answers. Defaults: status 200, no body. `cache-control: no-store` is always added. */
export interface FixtureResponse {
  status?: number
  headers?: Record<string, string>
  body?: string | Uint8Array
}

/**
 * One entry of the route table. Return a response to answer, or `undefined` to let the next
 * route (and finally the static fixture handler) try.
 */
export type Route = (req: FixtureRequest, url: URL, host: string) => Awaitable<FixtureResponse | undefined>

/** A request the server received, with the status it answered. */
export interface RecordedRequest {
  method: string
  /** Full URL (`https://host/path?query`). */
  url: string
  host: string
  headers: IncomingHttpHeaders
  body: string
  status: number
}

export interface FixtureServerOptions {
  /** Route table, tried in order before the static fixture handler. */
  routes?: Route[]
  /** Port to listen on (127.0.0.1). Default: a random free port. */
  port?: number
  /** Root of the static fixture tree. Default: test/fixtures/. Set `false` to disable static files. */
  fixturesDir?: string | false
}

export interface FixtureServer {
  readonly port: number
  /** Every request received so far, oldest first (tests may clear it with `requests.length = 0`). */
  readonly requests: RecordedRequest[]
  /** Route handler exceptions (each also answered with a 500). */
  readonly errors: Error[]
  /** Adds a route after those given at start (still before the static handler). */
  addRoute(route: Route): void
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Route and response helpers
// ---------------------------------------------------------------------------------------------

/** Named path parameters captured by a `route` pattern (`:id` → `params.id`). */
export type RouteParams = Record<string, string>

export interface RouteOptions {
  /**
   * Restrict to a host: a family name (`"lightning"`, `"salesforce"`, `"gmail"`), an exact host
   * name (`"acme.my.salesforce.com"`) or a RegExp tested against the host name.
   */
  host?: HostFamily | (string & {}) | RegExp
}

/**
 * A route for one method and path.
 *
 * `path` is matched against the URL's pathname (the query string is ignored): either a RegExp,
 * or a string where `:name` matches one path segment (captured in `params.name`) and `*` matches
 * anything. `respond` is a fixed response or a function of the request and the captured params.
 *
 * ```ts
 * route("GET", "/lightning/r/Account/:id/view", fixture("salesforce/account.html"), { host: "lightning" })
 * route("GET", "/services/data/v62.0/ui-api/records/:id", (req, { id }) => json({ id }), { host: "salesforce" })
 * ```
 */
export function route(
  method: string,
  path: string | RegExp,
  respond: FixtureResponse | ((req: FixtureRequest, params: RouteParams) => Awaitable<FixtureResponse | undefined>),
  options: RouteOptions = {}
): Route {
  const wantedMethod = method.toUpperCase()
  const pattern = typeof path === "string" ? pathPattern(path) : path
  return (req) => {
    if (req.method !== wantedMethod && !(wantedMethod === "GET" && req.method === "HEAD")) return undefined
    if (!hostMatches(options.host, req)) return undefined
    const match = pattern.exec(req.url.pathname)
    if (!match) return undefined
    const params: RouteParams = { ...match.groups }
    return typeof respond === "function" ? respond(req, params) : respond
  }
}

function pathPattern(path: string): RegExp {
  const source = path
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "(?<$1>[^/]+)")
  return new RegExp(`^${source}$`)
}

function hostMatches(wanted: RouteOptions["host"], req: FixtureRequest): boolean {
  if (wanted === undefined) return true
  if (wanted instanceof RegExp) return wanted.test(req.host)
  if (wanted === "lightning" || wanted === "salesforce" || wanted === "gmail") return req.family === wanted
  return req.host === wanted.toLowerCase()
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon"
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream"
}

/**
 * A response with the contents of a file under test/fixtures/ (path relative to it, e.g.
 * `"salesforce/2026-11-25-lightning-account-record.html"`). The file is read now, so a typo
 * fails when the route is built rather than as a 404 inside the browser.
 */
export function fixture(relativePath: string, init: Omit<FixtureResponse, "body"> = {}): FixtureResponse {
  const file = resolve(FIXTURES_DIR, relativePath)
  if (!isInside(FIXTURES_DIR, file)) throw new Error(`fixture(): ${relativePath} is outside ${FIXTURES_DIR}`)
  if (!existsSync(file)) throw new Error(`fixture(): no such fixture file ${file}`)
  return {
    status: init.status ?? 200,
    headers: { "content-type": contentTypeOf(file), ...init.headers },
    body: readFileSync(file)
  }
}

/** A JSON response (`application/json; charset=utf-8`). */
export function json(value: unknown, init: Omit<FixtureResponse, "body"> = {}): FixtureResponse {
  return {
    status: init.status ?? 200,
    headers: { "content-type": "application/json; charset=utf-8", ...init.headers },
    body: JSON.stringify(value)
  }
}

/** An HTML response from a string. */
export function html(markup: string, init: Omit<FixtureResponse, "body"> = {}): FixtureResponse {
  return {
    status: init.status ?? 200,
    headers: { "content-type": "text/html; charset=utf-8", ...init.headers },
    body: markup
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(req: FixtureRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")
  return match?.[1]
}

// ---------------------------------------------------------------------------------------------
// Fixture server
// ---------------------------------------------------------------------------------------------

interface KeyPair {
  key: Buffer
  cert: Buffer
}

let cachedKeyPair: KeyPair | undefined

/**
 * A self-signed certificate for every mapped host family, made with openssl in a temp dir
 * (removed right after). Cached for the life of the process.
 */
export function selfSignedCertificate(): KeyPair {
  if (cachedKeyPair) return cachedKeyPair
  const dir = mkdtempSync(join(tmpdir(), "sop-pilot-e2e-cert-"))
  try {
    const keyFile = join(dir, "key.pem")
    const certFile = join(dir, "cert.pem")
    const san = MAPPED_HOST_PATTERNS.map((h) => `DNS:${h}`).join(",")
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          keyFile,
          "-out",
          certFile,
          "-days",
          "2",
          "-subj",
          "/CN=sop-pilot-e2e",
          "-addext",
          `subjectAltName=${san}`
        ],
        { stdio: "pipe" }
      )
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: Buffer }
      const why =
        e.code === "ENOENT"
          ? "openssl is not installed (apt-get install -y openssl)"
          : `openssl failed: ${e.stderr?.toString().trim() || e.message}`
      throw new Error(`Cannot make the fixture server's self-signed certificate: ${why}`, { cause: error })
    }
    cachedKeyPair = { key: readFileSync(keyFile), cert: readFileSync(certFile) }
    return cachedKeyPair
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Starts the HTTPS fixture server on 127.0.0.1.
 *
 * Each request goes through `routes` in order (then routes added with `addRoute`); the first
 * response wins. Otherwise GET/HEAD requests are served from test/fixtures/<family>/<pathname>
 * when such a file exists (`salesforce/` for both Salesforce families, `gmail/` for Gmail),
 * `/favicon.ico` gets an empty 204, and anything else a 404. A route that throws gets a 500 and
 * its error is kept in `errors`.
 *
 * No CORS headers are added: a route that answers a cross-origin `fetch` from a page (or a
 * content script, which fetches as the page's origin) must add them and answer the OPTIONS
 * preflight itself. The extension's service worker needs none (host_permissions).
 */
export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const routes: Route[] = [...(options.routes ?? [])]
  const fixturesDir = options.fixturesDir === undefined ? FIXTURES_DIR : options.fixturesDir
  const requests: RecordedRequest[] = []
  const errors: Error[] = []

  const handle = async (raw: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(raw)
    const host = (raw.headers.host ?? "localhost").replace(/:\d+$/, "").toLowerCase()
    const url = new URL(raw.url ?? "/", `https://${host}`)
    const req: FixtureRequest = {
      method: (raw.method ?? "GET").toUpperCase(),
      url,
      host,
      family: hostFamily(host),
      headers: raw.headers,
      body,
      raw
    }
    let response: FixtureResponse | undefined
    try {
      for (const r of routes) {
        response = await r(req, url, host)
        if (response) break
      }
      response ??= staticResponse(req, fixturesDir)
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error))
      errors.push(e)
      console.error(`[fixture server] route failed for ${req.method} ${url.href}:`, e)
      response = {
        status: 500,
        headers: { "content-type": "text/plain; charset=utf-8" },
        body: `route error: ${e.message}`
      }
    }
    const status = response.status ?? 200
    requests.push({ method: req.method, url: url.href, host, headers: raw.headers, body, status })
    res.writeHead(status, { "cache-control": "no-store", ...response.headers })
    res.end(req.method === "HEAD" ? undefined : response.body)
  }

  const server = createServer(selfSignedCertificate(), (raw, res) => {
    handle(raw, res).catch((error: unknown) => {
      console.error("[fixture server] failed to answer:", error)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", (error) =>
      rejectListen(
        new Error(`Fixture server cannot listen on 127.0.0.1:${options.port ?? 0}: ${error.message}`, { cause: error })
      )
    )
    server.listen(options.port ?? 0, "127.0.0.1", () => resolveListen())
  })

  return {
    port: (server.address() as AddressInfo).port,
    requests,
    errors,
    addRoute: (r) => void routes.push(r),
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose())
        // Chromium keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections()
      })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolveBody(Buffer.concat(chunks).toString("utf8")))
    req.on("error", rejectBody)
  })
}

function staticResponse(req: FixtureRequest, fixturesDir: string | false): FixtureResponse {
  const notFound: FixtureResponse = {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: `fixture server: no route for ${req.method} ${req.url.href}`
  }
  if (req.method !== "GET" && req.method !== "HEAD") return notFound
  if (req.url.pathname === "/favicon.ico") return { status: 204 }
  if (fixturesDir === false || req.family === undefined) return notFound
  const base = join(fixturesDir, FIXTURE_SUBDIR[req.family])
  let file: string
  try {
    file = resolve(base, "." + decodeURIComponent(req.url.pathname))
  } catch {
    return notFound
  }
  if (!isInside(base, file) || !existsSync(file) || !statSync(file).isFile()) return notFound
  return { status: 200, headers: { "content-type": contentTypeOf(file) }, body: readFileSync(file) }
}

/** True when `file` is strictly below `dir` (guards the static handler against `..`). */
function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file)
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

// ---------------------------------------------------------------------------------------------
// Built extension
// ---------------------------------------------------------------------------------------------

/**
 * Throws unless the production build exists. `npm run test:e2e` builds first; running vitest
 * directly needs `npm run build` beforehand.
 */
export function assertExtensionBuilt(extensionDir: string = EXTENSION_DIR): void {
  const manifest = join(extensionDir, "manifest.json")
  if (!existsSync(manifest)) {
    throw new Error(
      `The extension is not built: ${manifest} is missing. Run \`npm run build\` first ` +
        "(`npm run test:e2e` builds and then runs the e2e tests)."
    )
  }
}

/** The manifest.json of the build, parsed. */
export function readBuiltManifest(extensionDir: string = EXTENSION_DIR): chrome.runtime.ManifestV3 {
  assertExtensionBuilt(extensionDir)
  return JSON.parse(readFileSync(join(extensionDir, "manifest.json"), "utf8")) as chrome.runtime.ManifestV3
}

// ---------------------------------------------------------------------------------------------
// Chromium with the extension
// ---------------------------------------------------------------------------------------------

/**
 * Playwright 1.65's own `--disable-features` list (chromiumSwitches.ts). Chromium keeps only the
 * LAST `--disable-features` switch on its command line (verified on Chromium 156), and Playwright
 * puts its own before ours, so a bare `--disable-features=X` from us would silently re-enable all
 * of these. We therefore pass a single switch holding this list plus our own features. When
 * upgrading playwright-core, refresh this list (drift only re-enables a few test-stability or
 * phone-home features; it does not break the extension).
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "TcpPortRandomizationWin",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion"
]

/** Features we disable: Chrome 137+ ignores `--load-extension` unless this one is disabled. */
const EXTENSION_DISABLED_FEATURES = ["DisableLoadExtensionCommandLineSwitch"]

export interface LaunchExtensionOptions {
  /** Port of the fixture server that the mapped host names resolve to. */
  port: number
  /** Profile directory. Default: a temp dir that Playwright deletes on close. */
  userDataDir?: string
  /** Default: `CHROME_PATH`, else /usr/lib/chromium/chromium. */
  executablePath?: string
  /** Default: true, unless `E2E_HEADED=1` (needs a display). */
  headless?: boolean
  /** Unpacked extension to load. Default: build/chrome-mv3-prod. */
  extensionDir?: string
  /** More features for the single `--disable-features` switch. */
  disableFeatures?: string[]
  /** More Chromium switches (do not pass `--disable-features` here; use `disableFeatures`). */
  args?: string[]
  /** How long to wait for the extension's service worker. Default 20 s. */
  serviceWorkerTimeoutMs?: number
  /**
   * Mount the panels in OPEN shadow roots (default true), so that locators and `shadowRoot`
   * reads reach inside: the test seam of src/ui/shadow-root.ts, a flag in chrome.storage.local
   * set through the service worker before any page opens. The shipped extension mounts closed
   * roots; `setOpenShadowRoots(ext, false)` shows them as a page would meet them.
   */
  openShadowRoots?: boolean
}

/**
 * Grants optional host permissions in a profile, as clicking Allow in Chrome's prompt does: the
 * origins go into the extension's granted and active permissions in the profile's Preferences.
 * `chrome.permissions.request` cannot be answered in headless Chromium (no prompt to click, and
 * Playwright will not answer one: microsoft/playwright#32755), so a test grants here between two
 * launches of the same `userDataDir`, with Chromium closed.
 */
export function grantHostPermissions(userDataDir: string, extensionId: string, origins: string[]): void {
  const file = join(userDataDir, "Default", "Preferences")
  const prefs = JSON.parse(readFileSync(file, "utf8")) as {
    extensions?: { settings?: Record<string, Record<string, { explicit_host?: string[] } | undefined>> }
  }
  const settings = prefs.extensions?.settings?.[extensionId]
  if (!settings) throw new Error(`grantHostPermissions: extension ${extensionId} is not in ${file}`)
  for (const key of ["granted_permissions", "active_permissions", "runtime_granted_permissions"]) {
    const permissions = settings[key] ?? {}
    permissions.explicit_host = [...new Set([...(permissions.explicit_host ?? []), ...origins])]
    settings[key] = permissions
  }
  writeFileSync(file, JSON.stringify(prefs))
}

export interface ExtensionHarness {
  context: BrowserContext
  /** The 32-letter id, as in `chrome-extension://<id>/`. */
  extensionId: string
  /**
   * The extension's background service worker (`serviceWorker.evaluate(() => chrome...)`).
   * Chromium did not stop it while Playwright was attached (checked after 45 s idle).
   */
  serviceWorker: Worker
  /** `chrome-extension://<id>/<path>`, e.g. `extensionUrl("popup.html")`. */
  extensionUrl(path: string): string
  /** Closes Chromium (and deletes the temp profile, if any). Safe to call twice. */
  close(): Promise<void>
}

/** The Chromium switches `launchExtension` passes (exported for debugging and reports). */
export function extensionLaunchArgs(options: {
  port: number
  extensionDir?: string
  disableFeatures?: string[]
  args?: string[]
}): string[] {
  const extensionDir = resolve(options.extensionDir ?? EXTENSION_DIR)
  const hostRules = MAPPED_HOST_PATTERNS.map((h) => `MAP ${h} 127.0.0.1:${options.port}`).join(", ")
  const disabled = [
    ...new Set([...PLAYWRIGHT_DISABLED_FEATURES, ...EXTENSION_DISABLED_FEATURES, ...(options.disableFeatures ?? [])])
  ]
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--disable-features=${disabled.join(",")}`,
    `--host-resolver-rules=${hostRules}`,
    "--ignore-certificate-errors",
    "--no-sandbox",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    ...(options.args ?? [])
  ]
}

/**
 * Launches Chromium (persistent context, as extensions require) with the built extension
 * loaded and the mapped host names pointing at the fixture server on `port`, then waits for the
 * extension's service worker.
 *
 * Throws, with the reason, when the build is missing, Chromium is missing or does not start, or
 * the extension does not load.
 */
export async function launchExtension(options: LaunchExtensionOptions): Promise<ExtensionHarness> {
  const extensionDir = resolve(options.extensionDir ?? EXTENSION_DIR)
  const manifest = readBuiltManifest(extensionDir)
  const fromEnv = process.env.CHROME_PATH
  const executablePath = options.executablePath ?? (fromEnv || DEFAULT_CHROME_PATH)
  const source = options.executablePath ? "executablePath option" : fromEnv ? "CHROME_PATH" : "default path"
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath} (${source}). Install it with ` +
        "`apt-get install -y chromium` or set CHROME_PATH to a Chromium binary. " +
        "E2E tests need a real browser and fail without one."
    )
  }

  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(options.userDataDir ?? "", {
      executablePath,
      headless: options.headless ?? process.env.E2E_HEADED !== "1",
      // Playwright passes --disable-extensions by default, which would block our extension.
      ignoreDefaultArgs: ["--disable-extensions"],
      args: extensionLaunchArgs({ ...options, extensionDir }),
      timeout: 30_000
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`Chromium (${executablePath}) failed to start: ${message}`, { cause: error })
  }

  const workerScript = manifest.background?.service_worker
  const isOurWorker = (w: Worker): boolean =>
    w.url().startsWith("chrome-extension://") &&
    (workerScript === undefined || new URL(w.url()).pathname === `/${workerScript}`)
  let serviceWorker = context.serviceWorkers().find(isOurWorker)
  if (!serviceWorker) {
    const timeout = options.serviceWorkerTimeoutMs ?? 20_000
    try {
      serviceWorker = await context.waitForEvent("serviceworker", { predicate: isOurWorker, timeout })
    } catch (error) {
      await context.close().catch(() => {})
      throw new Error(
        `The extension's service worker did not start within ${timeout} ms: Chromium did not load ` +
          `${extensionDir}. It silently rejects invalid manifests (an empty "name", for one); ` +
          "check the build and try loading it by hand in chrome://extensions.",
        { cause: error }
      )
    }
  }

  const extensionId = new URL(serviceWorker.url()).host
  await setOpenShadowRootsIn(serviceWorker, options.openShadowRoots ?? true)
  let closed: Promise<void> | undefined
  return {
    context,
    extensionId,
    serviceWorker,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, "")}`,
    close: () => (closed ??= context.close())
  }
}

async function setOpenShadowRootsIn(worker: Worker, open: boolean): Promise<void> {
  await worker.evaluate(
    ([key, value]) => (value ? chrome.storage.local.set({ [key]: true }) : chrome.storage.local.remove(key)),
    [STORAGE_KEYS.openShadowRootsForTests, open] as const
  )
}

/**
 * Switches the test seam of src/ui/shadow-root.ts for pages opened (or reloaded) from now on:
 * open shadow roots (what the tests' locators need) or closed ones (what the extension ships).
 */
export function setOpenShadowRoots(ext: ExtensionHarness, open: boolean): Promise<void> {
  return setOpenShadowRootsIn(ext.serviceWorker, open)
}

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

export interface PageErrorLog {
  /** Uncaught exceptions and `console.error` messages, in order, as `"<kind>: <text>"`. */
  readonly errors: string[]
  /** Stops listening. */
  detach(): void
}

/**
 * Records the page's uncaught exceptions (`pageerror`) and `console.error` messages from the
 * moment of the call. Messages matching one of `ignore` are dropped.
 *
 * Content scripts are covered too (verified with Playwright 1.65 / Chromium 156): their
 * `console.error` calls, uncaught exceptions (sync and async) and unhandled rejections all
 * arrive here, with `chrome-extension://<id>/...` in the stack or location.
 */
export function collectPageErrors(page: Page, options: { ignore?: RegExp[] } = {}): PageErrorLog {
  const errors: string[] = []
  const ignored = (text: string): boolean => (options.ignore ?? []).some((re) => re.test(text))
  const onPageError = (error: Error): void => {
    const text = `pageerror: ${error.stack ?? error.message}`
    if (!ignored(text)) errors.push(text)
  }
  const onConsole = (message: {
    type(): string
    text(): string
    location(): { url: string; lineNumber: number }
  }): void => {
    if (message.type() !== "error") return
    const { url, lineNumber } = message.location()
    const text = `console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`
    if (!ignored(text)) errors.push(text)
  }
  page.on("pageerror", onPageError)
  page.on("console", onConsole)
  return {
    errors,
    detach: () => {
      page.off("pageerror", onPageError)
      page.off("console", onConsole)
    }
  }
}

/**
 * The shadow host of a Plasmo content-script UI (`<plasmo-csui id="...">`). Default: the
 * Salesforce panel's host.
 */
export function shadowHost(page: Page, hostId: string = SALESFORCE_SHADOW_HOST_ID): Locator {
  return page.locator(`#${hostId}`)
}

/**
 * An element inside a Plasmo content-script UI. Playwright's CSS locators pierce open shadow
 * roots (the harness's default, `openShadowRoots`; shipped roots are closed), so this works for
 * any selector inside the panel: `panelLocator(page, "button")`.
 * Default selector: the panel root, `[data-testid="sop-panel"]`.
 */
export function panelLocator(
  page: Page,
  selector = '[data-testid="sop-panel"]',
  hostId: string = SALESFORCE_SHADOW_HOST_ID
): Locator {
  return shadowHost(page, hostId).locator(selector)
}

/**
 * Strict check that `selector` matches inside the host's *shadow root* (not in the light DOM):
 * returns the first match's text content, or null when the host, its open shadow root or the
 * element is missing.
 */
export function textInShadowRoot(
  page: Page,
  selector: string,
  hostId: string = SALESFORCE_SHADOW_HOST_ID
): Promise<string | null> {
  return page.evaluate(
    ([id, sel]) => {
      const root = document.getElementById(id)?.shadowRoot
      const el = root?.querySelector(sel)
      return el ? (el.textContent ?? "") : null
    },
    [hostId, selector] as const
  )
}

/** An element's colours as the screen shows them: its text on its own (or nearest) background. */
export interface ColoursReading {
  text: string
  background: string
  /** WCAG 2 contrast ratio of the text on the background (1–21). */
  contrast: number
  /** The background's relative luminance (0 black – 1 white). */
  backgroundLuminance: number
}

/**
 * Reads a locator's text and background colours (the background of the nearest ancestor, across
 * shadow roots, that paints one), for light/dark checks by the numbers rather than by eye.
 */
export function readColours(target: Locator): Promise<ColoursReading> {
  return target.evaluate((el): ColoursReading => {
    const parse = (colour: string) => {
      const parts =
        /rgba?\(([^)]+)\)/
          .exec(colour)?.[1]
          ?.split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number) ?? []
      return { rgb: parts.slice(0, 3), alpha: parts[3] ?? 1 }
    }
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => {
        const s = c / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }) as [number, number, number]
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    let node: Element | null = el
    let background = "rgb(255, 255, 255)"
    while (node) {
      const painted = getComputedStyle(node).backgroundColor
      if (parse(painted).alpha > 0) {
        background = painted
        break
      }
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null
    }
    const text = getComputedStyle(el).color
    const [lt, lb] = [luminance(parse(text).rgb), luminance(parse(background).rgb)]
    return {
      text,
      background,
      contrast: (Math.max(lt, lb) + 0.05) / (Math.min(lt, lb) + 0.05),
      backgroundLuminance: lb
    }
  })
}
