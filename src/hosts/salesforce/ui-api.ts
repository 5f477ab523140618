/**
 * Pure handling of Salesforce's UI API record resource:
 *   GET https://<org>.my.salesforce.com/services/data/v62.0/ui-api/records/<id>?optionalFields=Account.Name,…
 *   → { apiName: "Account", id, fields: { Name: { value, displayValue }, … }, eTag, … }
 * Building the request URL, validating the answer, turning mapped fields into account facts, and
 * naming errors. The fetch itself (and the session) belong to the background.
 *
 * `optionalFields`, not `fields`: a field that does not exist or that the user may not read is
 * left out of the answer instead of failing the whole request; factsFromRecord reports it.
 */
import * as z from "zod"

import { isAccountId, toId18 } from "~/src/domain/ids"
import {
  DATE_FACTS,
  PRODUCTS,
  SERVICE_LEVELS,
  type AccountFactsInput,
  type DateFact,
  type Product
} from "~/src/domain/facts"
import { MAPPABLE_FACTS, type MappableFact } from "~/src/domain/settings"
import { isoDate, parseWith, type Parsed } from "~/src/domain/validation"

import { isMyDomainApiOrigin } from "./url"

// ── Response schema ─────────────────────────────────────────────────────────────────────────

/**
 * One field of a record: `value` is the raw value (string, number, boolean, null; a nested
 * record object for relationship fields), `displayValue` the formatted one or null.
 */
export const UiApiFieldValue = z.object({
  value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.looseObject({})]),
  displayValue: z.string().nullable().optional()
})

/**
 * The parts of the record answer we use. Other properties (eTag, weakEtag, childRelationships,
 * recordTypeInfo, lastModifiedDate…) are allowed and dropped.
 */
export const UiApiAccountRecord = z.object({
  apiName: z.literal("Account", { error: "expected an Account record" }),
  id: z
    .string()
    .refine((id) => isAccountId(id) && toId18(id) !== undefined, "expected a Salesforce Account id (001…)")
    .transform((id) => toId18(id) as string),
  fields: z.record(z.string(), UiApiFieldValue)
})
export type UiApiAccountRecord = z.output<typeof UiApiAccountRecord>

export function parseUiApiRecord(input: unknown): Parsed<UiApiAccountRecord> {
  return parseWith(UiApiAccountRecord, input)
}

// ── Request URL ─────────────────────────────────────────────────────────────────────────────

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/
const API_VERSION = /^\d{2,3}\.0$/

/** The distinct field API names a mapping reads, in MAPPABLE_FACTS order; "" means not mapped. */
export function mappedFields(mapping: Record<MappableFact, string>): string[] {
  const fields: string[] = []
  for (const fact of MAPPABLE_FACTS) {
    const field = mapping[fact].trim()
    if (field !== "" && !fields.some((known) => known.toLowerCase() === field.toLowerCase())) fields.push(field)
  }
  return fields
}

/**
 * The UI API URL for one Account with every mapped field as `optionalFields=Account.<Field>`.
 * Throws on input the settings schema should have refused (this URL is sent with the session):
 * an origin other than `https://<org>.my.salesforce.com`, a malformed version, id or field name.
 */
export function recordUrl(
  apiHost: string,
  apiVersion: string,
  accountId: string,
  mapping: Record<MappableFact, string>
): string {
  if (!isMyDomainApiOrigin(apiHost)) throw new Error(`not a Salesforce My Domain origin: ${apiHost}`)
  if (!API_VERSION.test(apiVersion)) throw new Error(`not a Salesforce API version: ${apiVersion}`)
  const id = toId18(accountId)
  if (id === undefined || !isAccountId(id)) throw new Error(`not a Salesforce Account id: ${accountId}`)
  const fields = mappedFields(mapping)
  const bad = fields.find((field) => !FIELD_NAME.test(field))
  if (bad !== undefined) throw new Error(`not a field API name: ${bad}`)
  // The resource needs at least one field; Id is always readable.
  const optional = (fields.length > 0 ? fields : ["Id"]).map((field) => `Account.${field}`).join(",")
  return `${apiHost}/services/data/v${apiVersion}/ui-api/records/${id}?optionalFields=${optional}`
}

// ── Record → facts ──────────────────────────────────────────────────────────────────────────

export interface FieldProblem {
  fact: MappableFact
  /** The field API name the fact is mapped to. */
  field: string
  message: string
}

export interface FactsFromRecord {
  /** Facts read from Salesforce; a fact whose field is empty, missing or unreadable is absent. */
  facts: Partial<AccountFactsInput>
  /** For each fact in `facts`, the field it came from. */
  sources: Partial<Record<MappableFact, string>>
  /** Mapped fields that could not be used (missing from the answer, wrong type, unknown value). */
  problems: FieldProblem[]
  /** Conversions worth telling (a date-time read as its date); the fact was still set. */
  notes: FieldProblem[]
}

type RawValue = UiApiAccountRecord["fields"][string]["value"]
type Converted<T> = { ok: true; value: T; note?: string } | { ok: false; message: string }

const ok = <T>(value: T, note?: string): Converted<T> =>
  note === undefined ? { ok: true, value } : { ok: true, value, note }
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message })

function describeValue(value: RawValue): string {
  if (typeof value === "string") return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
  if (typeof value === "object") return "a related record"
  return `${typeof value} ${String(value)}`
}

function toText(value: RawValue, max: number): Converted<string | undefined> {
  if (typeof value !== "string") return fail(`expected text, got ${describeValue(value)}`)
  const text = value.trim()
  if (text.length > max) return fail(`is longer than ${max} characters`)
  return ok(text === "" ? undefined : text)
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

function toNumber(value: RawValue): Converted<number> {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && PLAIN_NUMBER.test(value.trim())
        ? Number(value)
        : NaN
  if (!Number.isFinite(number)) return fail(`expected a number, got ${describeValue(value)}`)
  if (number < 0) return fail("must not be negative")
  return ok(number)
}

function toCount(value: RawValue): Converted<number> {
  const number = toNumber(value)
  if (number.ok && !Number.isInteger(number.value)) return fail(`expected a whole number, got ${number.value}`)
  return number
}

/** Picklist value → our key: "Credentialing Software" → "credentialing_software". */
const key = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")

function toProducts(value: RawValue, problem: (message: string) => void): Converted<Product[] | undefined> {
  if (typeof value !== "string") return fail(`expected a multi-select picklist, got ${describeValue(value)}`)
  const products: Product[] = []
  const labels = value
    .split(";")
    .map((label) => label.trim())
    .filter((label) => label !== "")
  for (const label of labels) {
    const product = PRODUCTS.find((known) => known === key(label))
    if (product === undefined) problem(`unknown product "${label}" (expected ${PRODUCTS.join(", ")})`)
    else if (!products.includes(product)) products.push(product)
  }
  // Only unknown values: leave products unset rather than claim the account has none.
  return ok(labels.length > 0 && products.length === 0 ? undefined : products)
}

function toServiceLevel(value: RawValue): Converted<(typeof SERVICE_LEVELS)[number]> {
  if (typeof value !== "string") return fail(`expected a picklist value, got ${describeValue(value)}`)
  const level = SERVICE_LEVELS.find((known) => known === key(value))
  return level === undefined
    ? fail(`unknown service level "${value}" (expected Basic, Standard or Premium)`)
    : ok(level)
}

/** "SMB Starter" (or plain "SMB") is the SMB package; every other package is standard. */
function toPackage(value: RawValue): Converted<"smb" | "standard"> {
  if (typeof value !== "string") return fail(`expected a picklist value, got ${describeValue(value)}`)
  return ok(["smb_starter", "smb"].includes(key(value)) ? "smb" : "standard")
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

function toDate(value: RawValue): Converted<string> {
  if (typeof value !== "string") return fail(`expected a date, got ${describeValue(value)}`)
  const text = value.trim()
  if (isoDate.safeParse(text).success) return ok(text)
  const dateTime = DATE_TIME.exec(text)
  if (dateTime?.[1] !== undefined && isoDate.safeParse(dateTime[1]).success) {
    return ok(dateTime[1], `is a date and time (${text}); using its date, ${dateTime[1]}`)
  }
  return fail(`expected a date as YYYY-MM-DD, got ${describeValue(value)}`)
}

const isDateFact = (fact: MappableFact): fact is DateFact => (DATE_FACTS as readonly string[]).includes(fact)

/** A field of the answer by API name; Salesforce's spelling wins over a mapping typed in another case. */
function findField(record: UiApiAccountRecord, field: string): RawValue | undefined {
  const exact = record.fields[field]
  if (exact !== undefined) return exact.value
  const lower = field.toLowerCase()
  const match = Object.entries(record.fields).find(([name]) => name.toLowerCase() === lower)
  return match?.[1].value
}

/**
 * Turns a UI API Account record into facts, field by field: one unusable field is a problem,
 * never a lost record. Null values (an empty field) leave the fact absent without a problem.
 */
export function factsFromRecord(record: UiApiAccountRecord, mapping: Record<MappableFact, string>): FactsFromRecord {
  const facts: Partial<AccountFactsInput> = {}
  const sources: Partial<Record<MappableFact, string>> = {}
  const problems: FieldProblem[] = []
  const notes: FieldProblem[] = []

  for (const fact of MAPPABLE_FACTS) {
    const field = mapping[fact].trim()
    if (field === "") continue
    const problem = (message: string) => problems.push({ fact, field, message })
    const value = findField(record, field)
    if (value === undefined) {
      problem("not in Salesforce's answer: the field may not exist on Account, or you may not have access to it")
      continue
    }
    if (value === null) continue

    let converted: Converted<unknown>
    if (isDateFact(fact)) converted = toDate(value)
    else if (fact === "name") converted = toText(value, 255)
    else if (fact === "website") converted = toText(value, 2048)
    else if (fact === "mrr") converted = toNumber(value)
    else if (fact === "users") converted = toCount(value)
    else if (fact === "products") converted = toProducts(value, problem)
    else if (fact === "serviceLevel") converted = toServiceLevel(value)
    else converted = toPackage(value)

    if (!converted.ok) {
      problem(converted.message)
      continue
    }
    if (converted.note !== undefined) notes.push({ fact, field, message: converted.note })
    if (converted.value === undefined) continue
    // Each converter returns the type of its fact (checked by the branches above).
    ;(facts as Record<string, unknown>)[fact] = converted.value
    sources[fact] = field
  }
  return { facts, sources, problems, notes }
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

export const API_ERROR_KINDS = ["unauthorized", "forbidden", "not_found", "bad_request", "network", "server"] as const
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number]

export interface SalesforceApiError {
  kind: ApiErrorKind
  /** HTTP status; undefined when the request never got an answer. */
  status?: number
  /** For the CSM: what happened and what to do, in plain words. */
  message: string
  /** For support: `errorCode: message` from Salesforce, one per error, or the HTTP status. */
  detail: string
  errorCodes: string[]
}

const SalesforceErrorItem = z.object({ errorCode: z.string(), message: z.string().default("") })
const SalesforceErrorBody = z.union([z.array(SalesforceErrorItem), SalesforceErrorItem.transform((item) => [item])])

function errorItems(body: unknown): z.output<typeof SalesforceErrorItem>[] {
  let parsed = body
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body)
    } catch {
      return []
    }
  }
  const result = SalesforceErrorBody.safeParse(parsed)
  return result.success ? result.data : []
}

const MESSAGES: Record<ApiErrorKind, string> = {
  unauthorized:
    "Your Salesforce session has expired or was signed out. Reload the Salesforce tab (log in again if asked), then try again.",
  forbidden:
    "Salesforce refused to share this Account's fields. Your user may lack API access or permission to read this record or its fields.",
  not_found: "Salesforce could not find this Account. It may have been deleted or merged.",
  bad_request:
    "Salesforce did not accept the request. An administrator may need to check the field mapping in SOP Pilot's options.",
  network: "Could not reach Salesforce. Check your internet connection, then try again.",
  server: "Salesforce had a problem answering. Try again in a few minutes."
}

const REQUEST_LIMIT_MESSAGE = "Your Salesforce org has used up its API requests for now. Try again later."

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/**
 * Names a failed UI API call. `status` is undefined (or 0) when fetch itself failed; `body` is
 * the answer as text or parsed JSON, usually `[{ "errorCode": "…", "message": "…" }]`.
 */
export function classifyApiError(status: number | undefined, body: unknown): SalesforceApiError {
  const items = status === undefined || status === 0 ? [] : errorItems(body)
  const errorCodes = items.map((item) => item.errorCode)
  const detail =
    items.length > 0
      ? clip(items.map((item) => `${item.errorCode}: ${clip(item.message, 300)}`).join("; "), 1000)
      : status === undefined || status === 0
        ? "no answer from Salesforce"
        : `HTTP ${status}`

  let kind: ApiErrorKind
  if (status === undefined || status === 0) kind = "network"
  else if (status === 401 || errorCodes.includes("INVALID_SESSION_ID") || errorCodes.includes("INVALID_AUTH_HEADER"))
    kind = "unauthorized"
  else if (status === 403) kind = "forbidden"
  else if (status === 404) kind = "not_found"
  else if (status >= 500) kind = "server"
  else kind = "bad_request"

  const message =
    kind === "forbidden" && errorCodes.includes("REQUEST_LIMIT_EXCEEDED") ? REQUEST_LIMIT_MESSAGE : MESSAGES[kind]
  return status === undefined || status === 0
    ? { kind, message, detail, errorCodes }
    : { kind, status, message, detail, errorCodes }
}
