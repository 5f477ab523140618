/**
 * Issue 17 item 5: one stale rule id in the stored settings reverted all team settings to the
 * defaults, and the next save made that permanent. The options page gets every valid part and
 * the invalid one by its path; a save changes what it changes and leaves the rest of the stored
 * original, the stale part included, exactly as it was.
 */
import { afterEach, describe, expect, it, vi } from "vitest"

import { chromeSettingsStorage, createSettingsService } from "~/src/background/settings-service"

import { installFakeChromeStorage } from "../data/fake-chrome"

const stored = {
  thresholds: { surveyMrr: 800 },
  disabledRules: ["ON2", "XX9"],
  links: { kycSurvey: "https://survey.example.com/kyc" }
}

function start() {
  const storage = installFakeChromeStorage({ local: { teamSettings: structuredClone(stored) } })
  const service = createSettingsService({
    storage: chromeSettingsStorage(),
    now: () => 0,
    notify: () => undefined,
    warn: () => undefined
  })
  return { storage, service }
}
afterEach(() => vi.unstubAllGlobals())

describe("stored settings with a stale rule id", () => {
  it("are shown with every valid part, and the stale one named", async () => {
    const { service } = start()
    const state = await service.get()
    expect(state.settings.thresholds.surveyMrr).toBe(800)
    expect(state.settings.disabledRules).toEqual(["ON2"])
    expect(state.settings.links.kycSurvey).toBe("https://survey.example.com/kyc")
    expect(state.storedInvalid).toEqual([{ path: "disabledRules[1]", message: "unknown rule id" }])
  })

  it("a save of another setting keeps the stored original's other parts as they were", async () => {
    const { service, storage } = start()
    const state = await service.save({ timing: { adoption30Days: 28 } })
    expect(state.settings.timing.adoption30Days).toBe(28)
    expect(state.settings.thresholds.surveyMrr).toBe(800)
    expect(storage.local.teamSettings).toEqual({ ...stored, timing: { adoption30Days: 28 } })
    // Still reported: the save did not quietly drop it.
    expect((await service.get()).storedInvalid?.map((e) => e.path)).toEqual(["disabledRules[1]"])
  })

  it("a save that sets the invalid part itself replaces it, and is still validated", async () => {
    const { service, storage } = start()
    await expect(service.save({ disabledRules: ["NOPE"] })).rejects.toThrow(/disabledRules\[0\]/)
    expect(storage.local.teamSettings).toEqual(stored)
    const state = await service.save({ disabledRules: ["ON2", "AD11"] })
    expect(state.settings.disabledRules).toEqual(["ON2", "AD11"])
    expect(state.storedInvalid).toBeUndefined()
  })
})
