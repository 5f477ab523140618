/**
 * The `managed_schema` of the extension's managed storage area: which team settings an
 * organisation may set by policy (`POLICY_KEYS`), derived from the `TeamSettings` zod schema so
 * the two cannot drift.
 * `assets/managed-schema.json` is this function's output (a unit test compares them; regenerate
 * with `npm run --silent managed-schema`).
 *
 * Chrome accepts only a subset of JSON Schema, and refuses to load the extension when the schema
 * has anything else (`Unknown attribute`): per type, `type`, `title`, `description`, and
 * - object: `properties`, `additionalProperties` (a schema, not a boolean), `required`
 * - array: `items` · string: `enum`, `pattern` · integer: `enum`, `minimum`, `maximum` · number: nothing more
 * The top-level object must not have `additionalProperties`. Unions (`"" or an https address`)
 * become plain strings here; SOP Pilot validates every policy value itself (`applyManaged`).
 */
import * as z from "zod"

import { TeamSettings } from "./settings"
import { POLICY_KEYS, type PolicyKey } from "./settings-policy"

export type ChromeSchema = {
  type: "object" | "array" | "string" | "integer" | "number" | "boolean"
  title?: string
  description?: string
  properties?: Record<string, ChromeSchema>
  items?: ChromeSchema
  enum?: Array<string | number>
  pattern?: string
  minimum?: number
  maximum?: number
}

const POLICY_TITLES: Record<PolicyKey, [string, string]> = {
  thresholds: ["Thresholds", "Spec §3 thresholds: the survey MRR, the digital and strategic CSM tiers."],
  timing: ["Timing", "The SOPs' day counts (welcome reminder, adoption meetings, follow-ups…)."],
  sixtyDayTrack: [
    "60-day track",
    "Which packages and service levels take the single 60-day adoption instead of 30 + 90 days."
  ],
  disabledRules: ["Rules switched off", "Playbook rule ids (ON2, AD9…) that SOP Pilot does not list."],
  links: ["Links", "Links the email templates merge (KYC survey, launch kit, support contact…)."],
  salesforce: ["Salesforce", "The UI API version and which Account field holds each fact."],
  templates: ["Email templates", "The wording (subject and body) of each SOP email; {{mergeField}} placeholders."]
}

const INT32_MAX = 2 ** 31 - 1
const INT32_MIN = -(2 ** 31)

type JsonSchema = Record<string, unknown>

function convert(schema: JsonSchema, path: string): ChromeSchema {
  if (Array.isArray(schema.anyOf)) {
    // Zod unions in settings are string choices ("" or a URL, "" or a field name).
    const options = schema.anyOf as JsonSchema[]
    if (options.every((option) => option.type === "string")) return { type: "string" }
    throw new Error(`managed schema: cannot express the union at ${path}`)
  }
  const type = schema.type
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
      return {
        type,
        properties: Object.fromEntries(
          Object.entries(properties).map(([key, child]) => [key, convert(child, `${path}.${key}`)])
        )
      }
    }
    case "array":
      return { type, items: convert(schema.items as JsonSchema, `${path}[]`) }
    case "string": {
      const out: ChromeSchema = { type }
      if (Array.isArray(schema.enum)) out.enum = schema.enum as string[]
      if (typeof schema.pattern === "string") out.pattern = schema.pattern
      return out
    }
    case "integer": {
      const out: ChromeSchema = { type }
      if (typeof schema.minimum === "number" && schema.minimum >= INT32_MIN) out.minimum = schema.minimum
      if (typeof schema.maximum === "number" && schema.maximum <= INT32_MAX) out.maximum = schema.maximum
      return out
    }
    case "number":
    case "boolean":
      return { type }
    default:
      throw new Error(`managed schema: unsupported type ${String(type)} at ${path}`)
  }
}

/** The managed storage schema: one policy per `POLICY_KEYS` entry. */
export function buildManagedSchema(): ChromeSchema {
  const json = z.toJSONSchema(TeamSettings, { io: "input", unrepresentable: "throw" }) as JsonSchema
  const properties = json.properties as Record<string, JsonSchema>
  return {
    type: "object",
    properties: Object.fromEntries(
      POLICY_KEYS.map((key) => {
        const [title, description] = POLICY_TITLES[key]
        return [key, { ...convert(properties[key] as JsonSchema, key), title, description }]
      })
    )
  }
}

/** The file's text: what `assets/managed-schema.json` must hold. */
export const managedSchemaText = (): string => `${JSON.stringify(buildManagedSchema(), null, 2)}\n`
