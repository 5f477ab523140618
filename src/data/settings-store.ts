import { DEFAULT_PROFILE, Profile } from "../domain/profile"
import { type TeamSettings } from "../domain/settings"
import { resolveSettings, type ResolvedSettings } from "../domain/settings-policy"

export { DEFAULT_PROFILE, Profile } from "../domain/profile"

export { STORAGE_KEYS } from "./storage-keys"
import { STORAGE_KEYS } from "./storage-keys"

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
  const [local, managed] = await Promise.all([chrome.storage.local.get(STORAGE_KEYS.teamSettings), readManagedSettings()])
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
