/**
 * The background's settings logic, the one writer of team settings and the CSM's profile in
 * chrome.storage.local. Every write is validated first; a refused write changes nothing.
 *
 * - `get`: the settings as they apply (defaults ⊕ stored ⊕ policy), the paths the policy locks,
 *   the profile and the defaults.
 * - `save`: a full or partial settings object, deep-merged onto what is stored; refused with
 *   every offending path when invalid, or when it would change a locked path.
 * - `saveProfile`: the same for the profile.
 * - `exportFile` / `importFile`: the versioned settings file (`domain/settings-file.ts`); an
 *   import is previewed as a diff, then applied. It replaces the team's stored settings; what the
 *   policy locks keeps the policy's value.
 */
import { Profile } from "../domain/profile"
import { DEFAULT_SETTINGS, parseTeamSettings, type TeamSettings } from "../domain/settings"
import { deepMerge, diffSettings, isPlainObject, leavesOf } from "../domain/settings-diff"
import { parseSettingsFile, settingsFileName, settingsFileText } from "../domain/settings-file"
import { applyManaged, lockedTouched, salvageSettings } from "../domain/settings-policy"
import { todayIn } from "../domain/dates"
import { describeFieldErrors, fieldErrors, type FieldError } from "../domain/parse"
import {
  chromeSettingsReader,
  readProfile,
  readSettingsState,
  STORAGE_KEYS,
  type SettingsReader
} from "../data/settings-store"
import { InputError } from "./account-service"

/** The storage the service reads (through data/settings-store.ts) and writes; tests may pass a fake. */
export interface SettingsStorage extends SettingsReader {
  setLocal(key: string, value: unknown): Promise<void>
}

export const chromeSettingsStorage = (): SettingsStorage => ({
  ...chromeSettingsReader(),
  setLocal: (key, value) => chrome.storage.local.set({ [key]: value })
})

export interface SettingsServiceDeps {
  storage: SettingsStorage
  now: () => number
  /** Tells every open view that settings (or the profile) changed. */
  notify: () => void
  warn?: (message: string) => void
}

// The shapes the options page receives, declared once with their schemas.
export type { ImportResult, SettingsState } from "../messages/settings-protocol"
import type { ImportResult, ProposedSettings, SettingsState } from "../messages/settings-protocol"

const refuse = (summary: string, errors: FieldError[]): InputError =>
  new InputError(
    `${summary}\n${describeFieldErrors(errors)}`,
    errors.map((e) => e.path)
  )

/** Whether the error at `errorPath` (`disabledRules[1]`) lies within the leaf a save sets (`disabledRules`). */
const within = (errorPath: string, leaf: string) =>
  errorPath === leaf ||
  errorPath.startsWith(`${leaf}.`) ||
  errorPath.startsWith(`${leaf}[`) ||
  leaf.startsWith(`${errorPath}.`) ||
  errorPath === "(root)"

export function createSettingsService(deps: SettingsServiceDeps) {
  const warn = deps.warn ?? ((message: string) => console.warn(message))

  const resolved = () => readSettingsState(deps.storage, warn)

  /** The stored parts that no longer validate, when there are any (the options page names them). */
  const invalidOf = (current: { storedInvalid: FieldError[] }) =>
    current.storedInvalid.length > 0 ? { storedInvalid: current.storedInvalid } : {}

  const profile = (): Promise<Profile> => readProfile(deps.storage)

  async function state(): Promise<SettingsState> {
    const [current, me] = await Promise.all([resolved(), profile()])
    return {
      settings: current.settings,
      locked: current.locked,
      profile: me,
      defaults: DEFAULT_SETTINGS,
      ...invalidOf(current)
    }
  }

  return {
    get: state,

    async save(partial: unknown): Promise<SettingsState> {
      if (!isPlainObject(partial))
        throw refuse("These settings cannot be saved:", [{ path: "(root)", message: "expected an object" }])
      const current = await resolved()
      let valid: TeamSettings
      let toStore: unknown
      let stillInvalid: FieldError[] = []
      if (current.storedInvalid.length === 0) {
        const parsed = parseTeamSettings(deepMerge(current.stored, partial))
        if (!parsed.ok) throw refuse("These settings cannot be saved:", parsed.errors)
        valid = toStore = parsed.value
      } else {
        // Part of what is stored no longer validates (a rule id this version does not know):
        // the change goes onto the stored original as it is, so a save never makes the loss
        // permanent (issue 17). Only what this save sets must validate.
        const merged = deepMerge(current.raw, partial)
        const salvaged = salvageSettings(merged)
        const changed = leavesOf(partial).map(([path]) => path)
        const mine = salvaged.invalid.filter((error) => changed.some((path) => within(error.path, path)))
        if (mine.length > 0) throw refuse("These settings cannot be saved:", mine)
        valid = salvaged.settings
        toStore = merged
        stillInvalid = salvaged.invalid
      }
      const next = applyManaged(valid, await deps.storage.getManaged())
      const touched = lockedTouched(
        diffSettings(current.settings, deepMerge(current.settings, partial)).map((change) => change.path),
        current.locked
      )
      if (touched.length > 0) {
        throw refuse(
          "Your organisation sets these, so they cannot be changed here:",
          touched.map((path) => ({ path, message: "set by your organisation" }))
        )
      }
      await deps.storage.setLocal(STORAGE_KEYS.teamSettings, toStore)
      if (diffSettings(current.settings, next.settings).length > 0) deps.notify()
      return {
        settings: next.settings,
        locked: next.locked,
        profile: await profile(),
        defaults: DEFAULT_SETTINGS,
        ...invalidOf({ storedInvalid: stillInvalid })
      }
    },

    async saveProfile(partial: unknown): Promise<Profile> {
      if (!isPlainObject(partial))
        throw refuse("This profile cannot be saved:", [{ path: "(root)", message: "expected an object" }])
      const parsed = Profile.safeParse(deepMerge(await profile(), partial))
      if (!parsed.success) throw refuse("This profile cannot be saved:", fieldErrors(parsed.error))
      await deps.storage.setLocal(STORAGE_KEYS.profile, parsed.data)
      deps.notify()
      return parsed.data
    },

    async exportFile(): Promise<{ fileName: string; text: string }> {
      const [current, me] = await Promise.all([resolved(), profile()])
      const now = new Date(deps.now())
      return {
        fileName: settingsFileName(todayIn(me.timeZone || undefined, now)),
        text: settingsFileText(current.settings, now)
      }
    },

    /** The settings in force and those a change would give (refused like `save` or `importFile` would be). */
    async proposed(change: ProposedSettings): Promise<{ current: TeamSettings; next: TeamSettings }> {
      const current = await resolved()
      const managed = await deps.storage.getManaged()
      if (change.kind === "import") {
        const file = parseSettingsFile(change.text)
        if (!file.ok) throw refuse("This settings file cannot be imported:", file.errors)
        return { current: current.settings, next: applyManaged(file.value.settings, managed).settings }
      }
      const parsed = parseTeamSettings(deepMerge(current.stored, change.settings))
      if (!parsed.ok) throw refuse("These settings cannot be saved:", parsed.errors)
      return { current: current.settings, next: applyManaged(parsed.value, managed).settings }
    },

    async importFile(text: string, apply: boolean): Promise<ImportResult> {
      const file = parseSettingsFile(text)
      if (!file.ok) throw refuse("This settings file cannot be imported:", file.errors)
      const current = await resolved()
      const next = applyManaged(file.value.settings, await deps.storage.getManaged())
      const diff = diffSettings(current.settings, next.settings)
      const lockedKept = lockedTouched(
        diffSettings(current.settings, file.value.settings).map((change) => change.path),
        next.locked
      )
      if (apply) {
        await deps.storage.setLocal(STORAGE_KEYS.teamSettings, file.value.settings)
        if (diff.length > 0) deps.notify()
      }
      return { applied: apply, fromVersion: file.value.fromVersion, diff, lockedKept }
    }
  }
}
export type SettingsService = ReturnType<typeof createSettingsService>
