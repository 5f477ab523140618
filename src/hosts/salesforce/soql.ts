/**
 * SOQL, built from parts that cannot carry an injection: object and field names must be API
 * names (`Onboarding__c`, `CreatedDate`: letters, digits, underscores), ids must be Salesforce
 * ids, and every other value is a literal this module quotes and escapes. Nothing from a page, a
 * settings file or a record is ever pasted into a query as text.
 *
 * Flat queries only, as the REST query endpoint takes them
 * (`GET /services/data/vXX.X/query?q=<SOQL>`): one object, no sub-selects; WHERE with `=`, `!=`,
 * `IN`, `LIKE`, `AND`/`OR` (parenthesised), `null`; ORDER BY; LIMIT.
 */
import { isSalesforceId } from "~/src/domain/ids"

/** An object or field API name; relationship paths (`Account.Name`) are not allowed. */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/

export class SoqlError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "SoqlError"
  }
}

export const isApiName = (name: string): boolean => API_NAME.test(name)

function apiName(name: string, what: string): string {
  if (!API_NAME.test(name)) throw new SoqlError(`not ${what} API name: ${JSON.stringify(name.slice(0, 100))}`)
  return name
}

/** An id literal, checked: 15 or 18 letters and digits. */
export interface SoqlId {
  readonly id: string
}
export function soqlId(id: string): SoqlId {
  if (!isSalesforceId(id)) throw new SoqlError(`not a Salesforce id: ${JSON.stringify(id.slice(0, 40))}`)
  return { id }
}

export type SoqlValue = string | number | boolean | null | SoqlId

/** A string as a SOQL literal: quoted, with `\`, quotes and control characters escaped. */
export function quote(text: string): string {
  return `'${text.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c] ?? c)}'`
}
const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f"
}

/** A LIKE pattern for "starts with `prefix`": the prefix's own `%` and `_` match only themselves. */
export function startsWith(prefix: string): string {
  return (
    quote(prefix)
      .slice(0, -1)
      .replace(/[%_]/g, (c) => `\\${c}`) + "%'"
  )
}

function literal(value: SoqlValue): string {
  if (value === null) return "null"
  if (typeof value === "boolean") return value ? "true" : "false"
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SoqlError(`not a finite number: ${value}`)
    return String(value)
  }
  if (typeof value === "string") return quote(value)
  return quote(soqlId(value.id).id)
}

export type Condition =
  | { field: string; op: "=" | "!="; value: SoqlValue }
  | { field: string; op: "IN"; values: readonly SoqlValue[] }
  | { field: string; op: "LIKE"; startsWith: string }
  | { and: readonly Condition[] }
  | { or: readonly Condition[] }

function condition(where: Condition): string {
  if ("and" in where || "or" in where) {
    const parts = "and" in where ? where.and : where.or
    if (parts.length === 0) throw new SoqlError("an empty AND/OR")
    const joined = parts.map(condition).join("and" in where ? " AND " : " OR ")
    return parts.length === 1 ? joined : `(${joined})`
  }
  const field = apiName(where.field, "a field")
  if (where.op === "IN") {
    if (where.values.length === 0) throw new SoqlError(`IN () for ${field}`)
    return `${field} IN (${where.values.map(literal).join(", ")})`
  }
  if (where.op === "LIKE") return `${field} LIKE ${startsWith(where.startsWith)}`
  return `${field} ${where.op} ${literal(where.value)}`
}

export interface SoqlQuery {
  select: readonly string[]
  /** Fields of a parent record, each `relationship.field` from two API names (`CreatedBy.Name`). */
  lookups?: readonly { relationship: string; field: string }[]
  from: string
  where?: Condition
  orderBy?: readonly { field: string; direction: "ASC" | "DESC" }[]
  limit?: number
}

/** The SOQL text of a query; throws SoqlError on any name, id or number that is not one. */
export function buildSoql(query: SoqlQuery): string {
  const from = apiName(query.from, "an object")
  if (query.select.length === 0) throw new SoqlError("nothing to select")
  const seen = new Set<string>()
  const fields = query.select
    .map((field) => apiName(field, "a field"))
    .filter((field) => !seen.has(field.toLowerCase()) && seen.add(field.toLowerCase()))
  for (const lookup of query.lookups ?? [])
    fields.push(`${apiName(lookup.relationship, "a relationship")}.${apiName(lookup.field, "a field")}`)
  let soql = `SELECT ${fields.join(", ")} FROM ${from}`
  if (query.where) soql += ` WHERE ${condition(query.where)}`
  if (query.orderBy && query.orderBy.length > 0) {
    soql += ` ORDER BY ${query.orderBy
      .map(({ field, direction }) => {
        if (direction !== "ASC" && direction !== "DESC")
          throw new SoqlError(`not a sort direction: ${String(direction)}`)
        return `${apiName(field, "a field")} ${direction}`
      })
      .join(", ")}`
  }
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 50_000)
      throw new SoqlError(`not a LIMIT: ${query.limit}`)
    soql += ` LIMIT ${query.limit}`
  }
  return soql
}
