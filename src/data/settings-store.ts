import { DEFAULT_PROFILE, Profile } from "../domain/profile"
import type { TeamSettings } from "../domain/settings"
import { resolveSettings, type ResolvedSettings } from "../domain/settings-policy"

export { DEFAULT_PROFILE, Profile } from "../domain/profile"

export { STORAGE_KEYS } from "../messages/storage-keys"
import { STORAGE_KEYS } from "../messages/storage-keys"

/**
 * The organisation's policy (chrome.storage.managed, declared by `assets/managed-schema.json`);
 * `{}` where there is none or the area cannot be read (no policy support, tests).
 */
export async function readManagedSettings(): Promise<unknown> {
  try {
    return (await chrome.storage.managed.get(null)) ?? {}
  } catch {
    return {}
  }
}

/** Where settings are read from: chrome.storage (`chromeSettingsReader`), or a test's fake. */
export interface SettingsReader {
  getLocal(key: string): Promise<unknown>
  getManaged(): Promise<unknown>
}

export const chromeSettingsReader = (): SettingsReader => ({
  getLocal: async (key) => (await chrome.storage.local.get(key))[key],
  getManaged: readManagedSettings
})

/** The last warning given, so the same invalid values are told once, not at every read. */
let lastWarning = ""
function warnIgnored(resolved: ResolvedSettings, warn: (message: string) => void): void {
  const text = [
    ...resolved.ignored.map((e) => `policy ${e.path}: ${e.message}`),
    ...resolved.storedInvalid.map((e) => `stored ${e.path}: ${e.message}`)
  ].join("; ")
  if (text !== "" && text !== lastWarning) warn(`SOP Pilot: ignored invalid settings (${text})`)
  lastWarning = text
}

/** Team settings as they apply, and what is stored as it is (`raw`: a save goes onto it). */
export interface SettingsRead extends ResolvedSettings {
  raw: unknown
}

/**
 * Team settings as they apply: defaults ⊕ stored (chrome.storage.local) ⊕ managed policy (wins),
 * with the paths the policy locks. Invalid policy values are ignored with a warning; a stored
 * part that no longer validates falls back to its default, the rest of what is stored applies.
 * The one reader of stored settings: the settings service and the background's cache use it.
 */
export async function readSettingsState(
  reader: SettingsReader = chromeSettingsReader(),
  warn: (message: string) => void = (message) => console.warn(message)
): Promise<SettingsRead> {
  const [stored, managed] = await Promise.all([reader.getLocal(STORAGE_KEYS.teamSettings), reader.getManaged()])
  const resolved = resolveSettings(stored, managed)
  warnIgnored(resolved, warn)
  return { ...resolved, raw: stored }
}

/** The CSM's profile as stored; the defaults where nothing valid is. */
export async function readProfile(reader: SettingsReader = chromeSettingsReader()): Promise<Profile> {
  const parsed = Profile.safeParse((await reader.getLocal(STORAGE_KEYS.profile)) ?? {})
  return parsed.success ? parsed.data : DEFAULT_PROFILE
}

/**
 * The background's copy of the settings and profile: read once, then kept until
 * chrome.storage says they changed (a save, an import, a new policy). Every account view used
 * to re-read and re-validate them, the slowest part of painting a cached panel.
 */
export function cachedSettings(options: { policyApplied?: () => void } = {}): {
  settingsState: () => Promise<ResolvedSettings>
  teamSettings: () => Promise<TeamSettings>
  profile: () => Promise<Profile>
  /** Forget both now: the writer calls it before telling views to re-read. */
  invalidate: () => void
} {
  let settingsState: Promise<ResolvedSettings> | undefined
  let profile: Promise<Profile> | undefined
  /** Bumped whenever the settings are forgotten: a policy read begun before lands nowhere. */
  let generation = 0
  const forgetSettings = () => {
    settingsState = undefined
    generation++
  }
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "managed" || (area === "local" && STORAGE_KEYS.teamSettings in changes)) forgetSettings()
    if (area === "local" && STORAGE_KEYS.profile in changes) profile = undefined
  })

  /**
   * No cold wait: the first chrome.storage.managed read of a browser session takes seconds, so
   * the settings are resolved at once with the policy as last read (chrome.storage.local); the
   * live read then replaces them and, if it changes anything, every view is re-planned.
   */
  async function fromLastKnownPolicy(): Promise<ResolvedSettings> {
    const mine = generation
    const local = await chrome.storage.local.get([STORAGE_KEYS.teamSettings, STORAGE_KEYS.lastPolicy])
    const stored = local[STORAGE_KEYS.teamSettings]
    const last = local[STORAGE_KEYS.lastPolicy] ?? {}
    const first = resolveSettings(stored, last)
    void readManagedSettings().then(async (managed) => {
      if (JSON.stringify(managed) !== JSON.stringify(last))
        await chrome.storage.local.set({ [STORAGE_KEYS.lastPolicy]: managed }).catch(() => undefined)
      if (mine !== generation) return // forgotten meanwhile: the next read starts over
      const live = resolveSettings(stored, managed)
      warnIgnored(live, (message) => console.warn(message))
      settingsState = Promise.resolve(live)
      if (
        JSON.stringify(live.settings) !== JSON.stringify(first.settings) ||
        JSON.stringify(live.locked) !== JSON.stringify(first.locked)
      )
        options.policyApplied?.()
    })
    return first
  }

  const state = () =>
    (settingsState ??= fromLastKnownPolicy().catch((error: unknown) => {
      settingsState = undefined
      throw error
    }))
  return {
    invalidate: () => {
      forgetSettings()
      profile = undefined
    },
    settingsState: state,
    teamSettings: async () => (await state()).settings,
    profile: () =>
      (profile ??= readProfile().catch((error: unknown) => {
        profile = undefined
        throw error
      }))
  }
}
