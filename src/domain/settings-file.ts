/**
 * The team settings file (export / import), versioned so that an older file can be migrated and a
 * newer one refused rather than half-read:
 * ```json
 * { "format": "sop-pilot-team-settings", "version": 1, "exportedAt": "2026-11-25T14:03:00.000Z",
 *   "settings": { "thresholds": { "surveyMrr": 1000, … }, … } }
 * ```
 * Pure: parsing never touches storage, so a rejected file cannot change anything.
 */
import * as z from "zod"

import { parseTeamSettings, SETTINGS_VERSION, type TeamSettings } from "./settings"
import { isPlainObject } from "./settings-diff"
import { migrateSettings, OLDEST_SETTINGS_VERSION } from "./settings-migrations"
import { fieldErrors, type FieldError, type Parsed } from "./parse"

export const SETTINGS_FILE_FORMAT = "sop-pilot-team-settings"

/** Largest file accepted (the defaults are ~15 KB). */
export const MAX_SETTINGS_FILE_CHARS = 1_000_000

const Envelope = z.strictObject({
  format: z.literal(SETTINGS_FILE_FORMAT, {
    error: `expected "${SETTINGS_FILE_FORMAT}": this is not a SOP Pilot team settings file`
  }),
  version: z
    .number({ error: "expected the settings version, a whole number" })
    .int("expected a whole number")
    .min(OLDEST_SETTINGS_VERSION),
  exportedAt: z.string().max(100).optional(),
  settings: z.custom<Record<string, unknown>>(isPlainObject, { error: "expected an object of team settings" })
})

export interface SettingsFile {
  settings: TeamSettings
  /** The version the file was written in (older ones were migrated). */
  fromVersion: number
  exportedAt?: string
}

/** The file's text for `settings`: stable key order (the schema's), two-space indent, final newline. */
export function settingsFileText(settings: TeamSettings, exportedAt: Date): string {
  const file = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: exportedAt.toISOString(),
    settings
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** `sop-pilot-team-settings-2026-11-25.json`. */
export const settingsFileName = (today: string): string => `${SETTINGS_FILE_FORMAT}-${today}.json`

const fail = (...errors: FieldError[]): { ok: false; errors: FieldError[] } => ({ ok: false, errors })

/**
 * Reads a settings file: JSON, the envelope, the version (newer → refused, older → migrated),
 * then the settings against today's schema. Every error names its path in the file
 * (`settings.thresholds.surveyMrr`, `version`, `format`).
 */
export function parseSettingsFile(text: string): Parsed<SettingsFile> {
  if (text.length > MAX_SETTINGS_FILE_CHARS)
    return fail({
      path: "(file)",
      message: `too large (over ${MAX_SETTINGS_FILE_CHARS.toLocaleString("en-US")} characters)`
    })
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return fail({ path: "(file)", message: `not valid JSON: ${(error as Error).message}` })
  }
  if (!isPlainObject(raw)) return fail({ path: "(root)", message: "expected a JSON object" })

  // The version first: a newer file is refused as a whole, whatever else it holds.
  const version = raw.version
  if (typeof version === "number" && Number.isInteger(version) && version > SETTINGS_VERSION) {
    return fail({
      path: "version",
      message: `made by a newer SOP Pilot (settings version ${version}); this one reads up to version ${SETTINGS_VERSION}. Update SOP Pilot, then import again.`
    })
  }
  const envelope = Envelope.safeParse(raw)
  if (!envelope.success) return fail(...fieldErrors(envelope.error))

  const { settings, exportedAt } = envelope.data
  const fromVersion = envelope.data.version
  const migrated = migrateSettings(settings, fromVersion, "settings")
  if (!migrated.ok) return migrated
  const current = { ...migrated.value.settings }
  // The envelope's version is the file's; the object inside is now the current version.
  if (fromVersion < SETTINGS_VERSION) current.version = SETTINGS_VERSION
  const parsed = parseTeamSettings(current)
  if (!parsed.ok) {
    return fail(
      ...parsed.errors.map((e) => ({
        ...e,
        path: e.path === "(root)" ? "settings" : `settings.${migrated.value.pathBack(e.path)}`
      }))
    )
  }
  return {
    ok: true,
    value:
      exportedAt === undefined
        ? { settings: parsed.value, fromVersion }
        : { settings: parsed.value, fromVersion, exportedAt }
  }
}
