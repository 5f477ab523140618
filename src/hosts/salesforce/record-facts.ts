/**
 * Record → facts, pure: Salesforce's UI API record resource
 *   GET https://<org>.my.salesforce.com/services/data/v62.0/ui-api/records/<id>?optionalFields=Account.Name,…
 *   → { apiName: "Account", id, fields: { Name: { value, displayValue }, … }, eTag, … }
 * validated, and each mapped field turned into an account fact. The same conversions read the
 * rows of a SOQL query (`convertFact`). The request itself, the session and the errors belong to
 * the background's Salesforce client (src/background/salesforce.ts).
 *
 * Values as Salesforce gives them: a datetime (`2026-11-21T03:30:00.000+0000`) becomes the date
 * it was in the CSM's time zone; UI API text that arrives HTML-escaped (`Grand Hotels &amp;
 * Resorts Ltd`) is decoded once; a picklist value we do not know is a problem, never a guess.
 */
import * as z from "zod"

import { todayIn } from "~/src/domain/dates"
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
import { isoDate, parseWith, type Parsed } from "~/src/domain/parse"

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
 * recordTypeInfo…) are allowed and dropped. `systemModstamp` (and `lastModifiedDate`) order the
 * record's values against the CSM's entries (`stampOfRecord`); an unreadable one is left out.
 */
export const UiApiAccountRecord = z.object({
  apiName: z.literal("Account", { error: "expected an Account record" }),
  id: z
    .string()
    .refine((id) => isAccountId(id) && toId18(id) !== undefined, "expected a Salesforce Account id (001…)")
    .transform((id) => toId18(id) as string),
  fields: z.record(z.string(), UiApiFieldValue),
  systemModstamp: z.string().optional().catch(undefined),
  lastModifiedDate: z.string().optional().catch(undefined)
})
export type UiApiAccountRecord = z.output<typeof UiApiAccountRecord>

export function parseUiApiRecord(input: unknown): Parsed<UiApiAccountRecord> {
  return parseWith(UiApiAccountRecord, input)
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

export interface ConvertOptions {
  /** The CSM's IANA time zone: a datetime becomes the date it was there. Default: UTC. */
  timeZone?: string
  /** UI API text arrives HTML-escaped; SOQL rows do not. */
  htmlEscaped?: boolean
}

/** A raw field value as Salesforce answers it (UI API `value`, or a SOQL row's column). */
export type RawValue = UiApiAccountRecord["fields"][string]["value"]
export type Converted<T> = { ok: true; value: T; note?: string } | { ok: false; message: string }

const ok = <T>(value: T, note?: string): Converted<T> =>
  note === undefined ? { ok: true, value } : { ok: true, value, note }
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message })

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" }

/**
 * Decodes HTML character references once: `&amp;` → `&`, `&#39;` → `'`, but `&amp;lt;` → `&lt;`
 * (one pass, so text that really contains an entity's spelling keeps it). Unknown names stay.
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole
    }
    return ENTITIES[ref.toLowerCase()] ?? whole
  })
}

function describeValue(value: RawValue): string {
  if (typeof value === "string") return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
  if (typeof value === "object" && value !== null) return "a related record"
  return `${typeof value} ${String(value)}`
}

function toText(value: RawValue, max: number, options: ConvertOptions): Converted<string | undefined> {
  if (typeof value !== "string") return fail(`expected text, got ${describeValue(value)}`)
  const text = (options.htmlEscaped ? decodeHtmlEntities(value) : value).trim()
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

const picklistText = (value: string, options: ConvertOptions) =>
  options.htmlEscaped ? decodeHtmlEntities(value) : value

function toProducts(
  value: RawValue,
  problem: (message: string) => void,
  options: ConvertOptions
): Converted<Product[] | undefined> {
  if (typeof value !== "string") return fail(`expected a multi-select picklist, got ${describeValue(value)}`)
  const products: Product[] = []
  const labels = picklistText(value, options)
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

function toServiceLevel(value: RawValue, options: ConvertOptions): Converted<(typeof SERVICE_LEVELS)[number]> {
  if (typeof value !== "string") return fail(`expected a picklist value, got ${describeValue(value)}`)
  const text = picklistText(value, options)
  const level = SERVICE_LEVELS.find((known) => known === key(text))
  return level === undefined ? fail(`unknown service level "${text}" (expected Basic, Standard or Premium)`) : ok(level)
}

/** The Package__c picklist values we know: "SMB Starter" (or plain "SMB") and "Standard". */
const PACKAGE_VALUES: Record<string, "smb" | "standard"> = { smb_starter: "smb", smb: "smb", standard: "standard" }

function toPackage(value: RawValue, options: ConvertOptions): Converted<"smb" | "standard"> {
  if (typeof value !== "string") return fail(`expected a picklist value, got ${describeValue(value)}`)
  const text = picklistText(value, options)
  const known = PACKAGE_VALUES[key(text)]
  // An unknown package ("Enterprise") is not silently standard: the 60-day track depends on it.
  return known === undefined ? fail(`unknown package "${text}" (expected SMB Starter or Standard)`) : ok(known)
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})$/

/** `2026-11-21T03:30:00.000+0000` → the instant, or undefined for anything else. */
export function parseSalesforceDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text.trim())
  if (!match) return undefined
  const [, date = "", hour, minute, second = "00", millis = "0", zone = "Z"] = match
  // Date.parse would roll 2026-02-30 over into March.
  if (!isoDate.safeParse(date).success) return undefined
  const offset = zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  const instant = Date.parse(`${date}T${hour}:${minute}:${second}.${millis.padEnd(3, "0")}${offset}`)
  return Number.isFinite(instant) ? instant : undefined
}

/**
 * A record's Salesforce stamp (ms): its SystemModstamp, else its LastModifiedDate (a SOQL row's
 * `SystemModstamp` / `LastModifiedDate` columns, or the UI API's `systemModstamp` /
 * `lastModifiedDate`). Undefined when neither is a Salesforce date-time.
 */
export function stampOfRecord(record: Record<string, unknown>): number | undefined {
  for (const name of ["systemModstamp", "SystemModstamp", "lastModifiedDate", "LastModifiedDate"]) {
    const value = record[name]
    const instant = typeof value === "string" ? parseSalesforceDateTime(value) : undefined
    if (instant !== undefined && instant >= 0) return instant
  }
  return undefined
}

function toDate(value: RawValue, options: ConvertOptions): Converted<string> {
  if (typeof value !== "string") return fail(`expected a date, got ${describeValue(value)}`)
  const text = value.trim()
  if (isoDate.safeParse(text).success) return ok(text)
  const instant = parseSalesforceDateTime(text)
  if (instant !== undefined) {
    const zone = options.timeZone || "UTC"
    let local: string
    try {
      local = todayIn(zone, new Date(instant))
    } catch {
      return fail(`cannot read the date and time ${text} in the time zone "${zone}"`)
    }
    if (isoDate.safeParse(local).success)
      return ok(local, `is a date and time (${text}); using its date in ${zone}, ${local}`)
  }
  return fail(`expected a date as YYYY-MM-DD, got ${describeValue(value)}`)
}

const isDateFact = (fact: MappableFact): fact is DateFact => (DATE_FACTS as readonly string[]).includes(fact)

/**
 * One raw field value → the value of `fact`, or why not. `problem` collects partial problems
 * (one unknown product among known ones) while the fact is still set.
 */
export function convertFact(
  fact: MappableFact,
  value: Exclude<RawValue, null>,
  problem: (message: string) => void,
  options: ConvertOptions = {}
): Converted<unknown> {
  if (isDateFact(fact)) return toDate(value, options)
  if (fact === "name") return toText(value, 255, options)
  if (fact === "website") return toText(value, 2048, options)
  if (fact === "mrr") return toNumber(value)
  if (fact === "users") return toCount(value)
  if (fact === "products") return toProducts(value, problem, options)
  if (fact === "serviceLevel") return toServiceLevel(value, options)
  return toPackage(value, options)
}

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
export function factsFromRecord(
  record: UiApiAccountRecord,
  mapping: Record<MappableFact, string>,
  options: Omit<ConvertOptions, "htmlEscaped"> = {}
): FactsFromRecord {
  return factsFromFields((field) => findField(record, field), mapping, { ...options, htmlEscaped: true })
}

/**
 * The same for any source of field values: a UI API record, or an Account row of a SOQL answer
 * (`get` gives a field's raw value, undefined when the answer lacks it).
 */
export function factsFromFields(
  get: (field: string) => unknown,
  mapping: Record<MappableFact, string>,
  options: ConvertOptions = {}
): FactsFromRecord {
  const facts: Partial<AccountFactsInput> = {}
  const sources: Partial<Record<MappableFact, string>> = {}
  const problems: FieldProblem[] = []
  const notes: FieldProblem[] = []

  for (const fact of MAPPABLE_FACTS) {
    const field = mapping[fact].trim()
    if (field === "") continue
    const problem = (message: string) => problems.push({ fact, field, message })
    const value = get(field) as RawValue | undefined
    if (value === undefined) {
      problem("not in Salesforce's answer: the field may not exist on Account, or you may not have access to it")
      continue
    }
    if (value === null) continue

    const converted = convertFact(fact, value, problem, options)
    if (!converted.ok) {
      problem(converted.message)
      continue
    }
    if (converted.note !== undefined) notes.push({ fact, field, message: converted.note })
    if (converted.value === undefined) continue
    // Each converter returns the type of its fact (checked in convertFact).
    ;(facts as Record<string, unknown>)[fact] = converted.value
    sources[fact] = field
  }
  return { facts, sources, problems, notes }
}
