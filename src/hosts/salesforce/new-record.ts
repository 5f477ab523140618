/**
 * Salesforce's own New-record page, pre-filled (issue 12): FO4's "Failed to OB" case, CX1's and
 * PD2's escalation cases, UP2's upsell opportunity. Salesforce validates and the CSM saves; SOP
 * Pilot only builds the URL (pure):
 *
 *   https://<org>.lightning.force.com/lightning/o/Case/new
 *     ?defaultFieldValues=Type=Failed%20to%20OB,Subject=…&recordTypeId=012…
 *
 * `defaultFieldValues` is `Field=value` pairs joined by commas, each value URL-encoded (so a comma
 * or `=` in a value cannot start another pair), as Lightning's `encodeDefaultFieldValues` does.
 */
import { plusDays, quarterEnd, type IsoDate } from "~/src/domain/dates"
import { shortUsDate } from "~/src/domain/templates/formats"
import { isSalesforceId } from "~/src/domain/ids"

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/

/** A team's template of one New-record page (team settings `salesforce.newRecords`). */
export interface NewRecordTemplate {
  object: string
  /** The record type's id (`012…`); "" for the object's default. */
  recordTypeId: string
  /** Field API names and values, with `{tokens}` (see `fillTemplate`). */
  fields: readonly { field: string; value: string }[]
}

/** What the tokens stand for. */
export interface NewRecordContext {
  accountId: string
  accountName: string
  today: IsoDate
  /** The CSM's initials, for `MM/DD/YY_Initials:Action` descriptions. */
  initials: string
}

/**
 * The template's values with their tokens filled: `{accountId}`, `{accountName}`, `{today}`,
 * `{today+N}` (N days on: a due date of created + 30), `{quarterEnd}` (the last day of this
 * quarter: UP2's close date), `{mmddyy}` (today as MM/DD/YY) and `{initials}`. Unknown tokens stay.
 */
export function fillTemplate(
  fields: readonly { field: string; value: string }[],
  context: NewRecordContext
): Record<string, string> {
  const token = (name: string): string | undefined => {
    const plus = /^today\+(\d{1,4})$/.exec(name)
    if (plus) return plusDays(context.today, Number(plus[1]))
    switch (name) {
      case "accountId":
        return context.accountId
      case "accountName":
        return context.accountName
      case "today":
        return context.today
      case "quarterEnd":
        return quarterEnd(context.today)
      case "mmddyy":
        return shortUsDate(context.today)
      case "initials":
        return context.initials
      default:
        return undefined
    }
  }
  return Object.fromEntries(
    fields.map(({ field, value }) => [
      field,
      value.replace(/\{([A-Za-z]+(?:\+\d{1,4})?)\}/g, (whole, name: string) => token(name) ?? whole)
    ])
  )
}

/**
 * The New-record URL on the org's Lightning origin. Throws on an object or field that is not an
 * API name, a record type that is not an id, or an origin that is not Lightning's: the URL opens
 * in the CSM's session.
 */
export function newRecordUrl(
  lightningOrigin: string,
  template: NewRecordTemplate,
  values: Record<string, string>
): string {
  const origin = new URL(lightningOrigin)
  if (
    origin.protocol !== "https:" ||
    !origin.hostname.endsWith(".lightning.force.com") ||
    origin.origin !== lightningOrigin
  )
    throw new Error(`not a Lightning origin: ${lightningOrigin}`)
  if (!API_NAME.test(template.object)) throw new Error(`not an object API name: ${template.object}`)
  const pairs = Object.entries(values).map(([field, value]) => {
    if (!API_NAME.test(field)) throw new Error(`not a field API name: ${field}`)
    return `${field}=${encodeURIComponent(value)}`
  })
  let url = `${lightningOrigin}/lightning/o/${template.object}/new`
  const query: string[] = []
  if (pairs.length > 0) query.push(`defaultFieldValues=${pairs.join(",")}`)
  if (template.recordTypeId !== "") {
    if (!isSalesforceId(template.recordTypeId)) throw new Error(`not a record type id: ${template.recordTypeId}`)
    query.push(`recordTypeId=${template.recordTypeId}`)
  }
  if (query.length > 0) url += `?${query.join("&")}`
  return url
}

/** The Lightning origin of an org's API origin: `https://acme.my.salesforce.com` → `https://acme.lightning.force.com`. */
export function lightningOriginOf(apiHost: string): string | undefined {
  const match = /^https:\/\/([a-z0-9-]+(?:\.[a-z]+)?)\.my\.salesforce\.com$/.exec(apiHost)
  return match ? `https://${match[1]}.lightning.force.com` : undefined
}

/** The rules that offer a New-record button. */
export const NEW_RECORD_RULES = ["FO4", "CX1", "PD2", "UP2"] as const
export type NewRecordRule = (typeof NEW_RECORD_RULES)[number]

/** What the button says, by rule. */
export const NEW_RECORD_LABELS: Record<NewRecordRule, string> = {
  FO4: "Create the “Failed to OB” case",
  CX1: "Create the escalation case",
  PD2: "Create the escalation case",
  UP2: "Create the Sales Opportunity"
}
