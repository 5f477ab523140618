/**
 * Issue 15, item 2: no cold wait. The first chrome.storage.managed read of a browser session
 * takes seconds; the background plans with the last known policy (kept in chrome.storage.local)
 * at once, and re-plans when the policy read changes anything.
 */
import { afterEach, describe, expect, it, vi } from "vitest"

import { cachedSettings, STORAGE_KEYS } from "~/src/data/settings-store"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((res) => (resolve = res))
  return { promise, resolve }
}

function fakeChrome(local: Record<string, unknown>, managed: Promise<Record<string, unknown>>) {
  const area = { ...local }
  const pick = (keys: string | string[]) =>
    Object.fromEntries((typeof keys === "string" ? [keys] : keys).filter((k) => k in area).map((k) => [k, area[k]]))
  vi.stubGlobal("chrome", {
    storage: {
      local: {
        get: async (keys: string | string[]) => pick(keys),
        set: async (items: Record<string, unknown>) => void Object.assign(area, JSON.parse(JSON.stringify(items)))
      },
      managed: { get: () => managed },
      onChanged: { addListener: () => undefined }
    }
  })
  return area
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => vi.unstubAllGlobals())

describe("settings without the cold wait", () => {
  it("plans with the last known policy before the policy read answers, then re-plans with the new one", async () => {
    const managed = deferred<Record<string, unknown>>()
    const area = fakeChrome(
      {
        [STORAGE_KEYS.teamSettings]: { thresholds: { surveyMrr: 900 } },
        [STORAGE_KEYS.lastPolicy]: { thresholds: { digitalMaxUsers: 20 } }
      },
      managed.promise
    )
    const policyApplied = vi.fn()
    const settings = cachedSettings({ policyApplied })

    // The policy read has not answered: the last known one applies.
    const first = await settings.teamSettings()
    expect(first.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, surveyMrr: 900, digitalMaxUsers: 20 })
    expect((await settings.settingsState()).locked).toEqual(["thresholds.digitalMaxUsers"])

    managed.resolve({ thresholds: { digitalMaxUsers: 25 } })
    await settle()
    expect(policyApplied).toHaveBeenCalledTimes(1)
    expect((await settings.teamSettings()).thresholds.digitalMaxUsers).toBe(25)
    // Kept for the next cold start.
    expect(area[STORAGE_KEYS.lastPolicy]).toEqual({ thresholds: { digitalMaxUsers: 25 } })
  })

  it("does not re-plan when the policy is the one it planned with", async () => {
    const policy = { disabledRules: ["ON2"] }
    fakeChrome({ [STORAGE_KEYS.lastPolicy]: policy }, Promise.resolve(policy))
    const policyApplied = vi.fn()
    const settings = cachedSettings({ policyApplied })
    expect((await settings.teamSettings()).disabledRules).toEqual(["ON2"])
    await settle()
    expect(policyApplied).not.toHaveBeenCalled()
  })

  it("with no policy known yet (a new profile), plans with the stored settings at once", async () => {
    const managed = deferred<Record<string, unknown>>()
    fakeChrome({}, managed.promise)
    const policyApplied = vi.fn()
    const settings = cachedSettings({ policyApplied })
    expect(await settings.teamSettings()).toEqual(DEFAULT_SETTINGS)
    managed.resolve({})
    await settle()
    expect(policyApplied).not.toHaveBeenCalled()
  })
})
