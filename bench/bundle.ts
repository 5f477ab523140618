/**
 * `bundle`: bytes of each part of the built extension (raw and gzip -9), found through the built
 * manifest, and the store-ready zip `npm run package` leaves in build/.
 */
import { existsSync, readFileSync, statSync } from "node:fs"
import { basename, dirname, join } from "node:path"
import { gzipSync } from "node:zlib"

/** The goal for each content script (KB = 1,000 bytes). */
export const CONTENT_SCRIPT_GOAL = { raw: 300_000, gzip: 100_000 } as const

export interface FileSize {
  files: string[]
  raw: number
  gzip: number
}

export interface BundleReport {
  extensionDir: string
  /** gmail, salesforce (content scripts by name), popup, options, background. */
  parts: Record<string, FileSize>
  goal: string
  met: boolean
  /** Which content scripts miss the goal, and by how much. */
  misses: string[]
  package: PackageReport
}

export interface PackageReport {
  zip: string
  exists: boolean
  bytes?: number
  hasManifest?: boolean
  entries?: number
}

function sizeOf(dir: string, files: string[]): FileSize {
  let raw = 0
  let gzip = 0
  for (const file of files) {
    const bytes = readFileSync(join(dir, file))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  return { files, raw, gzip }
}

/** Script and stylesheet files an extension page loads (its own, relative ones). */
export function pageAssets(dir: string, page: string): string[] {
  const markup = readFileSync(join(dir, page), "utf8")
  const base = dirname(page)
  const found: string[] = []
  for (const match of markup.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)) {
    const url = match[1] as string
    if (/^[a-z]+:/i.test(url) || url.endsWith(".png") || url.endsWith(".ico")) continue
    found.push(join(base, url.replace(/^\//, "")))
  }
  return found
}

/** A name for a content script: the host family it matches. */
function contentScriptName(matches: readonly string[], js: readonly string[]): string {
  if (matches.some((m) => m.includes("mail.google.com"))) return "gmail"
  if (matches.some((m) => m.includes("salesforce.com") || m.includes("force.com"))) return "salesforce"
  return basename(js[0] ?? "content").split(".")[0] ?? "content"
}

/** The file names of a zip's central directory (enough to see what the store gets). */
export function zipEntries(zip: Buffer): string[] {
  const EOCD = 0x06054b50
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i
      break
    }
  }
  if (end < 0) throw new Error("not a zip file (no end of central directory)")
  const count = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error("bad central directory entry")
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    names.push(zip.toString("utf8", offset + 46, offset + 46 + nameLength))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return names
}

export function packageReport(extensionDir: string): PackageReport {
  const zip = `${extensionDir}.zip`
  if (!existsSync(zip)) return { zip, exists: false }
  const bytes = readFileSync(zip)
  const entries = zipEntries(bytes)
  return {
    zip,
    exists: true,
    bytes: statSync(zip).size,
    hasManifest: entries.includes("manifest.json"),
    entries: entries.length
  }
}

export function measureBundle(extensionDir: string): BundleReport {
  const manifest = JSON.parse(readFileSync(join(extensionDir, "manifest.json"), "utf8")) as chrome.runtime.ManifestV3
  const parts: Record<string, FileSize> = {}
  for (const script of manifest.content_scripts ?? []) {
    const files = [...(script.js ?? []), ...(script.css ?? [])]
    parts[contentScriptName(script.matches ?? [], script.js ?? [])] = sizeOf(extensionDir, files)
  }
  const popup = manifest.action?.default_popup
  if (popup) parts.popup = sizeOf(extensionDir, pageAssets(extensionDir, popup))
  const options = manifest.options_ui?.page ?? (manifest as { options_page?: string }).options_page
  if (options) parts.options = sizeOf(extensionDir, pageAssets(extensionDir, options))
  const worker = manifest.background?.service_worker
  if (worker) parts.background = sizeOf(extensionDir, [worker])

  const misses: string[] = []
  for (const name of ["gmail", "salesforce"]) {
    const part = parts[name]
    if (!part) {
      misses.push(`${name}: no such content script in the build`)
      continue
    }
    if (part.raw > CONTENT_SCRIPT_GOAL.raw) misses.push(`${name}: ${kb(part.raw)} raw > ${kb(CONTENT_SCRIPT_GOAL.raw)}`)
    if (part.gzip > CONTENT_SCRIPT_GOAL.gzip)
      misses.push(`${name}: ${kb(part.gzip)} gzip > ${kb(CONTENT_SCRIPT_GOAL.gzip)}`)
  }
  return {
    extensionDir,
    parts,
    goal: "Gmail and Salesforce content scripts ≤ 300 KB raw and ≤ 100 KB gzip each",
    met: misses.length === 0,
    misses,
    package: packageReport(extensionDir)
  }
}

export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`
