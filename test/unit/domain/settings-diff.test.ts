import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { deepMerge, diffSettings, getPath, leavesOf, sameValue, setPath, touchesPath } from "~/src/domain/settings-diff"

describe("diffSettings", () => {
  it("is empty for equal settings, whatever the key order", () => {
    const reordered = JSON.parse(JSON.stringify(DEFAULT_SETTINGS, Object.keys(DEFAULT_SETTINGS).reverse()))
    expect(diffSettings(DEFAULT_SETTINGS, structuredClone(DEFAULT_SETTINGS))).toEqual([])
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
    expect(reordered).toBeTruthy()
  })

  it("names each changed leaf by its dotted path; arrays change as one leaf", () => {
    const next = {
      ...DEFAULT_SETTINGS,
      thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800 },
      disabledRules: ["ON2"],
      templates: {
        ...DEFAULT_SETTINGS.templates,
        welcome_reminder: { ...DEFAULT_SETTINGS.templates.welcome_reminder, subject: "Hi" }
      }
    }
    expect(diffSettings(DEFAULT_SETTINGS, next)).toEqual([
      { path: "thresholds.surveyMrr", from: 1000, to: 800 },
      { path: "disabledRules", from: [], to: ["ON2"] },
      {
        path: "templates.welcome_reminder.subject",
        from: DEFAULT_SETTINGS.templates.welcome_reminder.subject,
        to: "Hi"
      }
    ])
  })

  it("reports keys only one side has, and a type change at its own path", () => {
    expect(diffSettings({ a: 1 }, { a: 1, b: 2 })).toEqual([{ path: "b", from: undefined, to: 2 }])
    expect(diffSettings({ a: { x: 1 } }, { a: 5 })).toEqual([{ path: "a", from: { x: 1 }, to: 5 }])
    expect(diffSettings(1, 2)).toEqual([{ path: "(root)", from: 1, to: 2 }])
  })
})

describe("path helpers", () => {
  it("leavesOf, setPath, getPath and deepMerge agree", () => {
    const value = { a: { b: 1, c: [1, 2] }, d: "x" }
    expect(leavesOf(value)).toEqual([
      ["a.b", 1],
      ["a.c", [1, 2]],
      ["d", "x"]
    ])
    const set = setPath(value, "a.e.f", true)
    expect(getPath(set, "a.e.f")).toBe(true)
    expect(value).toEqual({ a: { b: 1, c: [1, 2] }, d: "x" }) // not mutated
    expect(deepMerge(value, { a: { b: 2 }, d: undefined })).toEqual({ a: { b: 2, c: [1, 2] }, d: "x" })
  })

  it("deepMerge keeps a `__proto__` key as data (never as the prototype)", () => {
    const merged = deepMerge({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(Object.keys(merged)).toEqual(["__proto__"])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it("touchesPath: the same leaf, inside it, or around it", () => {
    expect(touchesPath("thresholds.surveyMrr", "thresholds.surveyMrr")).toBe(true)
    expect(touchesPath("templates.welcome_reminder.subject", "templates.welcome_reminder")).toBe(true)
    expect(touchesPath("templates", "templates.welcome_reminder.subject")).toBe(true)
    expect(touchesPath("thresholds.surveyMrrX", "thresholds.surveyMrr")).toBe(false)
  })
})
