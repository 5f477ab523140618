/**
 * The in-browser benchmarks: the built extension in Chromium on the fixture pages (the fake
 * Salesforce org of tools/, the dated Gmail fixtures), against a second Chromium without
 * the extension on the same pages, in the same run.
 */
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { request } from "node:https"

import { chromium, type BrowserContext, type Page } from "playwright-core"

import { demoBook } from "../src/demo/book"
import { toId18 } from "../src/domain/ids"
import type { IsoDate } from "../src/domain/dates"
import {
  DEFAULT_CHROME_PATH,
  extensionLaunchArgs,
  fixture,
  html,
  launchExtension,
  route,
  SALESFORCE_SHADOW_HOST_ID,
  startFixtureServer,
  type ExtensionHarness,
  type FixtureServer
} from "../tools/extension-harness"
import { addSessionCookie, fakeSalesforceOrg, type FakeSalesforceOrg } from "../tools/salesforce-org"
import { dexieRowsOf, syntheticBook } from "./book"
import { bootstrapRatioCi, median, round, summarize, type Summary } from "./stats"

export const SESSION = "00Dxx0000001gEREAY!bench.s3ss10n"
export const GMAIL_URL = "https://mail.google.com/mail/u/0/#inbox"
export const GMAIL_FIXTURE = "gmail/2026-11-25-compose-new-message.html"
/** The inbox without a compose; its own script opens composes (`window.fixtureGmail`). */
export const GMAIL_INBOX_URL = "https://mail.google.com/mail/u/1/#inbox"
export const GMAIL_INBOX_FIXTURE = "gmail/2026-11-25-inbox-no-compose.html"
const GMAIL_SHADOW_HOST_ID = "sop-pilot-gmail"
const WAIT_MS = 30_000

export interface BenchBrowsers {
  server: FixtureServer
  org: FakeSalesforceOrg
  /** Chromium with the extension. */
  ext: ExtensionHarness
  /** The same Chromium, same switches, without the extension. */
  plain: BrowserContext
  chromiumVersion: string
  /** Markup served at `https://mail.google.com/sop-bench-control/<name>`: no content script matches there. */
  controls: Map<string, string>
  close(): Promise<void>
}

export function chromePath(): string {
  return process.env.CHROME_PATH || DEFAULT_CHROME_PATH
}

export function chromiumVersion(path = chromePath()): string {
  try {
    return execFileSync(path, ["--version"], { encoding: "utf8" }).trim()
  } catch {
    return "unknown"
  }
}

/** One fixture server, the extension's Chromium and a plain one. */
export async function startBrowsers(options: { today: IsoDate; extensionDir?: string }): Promise<BenchBrowsers> {
  const org = fakeSalesforceOrg({ org: "acme", accounts: demoBook(options.today), session: SESSION })
  const controls = new Map<string, string>()
  const server = await startFixtureServer({
    routes: [
      ...org.routes,
      route("GET", "/mail/u/1/*", fixture(GMAIL_INBOX_FIXTURE), { host: "gmail" }),
      route("GET", "/mail/*", fixture(GMAIL_FIXTURE), { host: "gmail" }),
      route(
        "GET",
        "/sop-bench-control/:name",
        (_req, { name = "" }) => {
          const markup = controls.get(name)
          return markup === undefined ? undefined : html(markup)
        },
        { host: "gmail" }
      )
    ]
  })
  let ext: ExtensionHarness | undefined
  try {
    ext = await launchExtension({
      port: server.port,
      ...(options.extensionDir ? { extensionDir: options.extensionDir } : {})
    })
    await addSessionCookie(ext.context, org.name, SESSION)
    const executablePath = chromePath()
    if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (set CHROME_PATH)`)
    // The extension's own switches left out; Playwright's default --disable-extensions stays.
    const args = extensionLaunchArgs({ port: server.port }).filter(
      (a) => !a.startsWith("--load-extension") && !a.startsWith("--disable-extensions-except")
    )
    const plain = await chromium.launchPersistentContext("", {
      executablePath,
      headless: process.env.E2E_HEADED !== "1",
      args,
      timeout: 30_000
    })
    const harness = ext
    return {
      server,
      org,
      ext: harness,
      plain,
      chromiumVersion: chromiumVersion(executablePath),
      controls,
      close: async () => {
        await Promise.allSettled([harness.close(), plain.close()])
        await server.close()
      }
    }
  } catch (error) {
    await ext?.close().catch(() => undefined)
    await server.close()
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Page-side helpers (these functions run in the page: no closures over Node values)
// ---------------------------------------------------------------------------------------------

/** Records every long task from document start (main world), for `longTasksAtLoad`. */
function recordLongTasks(): void {
  const w = window as unknown as { __sopBenchLongTasks?: number[] }
  w.__sopBenchLongTasks = []
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__sopBenchLongTasks?.push(entry.duration)
    }).observe({ type: "longtask" })
  } catch {
    // No Long Tasks API: nothing to record.
  }
}

const longTasksSoFar = (page: Page): Promise<number[]> =>
  page.evaluate(() => [...((window as unknown as { __sopBenchLongTasks?: number[] }).__sopBenchLongTasks ?? [])])

// ---------------------------------------------------------------------------------------------
// panelRenderMs
// ---------------------------------------------------------------------------------------------

export interface PanelRenderReport extends Summary {
  /**
   * The first visit after the browser started (one sample, facts not cached yet): what a CSM sees
   * first thing in the morning. Not part of p50/p95.
   */
  coldFirstVisitMs: number
  /** DOMContentLoaded → content-script start (Chromium's document_idle injection), for context. */
  injectAfterDclMs: Summary
  /** Navigation start → panel painted. */
  fromNavigationMs: Summary
  /** Content-script start → the checklist committed to the DOM (the rest is waiting for a frame). */
  committedMs: Summary
  goal: string
  met: boolean
}

interface PaintMarks {
  csStart: number
  painted: number
  /** `sop-pilot:panel-committed`: React committed the checklist to the DOM (the paint follows a frame later). */
  committed: number
  dcl: number
  detail: unknown
}

async function waitForPaintMarks(page: Page, accountId: string): Promise<PaintMarks> {
  const handle = await page.waitForFunction(
    (id) => {
      const painted = performance
        .getEntriesByName("sop-pilot:panel-painted")
        .find((m) => ((m as PerformanceMark).detail as { accountId?: string } | null)?.accountId === id)
      const committed = performance
        .getEntriesByName("sop-pilot:panel-committed")
        .find((m) => ((m as PerformanceMark).detail as { accountId?: string } | null)?.accountId === id)
      const start = performance.getEntriesByName("sop-pilot:cs-start")[0]
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined
      return painted && start
        ? {
            csStart: start.startTime,
            painted: painted.startTime,
            committed: committed?.startTime ?? Number.NaN,
            dcl: nav?.domContentLoadedEventEnd ?? 0,
            detail: (painted as PerformanceMark).detail
          }
        : null
    },
    accountId,
    { timeout: WAIT_MS }
  )
  return (await handle.jsonValue()) as PaintMarks
}

/** Content script start → the account's checklist painted, from cached facts (the page's own marks). */
export async function panelRender(b: BenchBrowsers, runs: number): Promise<PanelRenderReport> {
  const account = b.org.accounts[2] ?? b.org.accounts[0]
  if (!account) throw new Error("the org has no account")
  const accountId = toId18(account.id) as string
  const page = await b.ext.context.newPage()
  try {
    // First visit: the extension caches the account (and reads Salesforce).
    await page.goto(b.org.recordUrl(accountId))
    const cold = await waitForPaintMarks(page, accountId)
    await page.waitForFunction(
      (hostId) =>
        document
          .getElementById(hostId)
          ?.shadowRoot?.querySelector('[data-testid="api-status"]')
          ?.getAttribute("data-state") === "ok",
      SALESFORCE_SHADOW_HOST_ID,
      { timeout: WAIT_MS }
    )
    const render: number[] = []
    const inject: number[] = []
    const total: number[] = []
    const committed: number[] = []
    for (let run = 0; run < runs + 2; run++) {
      await page.goto(b.org.recordUrl(accountId))
      const marks = await waitForPaintMarks(page, accountId)
      if (run < 2) continue // warm-up
      render.push(marks.painted - marks.csStart)
      inject.push(marks.csStart - marks.dcl)
      total.push(marks.painted)
      if (Number.isFinite(marks.committed)) committed.push(marks.committed - marks.csStart)
    }
    const summary = summarize(render)
    return {
      ...summary,
      coldFirstVisitMs: round(cold.painted - cold.csStart, 1),
      injectAfterDclMs: summarize(inject),
      fromNavigationMs: summarize(total),
      committedMs: summarize(committed),
      goal: "p95 ≤ 16 ms (sop-pilot:cs-start → sop-pilot:panel-painted, facts cached)",
      met: summary.p95 <= 16
    }
  } finally {
    await page.close()
  }
}

// ---------------------------------------------------------------------------------------------
// spaRedetectMs
// ---------------------------------------------------------------------------------------------

export interface SpaReport extends Summary {
  /** Baseline, same clicks: the page's own in-app navigation (click → new record's title set). */
  pageSwapMs: Summary
  /** Per click, panel − page: what the extension adds after the page has swapped. */
  afterPageMs: Summary
  goal: string
  met: boolean
}

/** In-app navigation (the app shell's pushState + DOM swap) → the panel shows the new account, painted. */
export async function spaRedetect(b: BenchBrowsers, runs: number): Promise<SpaReport> {
  const [first, second] = b.org.accounts
  if (!first || !second) throw new Error("the org needs two accounts")
  const ids = [toId18(first.id) as string, toId18(second.id) as string]
  const page = await b.ext.context.newPage()
  try {
    await page.goto(b.org.recordUrl(ids[0] as string, "app-shell"))
    await waitForPaintMarks(page, ids[0] as string)
    const panel: number[] = []
    const swap: number[] = []
    const after: number[] = []
    for (let run = 0; run < runs + 2; run++) {
      const target = ids[(run + 1) % 2] as string
      const result = await page.evaluate(
        ([hostId, id, timeoutMs]) =>
          new Promise<{ panelMs: number; pageMs: number }>((resolve, reject) => {
            const root = document.getElementById(hostId)?.shadowRoot
            const link = document.querySelector<HTMLAnchorElement>(
              `a[data-app-nav][href="/lightning/r/Account/${id}/view"]`
            )
            if (!root || !link) return reject(new Error("no panel or no app-shell link"))
            const titleBefore = document.title
            let pageMs = -1
            let done = false
            const shows = () => {
              const el = root.querySelector('[data-testid="sop-panel"]')
              return (
                el?.getAttribute("data-account-id") === id &&
                (el.getAttribute("data-stage") ?? "") !== "" &&
                el.querySelector("[data-key]") !== null
              )
            }
            const finish = () => {
              if (done) return
              done = true
              observer.disconnect()
              titles.disconnect()
              // The frame that paints the panel, then a task: as the panel's own paint mark does.
              requestAnimationFrame(() =>
                setTimeout(() => {
                  const panelMs = performance.now() - t0
                  if (pageMs < 0) pageMs = panelMs
                  resolve({ panelMs, pageMs })
                }, 0)
              )
            }
            const observer = new MutationObserver(() => {
              if (shows()) finish()
            })
            const titles = new MutationObserver(() => {
              if (pageMs < 0 && document.title !== titleBefore) pageMs = performance.now() - t0
            })
            observer.observe(root, { subtree: true, childList: true, attributes: true })
            titles.observe(document.head, { subtree: true, childList: true, characterData: true })
            setTimeout(() => {
              if (!done) reject(new Error(`the panel did not show ${id} within ${timeoutMs} ms`))
            }, timeoutMs)
            const t0 = performance.now()
            link.click()
          }),
        [SALESFORCE_SHADOW_HOST_ID, target, WAIT_MS] as const
      )
      // Let the Salesforce refresh of the new account land before the next click.
      await page.waitForTimeout(150)
      if (run < 2) continue
      panel.push(result.panelMs)
      swap.push(result.pageMs)
      after.push(Math.max(0, result.panelMs - result.pageMs))
    }
    const summary = summarize(panel)
    return {
      ...summary,
      pageSwapMs: summarize(swap),
      afterPageMs: summarize(after),
      goal: "p95 ≤ 100 ms (click → panel painted with the new account)",
      met: summary.p95 <= 100
    }
  } finally {
    await page.close()
  }
}

// ---------------------------------------------------------------------------------------------
// composePanelMs
// ---------------------------------------------------------------------------------------------

export interface ComposePanelReport extends Summary {
  /** The account the composes are addressed to (by its website's domain). */
  accountId: string
  goal: string
  met: boolean
}

/**
 * A new compose to a known account (the inbox fixture's own script opens it with the recipient
 * chip already in, as Gmail does for a compose opened from a contact): compose inserted → the
 * panel shows the account and a picked template, painted (the frame after, then a task).
 */
export async function composePanel(b: BenchBrowsers, runs: number): Promise<ComposePanelReport> {
  const account = b.org.accounts[2] ?? b.org.accounts[0]
  if (!account?.website) throw new Error("the org has no account with a website")
  const accountId = toId18(account.id) as string
  const email = `bench@${new URL(account.website).hostname}`
  // Make the account known the way a CSM does: open it in Salesforce once.
  const record = await b.ext.context.newPage()
  await record.goto(b.org.recordUrl(accountId))
  await waitForPaintMarks(record, accountId)
  await record.close()

  const page = await b.ext.context.newPage()
  try {
    await page.goto(GMAIL_INBOX_URL)
    await page.waitForFunction((id) => document.getElementById(id)?.shadowRoot != null, GMAIL_SHADOW_HOST_ID, {
      timeout: WAIT_MS
    })
    const times: number[] = []
    for (let run = 0; run < runs + 2; run++) {
      const ms = await page.evaluate(
        ([hostId, id, address, timeoutMs]) =>
          new Promise<number>((resolve, reject) => {
            const root = document.getElementById(hostId)?.shadowRoot
            const gmail = (
              window as unknown as {
                fixtureGmail?: {
                  openCompose(): Element
                  addRecipient(dialog: Element, name: string, email: string): void
                }
              }
            ).fixtureGmail
            if (!root || !gmail) return reject(new Error("no shadow root or no fixture script"))
            let done = false
            const shows = () =>
              [...root.querySelectorAll('[data-testid="compose-panel"]')].some(
                (el) => el.getAttribute("data-account-id") === id && (el.getAttribute("data-template") ?? "") !== ""
              )
            const observer = new MutationObserver(() => {
              if (done || !shows()) return
              done = true
              observer.disconnect()
              requestAnimationFrame(() =>
                setTimeout(() => {
                  const elapsed = performance.now() - t0
                  dialog.closest(".nH.nn")?.remove() // closed again: one compose per run
                  resolve(elapsed)
                }, 0)
              )
            })
            observer.observe(root, { subtree: true, childList: true, attributes: true })
            setTimeout(() => {
              if (!done) reject(new Error(`no panel with a template for ${id} within ${timeoutMs} ms`))
            }, timeoutMs)
            const t0 = performance.now()
            const dialog = gmail.openCompose()
            gmail.addRecipient(dialog, "Bench Contact", address)
          }),
        [GMAIL_SHADOW_HOST_ID, accountId, email, WAIT_MS] as const
      )
      await page.waitForTimeout(100) // the closed compose's panel unmounts
      if (run >= 2) times.push(ms)
    }
    const summary = summarize(times)
    return {
      ...summary,
      accountId,
      goal: "p95 ≤ 100 ms (compose inserted → panel with the account's template painted)",
      met: summary.p95 <= 100
    }
  } finally {
    await page.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Overhead of the content scripts on the host page: 10,000 DOM mutations
// ---------------------------------------------------------------------------------------------

export interface MutationRun {
  /** Wall time of the whole workload (batches and the yields between them). */
  elapsed: number
  /** The batches' own time, each up to its observers' callbacks (a microtask later). */
  script: number
  longTasks: number[]
}

/**
 * The host page's script: `total` DOM mutations in batches of `batch` (4 in 10 append a node, 3
 * change one's text and attribute, 3 remove the oldest), in the main area, a task per batch.
 */
export function mutationWorkload([selector, total, batch]: readonly [string, number, number]): Promise<MutationRun> {
  return (async () => {
    const root = document.querySelector(selector) ?? document.body
    const box = document.createElement("div")
    box.className = "sop-bench-box"
    root.prepend(box)
    const live: HTMLElement[] = []
    const longTasks: number[] = []
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration)
    })
    try {
      observer.observe({ type: "longtask" })
    } catch {
      // No Long Tasks API.
    }
    const channel = new MessageChannel()
    const nextTask = () =>
      new Promise<void>((resolve) => {
        channel.port1.onmessage = () => resolve()
        channel.port2.postMessage(0)
      })
    let script = 0
    let created = 0
    const start = performance.now()
    for (let done = 0; done < total;) {
      const t0 = performance.now()
      for (let i = 0; i < batch && done < total; i++, done++) {
        const op = done % 10
        if (op < 4 || live.length < 8) {
          const row = document.createElement("div")
          row.className = "sop-bench-row"
          row.textContent = `row ${created++}`
          box.append(row)
          live.push(row)
        } else if (op < 7) {
          const row = live[(done * 7) % live.length] as HTMLElement
          row.setAttribute("data-n", String(done))
          row.firstChild!.nodeValue = `changed ${done}`
        } else {
          live.shift()?.remove()
        }
      }
      await Promise.resolve() // the mutation observers (every world's) run before this resumes
      script += performance.now() - t0
      await nextTask()
    }
    const elapsed = performance.now() - start
    await new Promise((resolve) => setTimeout(resolve, 100)) // late long-task entries
    observer.disconnect()
    box.remove()
    channel.port1.close()
    return { elapsed, script, longTasks }
  })()
}

export interface OverheadReport {
  /**
   * Median host script time with the extension ÷ without: each batch's own time up to its
   * mutation observers' callbacks (every world's run before the batch's next microtask), summed.
   */
  value: number
  /** Bootstrap 95 % interval of `value` over the interleaved pairs: the noise a reader should see. */
  ci95: { low: number; high: number }
  /** The same ratio on wall time (batches, the tasks between them, rendering): noisier. */
  wallRatio: number
  /** p95 of the per-pair script-time ratios (runs alternate: with, without, without, with …). */
  pairRatioP95: number
  /** Script time per run. */
  withMs: Summary
  withoutMs: Summary
  /** Wall time per run. */
  withWallMs: Summary
  withoutWallMs: Summary
  pairs: number
  /**
   * A/A control, measured first: the same markup at a URL no content script matches
   * (`https://mail.google.com/sop-bench-control/…`), with-extension browser ÷ plain browser. What
   * differs between the two browsers besides the content script (the service worker's CPU on two
   * cores, heap, noise).
   */
  controlRatio: number
  /** `value ÷ controlRatio`: the content script's own share, as far as the control can tell. */
  contentScriptRatio: number
  /**
   * Where measured (Gmail): the same ratio for a page without the extension but with one no-op
   * MutationObserver on the main area (`childList`, `subtree`): the floor of any extension that
   * observes that subtree, before its callback does anything.
   */
  subtreeObserverFloor?: number
  goal: string
  met: boolean
}

export interface LongTaskCount {
  with: number
  without: number
  /** Long tasks while the page loaded and the panel mounted (from document start). */
  atLoadWith: number
  atLoadWithout: number
}

interface HostSpec {
  name: "gmail" | "salesforce"
  url: string
  selector: string
  /** Ready when the extension's UI is mounted (extension context) / the page loaded (plain). */
  shadowHostId: string
  /** Also measure a no-op subtree MutationObserver on this element (without the extension). */
  floorObserver?: string
}

async function openHostPage(context: BrowserContext, host: HostSpec, withExtension: boolean): Promise<Page> {
  const page = await context.newPage()
  await page.addInitScript(recordLongTasks)
  await page.goto(host.url, { waitUntil: "load" })
  if (withExtension) {
    await page.waitForFunction(
      (id) => (document.getElementById(id)?.shadowRoot?.childElementCount ?? 0) > 0,
      host.shadowHostId,
      { timeout: WAIT_MS }
    )
  }
  await page.waitForTimeout(1000) // the panel's first requests and renders settle
  return page
}

/** What a CPU profile of the page's main thread says about one mutation run. */
export interface HostShareRun {
  /** Sampled time with a `chrome-extension://` frame anywhere on the stack (its callees included). */
  extensionMs: number
  /** Sampled time the thread was not idle (JavaScript of every world, GC, the engine's own work). */
  busyMs: number
}

interface ProfileNode {
  id: number
  callFrame: { url: string; functionName: string }
  children?: number[]
}

/** Time per sample: each sample lasts until the next one (as DevTools reads a profile). */
function attribute(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): HostShareRun {
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const inExtension = new Map<number, boolean>()
  const extension = (id: number): boolean => {
    const known = inExtension.get(id)
    if (known !== undefined) return known
    const node = byId.get(id)
    const up = parent.get(id)
    const value =
      (node?.callFrame.url.startsWith("chrome-extension://") ?? false) || (up !== undefined && extension(up))
    inExtension.set(id, value)
    return value
  }
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let extensionUs = 0
  let busyUs = 0
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number
    const us = Math.max(0, deltas[i + 1] ?? 0)
    if (byId.get(id)?.callFrame.functionName === "(idle)") continue
    busyUs += us
    if (extension(id)) extensionUs += us
  }
  return { extensionMs: extensionUs / 1000, busyMs: busyUs / 1000 }
}

/** The mutation workload under the V8 sampling profiler (CDP `Profiler`, 100 µs) of the page's main thread. */
async function profiledWorkload(page: Page, args: readonly [string, number, number]): Promise<HostShareRun> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send("Profiler.enable")
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 })
    await cdp.send("Profiler.start")
    await page.evaluate(mutationWorkload, args)
    const { profile } = await cdp.send("Profiler.stop")
    return attribute(profile as unknown as { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] })
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/** `JSHeapUsedSize` of the page's renderer (every world of its isolate), after a full GC, in MB. */
async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send("HeapProfiler.enable")
    await cdp.send("HeapProfiler.collectGarbage")
    await cdp.send("Performance.enable")
    const { metrics } = await cdp.send("Performance.getMetrics")
    const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value
    if (used === undefined) throw new Error("no JSHeapUsedSize metric")
    return used / 1e6
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

export interface HostShareReport {
  /** Median over the profiled runs of extension time ÷ busy time, 0–1. */
  value: number
  extensionMs: Summary
  busyMs: Summary
  /** The same attribution on the page without the extension (should be 0: a check of the method). */
  withoutValue: number
  runs: number
  samplingIntervalUs: number
  goal: string
  met: boolean
}

export interface ExtraHeapReport {
  /** Median JSHeapUsedSize with − without the extension, MB (1 MB = 10^6 bytes). */
  value: number
  withMb: Summary
  withoutMb: Summary
  goal: string
  met: boolean
}

/** Runs the workload `runs` times in each context, alternating, on the same two pages. */
export async function hostOverhead(
  b: BenchBrowsers,
  host: HostSpec,
  runs: number,
  mutations = 10_000,
  batch = 100,
  profiledRuns = 5
): Promise<{ report: OverheadReport; longTasks: LongTaskCount; share: HostShareReport; heap: ExtraHeapReport }> {
  // A/A control first, each browser with that one page: the same markup where no content script runs.
  b.controls.set(host.name, await fetchFromServer(b.server.port, host.url))
  const controlUrl = `https://mail.google.com/sop-bench-control/${host.name}`
  const controlRuns = { with: [] as MutationRun[], without: [] as MutationRun[] }
  {
    const spec = { ...host, url: controlUrl }
    const pages = [await openHostPage(b.ext.context, spec, false), await openHostPage(b.plain, spec, false)] as const
    try {
      const args = [host.selector, mutations, batch] as const
      for (const page of pages) await page.evaluate(mutationWorkload, args)
      for (let run = 0; run < runs; run++) {
        for (const i of run % 2 === 0 ? [0, 1] : [1, 0])
          (i === 0 ? controlRuns.with : controlRuns.without).push(
            await (pages[i] as Page).evaluate(mutationWorkload, args)
          )
      }
    } finally {
      for (const page of pages) await page.close()
    }
  }
  const controlRatio = median(controlRuns.with.map((r) => r.script)) / median(controlRuns.without.map((r) => r.script))

  // The floor page next: the page measured against the extension's is the plain browser's front tab.
  const floorPage = host.floorObserver ? await openHostPage(b.plain, host, false) : undefined
  if (floorPage && host.floorObserver) {
    await floorPage.evaluate((selector) => {
      const target = document.querySelector(selector) ?? document.body
      const w = window as unknown as { __sopBenchNoop?: MutationObserver }
      w.__sopBenchNoop = new MutationObserver(() => undefined)
      w.__sopBenchNoop.observe(target, { childList: true, subtree: true })
    }, host.floorObserver)
  }
  const withPage = await openHostPage(b.ext.context, host, true)
  const withoutPage = await openHostPage(b.plain, host, false)
  try {
    const atLoadWith = (await longTasksSoFar(withPage)).length
    const atLoadWithout = (await longTasksSoFar(withoutPage)).length
    const withRuns: MutationRun[] = []
    const withoutRuns: MutationRun[] = []
    const floorRuns: MutationRun[] = []
    const args = [host.selector, mutations, batch] as const
    // Warm-up, one each.
    await withPage.evaluate(mutationWorkload, args)
    await withoutPage.evaluate(mutationWorkload, args)
    if (floorPage) await floorPage.evaluate(mutationWorkload, args)
    for (let run = 0; run < runs; run++) {
      // ABBA order: neither side always goes first.
      const order = run % 2 === 0 ? [true, false] : [false, true]
      for (const withExtension of order) {
        const result = await (withExtension ? withPage : withoutPage).evaluate(mutationWorkload, args)
        ;(withExtension ? withRuns : withoutRuns).push(result)
      }
      if (floorPage) floorRuns.push(await floorPage.evaluate(mutationWorkload, args))
    }
    const ratios = withRuns.map((w, i) => w.script / ((withoutRuns[i] as MutationRun).script || 1))
    const value = median(withRuns.map((r) => r.script)) / median(withoutRuns.map((r) => r.script))
    const ci95 = bootstrapRatioCi(withRuns.map((w, i) => [w.script, (withoutRuns[i] as MutationRun).script] as const))

    // Attribution: the profiled runs come after the timed ones (the profiler slows what it watches).
    // The floor page goes first: a page of the same site could share the plain page's renderer.
    await floorPage?.close()
    const profiled: HostShareRun[] = []
    const profiledWithout: HostShareRun[] = []
    const heapWith: number[] = []
    const heapWithout: number[] = []
    for (let run = 0; run < profiledRuns; run++) {
      profiled.push(await profiledWorkload(withPage, args))
      profiledWithout.push(await profiledWorkload(withoutPage, args))
      heapWith.push(await heapUsedMb(withPage))
      heapWithout.push(await heapUsedMb(withoutPage))
    }
    const shareOf = (r: HostShareRun) => (r.busyMs > 0 ? r.extensionMs / r.busyMs : 0)
    const share = median(profiled.map(shareOf))
    const extraHeap = median(heapWith) - median(heapWithout)
    const wallRatio = median(withRuns.map((r) => r.elapsed)) / median(withoutRuns.map((r) => r.elapsed))
    const long = (runs: MutationRun[]) => runs.reduce((n, r) => n + r.longTasks.filter((d) => d > 50).length, 0)
    return {
      report: {
        value: round(value, 3),
        ci95: { low: round(ci95.low, 3), high: round(ci95.high, 3) },
        wallRatio: round(wallRatio, 3),
        pairRatioP95: round(summarize(ratios, 3).p95, 3),
        withMs: summarize(withRuns.map((r) => r.script)),
        withoutMs: summarize(withoutRuns.map((r) => r.script)),
        withWallMs: summarize(withRuns.map((r) => r.elapsed)),
        withoutWallMs: summarize(withoutRuns.map((r) => r.elapsed)),
        pairs: runs,
        controlRatio: round(controlRatio, 3),
        contentScriptRatio: round(value / controlRatio, 3),
        ...(floorRuns.length > 0
          ? {
              subtreeObserverFloor: round(
                median(floorRuns.map((r) => r.script)) / median(withoutRuns.map((r) => r.script)),
                3
              )
            }
          : {}),
        goal: `secondary: ≤ 1.05 (host script time for ${mutations.toLocaleString("en-US")} mutations, with ÷ without the extension, median)`,
        met: value <= 1.05
      },
      longTasks: { with: long(withRuns), without: long(withoutRuns), atLoadWith, atLoadWithout },
      share: {
        value: round(share, 4),
        extensionMs: summarize(profiled.map((r) => r.extensionMs)),
        busyMs: summarize(profiled.map((r) => r.busyMs)),
        withoutValue: round(median(profiledWithout.map(shareOf)), 4),
        runs: profiledRuns,
        samplingIntervalUs: 100,
        goal: `≤ 0.02 (extension's share of the page's main-thread time, ${mutations.toLocaleString("en-US")} mutations, CPU profile)`,
        met: share <= 0.02
      },
      heap: {
        value: round(extraHeap, 2),
        withMb: summarize(heapWith),
        withoutMb: summarize(heapWithout),
        goal: "≤ 5 MB (JSHeapUsedSize with − without the extension, after a full GC)",
        met: extraHeap <= 5
      }
    }
  } finally {
    await withPage.close()
    await withoutPage.close()
    await floorPage?.close().catch(() => undefined)
  }
}

/** A page as the fixture server serves it under its real host name (for the A/A control). */
function fetchFromServer(port: number, url: string): Promise<string> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: `${target.pathname}${target.search}`,
        headers: { host: target.host },
        servername: target.hostname,
        rejectUnauthorized: false
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString("utf8"))
            : reject(new Error(`${url}: HTTP ${res.statusCode}`))
        )
      }
    )
    req.on("error", reject)
    req.end()
  })
}

export function gmailHost(): HostSpec {
  return {
    name: "gmail",
    url: GMAIL_URL,
    selector: "div.aeF",
    shadowHostId: GMAIL_SHADOW_HOST_ID,
    floorObserver: "div.aeF"
  }
}

export function salesforceHost(b: BenchBrowsers): HostSpec {
  const account = b.org.accounts[1] ?? b.org.accounts[0]
  if (!account) throw new Error("the org has no account")
  return {
    name: "salesforce",
    url: b.org.recordUrl(account.id),
    selector: ".oneCenterStage",
    shadowHostId: SALESFORCE_SHADOW_HOST_ID
  }
}

// ---------------------------------------------------------------------------------------------
// dexieToggleMs
// ---------------------------------------------------------------------------------------------

export interface ToggleReport extends Summary {
  /** Baseline, same page, interleaved: a `ping` round trip (messaging alone). */
  pingMs: Summary
  goal: string
  met: boolean
}

/**
 * An extension page with chrome.runtime and nothing else running: the built manifest.json shown
 * as a document of the extension's origin (the popup would react to every change itself).
 */
async function controlPage(b: BenchBrowsers): Promise<Page> {
  const page = await b.ext.context.newPage()
  await page.goto(b.ext.extensionUrl("manifest.json"))
  return page
}

/** `step.set` from an extension page: message → router → Dexie → the account's new view → answer. */
export async function dexieToggle(b: BenchBrowsers, runs: number): Promise<ToggleReport> {
  const account = b.org.accounts[3] ?? b.org.accounts[0]
  if (!account) throw new Error("the org has no account")
  const accountId = toId18(account.id) as string
  // Make the account known the way a CSM does: open it in Salesforce once.
  const record = await b.ext.context.newPage()
  await record.goto(b.org.recordUrl(accountId))
  await waitForPaintMarks(record, accountId)
  await record.close()

  const page = await controlPage(b)
  try {
    const result = await page.evaluate(
      async ([id, ref, n]) => {
        type Answer = {
          ok: boolean
          data?: { plan?: { steps: { key: string; status: string }[] } }
          error?: { message: string }
        }
        const view = (await chrome.runtime.sendMessage({ name: "account.view", ref, refresh: false })) as Answer
        const step = view.data?.plan?.steps.find((s) => s.status !== "done")
        if (!view.ok || !step) throw new Error(`no open step to toggle: ${view.error?.message ?? "no steps"}`)
        const toggles: number[] = []
        const pings: number[] = []
        for (let i = 0; i < n + 5; i++) {
          const p0 = performance.now()
          await chrome.runtime.sendMessage({ name: "ping" })
          const p1 = performance.now()
          const answer = (await chrome.runtime.sendMessage({
            name: "step.set",
            accountId: id,
            apiHost: ref.apiHost,
            key: step.key,
            done: i % 2 === 0
          })) as Answer
          const p2 = performance.now()
          if (!answer.ok) throw new Error(`step.set refused: ${answer.error?.message}`)
          if (i < 5) continue
          pings.push(p1 - p0)
          toggles.push(p2 - p1)
        }
        // Leave it as it was.
        await chrome.runtime.sendMessage({
          name: "step.set",
          accountId: id,
          apiHost: ref.apiHost,
          key: step.key,
          done: false
        })
        return { toggles, pings }
      },
      [accountId, { accountId, apiHost: b.org.apiOrigin, org: b.org.name }, runs] as const
    )
    const summary = summarize(result.toggles)
    return { ...summary, pingMs: summarize(result.pings), goal: "p95 ≤ 10 ms", met: summary.p95 <= 10 }
  } finally {
    await page.close()
  }
}

// ---------------------------------------------------------------------------------------------
// popup1000Ms
// ---------------------------------------------------------------------------------------------

export interface PopupReport extends Summary {
  accounts: number
  /** Baseline, same run: the popup with the small book cached before seeding. */
  smallBook: Summary & { accounts: number }
  /** The background's `accounts.list` answer alone for the big book (round trip from an extension page). */
  listMs: Summary
  goal: string
  met: boolean
}

/** Marks, in the popup's own document, when its book of business first shows rows (after paint). */
function watchPopupRows(): void {
  const w = window as unknown as { __sopBenchRows?: { at: number; count: number } }
  const observer = new MutationObserver(() => {
    const list = document.querySelector('[data-testid="virtual-list"]')
    if (!list || !list.querySelector("li")) return
    observer.disconnect()
    const count = Number(list.getAttribute("data-count"))
    requestAnimationFrame(() => setTimeout(() => (w.__sopBenchRows = { at: performance.now(), count }), 0))
  })
  observer.observe(document, { subtree: true, childList: true })
}

async function timePopup(b: BenchBrowsers, runs: number, expected: number): Promise<number[]> {
  const times: number[] = []
  for (let run = 0; run < runs + 1; run++) {
    const page = await b.ext.context.newPage()
    try {
      await page.addInitScript(watchPopupRows)
      await page.goto(b.ext.extensionUrl("popup.html"))
      const handle = await page.waitForFunction(
        () => (window as unknown as { __sopBenchRows?: { at: number; count: number } }).__sopBenchRows,
        null,
        { timeout: WAIT_MS }
      )
      const rows = (await handle.jsonValue()) as { at: number; count: number }
      if (rows.count < expected)
        throw new Error(`the popup listed ${rows.count} accounts, expected at least ${expected}`)
      if (run > 0) times.push(rows.at)
    } finally {
      await page.close()
    }
  }
  return times
}

async function accountCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const answer = (await chrome.runtime.sendMessage({ name: "accounts.list", query: "" })) as {
      ok: boolean
      data?: unknown[]
    }
    return answer.ok && Array.isArray(answer.data) ? answer.data.length : -1
  })
}

/** The popup (navigation start → rows painted) with `accounts` cached accounts, seeded straight into Dexie. */
export async function popupBook(b: BenchBrowsers, runs: number, today: IsoDate, accounts = 1000): Promise<PopupReport> {
  const control = await controlPage(b)
  try {
    const small = await accountCount(control)
    if (small < 1) throw new Error("no cached account before seeding (the panel benchmarks open some)")
    const smallTimes = await timePopup(b, runs, small)

    // The background opened the database (accounts.list above): write the rows beside its own.
    const seed = dexieRowsOf(syntheticBook(accounts, today), b.org.name, Date.now())
    await control.evaluate(
      (rows) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("sop-pilot")
          open.onerror = () => reject(open.error)
          open.onupgradeneeded = () => reject(new Error("the extension's database does not exist yet"))
          open.onsuccess = () => {
            const db = open.result
            const tx = db.transaction(["orgAccounts", "orgProgress"], "readwrite")
            for (const row of rows.accounts) tx.objectStore("orgAccounts").put(row)
            for (const row of rows.progress) tx.objectStore("orgProgress").put(row)
            tx.oncomplete = () => {
              db.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      seed
    )
    const total = await accountCount(control)
    if (total < accounts) throw new Error(`seeded ${accounts} accounts, the background lists ${total}`)
    const list: number[] = []
    for (let run = 0; run < runs; run++) {
      list.push(
        await control.evaluate(async () => {
          const t0 = performance.now()
          await chrome.runtime.sendMessage({ name: "accounts.list", query: "" })
          return performance.now() - t0
        })
      )
    }
    const times = await timePopup(b, runs, total)
    const summary = summarize(times)
    return {
      ...summary,
      accounts: total,
      smallBook: { ...summarize(smallTimes), accounts: small },
      listMs: summarize(list),
      goal: `p95 ≤ 200 ms (popup.html navigation start → rows painted, ${accounts.toLocaleString("en-US")} accounts)`,
      met: summary.p95 <= 200
    }
  } finally {
    await control.close()
  }
}
