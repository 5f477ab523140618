import { afterEach, describe, expect, it, vi } from "vitest"

import { readSettingsState } from "~/src/data/settings-store"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"

import { installFakeChromeStorage } from "./fake-chrome"

afterEach(() => vi.unstubAllGlobals())

describe("team settings from chrome.storage (local ⊕ the organisation's policy)", () => {
  it("readSettingsState merges defaults ⊕ stored ⊕ managed from chrome.storage, warning about ignored values", async () => {
    installFakeChromeStorage({
      local: { teamSettings: { thresholds: { surveyMrr: 900 } } },
      managed: { thresholds: { digitalMaxUsers: 20, surveyMrr: -1 } }
    })
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    const { settings, locked } = await readSettingsState()
    expect(settings.thresholds).toEqual({ ...DEFAULT_SETTINGS.thresholds, surveyMrr: 900, digitalMaxUsers: 20 })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("policy thresholds.surveyMrr"))
    expect(locked).toEqual(["thresholds.digitalMaxUsers"])
    warn.mockRestore()
  })

  it("reads no policy where chrome.storage.managed is missing", async () => {
    vi.stubGlobal("chrome", { storage: { local: { get: async () => ({}) } } })
    expect((await readSettingsState()).settings).toEqual(DEFAULT_SETTINGS)
  })
})
