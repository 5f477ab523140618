/** Issue 17 item 11: policy flattening recursed without a depth limit. */
import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { leavesOf, MAX_LEAF_DEPTH } from "~/src/domain/settings-diff"
import { applyManaged } from "~/src/domain/settings-policy"

describe("policy flattening", () => {
  const deep = (levels: number): unknown => {
    let value: unknown = 1
    for (let i = 0; i < levels; i++) value = { a: value }
    return value
  }

  it("stops at a depth limit: a deeply nested policy is one leaf, refused by its path", () => {
    expect(leavesOf(deep(100_000))).toHaveLength(1)
    expect(leavesOf(deep(100_000))[0]?.[0].split(".")).toHaveLength(MAX_LEAF_DEPTH)
    const merged = applyManaged(DEFAULT_SETTINGS, { thresholds: deep(50_000), timing: { adoption30Days: 28 } })
    expect(merged.settings.timing.adoption30Days).toBe(28)
    expect(merged.settings.thresholds).toEqual(DEFAULT_SETTINGS.thresholds)
    expect(merged.ignored.length).toBeGreaterThan(0)
  })
})
