/**
 * Settings files from older versions of SOP Pilot, brought up to today's shape one version at a
 * time: `MIGRATIONS[n]` turns a version-n settings object into a version n+1 one. Pure.
 *
 * A migration only moves things; the current schema validates the result. So that an error still
 * names the place in the file the person has open, each migration also maps a path of its output
 * back to where it came from (`thresholds.surveyMrr` → `surveyMrr` for version 0).
 *
 * Version 0 is the flat shape of the first prototype (kept to prove the mechanism, and because
 * such files exist on the pilot team's drives):
 * ```json
 * { "surveyMrr": 800, "digitalMaxMrr": 500, "digitalMaxUsers": 50, "strategicMinMrr": 3500,
 *   "disabledRules": ["ON2"], "sixtyDayPackages": ["smb"], "salesforceApiVersion": "60.0",
 *   "fieldMapping": { "mrr": "MRR__c" }, "links": {…}, "templates": {…}, "timing": {…}, "trainingModules": {…} }
 * ```
 */
import * as z from "zod"

import { SETTINGS_VERSION } from "./settings"
import { isPlainObject } from "./settings-diff"
import { fieldErrors, type FieldError, type Parsed } from "./parse"

export interface Migration {
  /** What the version-n object may hold (unknown keys are errors, named at their path in the file). */
  input: z.ZodType<Record<string, unknown>>
  /** Version n → version n+1. */
  up(settings: Record<string, unknown>): Record<string, unknown>
  /** A dotted path in the version n+1 object → the same place in the version-n object. */
  pathBack(path: string): string
}

/** Version 0 key → where it lives in version 1; keys not listed keep their place. */
const V0_MOVES: Record<string, string> = {
  surveyMrr: "thresholds.surveyMrr",
  digitalMaxMrr: "thresholds.digitalMaxMrr",
  digitalMaxUsers: "thresholds.digitalMaxUsers",
  strategicMinMrr: "thresholds.strategicMinMrr",
  sixtyDayPackages: "sixtyDayTrack.packages",
  salesforceApiVersion: "salesforce.apiVersion",
  fieldMapping: "salesforce.fieldMapping"
}
const V0_KEPT = ["disabledRules", "links", "templates", "timing", "trainingModules"] as const

const migrateV0: Migration = {
  input: z.strictObject(
    Object.fromEntries([...Object.keys(V0_MOVES), ...V0_KEPT].map((key) => [key, z.unknown().optional()]))
  ) as z.ZodType<Record<string, unknown>>,
  up(v0) {
    const v1: Record<string, Record<string, unknown> | unknown> = {}
    for (const [key, value] of Object.entries(v0)) {
      if (value === undefined) continue
      const target = V0_MOVES[key]
      if (target === undefined) {
        v1[key] = value
        continue
      }
      const [group = "", leaf = ""] = target.split(".")
      const existing = v1[group]
      v1[group] = { ...(isPlainObject(existing) ? existing : {}), [leaf]: value }
    }
    return v1 as Record<string, unknown>
  },
  pathBack(path) {
    for (const [from, to] of Object.entries(V0_MOVES)) {
      if (path === to || path.startsWith(`${to}.`) || path.startsWith(`${to}[`)) return from + path.slice(to.length)
    }
    return path
  }
}

/** `MIGRATIONS[n]`: version n → n+1. One entry per version below `SETTINGS_VERSION`. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  0: migrateV0
}

/** The oldest settings version this build can read. */
export const OLDEST_SETTINGS_VERSION = 0

export interface Migrated {
  /** Current-version settings input (not yet validated against `TeamSettings`). */
  settings: Record<string, unknown>
  /** Maps a path of the result back to the path in the original object. */
  pathBack(path: string): string
}

/**
 * Runs the migrations from `fromVersion` up to `SETTINGS_VERSION`. Fails (with paths in the
 * original object, under `root`) when an intermediate shape has unknown keys or a migration is
 * missing.
 */
export function migrateSettings(settings: Record<string, unknown>, fromVersion: number, root = ""): Parsed<Migrated> {
  let current = settings
  const backs: Array<(path: string) => string> = []
  const back = (path: string) => backs.reduceRight((p, fn) => fn(p), path)
  for (let version = fromVersion; version < SETTINGS_VERSION; version++) {
    const migration = MIGRATIONS[version]
    if (migration === undefined) {
      return {
        ok: false,
        errors: [{ path: "version", message: `settings version ${version} cannot be read by this SOP Pilot` }]
      }
    }
    const checked = migration.input.safeParse(current)
    if (!checked.success) {
      const errors: FieldError[] = fieldErrors(checked.error).map((e) => ({ ...e, path: prefixed(root, back(e.path)) }))
      return { ok: false, errors }
    }
    current = migration.up(checked.data)
    backs.push(migration.pathBack)
  }
  return { ok: true, value: { settings: current, pathBack: back } }
}

const prefixed = (root: string, path: string) => (root === "" ? path : path === "(root)" ? root : `${root}.${path}`)
