import fc from "fast-check"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { InputError } from "~/src/background/account-service"
import { route } from "~/src/background/router"
import { chromeSettingsStorage, createSettingsService, type SettingsService } from "~/src/background/settings-service"
import { DEFAULT_PROFILE } from "~/src/domain/profile"
import { DEFAULT_SETTINGS, parseTeamSettings, SETTINGS_VERSION } from "~/src/domain/settings"
import { SETTINGS_FILE_FORMAT, settingsFileText } from "~/src/domain/settings-file"

import { installFakeChromeStorage, type FakeChromeStorage } from "../data/fake-chrome"

let storage: FakeChromeStorage
let notified: number
let service: SettingsService
const NOW = Date.parse("2026-11-25T14:03:00Z")

function start(initial: Parameters<typeof installFakeChromeStorage>[0] = {}) {
  storage = installFakeChromeStorage(initial)
  notified = 0
  service = createSettingsService({
    storage: chromeSettingsStorage(),
    now: () => NOW,
    notify: () => notified++,
    warn: () => undefined
  })
}

beforeEach(() => start())
afterEach(() => vi.unstubAllGlobals())

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error("expected a refusal")
}

const fileOf = (settings: unknown, version = SETTINGS_VERSION) =>
  JSON.stringify({ format: SETTINGS_FILE_FORMAT, version, settings })

describe("settings service: get and save", () => {
  it("answers the defaults, no locks, the default profile and the defaults", async () => {
    expect(await service.get()).toEqual({
      settings: DEFAULT_SETTINGS,
      locked: [],
      profile: DEFAULT_PROFILE,
      defaults: DEFAULT_SETTINGS
    })
  })

  it("saves a partial object deep-merged onto what is stored, and tells every view", async () => {
    await service.save({ thresholds: { surveyMrr: 800 } })
    const state = await service.save({ disabledRules: ["ON2"] })
    expect(state.settings.thresholds.surveyMrr).toBe(800)
    expect(state.settings.disabledRules).toEqual(["ON2"])
    expect(parseTeamSettings(storage.local.teamSettings)).toEqual({ ok: true, value: state.settings })
    expect(notified).toBe(2)
  })

  it("refuses an invalid save with every offending path, and saves nothing", async () => {
    await service.save({ thresholds: { surveyMrr: 800 } })
    const before = storage.snapshot()
    const error = await refusal(
      service.save({ thresholds: { surveyMrr: -1 }, links: { kycSurvey: "not a url" }, nope: 1 })
    )
    expect(error.paths.sort()).toEqual(["links.kycSurvey", "nope", "thresholds.surveyMrr"])
    expect(storage.snapshot()).toBe(before)
    expect(storage.writes).toHaveLength(1)
  })

  it("refuses to change a path the organisation's policy sets, naming it; the same value is fine", async () => {
    start({ managed: { thresholds: { surveyMrr: 750 }, disabledRules: ["ON2"] } })
    const state = await service.get()
    expect(state.locked).toEqual(["thresholds.surveyMrr", "disabledRules"])
    const error = await refusal(
      service.save({ thresholds: { surveyMrr: 900 }, links: { openForum: "https://forum.example" } })
    )
    expect(error.paths).toEqual(["thresholds.surveyMrr"])
    expect(error.message).toMatch(/organisation/)
    expect(storage.writes).toEqual([])
    // The options page sends whole objects back: unchanged locked values pass.
    const saved = await service.save({
      ...state.settings,
      links: { ...state.settings.links, openForum: "https://forum.example" }
    })
    expect(saved.settings.links.openForum).toBe("https://forum.example")
    expect(saved.settings.thresholds.surveyMrr).toBe(750)
  })

  it("saves the profile (partial), validated", async () => {
    const profile = await service.saveProfile({
      name: "Maria Martinez",
      timeZone: "America/Chicago",
      dailyDigest: true
    })
    expect(profile).toEqual({
      ...DEFAULT_PROFILE,
      name: "Maria Martinez",
      timeZone: "America/Chicago",
      dailyDigest: true
    })
    const error = await refusal(
      service.saveProfile({ calendlyLink: "http://calendly.com/x", timeZone: "Mars/Olympus", digestTime: "25:00" })
    )
    expect(error.paths.sort()).toEqual(["calendlyLink", "digestTime", "timeZone"])
    expect((await service.get()).profile.name).toBe("Maria Martinez")
  })
})

describe("settings service: export and import", () => {
  it("exports a versioned file of the settings as they apply, named by today", async () => {
    await service.save({ thresholds: { surveyMrr: 800 } })
    const file = await service.exportFile()
    expect(file.fileName).toBe("sop-pilot-team-settings-2026-11-25.json")
    const parsed = JSON.parse(file.text)
    expect(parsed).toEqual({
      format: SETTINGS_FILE_FORMAT,
      version: SETTINGS_VERSION,
      exportedAt: "2026-11-25T14:03:00.000Z",
      settings: expect.any(Object)
    })
    expect(parsed.settings.thresholds.surveyMrr).toBe(800)
  })

  it("previews an import as a diff without writing, then applies it", async () => {
    const text = fileOf({ disabledRules: ["ON2"], thresholds: { surveyMrr: 500 } })
    const preview = await service.importFile(text, false)
    expect(preview).toEqual({
      applied: false,
      fromVersion: 1,
      diff: [
        { path: "thresholds.surveyMrr", from: 1000, to: 500 },
        { path: "disabledRules", from: [], to: ["ON2"] }
      ],
      lockedKept: []
    })
    expect(storage.writes).toEqual([])
    const applied = await service.importFile(text, true)
    expect(applied.applied).toBe(true)
    expect((await service.get()).settings.disabledRules).toEqual(["ON2"])
    expect(notified).toBe(1)
  })

  it("imports a version 0 file (migrated)", async () => {
    const result = await service.importFile(fileOf({ surveyMrr: 600, disabledRules: ["ON2"] }, 0), true)
    expect(result.fromVersion).toBe(0)
    const { settings } = await service.get()
    expect(settings.thresholds.surveyMrr).toBe(600)
    expect(settings.disabledRules).toEqual(["ON2"])
  })

  it("keeps what the policy locks when importing, and says so", async () => {
    start({ managed: { thresholds: { surveyMrr: 750 } } })
    const result = await service.importFile(fileOf({ thresholds: { surveyMrr: 500, strategicMinMrr: 4000 } }), true)
    expect(result.diff).toEqual([{ path: "thresholds.strategicMinMrr", from: 3500, to: 4000 }])
    expect(result.lockedKept).toEqual(["thresholds.surveyMrr"])
    expect((await service.get()).settings.thresholds.surveyMrr).toBe(750)
  })

  it("refuses a newer version, a foreign file or bad JSON, leaving storage byte-for-byte unchanged", async () => {
    await service.save({ thresholds: { surveyMrr: 800 }, disabledRules: ["AD9"] })
    const before = storage.snapshot()
    const writes = storage.writes.length
    for (const [text, path] of [
      [fileOf({ disabledRules: ["ON2"] }, SETTINGS_VERSION + 1), "version"],
      [JSON.stringify({ format: "other", version: 1, settings: {} }), "format"],
      ["{", "(file)"],
      [fileOf({ thresholds: { surveyMrr: "cheap" } }), "settings.thresholds.surveyMrr"]
    ] as const) {
      const error = await refusal(service.importFile(text, true))
      expect(error.paths).toEqual([path])
    }
    expect(storage.snapshot()).toBe(before)
    expect(storage.writes).toHaveLength(writes)
    expect(notified).toBe(1)
  })

  it("property: any JSON mutation of a valid file is applied (valid) or refused with ≥ 1 path, storage unchanged", async () => {
    const base = JSON.parse(settingsFileText({ ...DEFAULT_SETTINGS, disabledRules: ["AD9"] }, new Date(NOW))) as unknown
    const nodes: Array<Array<string | number>> = []
    const walk = (value: unknown, path: Array<string | number>) => {
      nodes.push(path)
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]))
      else if (value && typeof value === "object")
        for (const [key, child] of Object.entries(value)) walk(child, [...path, key])
    }
    walk(base, [])
    const mutate = (
      root: unknown,
      path: Array<string | number>,
      kind: string,
      value: unknown,
      key: string
    ): unknown => {
      const copy = structuredClone(root) as Record<string | number, unknown>
      if (path.length === 0) return kind === "replace" ? value : copy
      let parent: Record<string | number, unknown> = copy
      for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>
      const last = path[path.length - 1] as string | number
      if (kind === "replace") parent[last] = value
      else if (kind === "delete") {
        if (Array.isArray(parent)) parent.splice(last as number, 1)
        else delete parent[last]
      } else if (parent[last] && typeof parent[last] === "object" && !Array.isArray(parent[last]))
        (parent[last] as Record<string, unknown>)[key] = value
      else parent[last] = value
      return copy
    }

    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: nodes.length - 1 }),
        fc.constantFrom("replace", "delete", "add"),
        fc.jsonValue({ maxDepth: 2 }),
        fc.string({ maxLength: 12 }),
        async (index, kind, value, key) => {
          start({
            local: {
              teamSettings: { ...DEFAULT_SETTINGS, thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800 } }
            }
          })
          const before = storage.snapshot()
          const text = JSON.stringify(mutate(base, nodes[index] ?? [], kind, value, key))
          try {
            await service.importFile(text, true)
            const stored = parseTeamSettings(storage.local.teamSettings)
            expect(stored.ok).toBe(true)
          } catch (error) {
            expect(error).toBeInstanceOf(InputError)
            expect((error as InputError).paths.length).toBeGreaterThanOrEqual(1)
            expect(storage.snapshot()).toBe(before)
            expect(storage.writes).toEqual([])
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe("router: settings messages", () => {
  const own = "ownextensionid"
  const accounts = {} as never
  it("answers settings and writes them on extension pages only", async () => {
    const fromPage = { id: own, tabUrl: "https://acme.lightning.force.com/lightning/r/Account/001Hs00002ABCDeIAP/view" }
    expect((await route({ name: "settings.get" }, { id: own }, own, accounts, { settings: service })).ok).toBe(true)
    for (const request of [
      { name: "settings.get" },
      { name: "settings.save", settings: { disabledRules: ["ON2"] } },
      { name: "profile.save", profile: { name: "x" } },
      { name: "settings.export" },
      { name: "settings.import", text: "{}", apply: true }
    ]) {
      expect(await route(request, fromPage, own, accounts, { settings: service })).toMatchObject({
        ok: false,
        error: { code: "forbidden" }
      })
    }
    expect(storage.writes).toEqual([])
    const saved = await route(
      { name: "settings.save", settings: { disabledRules: ["ON2"] } },
      { id: own },
      own,
      accounts,
      { settings: service }
    )
    expect(saved.ok).toBe(true)
  })

  it("answers a refused save as invalid_input with the paths", async () => {
    const answer = await route(
      { name: "settings.save", settings: { thresholds: { surveyMrr: -3 } } },
      { id: own },
      own,
      accounts,
      { settings: service }
    )
    expect(answer).toMatchObject({ ok: false, error: { code: "invalid_input", paths: ["thresholds.surveyMrr"] } })
  })
})
