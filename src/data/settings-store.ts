import { DEFAULT_PROFILE, Profile } from "../domain/profile"
import { type TeamSettings } from "../domain/settings"
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

/** The policy values that could not be applied, logged once per distinct list. */
let lastWarning = ""
function warnIgnored(resolved: ResolvedSettings): void {
  const text = [
    ...resolved.ignored.map((e) => `policy ${e.path}: ${e.message}`),
    ...resolved.storedInvalid.map((e) => `stored ${e.path}: ${e.message}`)
  ].join("; ")
  if (text !== "" && text !== lastWarning) console.warn(`SOP Pilot: ignored invalid settings (${text})`)
  lastWarning = text
}

/**
 * Team settings as they apply: defaults ⊕ stored (chrome.storage.local) ⊕ managed policy (wins),
 * with the paths the policy locks. Invalid policy values are ignored with a warning; a stored
 * value that no longer validates falls back to the defaults.
 */
export async function loadSettingsState(): Promise<ResolvedSettings> {
  const [local, managed] = await Promise.all([
    chrome.storage.local.get(STORAGE_KEYS.teamSettings),
    readManagedSettings()
  ])
  const resolved = resolveSettings(local[STORAGE_KEYS.teamSettings], managed)
  warnIgnored(resolved)
  return resolved
}

/** The team settings every plan is made with (policy applied). */
export async function loadTeamSettings(): Promise<TeamSettings> {
  return (await loadSettingsState()).settings
}

export async function loadProfile(): Promise<Profile> {
  const stored = (await chrome.storage.local.get(STORAGE_KEYS.profile))[STORAGE_KEYS.profile]
  const parsed = Profile.safeParse(stored ?? {})
  return parsed.success ? parsed.data : DEFAULT_PROFILE
}

/**
 * The background's copy of the settings and profile: read once, then kept until
 * chrome.storage says they changed (a save, an import, a new policy). Every account view used
 * to re-read and re-validate them, the slowest part of painting a cached panel.
 */
export function cachedSettings(): {
  settingsState: () => Promise<ResolvedSettings>
  teamSettings: () => Promise<TeamSettings>
  profile: () => Promise<Profile>
  /** Forget both now: the writer calls it before telling views to re-read. */
  invalidate: () => void
} {
  let settingsState: Promise<ResolvedSettings> | undefined
  let profile: Promise<Profile> | undefined
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "managed" || (area === "local" && STORAGE_KEYS.teamSettings in changes)) settingsState = undefined
    if (area === "local" && STORAGE_KEYS.profile in changes) profile = undefined
  })
  const state = () =>
    (settingsState ??= loadSettingsState().catch((error: unknown) => {
      settingsState = undefined
      throw error
    }))
  return {
    invalidate: () => {
      settingsState = undefined
      profile = undefined
    },
    settingsState: state,
    teamSettings: async () => (await state()).settings,
    profile: () =>
      (profile ??= loadProfile().catch((error: unknown) => {
        profile = undefined
        throw error
      }))
  }
}
