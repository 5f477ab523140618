import * as z from "zod"

import { Profile } from "../domain/profile"
import { TeamSettings } from "../domain/settings"
import { SettingsImpact } from "../domain/settings-impact"
import { ApiStatus } from "./protocol"

/**
 * Messages of the options page (team settings, the profile, export and import): classic zod with
 * the full settings schema, kept out of the content scripts. See `protocol.ts` for the rest.
 */

/** Settings as a view sees them: what applies, what the organisation's policy locks, the CSM's profile. */
export const SettingsState = z.strictObject({
  settings: TeamSettings,
  /** Dotted leaf paths set by policy (`thresholds.surveyMrr`, `disabledRules`): shown disabled. */
  locked: z.array(z.string()),
  profile: Profile,
  defaults: TeamSettings.optional(),
  /**
   * Parts of the stored settings that no longer validate (a rule id this version does not know),
   * by path: their defaults apply, the stored original is kept as it is. Absent when none.
   */
  storedInvalid: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional()
})
export type SettingsState = z.infer<typeof SettingsState>

export const SettingsChange = z.strictObject({ path: z.string(), from: z.unknown(), to: z.unknown() })
export type SettingsChange = z.infer<typeof SettingsChange>

export const ImportResult = z.strictObject({
  applied: z.boolean(),
  /** The file's settings version (older files were migrated). */
  fromVersion: z.number().int(),
  diff: z.array(SettingsChange),
  /** Where the file differs from a value the organisation's policy sets: the policy's value stays. */
  lockedKept: z.array(z.string())
})
export type ImportResult = z.infer<typeof ImportResult>

/** A settings change not yet saved: an edit (a partial settings object, as `settings.save` takes it) or an import file. */
export const ProposedSettings = z.union([
  z.strictObject({ kind: z.literal("edit"), settings: z.record(z.string(), z.unknown()) }),
  z.strictObject({ kind: z.literal("import"), text: z.string().max(1_000_000) })
])
export type ProposedSettings = z.infer<typeof ProposedSettings>

const ApiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, "expected an API name like Onboarding__c")

/** The org's fields of one object (UI API object-info), or why they could not be read. */
export const OrgObjectFields = z.union([
  z.strictObject({
    apiName: ApiName,
    label: z.string().max(255),
    fields: z
      .array(
        z.strictObject({
          apiName: ApiName,
          label: z.string().max(255),
          dataType: z.string().max(40),
          referenceTo: z.array(ApiName).max(500),
          filterable: z.boolean()
        })
      )
      .max(3000)
  }),
  z.strictObject({ apiName: ApiName, problem: z.string().max(1000) })
])
export type OrgObjectFields = z.infer<typeof OrgObjectFields>

/** The mapping editor's schema: every object asked for, or the status that kept Salesforce from answering. */
export const OrgFields = z.strictObject({ status: ApiStatus, objects: z.array(OrgObjectFields).max(20) })
export type OrgFields = z.infer<typeof OrgFields>

/** Requests only extension pages make; the router refuses them from host pages. */
export const SETTINGS_REQUESTS = {
  /** Team settings as they apply (defaults ⊕ stored ⊕ policy), the dotted paths the policy locks, the profile. */
  "settings.get": {
    request: z.strictObject({ name: z.literal("settings.get") }),
    response: SettingsState
  },
  /** A full or partial settings object; refused (paths named, nothing saved) when invalid or touching a locked path. Extension pages only. */
  "settings.save": {
    request: z.strictObject({ name: z.literal("settings.save"), settings: z.record(z.string(), z.unknown()) }),
    response: SettingsState
  },
  /** A full or partial profile; refused with paths when invalid. Extension pages only. */
  "profile.save": {
    request: z.strictObject({ name: z.literal("profile.save"), profile: z.record(z.string(), z.unknown()) }),
    response: Profile
  },
  /** The versioned settings file (`domain/settings-file.ts`). Extension pages only. */
  "settings.export": {
    request: z.strictObject({ name: z.literal("settings.export") }),
    response: z.strictObject({ fileName: z.string(), text: z.string() })
  },
  /** Previews (`apply: false`) or applies a settings file; a bad, foreign or newer file is refused with its paths. Extension pages only. */
  "settings.import": {
    request: z.strictObject({
      name: z.literal("settings.import"),
      text: z.string().max(1_000_000),
      apply: z.boolean().default(false)
    }),
    response: ImportResult
  },
  /** What a settings change would do to the cached book's plans, before it is saved. Extension pages only. */
  "settings.impact": {
    request: z.strictObject({ name: z.literal("settings.impact"), change: ProposedSettings }),
    response: SettingsImpact
  },
  /** The org's fields of these objects, with their types, for the mapping editor. Extension pages only. */
  "mapping.fields": {
    request: z.strictObject({ name: z.literal("mapping.fields"), objects: z.array(ApiName).min(1).max(20) }),
    response: OrgFields
  }
} as const
