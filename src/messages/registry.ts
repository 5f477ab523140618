import { fieldErrors, type FieldError } from "../domain/field-errors"
import { REQUESTS, type AnyRequest } from "./protocol"
import { SETTINGS_REQUESTS } from "./settings-protocol"
import { TEAM_REQUESTS } from "./team-protocol"
import { TODAY_REQUESTS } from "./today-protocol"

/** Every message the background answers, by name: the router and the options page use this. */
export const ALL_REQUESTS = { ...REQUESTS, ...SETTINGS_REQUESTS, ...TEAM_REQUESTS, ...TODAY_REQUESTS }

export type ParsedRequest = { ok: true; request: AnyRequest } | { ok: false; errors: FieldError[] }

/** Validates a raw message against the schema its `name` declares. */
export function parseRequest(raw: unknown): ParsedRequest {
  const name = typeof raw === "object" && raw !== null ? (raw as { name?: unknown }).name : undefined
  const spec =
    typeof name === "string" && Object.hasOwn(ALL_REQUESTS, name)
      ? ALL_REQUESTS[name as keyof typeof ALL_REQUESTS]
      : undefined
  if (!spec)
    return {
      ok: false,
      errors: [{ path: "name", message: `not a message SOP Pilot knows: ${JSON.stringify(name)?.slice(0, 60)}` }]
    }
  const parsed = spec.request.safeParse(raw)
  return parsed.success
    ? { ok: true, request: parsed.data as AnyRequest }
    : { ok: false, errors: fieldErrors(parsed.error) }
}
