/**
 * `npm run bench [-- --json] [--quick] [--runs N] [--only key,key] [--extension-dir DIR] [--composition]`
 *
 * Measures the built extension (build/chrome-mv3-prod; `npm run bench` builds it first) in Debian's
 * Chromium on the fixture pages, against a baseline measured in the same run wherever one exists
 * (the machine is noisy: ratios count more than milliseconds). Prints a table; with `--json`,
 * one JSON object with every key as the LAST line of stdout.
 *
 * Keys: bundle, panelRenderMs, composePanelMs, spaRedetectMs, gmailHostShare, salesforceHostShare,
 * gmailExtraHeapMb, salesforceExtraHeapMb, gmailOverheadRatio, salesforceOverheadRatio, longTasks,
 * engine1000Ms, dexieToggleMs, popup1000Ms, bookSync1000Ms, impactPreview1000Ms, teamPage1000Ms (see bench/README.md). A key that could not
 * be measured is `null` with its reason under `notes`. Benchmarks are not tests: nothing here
 * fails on a timing; the exit code is 0 unless the bench itself could not run.
 */
import { availableParallelism, cpus, freemem, loadavg, totalmem } from "node:os"

import { todayIn } from "../src/domain/dates"
import { EXTENSION_DIR } from "../tools/extension-harness"
import {
  chromiumVersion,
  composePanel,
  dexieToggle,
  gmailHost,
  hostOverhead,
  panelRender,
  popupBook,
  salesforceHost,
  spaRedetect,
  startBrowsers,
  type BenchBrowsers,
  type LongTaskCount
} from "./browser"
import { kb, measureBundle } from "./bundle"
import { buildAndCompose, type Composition } from "./composition"
import { bookSync } from "./book-sync"
import { engineBrowser, engineNode, engineReport } from "./engine"
import { impactPreview } from "./impact"
import { teamPage } from "./team"

const KEYS = [
  "bundle",
  "panelRenderMs",
  "composePanelMs",
  "spaRedetectMs",
  "gmailHostShare",
  "salesforceHostShare",
  "gmailExtraHeapMb",
  "salesforceExtraHeapMb",
  "gmailOverheadRatio",
  "salesforceOverheadRatio",
  "longTasks",
  "engine1000Ms",
  "dexieToggleMs",
  "popup1000Ms",
  "bookSync1000Ms",
  "impactPreview1000Ms",
  "teamPage1000Ms"
] as const
type Key = (typeof KEYS)[number]

interface Options {
  json: boolean
  quick: boolean
  composition: boolean
  runs?: number
  only: Set<Key>
  extensionDir: string
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    json: false,
    quick: false,
    composition: false,
    only: new Set(KEYS),
    extensionDir: EXTENSION_DIR
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${arg} needs a value`)
      return next
    }
    if (arg === "--json") options.json = true
    else if (arg === "--quick") options.quick = true
    else if (arg === "--composition") options.composition = true
    else if (arg === "--runs") options.runs = Number(value())
    else if (arg === "--extension-dir") options.extensionDir = value()
    else if (arg === "--only") {
      const keys = value()
        .split(",")
        .map((k) => k.trim())
      const unknown = keys.filter((k) => !(KEYS as readonly string[]).includes(k))
      if (unknown.length > 0) throw new Error(`unknown key(s) ${unknown.join(", ")}; keys: ${KEYS.join(", ")}`)
      options.only = new Set(keys as Key[])
    } else throw new Error(`unknown argument ${arg}`)
  }
  return options
}

/** stderr: progress never mixes with the table or the JSON line on stdout. */
const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`)

async function section<T>(name: string, notes: Record<string, string>, run: () => Promise<T>): Promise<T | null> {
  const started = Date.now()
  progress(`${name}…`)
  try {
    const result = await run()
    progress(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return result
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error)
    notes[name] = `not measured: ${message}`
    progress(`${name} FAILED: ${message}`)
    return null
  }
}

function machine(chromium: string) {
  const cpu = cpus()[0]
  return {
    nproc: availableParallelism(),
    cpu: cpu?.model ?? "unknown",
    ramGb: Math.round(totalmem() / 1e9),
    freeRamGb: Math.round(freemem() / 1e9),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    chromium,
    node: process.version,
    date: new Date().toISOString()
  }
}

type Row = [key: string, measure: string, p50: string, p95: string, baseline: string, goal: string, met: string]

const ms = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? "–" : `${value.toFixed(value < 10 ? 2 : 1)} ms`
const yes = (met: boolean | undefined) => (met === undefined ? "–" : met ? "yes" : "NO")

function table(rows: Row[]): string {
  const header: Row = ["key", "measure", "p50", "p95", "baseline (same run)", "goal", "met"]
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)))
  const line = (r: Row) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2))
  const want = (key: Key) => options.only.has(key)
  const n = (normal: number, quick: number) => options.runs ?? (options.quick ? quick : normal)
  const today = todayIn()
  const notes: Record<string, string> = {}
  const result: Record<string, unknown> = {}
  for (const key of KEYS) result[key] = null

  if (want("bundle")) result.bundle = await section("bundle", notes, async () => measureBundle(options.extensionDir))
  let composition: Record<string, Composition> | null = null
  if (options.composition) {
    composition = await section("composition (source-mapped build)", notes, async () => buildAndCompose())
    if (composition && result.bundle) (result.bundle as Record<string, unknown>).composition = composition
  }

  if (want("bookSync1000Ms"))
    result.bookSync1000Ms = await section("bookSync1000Ms", notes, () => bookSync(1000, today, n(5, 2)))

  if (want("impactPreview1000Ms"))
    result.impactPreview1000Ms = await section("impactPreview1000Ms", notes, async () =>
      impactPreview(1000, today, n(20, 5))
    )

  if (want("teamPage1000Ms"))
    result.teamPage1000Ms = await section("teamPage1000Ms", notes, () => teamPage(10, 100, today, n(10, 3)))

  let engineNodeTimes: Awaited<ReturnType<typeof engineNode>> | null = null
  if (want("engine1000Ms"))
    engineNodeTimes = await section("engine1000Ms (node)", notes, () => engineNode(1000, today, n(20, 5)))

  const browserKeys: Key[] = [
    "panelRenderMs",
    "composePanelMs",
    "spaRedetectMs",
    "gmailHostShare",
    "salesforceHostShare",
    "gmailExtraHeapMb",
    "salesforceExtraHeapMb",
    "gmailOverheadRatio",
    "salesforceOverheadRatio",
    "longTasks",
    "dexieToggleMs",
    "popup1000Ms",
    "engine1000Ms"
  ]
  let chromium = chromiumVersion()
  let browsers: BenchBrowsers | null = null
  if (browserKeys.some(want)) {
    browsers = await section("browsers", notes, () => startBrowsers({ today, extensionDir: options.extensionDir }))
  }
  let engineBrowserTimes: number[] | null = null
  if (browsers) {
    const b = browsers
    chromium = b.chromiumVersion
    // No page of the org may stay open between sections: every check-off is pushed to open panels.
    try {
      await b.ext.context.addInitScript("globalThis.__name ??= (f) => f") // tsx's keepNames helper, for functions sent to pages
      await b.plain.addInitScript("globalThis.__name ??= (f) => f")
      if (want("panelRenderMs"))
        result.panelRenderMs = await section("panelRenderMs", notes, () => panelRender(b, n(30, 8)))
      if (want("composePanelMs"))
        result.composePanelMs = await section("composePanelMs", notes, () => composePanel(b, n(30, 8)))
      if (want("spaRedetectMs"))
        result.spaRedetectMs = await section("spaRedetectMs", notes, () => spaRedetect(b, n(30, 8)))
      if (want("dexieToggleMs"))
        result.dexieToggleMs = await section("dexieToggleMs", notes, () => dexieToggle(b, n(100, 20)))

      const long: Record<string, LongTaskCount> = {}
      // One section per host gives its share, extra heap, ratio and long tasks; ≥ 40 pairs for the ratio's interval.
      for (const host of ["gmail", "salesforce"] as const) {
        const keys = [`${host}HostShare`, `${host}ExtraHeapMb`, `${host}OverheadRatio`, "longTasks"] as Key[]
        if (!keys.some(want)) continue
        const spec = host === "gmail" ? gmailHost() : salesforceHost(b)
        const measured = await section(`${host} host cost`, notes, () =>
          hostOverhead(b, spec, n(40, 6), 10_000, 100, options.quick ? 2 : 5)
        )
        if (!measured) {
          for (const key of keys.slice(0, 3)) notes[key] = notes[`${host} host cost`] ?? "not measured"
          continue
        }
        result[`${host}HostShare`] = measured.share
        result[`${host}ExtraHeapMb`] = measured.heap
        result[`${host}OverheadRatio`] = measured.report
        long[host] = measured.longTasks
      }
      if (want("longTasks") && Object.keys(long).length > 0) {
        const attributable = Object.values(long).reduce((sum, c) => sum + Math.max(0, c.with - c.without), 0)
        const atLoad = Object.values(long).reduce((sum, c) => sum + Math.max(0, c.atLoadWith - c.atLoadWithout), 0)
        result.longTasks = {
          value: attributable,
          atLoad,
          ...long,
          goal: "0 long tasks (> 50 ms) attributable to the extension (with − without) during the mutation runs",
          met: attributable === 0
        }
      }
      if (want("engine1000Ms")) {
        engineBrowserTimes = await section("engine1000Ms (chromium)", notes, async () => {
          const page = await b.plain.newPage()
          try {
            return await engineBrowser(page, 1000, today, n(20, 5))
          } finally {
            await page.close()
          }
        })
      }
      // Last: it leaves 1,000 accounts in the extension's database.
      if (want("popup1000Ms"))
        result.popup1000Ms = await section("popup1000Ms", notes, () => popupBook(b, n(15, 4), today))
    } finally {
      await b.close()
    }
  } else if (browserKeys.some(want)) {
    for (const key of browserKeys)
      if (want(key) && key !== "engine1000Ms") notes[key] ??= notes.browsers ?? "not measured: no browser"
  }
  if (engineNodeTimes) result.engine1000Ms = engineReport(1000, engineNodeTimes, engineBrowserTimes)

  const info = machine(chromium)
  const report = { ...result, machine: info, notes }
  process.stdout.write(`${renderTable(result, info)}\n`)
  if (composition) process.stdout.write(`\n${renderComposition(composition)}\n`)
  if (Object.keys(notes).length > 0)
    process.stdout.write(
      `\nNotes:\n${Object.entries(notes)
        .map(([k, v]) => `- ${k}: ${v}`)
        .join("\n")}\n`
    )
  if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`)
}

// ---------------------------------------------------------------------------------------------
// The readable table
// ---------------------------------------------------------------------------------------------

type AnyReport = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function renderTable(r: Record<string, unknown>, info: ReturnType<typeof machine>): string {
  const rows: Row[] = []
  const bundle = r.bundle as AnyReport | null
  if (bundle) {
    for (const [name, part] of Object.entries(bundle.parts as Record<string, { raw: number; gzip: number }>)) {
      const isCs = name === "gmail" || name === "salesforce"
      const met = isCs ? part.raw <= 300_000 && part.gzip <= 100_000 : undefined
      rows.push([
        `bundle.${name}`,
        "bytes raw / gzip -9",
        kb(part.raw),
        kb(part.gzip),
        "",
        isCs ? "≤ 300 KB / ≤ 100 KB" : "",
        yes(met)
      ])
    }
    const pkg = bundle.package as AnyReport
    rows.push([
      "bundle.package",
      pkg.exists ? `${pkg.zip.split("/").pop()} (${pkg.entries} files)` : "no zip: npm run package",
      pkg.exists ? kb(pkg.bytes) : "–",
      "",
      "",
      "has manifest.json",
      yes(pkg.exists ? pkg.hasManifest : false)
    ])
  }
  const timing = (key: string, measure: string, baseline?: (x: AnyReport) => string) => {
    const x = r[key] as AnyReport | null
    if (!x) return rows.push([key, measure, "–", "–", "", "", "not measured"])
    rows.push([key, measure, ms(x.p50), ms(x.p95), baseline ? baseline(x) : "", x.goal, yes(x.met)])
  }
  timing(
    "panelRenderMs",
    "cs-start → checklist painted",
    (x) =>
      `cs-start → checklist in the DOM ${ms(x.committedMs?.p50)} / p95 ${ms(x.committedMs?.p95)}; DCL → cs-start ${ms(x.injectAfterDclMs?.p50)}; nav → painted ${ms(x.fromNavigationMs?.p50)}; first visit after browser start ${ms(x.coldFirstVisitMs)}`
  )
  timing("composePanelMs", "compose inserted → panel + template painted")
  for (const host of ["gmail", "salesforce"]) {
    const share = r[`${host}HostShare`] as AnyReport | null
    rows.push(
      share
        ? [
            `${host}HostShare`,
            "extension ÷ main-thread busy (CPU profile)",
            share.value.toFixed(4),
            "",
            `extension ${ms(share.extensionMs.p50)} of ${ms(share.busyMs.p50)} busy; without the extension ${share.withoutValue.toFixed(4)}`,
            share.goal.split(" (")[0],
            yes(share.met)
          ]
        : [`${host}HostShare`, "extension ÷ main-thread busy", "–", "–", "", "", "not measured"]
    )
    const heap = r[`${host}ExtraHeapMb`] as AnyReport | null
    rows.push(
      heap
        ? [
            `${host}ExtraHeapMb`,
            "JSHeapUsedSize with − without",
            `${heap.value.toFixed(2)} MB`,
            "",
            `with ${heap.withMb.p50.toFixed(2)} MB / without ${heap.withoutMb.p50.toFixed(2)} MB`,
            "≤ 5 MB",
            yes(heap.met)
          ]
        : [`${host}ExtraHeapMb`, "JSHeapUsedSize with − without", "–", "–", "", "", "not measured"]
    )
  }
  timing(
    "spaRedetectMs",
    "click → new account painted",
    (x) => `page's own swap ${ms(x.pageSwapMs?.p50)}; after it ${ms(x.afterPageMs?.p50)}`
  )
  for (const key of ["gmailOverheadRatio", "salesforceOverheadRatio"]) {
    const x = r[key] as AnyReport | null
    if (!x) rows.push([key, "10k mutations, with ÷ without", "–", "–", "", "", "not measured"])
    else
      rows.push([
        key,
        "10k mutations, with ÷ without",
        `${x.value.toFixed(3)}× [${x.ci95.low.toFixed(3)}, ${x.ci95.high.toFixed(3)}]`,
        `${x.pairRatioP95.toFixed(3)}× (pairs)`,
        `${x.pairs} pairs, bootstrap 95 % interval in brackets; script with ${ms(x.withMs.p50)} / without ${ms(x.withoutMs.p50)}; A/A control ${x.controlRatio.toFixed(3)}× → content script ${x.contentScriptRatio.toFixed(3)}×; wall ${x.wallRatio.toFixed(3)}×${x.subtreeObserverFloor ? `; no-op subtree observer ${x.subtreeObserverFloor.toFixed(3)}×` : ""}`,
        x.goal,
        yes(x.met)
      ])
  }
  const long = r.longTasks as AnyReport | null
  if (!long) rows.push(["longTasks", "> 50 ms, with − without", "–", "–", "", "", "not measured"])
  else {
    const parts = ["gmail", "salesforce"]
      .filter((h) => long[h])
      .map((h) => `${h} ${long[h].with}/${long[h].without}, at load ${long[h].atLoadWith}/${long[h].atLoadWithout}`)
    rows.push(["longTasks", "> 50 ms, with − without", String(long.value), "", parts.join("; "), "0", yes(long.met)])
  }
  const engine = r.engine1000Ms as AnyReport | null
  if (!engine) rows.push(["engine1000Ms", "buildPlan × 1,000", "–", "–", "", "", "not measured"])
  else {
    rows.push([
      "engine1000Ms (node)",
      "buildPlan × 1,000",
      ms(engine.node.p50),
      ms(engine.node.p95),
      `${engine.nodePerAccountUs} µs / account (${engine.build} build)`,
      "p95 ≤ 50 ms",
      yes(engine.node.p95 <= 50)
    ])
    if (engine.browser)
      rows.push([
        "engine1000Ms (chromium)",
        "buildPlan × 1,000",
        ms(engine.browser.p50),
        ms(engine.browser.p95),
        "",
        "p95 ≤ 50 ms",
        yes(engine.browser.p95 <= 50)
      ])
  }
  timing(
    "bookSync1000Ms",
    "book of 1,000 from the fake org → Dexie",
    (x) => `${x.accounts} accounts in ${x.requests} requests`
  )
  timing(
    "impactPreview1000Ms",
    "settings impact of one change × 1,000",
    (x) => `${x.accounts} accounts, ${x.changed} moved; first (cache empty) ${ms(x.firstMs)}`
  )
  timing(
    "teamPage1000Ms",
    "team page, 10 CSMs × 100 accounts from cache",
    (x) => `${x.accounts} accounts; team.view ${ms(x.viewMs)}; warm ${ms(x.warmMs)}`
  )
  timing("dexieToggleMs", "step.set round trip", (x) => `ping ${ms(x.pingMs?.p50)} / p95 ${ms(x.pingMs?.p95)}`)
  timing(
    "popup1000Ms",
    "popup.html → rows painted",
    (x) => `${x.smallBook.accounts} accounts ${ms(x.smallBook.p50)}; accounts.list alone ${ms(x.listMs?.p50)}`
  )
  const head = `SOP Pilot benchmarks — ${info.date} — ${info.nproc} × ${info.cpu}, ${info.ramGb} GB RAM, ${info.chromium}, load ${info.loadAverage.join(" ")}`
  return `${head}\n\n${table(rows)}`
}

function renderComposition(composition: Record<string, Composition>): string {
  return Object.entries(composition)
    .map(([name, c]) => {
      const rows = c.groups
        .slice(0, 14)
        .map((g) => `  ${kb(g.bytes).padStart(9)}  ${((100 * g.bytes) / c.bytes).toFixed(1).padStart(5)}%  ${g.name}`)
      return `${name} content script, ${kb(c.bytes)} raw, by source:\n${rows.join("\n")}`
    })
    .join("\n\n")
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exit(1)
})
