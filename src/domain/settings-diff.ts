/**
 * What changes between two settings objects, leaf by leaf: `thresholds.surveyMrr: 1000 → 800`.
 * Pure and schema-free, so the import preview, the policy lock check and the tests share it.
 *
 * Leaves are everything that is not a plain object: numbers, strings, booleans, null, and whole
 * arrays (`disabledRules` changes as one list, not item by item; a person reads it that way).
 */

export interface SettingsChange {
  /** Dotted path of the leaf: `templates.welcome_reminder.subject`. */
  path: string
  /** `undefined` when the leaf is new. */
  from: unknown
  /** `undefined` when the leaf is gone. */
  to: unknown
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype

/** Deep equality for JSON-like values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue(a[key], b[key]))
    )
  }
  return false
}

const join = (prefix: string, key: string) => (prefix === "" ? key : `${prefix}.${key}`)

/** Every change from `a` to `b`, in `a`'s key order, then keys only `b` has. */
export function diffSettings(a: unknown, b: unknown, prefix = ""): SettingsChange[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !Object.prototype.hasOwnProperty.call(a, key))]
    return keys.flatMap((key) => diffSettings(a[key], b[key], join(prefix, key)))
  }
  if (sameValue(a, b)) return []
  return [{ path: prefix === "" ? "(root)" : prefix, from: a, to: b }]
}

/**
 * How deep `leavesOf` goes: settings are at most 4 levels deep (`salesforce.fieldMapping.mrr`),
 * so anything deeper is one leaf, which the schema then refuses by its path. A policy or a
 * request nested 100,000 levels deep must not exhaust the stack (issue 17).
 */
export const MAX_LEAF_DEPTH = 8

/** The leaves of an object as `[path, value]`, depth first (arrays and empty objects are leaves only when not plain objects). */
export function leavesOf(value: unknown, prefix = "", depth = 0): Array<[string, unknown]> {
  if (!isPlainObject(value) || depth >= MAX_LEAF_DEPTH) return [[prefix === "" ? "(root)" : prefix, value]]
  return Object.entries(value).flatMap(([key, child]) => leavesOf(child, join(prefix, key), depth + 1))
}

/** A copy of `target` with the leaf at the dotted `path` set to `value` (missing objects are created). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head = "", ...rest] = path.split(".")
  if (rest.length === 0) return { ...target, [head]: value }
  const child = target[head]
  return { ...target, [head]: setPath(isPlainObject(child) ? child : {}, rest.join("."), value) }
}

/** The value at a dotted path, or undefined. */
export function getPath(source: unknown, path: string): unknown {
  let at: unknown = source
  for (const key of path.split(".")) {
    if (!isPlainObject(at)) return undefined
    at = at[key]
  }
  return at
}

/** Sets an own property, even `__proto__` (which assignment would turn into a prototype change). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** `b` deep-merged onto `a`: plain objects merge key by key, anything else in `b` replaces. */
export function deepMerge(a: unknown, b: unknown): unknown {
  if (!isPlainObject(a) || !isPlainObject(b)) return b === undefined ? a : b
  const out: Record<string, unknown> = { ...a }
  for (const [key, value] of Object.entries(b)) define(out, key, deepMerge(a[key], value))
  return out
}

/** True when a change at `path` touches the locked path `lock` (the same leaf, inside it, or around it). */
export function touchesPath(path: string, lock: string): boolean {
  return path === lock || path.startsWith(`${lock}.`) || lock.startsWith(`${path}.`)
}
