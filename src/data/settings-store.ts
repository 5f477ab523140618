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
 * part that no longer validates falls back to its default, the rest of what is stored applies.
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
      warnIgnored(live)
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
      (profile ??= loadProfile().catch((error: unknown) => {
        profile = undefined
        throw error
      }))
  }
}
