/**
 * `engine1000Ms`: `buildPlan` for a book of 1,000 accounts, in Node and in Chromium, from the same
 * code bundled with esbuild.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

import type { Page } from "playwright-core"

import { buildPlan } from "../src/domain/engine"
import { AccountFacts } from "../src/domain/facts"
import { DEFAULT_SETTINGS } from "../src/domain/settings"
import type { IsoDate } from "../src/domain/dates"
import { syntheticBook } from "./book"
import { summarize, type Summary } from "./stats"

export interface EngineReport {
  accounts: number
  node: Summary
  /** Per account, in Node (µs, median run). */
  nodePerAccountUs: number
  browser: Summary | null
  /** How the engine was loaded: an esbuild bundle (as in production), or tsx's transform when esbuild is missing. */
  build: "esbuild" | "tsx"
  goal: string
  met: boolean
}

const GOAL_MS = 50

const ENTRY = `
  import { buildPlan } from "./src/domain/engine"
  import { AccountFacts } from "./src/domain/facts"
  import { DEFAULT_SETTINGS } from "./src/domain/settings"
  import { syntheticBook } from "./bench/book"
  export function run(accounts, today, runs, warmup) {
    const book = syntheticBook(accounts, today).map((facts) => AccountFacts.parse(facts))
    const times = []
    for (let run = 0; run < warmup + runs; run++) {
      const start = performance.now()
      let steps = 0
      for (const facts of book) steps += buildPlan(facts, DEFAULT_SETTINGS, today).steps.length
      if (steps === 0) throw new Error("the engine planned no steps at all")
      if (run >= warmup) times.push(performance.now() - start)
    }
    return times
  }
  globalThis.__sopBenchEngine = run
`

/** esbuild comes with tsx (a dev dependency); without it the bench falls back to tsx's transform. */
async function esbuild(): Promise<typeof import("esbuild") | null> {
  try {
    return await import("esbuild")
  } catch {
    return null
  }
}

/**
 * The engine, its settings and the book, bundled and minified with esbuild as a production build
 * would be (tsx's own transform wraps every closure for its name, which costs ~1.5× here).
 */
async function bundled(platform: "node" | "browser"): Promise<string | null> {
  const bundler = await esbuild()
  if (!bundler) return null
  const root = fileURLToPath(new URL("..", import.meta.url))
  const result = await bundler.build({
    stdin: { contents: ENTRY, resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    format: platform === "node" ? "esm" : "iife",
    platform,
    target: platform === "node" ? "node20" : "chrome120",
    minify: true,
    logLevel: "silent"
  })
  return result.outputFiles[0]?.text ?? null
}

/** The engine as tsx loaded it (the fallback). */
function runHere(accounts: number, today: IsoDate, runs: number, warmup: number): number[] {
  const book = syntheticBook(accounts, today).map((facts) => AccountFacts.parse(facts))
  const times: number[] = []
  for (let run = 0; run < warmup + runs; run++) {
    const start = performance.now()
    for (const facts of book) buildPlan(facts, DEFAULT_SETTINGS, today)
    if (run >= warmup) times.push(performance.now() - start)
  }
  return times
}

/** Times `runs` passes of buildPlan over `accounts` accounts (after `warmup` passes), in Node. */
export async function engineNode(
  accounts: number,
  today: IsoDate,
  runs: number,
  warmup = 3
): Promise<{ times: number[]; build: "esbuild" | "tsx" }> {
  const code = await bundled("node")
  if (!code) return { times: runHere(accounts, today, runs, warmup), build: "tsx" }
  const dir = mkdtempSync(join(tmpdir(), "sop-pilot-bench-engine-"))
  try {
    const file = join(dir, "engine.mjs")
    writeFileSync(file, code)
    const module = (await import(pathToFileURL(file).href)) as {
      run: (n: number, day: string, r: number, w: number) => number[]
    }
    return { times: module.run(accounts, today, runs, warmup), build: "esbuild" }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The same passes in a browser page. */
export async function engineBrowser(
  page: Page,
  accounts: number,
  today: IsoDate,
  runs: number,
  warmup = 3
): Promise<number[]> {
  const code = await bundled("browser")
  if (!code) throw new Error("esbuild is not installed (it comes with tsx): no bundle for the page")
  await page.addScriptTag({ content: code })
  return page.evaluate(
    ([n, day, r, w]) =>
      (globalThis as unknown as { __sopBenchEngine: (...a: unknown[]) => number[] }).__sopBenchEngine(n, day, r, w),
    [accounts, today, runs, warmup] as const
  )
}

export function engineReport(
  accounts: number,
  node: { times: number[]; build: "esbuild" | "tsx" },
  browser: number[] | null
): EngineReport {
  const nodeSummary = summarize(node.times)
  const browserSummary = browser ? summarize(browser) : null
  const worst = Math.max(nodeSummary.p95, browserSummary?.p95 ?? 0)
  return {
    accounts,
    node: nodeSummary,
    nodePerAccountUs: Math.round((nodeSummary.p50 * 1000) / accounts),
    browser: browserSummary,
    build: node.build,
    goal: `p95 ≤ ${GOAL_MS} ms for ${accounts} accounts (Node and Chromium)`,
    met: worst <= GOAL_MS
  }
}
