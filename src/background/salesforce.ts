/**
 * The one Salesforce client, in the background only: the session, the request, its errors.
 *
 * - The session is the `sid` cookie of the org's `https://<org>.my.salesforce.com`, read from the
 *   cookie store of the tab that asked (`storeId`: an incognito tab has its own), the way
 *   Salesforce Inspector Reloaded does. It is sent as `Authorization: Bearer`, only to that host,
 *   never to a page or a content script.
 * - Its org id (the part before `!`) must be the page's org: when the page's own host holds a
 *   `sid` too, both must name the same org.
 * - `redirect: "error"` (a redirect would carry the session elsewhere), `credentials: "omit"`
 *   (the Bearer header is the only credential), the API version from team settings.
 * - Failures are named (SalesforceErrorKind): 401 `INVALID_SESSION_ID`, 403, 404, 400
 *   `INVALID_FIELD` / `MALFORMED_QUERY`, `REQUEST_LIMIT_EXCEEDED`, 429/503 after a bounded
 *   retry with backoff, no answer at all, and the UI API's `RecordError` write error.
 */
import * as z from "zod"

import type { AccountFactsInput } from "../domain/facts"
import { isAccountId, toId18 } from "../domain/ids"
import { SALESFORCE_ERROR_MESSAGES, type SalesforceErrorKind } from "../domain/salesforce-errors"
import { MAPPABLE_FACTS, type MappableFact, type SalesforceSettings, type TeamSettings } from "../domain/settings"
import { factsFromRecord, parseUiApiRecord, stampOfRecord, type FieldProblem } from "../hosts/salesforce/record-facts"
import { factsFromRelated, relatedQueries, type RelatedAnswer } from "../hosts/salesforce/related-facts"
import { isMyDomainApiOrigin } from "../hosts/salesforce/url"
import type { ApiStatus } from "../messages/protocol"

export { SALESFORCE_ERROR_KINDS, type SalesforceErrorKind } from "../domain/salesforce-errors"

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

export interface SalesforceApiError {
  kind: SalesforceErrorKind
  /** HTTP status; undefined when the request never got an answer. */
  status?: number
  /** For the CSM: what happened and what to do, in plain words. */
  message: string
  /** For support: `errorCode: message` from Salesforce, one per error, or the HTTP status. */
  detail: string
  errorCodes: string[]
  /** A refused write (`RecordError`): the messages per field API name. */
  fieldErrors?: Record<string, string[]>
}

/** A failed call, thrown by the client; `kind` says which. */
export class SalesforceError extends Error implements SalesforceApiError {
  readonly kind: SalesforceErrorKind
  readonly status?: number
  readonly detail: string
  readonly errorCodes: string[]
  readonly fieldErrors?: Record<string, string[]>
  constructor(error: SalesforceApiError) {
    super(error.message)
    this.name = "SalesforceError"
    this.kind = error.kind
    if (error.status !== undefined) this.status = error.status
    this.detail = error.detail
    this.errorCodes = error.errorCodes
    if (error.fieldErrors !== undefined) this.fieldErrors = error.fieldErrors
  }
}

const failure = (kind: SalesforceErrorKind, detail: string, message = SALESFORCE_ERROR_MESSAGES[kind]) =>
  new SalesforceError({ kind, message, detail, errorCodes: [] })

const ErrorItem = z.object({ errorCode: z.string(), message: z.string().default("") })
/** REST and UI API errors: `[{ errorCode, message }]` (a single object on some resources). */
const ErrorList = z.union([z.array(ErrorItem), ErrorItem.transform((item) => [item])])
/** The UI API's write error: `{ enhancedErrorType: "RecordError", output: { errors, fieldErrors } }`. */
const RecordErrorBody = z.object({
  enhancedErrorType: z.literal("RecordError"),
  message: z.string().optional(),
  output: z.object({
    errors: z.array(ErrorItem).default([]),
    fieldErrors: z.record(z.string(), z.array(ErrorItem)).default({})
  })
})

function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return body
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/**
 * A query error's message without the query Salesforce echoes before it (INVALID_FIELD,
 * MALFORMED_QUERY: "\nSELECT …\n   ^\nERROR at Row:1:Column:12\nNo such column …"): a long
 * query would push the sentence that names the field out of any clipped detail.
 */
export function withoutQueryEcho(message: string): string {
  const echo = /\nERROR at Row:\d+:Column:\d+\n/.exec(message)
  return echo ? message.slice(echo.index + echo[0].length) : message
}

/**
 * Names a failed call. `status` is undefined (or 0) when fetch itself failed; `body` is the
 * answer as text or parsed JSON: usually `[{ "errorCode": "…", "message": "…" }]`, or the UI API's
 * RecordError shape for a refused write.
 */
export function classifyApiError(status: number | undefined, body: unknown): SalesforceApiError {
  if (status === undefined || status === 0) {
    return {
      kind: "network",
      message: SALESFORCE_ERROR_MESSAGES.network,
      detail: "no answer from Salesforce",
      errorCodes: []
    }
  }
  const parsed = parseBody(body)
  const recordError = RecordErrorBody.safeParse(parsed)
  const list = ErrorList.safeParse(parsed)
  const items = recordError.success
    ? [
        ...recordError.data.output.errors,
        ...Object.entries(recordError.data.output.fieldErrors).flatMap(([field, errors]) =>
          errors.map((e) => ({ errorCode: e.errorCode, message: `${field}: ${e.message}` }))
        )
      ]
    : list.success
      ? list.data
      : []
  const errorCodes = items.map((item) => item.errorCode)
  const detail =
    items.length > 0
      ? clip(items.map((item) => `${item.errorCode}: ${clip(withoutQueryEcho(item.message), 300)}`).join("; "), 1000)
      : `HTTP ${status}`
  const has = (code: string) => errorCodes.includes(code)

  let kind: SalesforceErrorKind
  if (status === 401 || has("INVALID_SESSION_ID") || has("INVALID_AUTH_HEADER")) kind = "unauthorized"
  else if (has("REQUEST_LIMIT_EXCEEDED")) kind = "request_limit"
  else if (recordError.success) kind = "record_error"
  else if (status === 429) kind = "rate_limited"
  else if (status === 503) kind = "unavailable"
  else if (status === 403) kind = "forbidden"
  else if (status === 404) kind = "not_found"
  else if (status >= 500) kind = "server"
  else if (has("INVALID_FIELD")) kind = "invalid_field"
  else if (has("MALFORMED_QUERY")) kind = "malformed_query"
  else kind = "bad_request"

  const error: SalesforceApiError = { kind, status, message: SALESFORCE_ERROR_MESSAGES[kind], detail, errorCodes }
  if (recordError.success) {
    error.fieldErrors = Object.fromEntries(
      Object.entries(recordError.data.output.fieldErrors).map(([field, errors]) => [
        field,
        errors.map((e) => e.message)
      ])
    )
  }
  return error
}

/** The views' API status for a failure (the status the panel and popup show). */
export function apiStatusOf(error: SalesforceApiError): ApiStatus {
  return { state: error.kind, message: clip(error.message, 1000), detail: clip(error.detail, 1000) }
}

// ── The session ─────────────────────────────────────────────────────────────────────────────

/** Reads a cookie, as `chrome.cookies.get` does (tests give a fake). */
export type CookieReader = (details: {
  url: string
  name: string
  storeId?: string
}) => Promise<{ value: string } | null | undefined>

const ORG_ID = /^00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/

/** The org id a session id belongs to (`00D…!…` → `00D…`, 15 chars), or undefined. */
export function orgIdOfSession(sid: string): string | undefined {
  const prefix = sid.split("!", 1)[0] ?? ""
  return sid.includes("!") && ORG_ID.test(prefix) ? prefix.slice(0, 15) : undefined
}

/** The cookie store of a tab (`"0"` the normal profile, `"1"` incognito), or undefined. */
export async function storeIdOfTab(tabId: number | undefined): Promise<string | undefined> {
  if (tabId === undefined || tabId < 0) return undefined
  const stores = await chrome.cookies.getAllCookieStores()
  return stores.find((store) => store.tabIds.includes(tabId))?.id
}

// ── Requests ────────────────────────────────────────────────────────────────────────────────

const API_VERSION = /^\d{2,3}\.0$/
/** 429/503 are retried at most this often, after these pauses (or the answer's Retry-After, at most 5 s). */
export const RETRY_DELAYS_MS = [500, 1500] as const
const MAX_RETRY_AFTER_MS = 5000
/** A query that pages more than this is cut off: 50 pages of 2,000 rows is 100,000 rows. */
const MAX_QUERY_PAGES = 50

export interface SalesforceTarget {
  /** `https://<org>.my.salesforce.com`: where the API is called and the session is read. */
  apiHost: string
  /** From team settings, e.g. `62.0`. */
  apiVersion: string
  /** The cookie store of the tab that asked (undefined: the default store). */
  storeId?: string
  /** The origin of the page that asked (`https://<org>.lightning.force.com`), whose sid must be the same org's. */
  pageOrigin?: string
}

/** How long one request to Salesforce may take, answer read included, before it counts as failed. */
export const SALESFORCE_TIMEOUT_MS = 20_000

/**
 * chrome.storage.local key of a shorter bound, for the e2e tests only (a hanging fake org fails in
 * a second, not twenty). Only extension contexts can write that area; the extension never does.
 */
export const SALESFORCE_TIMEOUT_TEST_KEY = "test.salesforceTimeoutMs"

/** The bound on each request: `SALESFORCE_TIMEOUT_MS`, or the e2e tests' shorter one. */
export async function salesforceTimeoutMs(): Promise<number> {
  const stored = await chrome.storage.local
    .get(SALESFORCE_TIMEOUT_TEST_KEY)
    .then((items) => items[SALESFORCE_TIMEOUT_TEST_KEY] as unknown)
    .catch(() => undefined)
  return typeof stored === "number" && Number.isInteger(stored) && stored > 0 && stored < SALESFORCE_TIMEOUT_MS
    ? stored
    : SALESFORCE_TIMEOUT_MS
}

export interface SalesforceClientDeps {
  /** The bound on each request (default `SALESFORCE_TIMEOUT_MS`). */
  timeoutMs?: number
  fetch?: typeof fetch
  cookies?: CookieReader
  sleep?: (ms: number) => Promise<void>
  /** Called once per HTTP request sent (retries included): request budgets are counted with it. */
  onRequest?: (method: string, url: string) => void
}

/** One row of a SOQL answer: `attributes` and the selected columns (relationships as nested objects). */
export const QueryRecord = z.looseObject({
  attributes: z.looseObject({ type: z.string(), url: z.string().optional() })
})
export type QueryRecord = z.output<typeof QueryRecord> & Record<string, unknown>

const QueryResult = z.object({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(QueryRecord)
})

/** `nextRecordsUrl` as Salesforce gives it; anything else is not followed (the session goes with it). */
const NEXT_RECORDS_PATH = /^\/services\/data\/v\d{2,3}\.0\/query\/[A-Za-z0-9]{15,18}-\d{1,7}$/

export interface SalesforceConnection {
  readonly apiHost: string
  readonly apiVersion: string
  /** The org the session belongs to (15 chars). */
  readonly orgId: string
  /** `GET` (or another method) of a path under `/services/data/v<version>/`; the parsed JSON answer. */
  request(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    /** More request headers (a write's `If-Unmodified-Since`). */
    headers?: Record<string, string>
  ): Promise<unknown>
  /** A SOQL query's every row, following `nextRecordsUrl`. */
  query(soql: string): Promise<QueryRecord[]>
  /** The rest of a query from its `nextRecordsUrl` (a path Salesforce gave). */
  more(nextRecordsUrl: string): Promise<QueryRecord[]>
}

const defaultCookies: CookieReader = (details) => chrome.cookies.get(details)
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function retryAfterMs(response: Response, attempt: number): number {
  const header = Number(response.headers.get("retry-after"))
  const fallback = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 1000
  return Number.isFinite(header) && header > 0 ? Math.min(header * 1000, MAX_RETRY_AFTER_MS) : fallback
}

/**
 * Opens the org with the CSM's session: checks the target, reads the session from the asking
 * tab's cookie store and checks its org. Throws SalesforceError (`no_session`, `wrong_org`,
 * `bad_request` for a target the schemas should have refused).
 */
export async function connect(
  target: SalesforceTarget,
  deps: SalesforceClientDeps = {}
): Promise<SalesforceConnection> {
  const { apiHost, apiVersion } = target
  if (!isMyDomainApiOrigin(apiHost)) throw failure("bad_request", `not a Salesforce My Domain origin: ${apiHost}`)
  if (!API_VERSION.test(apiVersion)) throw failure("bad_request", `not a Salesforce API version: ${apiVersion}`)
  const cookies = deps.cookies ?? defaultCookies
  const store = target.storeId === undefined ? {} : { storeId: target.storeId }
  const sid = (await cookies({ url: apiHost, name: "sid", ...store }).catch(() => null))?.value
  if (!sid) throw failure("no_session", `no sid cookie for ${apiHost}`)
  const orgId = orgIdOfSession(sid)
  if (orgId === undefined) throw failure("no_session", "the sid cookie is not a Salesforce session id")
  if (target.pageOrigin !== undefined && target.pageOrigin !== apiHost) {
    const pageSid = (await cookies({ url: target.pageOrigin, name: "sid", ...store }).catch(() => null))?.value
    const pageOrg = pageSid ? orgIdOfSession(pageSid) : undefined
    if (pageOrg !== undefined && pageOrg !== orgId)
      throw failure("wrong_org", `the session of ${apiHost} is org ${orgId}, the page's is org ${pageOrg}`)
  }

  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  const sleep = deps.sleep ?? defaultSleep
  const timeoutMs = deps.timeoutMs ?? SALESFORCE_TIMEOUT_MS
  const base = `${apiHost}/services/data/v${apiVersion}`
  const timedOut = () => failure("timeout", `no answer within ${timeoutMs / 1000} s`)

  async function send(method: string, url: string, body?: unknown, extra?: Record<string, string>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      deps.onRequest?.(method, url)
      // Each attempt is bounded, the answer's body included: a hanging Salesforce fails, it never waits forever.
      const signal = AbortSignal.timeout(timeoutMs)
      let response: Response
      try {
        response = await doFetch(url, {
          signal,
          method,
          // The caller's headers first: none of them may replace the session or the content type.
          headers: {
            ...extra,
            Authorization: `Bearer ${sid}`,
            Accept: "application/json",
            ...(body === undefined ? {} : { "Content-Type": "application/json" })
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          credentials: "omit",
          redirect: "error",
          cache: "no-store"
        })
      } catch {
        if (signal.aborted) throw timedOut()
        throw new SalesforceError(classifyApiError(undefined, undefined))
      }
      if ((response.status === 429 || response.status === 503) && attempt < RETRY_DELAYS_MS.length) {
        await sleep(retryAfterMs(response, attempt))
        continue
      }
      const text = await response.text().catch(() => "")
      if (signal.aborted) throw timedOut()
      if (!response.ok) throw new SalesforceError(classifyApiError(response.status, text))
      if (text === "") return undefined
      const parsed = parseBody(text)
      if (parsed === undefined) throw failure("server", `HTTP ${response.status}: the answer is not JSON`)
      return parsed
    }
  }

  return {
    apiHost,
    apiVersion,
    orgId,
    request: (method, path, body, headers) =>
      send(method, `${base}${path.startsWith("/") ? path : `/${path}`}`, body, headers),
    query: (soql) => pages(`${base}/query?q=${encodeURIComponent(soql)}`),
    more: (next) => {
      if (!NEXT_RECORDS_PATH.test(next)) throw failure("server", `unexpected nextRecordsUrl: ${clip(next, 200)}`)
      return pages(`${apiHost}${next}`)
    }
  }

  async function pages(first: string): Promise<QueryRecord[]> {
    const rows: QueryRecord[] = []
    let url = first
    for (let page = 1; ; page++) {
      const answer = QueryResult.safeParse(await send("GET", url))
      if (!answer.success) throw failure("server", "the query answer is not a list of records")
      rows.push(...(answer.data.records as QueryRecord[]))
      const next = answer.data.nextRecordsUrl
      if (answer.data.done || next === undefined) return rows
      if (!NEXT_RECORDS_PATH.test(next)) throw failure("server", `unexpected nextRecordsUrl: ${clip(next, 200)}`)
      if (page >= MAX_QUERY_PAGES) throw failure("server", `the query has more than ${MAX_QUERY_PAGES} pages`)
      url = `${apiHost}${next}`
    }
  }
}

// ── Several queries in one request (Composite API) ──────────────────────────────────────────

/** The Composite API takes at most 25 subrequests. */
export const COMPOSITE_LIMIT = 25

const CompositeAnswer = z.object({
  compositeResponse: z.array(z.object({ body: z.unknown(), httpStatusCode: z.number().int(), referenceId: z.string() }))
})

/**
 * Runs up to 25 queries in one `POST /composite` (`allOrNone: false`: one failing query does not
 * fail the others), following `nextRecordsUrl` for any that page. A session or limit error of any
 * subrequest fails the whole call, as it would every other request.
 */
export async function compositeQueries(
  org: SalesforceConnection,
  queries: readonly { key: string; soql: string }[]
): Promise<Map<string, RelatedAnswer>> {
  const answers = new Map<string, RelatedAnswer>()
  if (queries.length === 0) return answers
  if (queries.length > COMPOSITE_LIMIT) throw new Error(`at most ${COMPOSITE_LIMIT} queries in one composite request`)
  const raw = await org.request("POST", "/composite", {
    allOrNone: false,
    compositeRequest: queries.map((query) => ({
      method: "GET",
      url: `/services/data/v${org.apiVersion}/query?q=${encodeURIComponent(query.soql)}`,
      referenceId: query.key
    }))
  })
  const parsed = CompositeAnswer.safeParse(raw)
  if (!parsed.success) throw failure("server", "the composite answer is not a list of answers")
  for (const query of queries) {
    const sub = parsed.data.compositeResponse.find((r) => r.referenceId === query.key)
    if (sub === undefined) {
      answers.set(query.key, { ok: false, message: "Salesforce did not answer this query" })
      continue
    }
    if (sub.httpStatusCode < 200 || sub.httpStatusCode >= 300) {
      const error = classifyApiError(sub.httpStatusCode, sub.body)
      // The session, the org's allowance and the rate of requests are the whole org's, not this
      // query's: one of them fails the read (a 429 is not a field-mapping problem, issue 17).
      if (
        error.kind === "unauthorized" ||
        error.kind === "request_limit" ||
        error.kind === "rate_limited" ||
        error.kind === "unavailable"
      )
        throw new SalesforceError(error)
      answers.set(query.key, { ok: false, message: error.detail })
      continue
    }
    const result = QueryResult.safeParse(sub.body)
    if (!result.success) {
      answers.set(query.key, { ok: false, message: "the answer is not a list of records" })
      continue
    }
    const rows: Record<string, unknown>[] = [...result.data.records]
    if (!result.data.done && result.data.nextRecordsUrl !== undefined)
      rows.push(...(await org.more(result.data.nextRecordsUrl)))
    answers.set(query.key, { ok: true, rows })
  }
  return answers
}

// ── The Account record (UI API) ─────────────────────────────────────────────────────────────

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/

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
 * The UI API path for one Account with every mapped field as `optionalFields=Account.<Field>`:
 * a field that does not exist or the user may not read is left out of the answer instead of
 * failing the request (factsFromRecord reports it). Throws on an id or field name the schemas
 * should have refused (this path is sent with the session).
 */
export function recordPath(accountId: string, mapping: Record<MappableFact, string>): string {
  const id = toId18(accountId)
  if (id === undefined || !isAccountId(id)) throw new Error(`not a Salesforce Account id: ${accountId}`)
  const fields = mappedFields(mapping)
  const bad = fields.find((field) => !FIELD_NAME.test(field))
  if (bad !== undefined) throw new Error(`not a field API name: ${bad}`)
  // The resource needs at least one field; Id is always readable.
  const optional = (fields.length > 0 ? fields : ["Id"]).map((field) => `Account.${field}`).join(",")
  return `/ui-api/records/${id}?optionalFields=${optional}`
}

/** The full UI API URL of recordPath (checked like `connect` checks its target). */
export function recordUrl(
  apiHost: string,
  apiVersion: string,
  accountId: string,
  mapping: Record<MappableFact, string>
): string {
  if (!isMyDomainApiOrigin(apiHost)) throw new Error(`not a Salesforce My Domain origin: ${apiHost}`)
  if (!API_VERSION.test(apiVersion)) throw new Error(`not a Salesforce API version: ${apiVersion}`)
  return `${apiHost}/services/data/v${apiVersion}${recordPath(accountId, mapping)}`
}

export type SalesforceRead =
  | {
      ok: true
      facts: Partial<AccountFactsInput>
      /** The Account's SystemModstamp (ms), when the answer gave one: orders its values against manual entries. */
      stamp?: number
      /** Step keys an `[SOP <key>]` task in the org marks done. */
      done?: string[]
      /** Who created each step's task, on which day, and when (ms). */
      doneBy?: Record<string, { by: string; on: string; at: number }>
      /** Where each fact came from (`Account.MRR__c`, `Onboarding__c.LMS_Set_Up_Completed_Date__c (a0B…)`). */
      sources?: Record<string, string>
      problems: string[]
      /** The same problems by fact and field (issue 17: the cache keeps those facts' last good values). */
      fieldProblems?: FieldProblem[]
    }
  | { ok: false; status: ApiStatus }

export interface ReadOptions extends SalesforceClientDeps {
  storeId?: string
  pageOrigin?: string
  /** The CSM's time zone: datetimes become its dates. */
  timeZone?: string
}

/** The status for anything a read throws: a SalesforceError by its kind, a bug as `server`. */
export function statusOfThrown(error: unknown): ApiStatus {
  if (error instanceof SalesforceError) return apiStatusOf(error)
  return { state: "server", message: SALESFORCE_ERROR_MESSAGES.server, detail: clip(String(error), 1000) }
}

/** The Account fields to read: a fact mapped to a related record is not read from the Account. */
export function accountFieldMapping(salesforce: SalesforceSettings): Record<MappableFact, string> {
  const mapping = { ...salesforce.fieldMapping }
  for (const source of salesforce.related) mapping[source.fact] = ""
  return mapping
}

/** Requests one account view costs: the UI API record and one composite of the related queries. */
export const REQUESTS_PER_ACCOUNT_VIEW = 2

/**
 * Reads one Account with the CSM's own session: its mapped fields through the UI API and, in
 * parallel, its related records (newest Onboarding__c/Adoption__c, Cases, Contacts, SOP Tasks) in
 * one composite request — REQUESTS_PER_ACCOUNT_VIEW requests (more only if a related query pages).
 */
export async function readAccountFromSalesforce(
  apiHost: string,
  accountId: string,
  settings: TeamSettings,
  options: ReadOptions = {}
): Promise<SalesforceRead> {
  const { salesforce } = settings
  const mapping = accountFieldMapping(salesforce)
  const convert = options.timeZone ? { timeZone: options.timeZone } : {}
  try {
    const org = await connect(
      {
        apiHost,
        apiVersion: salesforce.apiVersion,
        ...(options.storeId === undefined ? {} : { storeId: options.storeId }),
        ...(options.pageOrigin === undefined ? {} : { pageOrigin: options.pageOrigin })
      },
      options
    )
    const queries = relatedQueries([accountId], salesforce)
    const [answer, related] = await Promise.all([
      org.request("GET", recordPath(accountId, mapping)),
      compositeQueries(org, queries)
    ])
    const record = parseUiApiRecord(answer)
    if (!record.ok) {
      return {
        ok: false,
        status: {
          state: "server",
          message: "Salesforce answered with something that is not an Account record.",
          detail: clip(record.errors.map((e) => `${e.path}: ${e.message}`).join("; "), 1000)
        }
      }
    }
    const own = factsFromRecord(record.value, mapping, convert)
    const more = factsFromRelated(accountId, queries, related, convert)
    const sources: Record<string, string> = {}
    for (const [fact, field] of Object.entries(own.sources)) sources[fact] = `Account.${field}`
    Object.assign(sources, more.sources)
    const stamp = stampOfRecord(record.value)
    return {
      ok: true,
      facts: { ...own.facts, ...more.facts },
      ...(stamp === undefined ? {} : { stamp }),
      done: more.done,
      doneBy: more.doneBy,
      sources,
      problems: [...own.problems, ...more.problems, ...more.notes].map((p) => `${p.fact} (${p.field}): ${p.message}`),
      fieldProblems: [...own.problems, ...more.problems]
    }
  } catch (error) {
    return { ok: false, status: statusOfThrown(error) }
  }
}
