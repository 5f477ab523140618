/**
 * `npm run bench -- --composition`: what each content script is made of. Builds a copy of the
 * extension with source maps into a temp dir (the same Plasmo build as `npm run build`, plus
 * `--source-maps`; the regular build/ is untouched) and attributes every byte of each bundle to
 * the source it came from, grouped by package (`react-dom`, `zod/core` …) or app folder.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { REPO_ROOT } from "../tools/extension-harness"

export interface Composition {
  file: string
  bytes: number
  /** Largest groups first. */
  groups: { name: string; bytes: number }[]
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]))

/** One source-map segment's VLQ fields. */
function decodeSegment(segment: string): number[] {
  const out: number[] = []
  let value = 0
  let shift = 0
  for (const char of segment) {
    const digit = B64_VALUE.get(char) ?? 0
    value += (digit & 31) << shift
    if (digit & 32) shift += 5
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return out
}

/** `node_modules/zod/v4/core/…` → `zod/core`; `src/ui/salesforce/…` → `app: src/ui/salesforce`. */
export function groupOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(source)
  if (pkg) {
    const name = pkg[1] as string
    if (name === "zod") {
      const part = /\/v4\/(classic|core|mini|locales)\//.exec(pkg[2] ?? "")
      return `zod/${part?.[1] ?? "other"}`
    }
    return name
  }
  const app = /(?:^|\/)((?:src|contents|popup|options|background)(?:\/[^/]+)*)\/[^/]+$/.exec(source)
  if (app) return `app: ${app[1] as string}`
  if (source.includes(".plasmo")) return "plasmo runtime"
  return `other: ${source.split("/").pop() ?? source}`
}

/** Bytes of `file` per group, from its `.map`. Unmapped bytes count as "(unmapped)". */
export function compositionOf(file: string): Composition {
  const code = readFileSync(file, "utf8")
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[]; mappings: string }
  const lines = code.split("\n")
  const bytes = new Map<string, number>()
  const add = (name: string, n: number) => bytes.set(name, (bytes.get(name) ?? 0) + n)
  let source = 0
  map.mappings.split(";").forEach((mapped, lineIndex) => {
    const line = lines[lineIndex] ?? ""
    let column = 0
    const starts: [number, string][] = []
    for (const segment of mapped === "" ? [] : mapped.split(",")) {
      const fields = decodeSegment(segment)
      column += fields[0] ?? 0
      if (fields.length >= 4) {
        source += fields[1] ?? 0
        starts.push([column, groupOf(map.sources[source] ?? "")])
      } else starts.push([column, "(unmapped)"])
    }
    if (starts.length === 0) add("(unmapped)", line.length)
    else add("(unmapped)", starts[0]?.[0] ?? 0)
    starts.forEach(([start, name], i) => add(name, (starts[i + 1]?.[0] ?? line.length) - start))
  })
  const groups = [...bytes].map(([name, n]) => ({ name, bytes: n })).sort((a, b) => b.bytes - a.bytes)
  return { file, bytes: code.length, groups }
}

/** Builds with source maps into a temp dir and returns the composition of each content script. */
export function buildAndCompose(): Record<string, Composition> {
  const out = mkdtempSync(join(tmpdir(), "sop-pilot-bench-maps-"))
  const plasmo = join(REPO_ROOT, "node_modules", ".bin", "plasmo")
  execFileSync(plasmo, ["build", "--src-path=.", "--hoist", "--source-maps", `--build-path=${out}`], {
    cwd: REPO_ROOT,
    stdio: "pipe"
  })
  const dir = join(out, "chrome-mv3-prod")
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as chrome.runtime.ManifestV3
  const result: Record<string, Composition> = {}
  for (const script of manifest.content_scripts ?? []) {
    const js = script.js?.[0]
    if (!js || !existsSync(join(dir, `${js}.map`))) continue
    const name = (script.matches ?? []).some((m) => m.includes("mail.google.com")) ? "gmail" : "salesforce"
    result[name] = compositionOf(join(dir, js))
  }
  if (Object.keys(result).length === 0) throw new Error(`no source maps in ${dir}: ${readdirSync(dir).join(", ")}`)
  return result
}
