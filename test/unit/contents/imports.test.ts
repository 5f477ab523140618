/**
 * What the content scripts load. They run on every Salesforce and Gmail page, so their size is a
 * goal (`npm run bench`: ≤ 300 KB raw): they parse messages with `zod/mini`, and one import of
 * classic `zod` anywhere below them (a schema module reached for one helper) adds about 50 KB.
 * The import graph is read from the sources: value imports only, `import type` is erased.
 */
import { existsSync, readFileSync } from "node:fs"
import path from "node:path"

import { describe, expect, it } from "vitest"

const ROOT = path.resolve(__dirname, "../../..")
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"]

/** `from "…"` of each value import and re-export; `import type` / `export type` are left out. */
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null
  if (!base) return null // a package
  if (existsSync(base) && /\.tsx?$/.test(base)) return base
  for (const ext of EXTENSIONS) if (existsSync(base + ext)) return base + ext
  return null // a .css text import and the like
}

/** Every package each source file below `entry` imports, keyed by the importing file. */
function packagesBelow(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const queue = [path.join(ROOT, entry)]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    const packages: string[] = []
    seen.set(file, packages)
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(VALUE_IMPORT)) {
      const local = resolve(file, specifier!)
      if (local) queue.push(local)
      else if (!specifier!.startsWith(".") && !specifier!.startsWith("~/")) packages.push(specifier!)
    }
  }
  return seen
}

describe.each(["contents/salesforce.tsx", "contents/gmail.tsx"])("%s", (entry) => {
  it("reaches zod only as zod/mini", () => {
    const classic = [...packagesBelow(entry)]
      .filter(([, packages]) => packages.includes("zod"))
      .map(([file]) => path.relative(ROOT, file))
    expect(classic).toEqual([])
  })

  it("reads its own sources (the graph is not empty)", () => {
    const files = [...packagesBelow(entry).keys()].map((file) => path.relative(ROOT, file))
    expect(files.length).toBeGreaterThan(20)
    expect(files).toContain(entry)
  })
})
