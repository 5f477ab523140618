/**
 * The fake org's writes (issue 12), served by tools/salesforce-org.ts: what SOP Pilot's outbox
 * sends, answered as Salesforce answers, with its error bodies.
 *
 * - `POST …/sobjects/<Object>` → 201 `{ id, success: true, errors: [] }` (REST API "sObject Basic
 *   Information"); `DELETE …/sobjects/<Object>/<id>` → 204, 404 `NOT_FOUND` for a row not there.
 * - `PATCH …/ui-api/records/<id>` `{ fields }` → 200 with the record; `POST …/ui-api/records`
 *   `{ apiName, fields }` → 201 with the record (UI API "Update a Record", "Create a Record").
 *   `If-Unmodified-Since` older than the row's `LastModifiedDate` → 412
 *   `ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE`.
 * - Refusals, each with Salesforce's own body: a validation rule (`validationRules`) →
 *   `FIELD_CUSTOM_VALIDATION_EXCEPTION`, a read-only field (`readOnlyFields`, field-level
 *   security) → `INVALID_FIELD_FOR_INSERT_UPDATE`, an unknown field → `INVALID_FIELD`; through
 *   the UI API in its `{"enhancedErrorType":"RecordError","output":{"errors","fieldErrors"}}` shape,
 *   through the REST API as `[{ message, errorCode, fields }]`.
 * - `outage(true)`: every API request answers 503 `SERVER_UNAVAILABLE` until `outage(false)`.
 * - `log`: every write that reached the org (answered or refused), oldest first.
 *
 * Shapes from the Salesforce REST API and User Interface API developer guides (error responses,
 * "Status Codes and Error Responses").
 */
import { json, type FixtureRequest, type FixtureResponse, type Route } from "./extension-harness"
import { fakeId, type OrgData, type Row } from "./salesforce-data"

/** A rule the org checks on a write: `refuses(value)` true → the save fails with `message` on `field`. */
export interface ValidationRule {
  object: string
  field: string
  message: string
  refuses: (value: unknown, row: Row) => boolean
}

export interface OrgWrite {
  method: string
  /** The path under `/services/data/v<NN>.0` (`/sobjects/Task`, `/ui-api/records/a0C…`). */
  path: string
  body: unknown
  /** What the org answered. */
  status: number
}

export interface OrgWrites {
  readonly routes: Route[]
  /** Every write request, oldest first (clear with `log.length = 0`). */
  readonly log: OrgWrite[]
  /** Rules that refuse a save (add or remove freely). */
  readonly validationRules: ValidationRule[]
  /** `Object.Field` the user may read but not edit (field-level security). */
  readonly readOnlyFields: Set<string>
  /** While on, every API request answers 503, as in a Salesforce maintenance window. */
  outage(on: boolean): void
  readonly inOutage: boolean
}

const KEY_PREFIXES: Record<string, string> = { Task: "00T", Case: "500", Onboarding__c: "a0B", Adoption__c: "a0C" }

/** `2026-12-03T05:40:00.000+0000`, as Salesforce writes datetimes. */
const salesforceTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000")

const parseTime = (value: unknown): number | undefined => {
  if (typeof value !== "string") return undefined
  const ms = Date.parse(value.replace(/\+0000$/, "Z"))
  return Number.isNaN(ms) ? undefined : ms
}

export function orgWrites(options: {
  data: OrgData
  apiHost: string
  /** The org's answer when the session is not good (or a `failNext` is due); undefined: go on. */
  refusal: (req: FixtureRequest) => FixtureResponse | undefined
  now?: () => number
}): OrgWrites {
  const { data, apiHost } = options
  const now = options.now ?? (() => Date.now())
  const log: OrgWrite[] = []
  const validationRules: ValidationRule[] = []
  const readOnlyFields = new Set<string>()
  let outage = false

  const objectName = (name: string) => [...data.rows.keys()].find((known) => known.toLowerCase() === name.toLowerCase())
  const fieldName = (object: string, field: string) => data.fields.get(object)?.get(field.toLowerCase())
  const rowById = (id: string): { object: string; row: Row } | undefined => {
    for (const [object, rows] of data.rows) {
      const row = rows.find((r) => r.Id.slice(0, 15) === id.slice(0, 15))
      if (row) return { object, row }
    }
    return undefined
  }

  /** Why the org refuses these field values, as `{ field → [errorCode, message] }` and record-wide errors. */
  function check(object: string, fields: Record<string, unknown>, row: Row) {
    const fieldErrors: Record<string, { errorCode: string; message: string }[]> = {}
    const errors: { errorCode: string; message: string }[] = []
    for (const field of Object.keys(fields)) {
      if (fieldName(object, field) === undefined) {
        errors.push({ errorCode: "INVALID_FIELD", message: `No such column '${field}' on sobject of type ${object}` })
      } else if ([...readOnlyFields].some((f) => f.toLowerCase() === `${object}.${field}`.toLowerCase())) {
        errors.push({
          errorCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
          message: `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`
        })
      }
    }
    for (const rule of validationRules) {
      if (rule.object.toLowerCase() !== object.toLowerCase()) continue
      const given = Object.keys(fields).find((f) => f.toLowerCase() === rule.field.toLowerCase())
      if (given !== undefined && rule.refuses(fields[given], row))
        (fieldErrors[given] ??= []).push({ errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION", message: rule.message })
    }
    return { errors, fieldErrors, refused: errors.length > 0 || Object.keys(fieldErrors).length > 0 }
  }

  /** The UI API's refused-save body. */
  const recordError = (refusal: ReturnType<typeof check>) =>
    json(
      {
        enhancedErrorType: "RecordError",
        message: "An error occurred while trying to update the record. Please try again.",
        output: {
          errors: refusal.errors.map((e) => ({ ...e, constituentField: null, duplicateRecordError: null })),
          fieldErrors: Object.fromEntries(
            Object.entries(refusal.fieldErrors).map(([field, list]) => [
              field,
              list.map((e) => ({ ...e, constituentField: null, duplicateRecordError: null, field, fieldLabel: field }))
            ])
          )
        }
      },
      { status: 400 }
    )

  /** The REST API's refused-save body. */
  const restError = (refusal: ReturnType<typeof check>) =>
    json(
      [
        ...refusal.errors.map((e) => ({ ...e, fields: [] })),
        ...Object.entries(refusal.fieldErrors).flatMap(([field, list]) => list.map((e) => ({ ...e, fields: [field] })))
      ],
      { status: 400 }
    )

  const uiRecord = (object: string, row: Row) => ({
    apiName: object,
    id: row.Id,
    fields: Object.fromEntries(
      Object.entries(row)
        .filter(([field]) => field !== "attributes")
        .map(([field, value]) => [field, { value: value ?? null, displayValue: null }])
    )
  })

  function newRow(object: string, fields: Record<string, unknown>): Row {
    const list = data.rows.get(object) ?? []
    data.rows.set(object, list)
    const at = salesforceTime(now())
    const row: Row = {
      Id: fakeId(KEY_PREFIXES[object] ?? "a0Z", 900_000 + list.length + 1),
      CreatedDate: at,
      LastModifiedDate: at,
      SystemModstamp: at
    }
    for (const [field, value] of Object.entries(fields)) row[fieldName(object, field) ?? field] = value
    list.push(row)
    return row
  }

  function parseBody(req: FixtureRequest): Record<string, unknown> | undefined {
    try {
      const body = JSON.parse(req.body) as unknown
      return typeof body === "object" && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : undefined
    } catch {
      return undefined
    }
  }

  const API = /^\/services\/data\/(v\d{2,3}\.0)(\/.*)$/
  const badJson = () =>
    json([{ errorCode: "JSON_PARSER_ERROR", message: "The request body is not valid JSON." }], { status: 400 })

  function answer(req: FixtureRequest, path: string): FixtureResponse | undefined {
    let match: RegExpExecArray | null
    // REST: create an sObject row.
    if (req.method === "POST" && (match = /^\/sobjects\/([A-Za-z0-9_]+)$/.exec(path))) {
      const object = objectName(match[1] ?? "")
      if (!object)
        return json([{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], { status: 404 })
      const fields = parseBody(req)
      if (!fields) return badJson()
      const refusal = check(object, fields, { Id: "" })
      if (refusal.refused) return restError(refusal)
      const row = newRow(object, fields)
      return json({ id: row.Id, success: true, errors: [] }, { status: 201 })
    }
    // REST: delete a row.
    if (req.method === "DELETE" && (match = /^\/sobjects\/([A-Za-z0-9_]+)\/([A-Za-z0-9]{15,18})$/.exec(path))) {
      const object = objectName(match[1] ?? "")
      const rows = object === undefined ? undefined : data.rows.get(object)
      const at = rows?.findIndex((row) => row.Id.slice(0, 15) === (match?.[2] ?? "").slice(0, 15)) ?? -1
      if (!rows || at < 0)
        return json([{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], { status: 404 })
      rows.splice(at, 1)
      return { status: 204 }
    }
    // UI API: update a record.
    if (req.method === "PATCH" && (match = /^\/ui-api\/records\/([A-Za-z0-9]{15,18})$/.exec(path))) {
      const found = rowById(match[1] ?? "")
      if (!found)
        return json([{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], { status: 404 })
      const body = parseBody(req)
      const fields = body?.fields
      if (typeof fields !== "object" || fields === null) return badJson()
      const since = req.headers["if-unmodified-since"]
      if (typeof since === "string") {
        const sinceMs = Date.parse(since)
        if (Number.isNaN(sinceMs))
          return json([{ errorCode: "INVALID_HEADER_TYPE", message: "If-Unmodified-Since: not a date" }], {
            status: 400
          })
        const modified = parseTime(found.row.LastModifiedDate) ?? parseTime(found.row.CreatedDate) ?? 0
        if (modified > sinceMs)
          return json(
            [
              {
                errorCode: "ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE",
                message: `The record was modified on ${String(found.row.LastModifiedDate)}, after the If-Unmodified-Since date ${since}; it was not saved.`
              }
            ],
            { status: 412 }
          )
      }
      const refusal = check(found.object, fields as Record<string, unknown>, found.row)
      if (refusal.refused) return recordError(refusal)
      for (const [field, value] of Object.entries(fields as Record<string, unknown>))
        found.row[fieldName(found.object, field) ?? field] = value
      found.row.LastModifiedDate = salesforceTime(now())
      found.row.SystemModstamp = found.row.LastModifiedDate
      return json(uiRecord(found.object, found.row))
    }
    // UI API: create a record.
    if (req.method === "POST" && path === "/ui-api/records") {
      const body = parseBody(req)
      const object = typeof body?.apiName === "string" ? objectName(body.apiName) : undefined
      const fields = body?.fields
      if (!object || typeof fields !== "object" || fields === null)
        return json([{ errorCode: "INVALID_TYPE", message: "apiName: not an object of this org" }], { status: 400 })
      const refusal = check(object, fields as Record<string, unknown>, { Id: "" })
      if (refusal.refused) return recordError(refusal)
      return json(uiRecord(object, newRow(object, fields as Record<string, unknown>)), { status: 201 })
    }
    return undefined
  }

  const isApi = (req: FixtureRequest) => req.host === apiHost && API.test(req.url.pathname)
  const routes: Route[] = [
    (req) =>
      outage && isApi(req)
        ? json([{ errorCode: "SERVER_UNAVAILABLE", message: "Service temporarily unavailable" }], { status: 503 })
        : undefined,
    (req) => {
      if (!isApi(req) || req.method === "GET" || req.url.pathname.endsWith("/composite")) return undefined
      const path = API.exec(req.url.pathname)?.[2] ?? ""
      if (!/^\/(sobjects|ui-api\/records)(\/|$)/.test(path)) return undefined
      const response = options.refusal(req) ?? answer(req, path)
      if (response === undefined) return undefined
      let body: unknown = req.body
      try {
        body = JSON.parse(req.body)
      } catch {
        // not JSON (a DELETE has no body)
      }
      log.push({ method: req.method, path, body, status: response.status ?? 200 })
      return response
    }
  ]

  return {
    routes,
    log,
    validationRules,
    readOnlyFields,
    outage(on) {
      outage = on
    },
    get inOutage() {
      return outage
    }
  }
}
