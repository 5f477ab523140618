import * as z from "zod"

import { DEFAULT_SETTINGS, parseTeamSettings, type TeamSettings } from "../domain/settings"

/** Keys in chrome.storage.local. Settings are small and must reach every context at once. */
export const STORAGE_KEYS = { teamSettings: "teamSettings", profile: "profile", panelCollapsed: "panel.collapsed" } as const

/** The CSM's own profile (merge fields and time zone); the options page edits it. */
export const Profile = z.strictObject({
  name: z.string().max(100).default(""),
  initials: z.string().regex(/^\p{L}{0,4}$/u, "expected up to 4 letters").default(""),
  signature: z.string().max(2000).default(""),
  calendlyLink: z.union([z.literal(""), z.url({ protocol: /^https$/, error: "expected an https address" })]).default(""),
  timeZone: z.string().max(64).default("")
})
export type Profile = z.output<typeof Profile>
export const DEFAULT_PROFILE: Profile = Profile.parse({})

/** Team settings as stored; a stored value that no longer validates falls back to the defaults. */
export async function loadTeamSettings(): Promise<TeamSettings> {
  const stored = (await chrome.storage.local.get(STORAGE_KEYS.teamSettings))[STORAGE_KEYS.teamSettings]
  if (stored === undefined) return DEFAULT_SETTINGS
  const parsed = parseTeamSettings(stored)
  return parsed.ok ? parsed.value : DEFAULT_SETTINGS
}

export async function loadProfile(): Promise<Profile> {
  const stored = (await chrome.storage.local.get(STORAGE_KEYS.profile))[STORAGE_KEYS.profile]
  const parsed = Profile.safeParse(stored ?? {})
  return parsed.success ? parsed.data : DEFAULT_PROFILE
}
