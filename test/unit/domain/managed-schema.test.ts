import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

import { buildManagedSchema, managedSchemaText } from "~/src/domain/managed-schema"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { leavesOf } from "~/src/domain/settings-diff"
import { applyManaged, POLICY_KEYS } from "~/src/domain/settings-policy"

const root = join(__dirname, "../../..")
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  manifest: { storage?: { managed_schema?: string } }
}

/** Chrome's rules for a managed_schema (components/policy/core/common/schema.cc): unknown attributes make the extension fail to load. */
const ALLOWED: Record<string, string[]> = {
  object: [
    "type",
    "title",
    "description",
    "id",
    "properties",
    "additionalProperties",
    "patternProperties",
    "required",
    "sensitiveValue"
  ],
  array: ["type", "title", "description", "id", "items", "sensitiveValue"],
  string: ["type", "title", "description", "id", "enum", "pattern", "sensitiveValue"],
  integer: ["type", "title", "description", "id", "enum", "minimum", "maximum", "sensitiveValue"],
  number: ["type", "title", "description", "id", "sensitiveValue"],
  boolean: ["type", "title", "description", "id", "sensitiveValue"]
}

function chromeProblems(schema: Record<string, unknown>, path: string, top = false): string[] {
  const type = schema.type as string
  if (!ALLOWED[type]) return [`${path}: unknown type ${String(type)}`]
  const problems = Object.keys(schema)
    .filter((key) => !ALLOWED[type]?.includes(key))
    .map((key) => `${path}: attribute ${key} not allowed on ${type}`)
  if (top && "additionalProperties" in schema) problems.push(`${path}: the top level may not have additionalProperties`)
  if (type === "integer") {
    for (const key of ["minimum", "maximum"]) {
      const n = schema[key]
      if (n !== undefined && (!Number.isInteger(n) || Math.abs(n as number) > 2 ** 31 - 1))
        problems.push(`${path}.${key}: not a 32-bit integer`)
    }
  }
  if (type === "array") problems.push(...chromeProblems(schema.items as Record<string, unknown>, `${path}[]`))
  if (type === "object") {
    for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>))
      problems.push(...chromeProblems(child, `${path}.${key}`))
  }
  return problems
}

describe("the managed storage schema", () => {
  it("is declared in the manifest and the committed file is up to date (npm run --silent managed-schema)", () => {
    expect(pkg.manifest.storage?.managed_schema).toBe("~assets/managed-schema.json")
    expect(readFileSync(join(root, "assets/managed-schema.json"), "utf8")).toBe(managedSchemaText())
  })

  it("uses only what Chrome's policy schema accepts", () => {
    expect(chromeProblems(buildManagedSchema() as unknown as Record<string, unknown>, "(root)", true)).toEqual([])
  })

  it("covers exactly the policy keys, down to every leaf of the settings they hold", () => {
    const schema = buildManagedSchema()
    expect(Object.keys(schema.properties ?? {})).toEqual([...POLICY_KEYS])
    const has = (path: string) => {
      let node = schema
      for (const part of path.split(".")) {
        const next = node.properties?.[part]
        if (!next) return false
        node = next
      }
      return true
    }
    const leaves = leavesOf(Object.fromEntries(POLICY_KEYS.map((key) => [key, DEFAULT_SETTINGS[key]]))).map(
      ([path]) => path
    )
    expect(leaves.filter((path) => !has(path))).toEqual([])
  })

  it("every default value, given as policy, is accepted by applyManaged", () => {
    const policy = Object.fromEntries(POLICY_KEYS.map((key) => [key, DEFAULT_SETTINGS[key]]))
    const merged = applyManaged(DEFAULT_SETTINGS, policy)
    expect(merged.ignored).toEqual([])
    expect(merged.settings).toEqual(DEFAULT_SETTINGS)
  })
})
