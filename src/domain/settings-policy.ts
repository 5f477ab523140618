/**
 * Team settings as they apply: defaults ⊕ what the team stored ⊕ what the organisation's policy
 * sets (the managed storage area, declared by `managed_schema`). Policy wins; each policy value is
 * checked on its own, so one bad value is ignored (and reported) without losing the others.
 * Pure: the background and settings-store feed it what they read from storage.
 */
import { DEFAULT_SETTINGS, parseTeamSettings, TeamSettings } from "./settings"
import { isPlainObject, leavesOf, setPath, touchesPath } from "./settings-diff"
import { fieldErrors, type FieldError } from "./parse"

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
  /** What the team stored (defaults filled in), before policy; its invalid parts left out. */
  stored: TeamSettings
  /** Parts of the stored value that no longer validate (a rule id this version does not know): their defaults apply. */
  storedInvalid: FieldError[]
}

/** Rounds of pruning before giving up on a stored value (each round removes every part then failing). */
const MAX_SALVAGE_ROUNDS = 10

/** A copy of plain objects and arrays, so pruning never touches what storage gave. */
const copyOf = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(copyOf)
    : isPlainObject(value)
      ? Object.fromEntries(Object.entries(value).map(([key, child]) => [key, copyOf(child)]))
      : value

/** Removes the part at `path` (an array item, or an object key, whose default then applies). */
function prune(root: unknown, path: readonly PropertyKey[], keys?: readonly string[]): boolean {
  let at: unknown = root
  const target = keys === undefined ? path.slice(0, -1) : path
  for (const part of target) {
    if (Array.isArray(at) && typeof part === "number") at = at[part]
    else if (isPlainObject(at) && typeof part === "string") at = at[part]
    else return false
  }
  if (keys !== undefined) {
    if (!isPlainObject(at)) return false
    for (const key of keys) delete at[key]
    return true
  }
  const last = path[path.length - 1]
  if (Array.isArray(at) && typeof last === "number" && last < at.length) {
    // Marked, not spliced: the other issues of this round still name their indexes.
    at[last] = PRUNED
    return true
  }
  if (isPlainObject(at) && typeof last === "string" && last in at) {
    delete at[last]
    return true
  }
  return false
}
const PRUNED = Symbol("pruned")
const dropPruned = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.filter((item) => item !== PRUNED).map(dropPruned)
    : isPlainObject(value)
      ? Object.fromEntries(Object.entries(value).map(([key, child]) => [key, dropPruned(child)]))
      : value

/**
 * Stored team settings with every valid part kept (issue 17): a rule id this version does not
 * know, a mistyped number or an unknown key is left out, by itself, and reported by its path;
 * everything else stays the team's. Only a value that is not an object at all gives the defaults.
 */
export function salvageSettings(raw: unknown): { settings: TeamSettings; invalid: FieldError[] } {
  const first = TeamSettings.safeParse(raw)
  if (first.success) return { settings: first.data, invalid: [] }
  const invalid = fieldErrors(first.error)
  if (!isPlainObject(raw)) return { settings: DEFAULT_SETTINGS, invalid: invalid.slice(0, 1) }
  let current = copyOf(raw)
  let issues = first.error.issues
  for (let round = 0; round < MAX_SALVAGE_ROUNDS; round++) {
    let removed = false
    for (const issue of issues) {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : undefined
      if (keys !== undefined) {
        removed = prune(current, issue.path, keys) || removed
        continue
      }
      // A part missing from an object that is there (a template without its subject): the
      // object goes, and its default applies.
      for (let length = issue.path.length; length > 0; length--) {
        if (prune(current, issue.path.slice(0, length))) {
          removed = true
          break
        }
      }
    }
    if (!removed) break
    current = dropPruned(current)
    const next = TeamSettings.safeParse(current)
    if (next.success) return { settings: next.data, invalid }
    // A part that only fails once another is gone (a list now too short): reported too.
    for (const error of fieldErrors(next.error))
      if (!invalid.some((known) => known.path === error.path)) invalid.push(error)
    issues = next.error.issues
  }
  return { settings: DEFAULT_SETTINGS, invalid }
}

/** Defaults ⊕ stored ⊕ managed, from raw storage values (anything may be in storage). */
export function resolveSettings(storedRaw: unknown, managedRaw: unknown): ResolvedSettings {
  let stored = DEFAULT_SETTINGS
  let storedInvalid: FieldError[] = []
  if (storedRaw !== undefined) {
    const salvaged = salvageSettings(storedRaw)
    stored = salvaged.settings
    storedInvalid = salvaged.invalid
  }
  return { stored, storedInvalid, ...applyManaged(stored, managedRaw) }
}

/** The locked paths a list of changed paths would touch, each once. */
export function lockedTouched(changedPaths: readonly string[], locked: readonly string[]): string[] {
  return locked.filter((lock) => changedPaths.some((path) => touchesPath(path, lock)))
}
