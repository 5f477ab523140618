/**
 * The fake org's records and its query endpoint (tools/salesforce-org.ts serves them): Account,
 * Onboarding__c, Adoption__c, Case, Contact, Task and User rows made from a list of accounts'
 * facts, and a SOQL evaluator for the flat queries the extension sends (one object; WHERE with
 * `=`, `!=`, `IN`, `LIKE`, `AND`/`OR`, parentheses, `null`; ORDER BY; LIMIT).
 *
 * Answers are shaped like Salesforce's REST query resource (Salesforce REST API Developer Guide,
 * "Query"; the record `attributes` as in trailheadapps/lwc-recipes
 * force-app/main/default/lwc/ldsDeleteRecord/__tests__/data/getAccountList.json):
 *   { "totalSize": 3, "done": false, "nextRecordsUrl": "/services/data/v62.0/query/01gxx…-2000",
 *     "records": [{ "attributes": { "type": "Account", "url": "/services/data/v62.0/sobjects/Account/001…" }, … }] }
 * datetimes as `2026-11-21T03:30:00.000+0000`, errors as `[{ "errorCode", "message" }]`.
 */
import type { AccountFactsInput } from "../src/domain/facts"
import { toId18 } from "../src/domain/ids"
import { DEFAULT_SETTINGS, type MappableFact, type SalesforceSettings } from "../src/domain/settings"
import { PACKAGE_LABELS, picklistLabel, uiApiRecordFor } from "../src/demo/salesforce-record"

export type Row = Record<string, unknown> & { Id: string }

/** The signed-in user of the fake org (`chatter/users/me`), the CSM of every account unless told. */
export const FAKE_USER = {
  Id: "005xx000001SvPHAA0",
  Name: "Casey Morgan",
  Email: "casey.morgan@sop-pilot.example",
  Username: "casey.morgan@sop-pilot.example"
} as const

/** A Salesforce error answer. */
export class QueryFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string
  ) {
    super(message)
  }
}

// ── Ids ─────────────────────────────────────────────────────────────────────────────────────

/** A well-formed 18-char id with this key prefix, from a running number. */
export function fakeId(prefix: string, n: number): string {
  const id15 = `${prefix}xx${String(n).padStart(10, "0")}`.slice(0, 15)
  return toId18(id15) as string
}

const KEY_PREFIXES: Record<string, string> = {
  Account: "001",
  Contact: "003",
  User: "005",
  Case: "500",
  Task: "00T",
  Onboarding__c: "a0B",
  Adoption__c: "a0C"
}
const prefixOf = (object: string) => KEY_PREFIXES[object] ?? "a0Z"

// ── Records from facts ──────────────────────────────────────────────────────────────────────

/** `2026-03-05` → `2026-03-05T17:00:00.000+0000` (noon in Chicago): a row made that day. */
export const createdOn = (date: string, time = "17:00:00") => `${date}T${time}.000+0000`

/** An instant as SOQL answers a datetime: `2026-11-20T12:00:00.000+0000`. */
export const soqlDateTime = (instant: number): string => new Date(instant).toISOString().replace(/Z$/, "+0000")

export interface OrgData {
  /** Rows by object API name, in creation order. */
  rows: Map<string, Row[]>
  /** Every field each object has (as Salesforce spells it), lower-cased name → spelling. */
  fields: Map<string, Map<string, string>>
}

function addRow(data: OrgData, object: string, row: Omit<Row, "Id"> & { Id?: string }): Row {
  const list = data.rows.get(object) ?? []
  data.rows.set(object, list)
  // Made by the signed-in user unless told (`CreatedBy.Name` reads it).
  const full = { Id: row.Id ?? fakeId(prefixOf(object), list.length + 1), CreatedById: FAKE_USER.Id, ...row } as Row
  list.push(full)
  const known = data.fields.get(object) ?? new Map<string, string>()
  data.fields.set(object, known)
  for (const field of Object.keys(full)) known.set(field.toLowerCase(), field)
  return full
}

/** The fields each object has even when no row sets them. */
const SCHEMA: Record<string, string[]> = {
  Account: ["Id", "Name", "CreatedDate", "OwnerId", "LastModifiedDate", "SystemModstamp"],
  Onboarding__c: ["Id", "Name", "CreatedDate", "Account__c"],
  Adoption__c: ["Id", "Name", "CreatedDate", "Account__c"],
  Case: ["Id", "CaseNumber", "Subject", "Type", "Status", "IsClosed", "CreatedDate", "AccountId"],
  Contact: ["Id", "FirstName", "LastName", "Email", "AccountId", "CreatedDate"],
  Task: ["Id", "Subject", "Status", "WhatId", "ActivityDate", "CreatedDate", "OwnerId"],
  User: ["Id", "Name", "Email", "Username"]
}

/** A fact as its Salesforce field holds it (a picklist's label, null for no value). */
export function valueFor(fact: MappableFact, facts: AccountFactsInput): unknown {
  const value = (facts as Record<string, unknown>)[fact]
  if (value === undefined) return null
  if (fact === "products")
    return (value as string[]).length === 0 ? null : (value as string[]).map(picklistLabel).join(";")
  if (fact === "serviceLevel") return picklistLabel(value as string)
  if (fact === "package") return PACKAGE_LABELS[value as "smb" | "standard"]
  return value
}

/**
 * The org's rows for these accounts, written the way `salesforce` settings read them: Account
 * fields by the field mapping (plus the CSM lookup), one row per related object with every
 * unfiltered related fact, a Case per filtered fact (created that day), a Contact per email
 * and, with `doneAsTasks`, a `[SOP <key>]` Task per done step; then `extra` rows as given.
 */
export function orgDataFor(
  accounts: readonly AccountFactsInput[],
  options: {
    salesforce?: SalesforceSettings
    csmOf?: (account: AccountFactsInput) => string | null
    extra?: Record<string, Omit<Row, "Id">[]>
    /** Also a `[SOP <key>]` Task per step in `done` (off by default: the demo's progress is entered in the panel). */
    doneAsTasks?: boolean
  } = {}
): OrgData {
  const salesforce = options.salesforce ?? DEFAULT_SETTINGS.salesforce
  const data: OrgData = { rows: new Map(), fields: new Map() }
  for (const [object, fields] of Object.entries(SCHEMA)) {
    data.rows.set(object, [])
    data.fields.set(object, new Map([...fields, "CreatedById", "LastModifiedDate"].map((f) => [f.toLowerCase(), f])))
  }
  const declare = (object: string, field: string) => {
    const known = data.fields.get(object) ?? new Map<string, string>()
    data.fields.set(object, known)
    if (!known.has(field.toLowerCase())) known.set(field.toLowerCase(), field)
  }
  for (const fact of Object.keys(salesforce.fieldMapping) as MappableFact[]) {
    const field = salesforce.fieldMapping[fact]
    if (field !== "") declare("Account", field)
  }
  declare("Account", salesforce.csmField)
  for (const source of salesforce.related) {
    declare(source.object, source.field)
    declare(source.object, source.relationship)
    for (const filter of source.filters) declare(source.object, filter.field)
  }
  addRow(data, "User", { ...FAKE_USER, attributes: undefined } as Omit<Row, "Id">)

  let n = 0
  for (const account of accounts) {
    n++
    const id = toId18(account.id) as string
    const created = createdOn(account.assignedOn ?? "2026-01-01", "15:00:00")
    // Last changed when the UI API record says (salesforce-record.ts: noon on its latest date).
    const modified = soqlDateTime(Date.parse(uiApiRecordFor(account, salesforce.fieldMapping).systemModstamp))
    const accountRow: Record<string, unknown> = {
      Id: id,
      CreatedDate: created,
      OwnerId: FAKE_USER.Id,
      LastModifiedDate: modified,
      SystemModstamp: modified
    }
    for (const fact of Object.keys(salesforce.fieldMapping) as MappableFact[]) {
      const field = salesforce.fieldMapping[fact]
      if (field !== "" && !(field in accountRow)) accountRow[field] = valueFor(fact, account)
    }
    accountRow[salesforce.csmField] = options.csmOf ? options.csmOf(account) : FAKE_USER.Id
    addRow(data, "Account", accountRow as Row)

    // One row per related object for the unfiltered facts (the newest one; only if it holds anything).
    const byObject = new Map<string, Record<string, unknown>>()
    for (const source of salesforce.related) {
      const value = valueFor(source.fact, account)
      if (source.filters.length > 0) {
        if (value === null) continue
        const row: Record<string, unknown> = { [source.relationship]: id }
        row.CreatedDate = source.field === "CreatedDate" ? createdOn(String(value)) : created
        if (source.field !== "CreatedDate") row[source.field] = value
        for (const filter of source.filters) {
          row[filter.field] =
            filter.op === "equals"
              ? filter.value
              : filter.op === "starts_with"
                ? `${filter.value} - ${account.name}`
                : filter.op === "is_true"
                  ? true
                  : filter.op === "is_false"
                    ? false
                    : filter.op === "is_null"
                      ? null
                      : `not ${filter.value}`
        }
        if (source.object === "Case") {
          row.Status ??= "New"
          row.IsClosed ??= false
          row.CaseNumber = String(1000 + (data.rows.get("Case")?.length ?? 0))
        }
        addRow(data, source.object, row)
        continue
      }
      const row = byObject.get(source.object) ?? { [source.relationship]: id, CreatedDate: created, _any: false }
      row[source.field] = value
      if (value !== null) row._any = true
      byObject.set(source.object, row)
    }
    for (const [object, row] of byObject) {
      const { _any, ...fields } = row
      if (_any) addRow(data, object, { Name: `${object.replace(/__c$/, "")} ${n}`, ...fields })
    }
    for (const [i, email] of (account.contactEmails ?? []).entries()) {
      addRow(data, "Contact", {
        FirstName: "Contact",
        LastName: `${i + 1}`,
        Email: email,
        AccountId: id,
        CreatedDate: created
      })
    }
    for (const key of options.doneAsTasks ? (account.done ?? []) : []) {
      addRow(data, "Task", {
        Subject: `[SOP ${key}] done in Salesforce`,
        Status: "Completed",
        WhatId: id,
        CreatedDate: created
      })
    }
  }
  for (const [object, rows] of Object.entries(options.extra ?? {})) for (const row of rows) addRow(data, object, row)
  return data
}

// ── SOQL ────────────────────────────────────────────────────────────────────────────────────

/** A string token keeps `value` (unescaped, for `=`) and `raw` (as written, for LIKE's own escapes). */
type Token = { type: "word" | "string" | "number" | "punct"; text: string; value?: string; raw?: string }

function tokenize(soql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < soql.length) {
    const c = soql.charAt(i)
    if (/\s/.test(c)) {
      i++
    } else if (c === "'") {
      let value = ""
      const start = i + 1
      i++
      for (;;) {
        if (i >= soql.length) throw new QueryFailure(400, "MALFORMED_QUERY", "unterminated string literal")
        const d = soql.charAt(i)
        if (d === "\\") {
          const e = soql.charAt(i + 1)
          const map: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" }
          value += map[e] ?? e
          i += 2
        } else if (d === "'") {
          i++
          break
        } else {
          value += d
          i++
        }
      }
      tokens.push({ type: "string", text: "'", value, raw: soql.slice(start, i - 1) })
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(soql.slice(i))
      if (!m) throw new QueryFailure(400, "MALFORMED_QUERY", `unexpected token: '${c}'`)
      tokens.push({ type: "number", text: m[0] })
      i += m[0].length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(soql.slice(i)) as RegExpExecArray
      tokens.push({ type: "word", text: m[0] })
      i += m[0].length
    } else if (soql.startsWith("!=", i)) {
      tokens.push({ type: "punct", text: "!=" })
      i += 2
    } else if ("(),=".includes(c)) {
      tokens.push({ type: "punct", text: c })
      i++
    } else throw new QueryFailure(400, "MALFORMED_QUERY", `unexpected token: '${c}'`)
  }
  return tokens
}

type Literal = string | number | boolean | null
type Where =
  | { op: "=" | "!="; field: string; value: Literal }
  | { op: "IN"; field: string; values: Literal[] }
  | { op: "LIKE"; field: string; pattern: string }
  | { op: "AND" | "OR"; parts: Where[] }

export interface ParsedQuery {
  select: string[]
  from: string
  where?: Where
  orderBy: { field: string; desc: boolean }[]
  limit?: number
}

export function parseSoql(soql: string): ParsedQuery {
  const tokens = tokenize(soql)
  let at = 0
  const peek = () => tokens[at]
  const word = (w: string) => peek()?.type === "word" && peek()?.text.toUpperCase() === w
  const next = (): Token => {
    const token = tokens[at++]
    if (!token) throw new QueryFailure(400, "MALFORMED_QUERY", "unexpected end of query")
    return token
  }
  const expectWord = (w: string) => {
    const t = next()
    if (t.type !== "word" || t.text.toUpperCase() !== w)
      throw new QueryFailure(400, "MALFORMED_QUERY", `unexpected token: '${t.text}', expected ${w}`)
  }
  const field = () => {
    const t = next()
    if (t.type !== "word") throw new QueryFailure(400, "MALFORMED_QUERY", `unexpected token: '${t.text}'`)
    return t.text
  }
  const literal = (): Literal => {
    const t = next()
    if (t.type === "string") return t.value ?? ""
    if (t.type === "number") return Number(t.text)
    if (t.type === "word" && ["TRUE", "FALSE", "NULL"].includes(t.text.toUpperCase()))
      return t.text.toUpperCase() === "NULL" ? null : t.text.toUpperCase() === "TRUE"
    throw new QueryFailure(400, "MALFORMED_QUERY", `unexpected token: '${t.text}'`)
  }
  const factor = (): Where => {
    if (peek()?.text === "(") {
      next()
      const inner = or()
      if (next().text !== ")") throw new QueryFailure(400, "MALFORMED_QUERY", "expected )")
      return inner
    }
    const name = field()
    const op = next()
    if (op.text === "=" || op.text === "!=") return { op: op.text, field: name, value: literal() }
    if (op.type === "word" && op.text.toUpperCase() === "IN") {
      if (next().text !== "(") throw new QueryFailure(400, "MALFORMED_QUERY", "expected (")
      const values = [literal()]
      while (peek()?.text === ",") {
        next()
        values.push(literal())
      }
      if (next().text !== ")") throw new QueryFailure(400, "MALFORMED_QUERY", "expected )")
      return { op: "IN", field: name, values }
    }
    if (op.type === "word" && op.text.toUpperCase() === "LIKE") {
      const t = next()
      if (t.type !== "string") throw new QueryFailure(400, "MALFORMED_QUERY", "LIKE needs a string")
      return { op: "LIKE", field: name, pattern: t.raw ?? "" }
    }
    throw new QueryFailure(400, "MALFORMED_QUERY", `unexpected token: '${op.text}'`)
  }
  const and = (): Where => {
    const parts = [factor()]
    while (word("AND")) {
      next()
      parts.push(factor())
    }
    return parts.length === 1 ? (parts[0] as Where) : { op: "AND", parts }
  }
  const or = (): Where => {
    const parts = [and()]
    while (word("OR")) {
      next()
      parts.push(and())
    }
    return parts.length === 1 ? (parts[0] as Where) : { op: "OR", parts }
  }

  expectWord("SELECT")
  const select = [field()]
  while (peek()?.text === ",") {
    next()
    select.push(field())
  }
  expectWord("FROM")
  const from = field()
  const query: ParsedQuery = { select, from, orderBy: [] }
  if (word("WHERE")) {
    next()
    query.where = or()
  }
  if (word("ORDER")) {
    next()
    expectWord("BY")
    do {
      if (peek()?.text === ",") next()
      const name = field()
      let desc = false
      if (word("DESC") || word("ASC")) desc = next().text.toUpperCase() === "DESC"
      query.orderBy.push({ field: name, desc })
    } while (peek()?.text === ",")
  }
  if (word("LIMIT")) {
    next()
    query.limit = Number(next().text)
  }
  if (at !== tokens.length) throw new QueryFailure(400, "MALFORMED_QUERY", `unexpected token: '${peek()?.text}'`)
  return query
}

const isIdLike = (value: unknown): value is string =>
  typeof value === "string" && /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(value)

/** SOQL `=` on text is case-insensitive; ids match in 15 or 18 chars. */
function equal(a: unknown, b: Literal): boolean {
  if (a === undefined) a = null
  if (b === null || a === null) return a === b
  if (isIdLike(a) && isIdLike(b) && /\d/.test(b)) return (toId18(a) ?? a) === (toId18(b) ?? b)
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase()
  return a === b
}

const CONTROL: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" }

/** A LIKE pattern as written (escapes and all) → a regular expression; `\%` and `\_` are literal. */
function likeRegex(pattern: string): RegExp {
  let out = ""
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i)
    if (c === "\\" && i + 1 < pattern.length) {
      const e = pattern.charAt(++i)
      out += (CONTROL[e] ?? e).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    } else if (c === "%") out += ".*"
    else if (c === "_") out += "."
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }
  return new RegExp(`^${out}$`, "is")
}

/** A value as `=` compares it: ids as 18 chars, text lower-cased. */
function normal(value: Literal): string {
  if (value === null) return "null"
  if (isIdLike(value) && /\d/.test(value)) return `id:${toId18(value) ?? value}`
  return typeof value === "string" ? `s:${value.toLowerCase()}` : `${typeof value}:${String(value)}`
}
const IN_SETS = new WeakMap<object, Set<string>>()
function inSet(where: { values: Literal[] }): Set<string> {
  let set = IN_SETS.get(where)
  if (!set) {
    set = new Set(where.values.map(normal))
    IN_SETS.set(where, set)
  }
  return set
}

function matches(row: Row, where: Where, get: (row: Row, field: string) => unknown): boolean {
  switch (where.op) {
    case "AND":
      return where.parts.every((part) => matches(row, part, get))
    case "OR":
      return where.parts.some((part) => matches(row, part, get))
    case "=":
      return equal(get(row, where.field), where.value)
    case "!=":
      return !equal(get(row, where.field), where.value)
    case "IN": {
      const value = get(row, where.field)
      return inSet(where).has(normal(value === undefined ? null : (value as Literal)))
    }
    case "LIKE": {
      const value = get(row, where.field)
      return typeof value === "string" && likeRegex(where.pattern).test(value)
    }
  }
}

function fieldsOf(where: Where | undefined): string[] {
  if (!where) return []
  if ("parts" in where) return where.parts.flatMap(fieldsOf)
  return [where.field]
}

/**
 * Runs a query on the org's rows: every named field must exist on the object (and not be hidden
 * from the user by field-level security), else 400 INVALID_FIELD as Salesforce answers.
 */
/**
 * Salesforce's INVALID_FIELD message: the query echoed (a long one runs past any clip of the
 * message), a caret under the column, then the sentence naming it.
 */
function invalidFieldMessage(soql: string, name: string, object: string): string {
  const at = Math.max(0, soql.toLowerCase().indexOf(name.toLowerCase()))
  return `\n${soql}\n${" ".repeat(at)}^\nERROR at Row:1:Column:${at + 1}\nNo such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
}

export function runQuery(
  data: OrgData,
  soql: string,
  options: { hidden?: ReadonlySet<string>; apiVersion: string }
): Row[] {
  const query = parseSoql(soql)
  const object = [...data.rows.keys()].find((name) => name.toLowerCase() === query.from.toLowerCase())
  if (object === undefined)
    throw new QueryFailure(
      400,
      "INVALID_TYPE",
      `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`
    )
  const known = data.fields.get(object) ?? new Map<string, string>()
  /** `CreatedBy.Name` → the lookup field `CreatedById` (`Thing__r.Name` → `Thing__c`) and the parent's field. */
  const lookupOf = (name: string) => {
    const [relationship = "", field = ""] = name.split(".")
    const id = relationship.endsWith("__r") ? `${relationship.slice(0, -3)}__c` : `${relationship}Id`
    return { relationship, id, field }
  }
  const parentOf = (id: unknown): Row | undefined => {
    if (typeof id !== "string") return undefined
    for (const rows of data.rows.values()) {
      const found = rows.find((row) => equal(row.Id, id))
      if (found) return found
    }
    return undefined
  }
  const names = [...query.select, ...fieldsOf(query.where), ...query.orderBy.map((o) => o.field)].map((name) =>
    name.includes(".") && query.select.includes(name) ? lookupOf(name).id : name
  )
  for (const name of names) {
    if (
      !known.has(name.toLowerCase()) ||
      options.hidden?.has(`${object}.${known.get(name.toLowerCase())}`.toLowerCase())
    )
      throw new QueryFailure(400, "INVALID_FIELD", invalidFieldMessage(soql, name, object))
  }
  const get = (row: Row, field: string) => row[known.get(field.toLowerCase()) ?? field]
  let rows = (data.rows.get(object) ?? []).filter((row) => !query.where || matches(row, query.where, get))
  if (query.orderBy.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const { field, desc } of query.orderBy) {
        const x = get(a, field)
        const y = get(b, field)
        if (x === y) continue
        // Salesforce sorts nulls first ascending, last descending.
        const order =
          x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : String(x) < String(y) ? -1 : 1
        return desc ? -order : order
      }
      return 0
    })
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit)
  return rows.map((row) => {
    const out: Row = {
      attributes: { type: object, url: `/services/data/v${options.apiVersion}/sobjects/${object}/${row.Id}` },
      Id: row.Id
    } as Row
    for (const name of query.select) {
      if (name.includes(".")) {
        // A parent's field comes nested, as Salesforce gives it: `"CreatedBy": { "attributes": …, "Name": "…" }`.
        const lookup = lookupOf(name)
        const parent = parentOf(get(row, lookup.id))
        const type = parent === undefined ? undefined : [...data.rows].find(([, rows]) => rows.includes(parent))?.[0]
        out[lookup.relationship] =
          parent === undefined
            ? null
            : {
                attributes: { type, url: `/services/data/v${options.apiVersion}/sobjects/${type}/${parent.Id}` },
                [lookup.field]: parent[lookup.field] ?? null
              }
        continue
      }
      const spelt = known.get(name.toLowerCase()) ?? name
      out[spelt] = row[spelt] ?? null
    }
    return out
  })
}
