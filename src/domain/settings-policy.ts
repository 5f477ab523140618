/**
 * Team settings as they apply: defaults ⊕ what the team stored ⊕ what the organisation's policy
 * sets (the managed storage area, declared by `managed_schema`). Policy wins; each policy value is
 * checked on its own, so one bad value is ignored (and reported) without losing the others.
 * Pure: the background and settings-store feed it what they read from storage.
 */
import { DEFAULT_SETTINGS, parseTeamSettings, type TeamSettings } from "./settings"
import { isPlainObject, leavesOf, setPath, touchesPath } from "./settings-diff"
import type { FieldError } from "./parse"

/** The settings an organisation may set by policy: the top-level keys of the managed schema. */
export const POLICY_KEYS = [
  "thresholds",
  "timing",
  "sixtyDayTrack",
  "disabledRules",
  "links",
  "salesforce",
  "templates"
] as const
export type PolicyKey = (typeof POLICY_KEYS)[number]

export interface ManagedMerge {
  settings: TeamSettings
  /** Dotted leaf paths the policy set (arrays are one leaf: `disabledRules`). */
  locked: string[]
  /** Policy values that were not applied, with why. */
  ignored: FieldError[]
}

const POLICY_KEY_SET: ReadonlySet<string> = new Set(POLICY_KEYS)

/** `base` with every valid managed value applied on top. */
export function applyManaged(base: TeamSettings, managed: unknown): ManagedMerge {
  if (managed === undefined || managed === null) return { settings: base, locked: [], ignored: [] }
  if (!isPlainObject(managed))
    return { settings: base, locked: [], ignored: [{ path: "(root)", message: "policy is not an object" }] }
  let current = base
  const locked: string[] = []
  const ignored: FieldError[] = []
  for (const [path, value] of leavesOf(managed)) {
    const top = path.split(".")[0] ?? ""
    if (!POLICY_KEY_SET.has(top)) {
      ignored.push({ path, message: "not a setting an organisation can set" })
      continue
    }
    const parsed = parseTeamSettings(setPath(current as unknown as Record<string, unknown>, path, value))
    if (parsed.ok) {
      current = parsed.value
      locked.push(path)
    } else {
      ignored.push(
        ...parsed.errors.map((error) => ({ path: error.path === "(root)" ? path : error.path, message: error.message }))
      )
    }
  }
  return { settings: current, locked, ignored }
}

export interface ResolvedSettings extends ManagedMerge {
  /** What the team stored (defaults filled in), before policy. */
  stored: TeamSettings
  /** The stored value was there but no longer valid, so the defaults are used. */
  storedInvalid: FieldError[]
}

/** Defaults ⊕ stored ⊕ managed, from raw storage values (anything may be in storage). */
export function resolveSettings(storedRaw: unknown, managedRaw: unknown): ResolvedSettings {
  let stored = DEFAULT_SETTINGS
  let storedInvalid: FieldError[] = []
  if (storedRaw !== undefined) {
    const parsed = parseTeamSettings(storedRaw)
    if (parsed.ok) stored = parsed.value
    else storedInvalid = parsed.errors
  }
  return { stored, storedInvalid, ...applyManaged(stored, managedRaw) }
}

/** The locked paths a list of changed paths would touch, each once. */
export function lockedTouched(changedPaths: readonly string[], locked: readonly string[]): string[] {
  return locked.filter((lock) => changedPaths.some((path) => touchesPath(path, lock)))
}
