import { describe, expect, it } from "vitest"

import {
  apiStatusOf,
  classifyApiError,
  connect,
  mappedFields,
  orgIdOfSession,
  readAccountFromSalesforce,
  recordUrl,
  RETRY_DELAYS_MS,
  SALESFORCE_ERROR_KINDS,
  SalesforceError,
  withoutQueryEcho,
  type CookieReader
} from "~/src/background/salesforce"
import { DEFAULT_FIELD_MAPPING, DEFAULT_SETTINGS, type MappableFact } from "~/src/domain/settings"

const ACME = "0015e00000AcmeQAAR"
const API = "https://acme.my.salesforce.com"
const PAGE = "https://acme.lightning.force.com"
const SID = "00Dxx0000001gEREAY!AQ4AQH0dMHZfz972Szy4jGDy"

const ONLY = (mapping: Partial<Record<MappableFact, string>>): Record<MappableFact, string> =>
  Object.fromEntries(
    Object.keys(DEFAULT_FIELD_MAPPING).map((fact) => [fact, mapping[fact as MappableFact] ?? ""])
  ) as Record<MappableFact, string>

interface Sent {
  url: string
  init: RequestInit
}

/** A fetch that answers from a list, one per request, and records what was sent. */
function fakeFetch(answers: (Response | Error)[]) {
  const sent: Sent[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init })
    const next = answers.shift()
    if (next === undefined) throw new Error(`no answer left for ${url}`)
    if (next instanceof Error) throw next
    return next
  }) as unknown as typeof globalThis.fetch
  return { fetch, sent }
}

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers }
  })

/** Cookie jars by store: `{ "0": { [url]: sid } }`. */
function jar(stores: Record<string, Record<string, string>>) {
  const asked: { url: string; storeId?: string }[] = []
  const cookies: CookieReader = async ({ url, storeId }) => {
    asked.push(storeId === undefined ? { url } : { url, storeId })
    const value = stores[storeId ?? "0"]?.[url]
    return value === undefined ? null : { value }
  }
  return { cookies, asked }
}

const noSleep = async () => undefined

describe("the error kinds", () => {
  it("are the union the views' status is made from, each with words for the CSM", () => {
    expect(SALESFORCE_ERROR_KINDS).toEqual(
      expect.arrayContaining(["unauthorized", "invalid_field", "malformed_query", "request_limit", "record_error"])
    )
    for (const kind of SALESFORCE_ERROR_KINDS) {
      const status = apiStatusOf({ kind, message: "m", detail: "d", errorCodes: [] })
      expect(status.message).toBe("m")
    }
  })
})

describe("orgIdOfSession", () => {
  it.each([
    [SID, "00Dxx0000001gER"],
    ["00Dxx0000001gER!abc", "00Dxx0000001gER"],
    ["s3ss10n", undefined],
    ["005xx0000001gEREAY!abc", undefined],
    ["00Dxx0000001gEREAY", undefined],
    ["!00Dxx0000001gEREAY", undefined]
  ])("%s → %s", (sid, org) => expect(orgIdOfSession(sid)).toBe(org))
})

describe("connect and request", () => {
  it("sends the session of the asking tab's cookie store as Bearer, without cookies, refusing redirects", async () => {
    const { cookies, asked } = jar({ "0": { [API]: "00Dxx0000001gEREAY!default" }, "1": { [API]: SID } })
    const { fetch, sent } = fakeFetch([answer(200, { ok: 1 })])
    const org = await connect({ apiHost: API, apiVersion: "62.0", storeId: "1" }, { cookies, fetch })
    expect(org.orgId).toBe("00Dxx0000001gER")
    expect(await org.request("GET", "/limits")).toEqual({ ok: 1 })
    expect(asked).toEqual([{ url: API, storeId: "1" }])
    expect(sent).toHaveLength(1)
    expect(sent[0]?.url).toBe(`${API}/services/data/v62.0/limits`)
    expect(sent[0]?.init).toMatchObject({
      method: "GET",
      credentials: "omit",
      redirect: "error",
      headers: { Authorization: `Bearer ${SID}` }
    })
  })

  it("uses the API version from settings", async () => {
    const { cookies } = jar({ "0": { [API]: SID } })
    const { fetch, sent } = fakeFetch([answer(200, {})])
    const settings = { ...DEFAULT_SETTINGS, salesforce: { ...DEFAULT_SETTINGS.salesforce, apiVersion: "60.0" } }
    await readAccountFromSalesforce(API, ACME, settings, { cookies, fetch })
    expect(sent[0]?.url).toMatch(/^https:\/\/acme\.my\.salesforce\.com\/services\/data\/v60\.0\/ui-api\/records\//)
  })

  it("names a missing or unusable session without sending anything", async () => {
    const { fetch, sent } = fakeFetch([])
    const jars: Record<string, Record<string, string>>[] = [
      {},
      { "0": { [API]: "" } },
      { "0": { [API]: "not-a-session" } }
    ]
    for (const stores of jars) {
      await expect(
        connect({ apiHost: API, apiVersion: "62.0" }, { cookies: jar(stores).cookies, fetch })
      ).rejects.toMatchObject({
        kind: "no_session"
      })
    }
    expect(sent).toEqual([])
  })

  it("refuses a session of another org than the page's", async () => {
    const { cookies } = jar({ "0": { [API]: SID, [PAGE]: "00Dxx0000009OTHERA!page" } })
    await expect(
      connect({ apiHost: API, apiVersion: "62.0", pageOrigin: PAGE }, { cookies, fetch: fakeFetch([]).fetch })
    ).rejects.toMatchObject({ kind: "wrong_org" })
    const same = jar({ "0": { [API]: SID, [PAGE]: "00Dxx0000001gER!page" } })
    await expect(
      connect({ apiHost: API, apiVersion: "62.0", pageOrigin: PAGE }, { cookies: same.cookies })
    ).resolves.toMatchObject({ orgId: "00Dxx0000001gER" })
  })

  it.each([
    ["https://evil.example", "62.0"],
    ["https://acme.lightning.force.com", "62.0"],
    [API, "v62"],
    [API, "62.0/../../x"]
  ])("refuses the target %s %s before reading the session", async (apiHost, apiVersion) => {
    const { cookies, asked } = jar({ "0": { [API]: SID } })
    await expect(connect({ apiHost, apiVersion }, { cookies })).rejects.toMatchObject({ kind: "bad_request" })
    expect(asked).toEqual([])
  })

  it.each([
    [401, [{ errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }], "unauthorized"],
    [403, [{ errorCode: "INSUFFICIENT_ACCESS", message: "no" }], "forbidden"],
    [403, [{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }], "request_limit"],
    [404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], "not_found"],
    [400, [{ errorCode: "INVALID_FIELD", message: "No such column 'X__c' on entity 'Account'." }], "invalid_field"],
    [400, [{ errorCode: "MALFORMED_QUERY", message: "unexpected token" }], "malformed_query"],
    [500, [{ errorCode: "UNKNOWN_EXCEPTION", message: "An unexpected error occurred." }], "server"]
  ] as const)("throws a named error for %i (%#)", async (status, body, kind) => {
    const { cookies } = jar({ "0": { [API]: SID } })
    const org = await connect(
      { apiHost: API, apiVersion: "62.0" },
      { cookies, fetch: fakeFetch([answer(status, body)]).fetch }
    )
    const error = await org.request("GET", "/x").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SalesforceError)
    expect(error).toMatchObject({ kind, status })
  })

  it("retries 429 and 503 with a bounded backoff, honouring Retry-After up to 5 s", async () => {
    const { cookies } = jar({ "0": { [API]: SID } })
    const slept: number[] = []
    const sleep = async (ms: number) => void slept.push(ms)
    const busy = fakeFetch([
      answer(503, "Service Unavailable"),
      answer(429, [], { "retry-after": "2" }),
      answer(200, { ok: 1 })
    ])
    const org = await connect({ apiHost: API, apiVersion: "62.0" }, { cookies, fetch: busy.fetch, sleep })
    expect(await org.request("GET", "/x")).toEqual({ ok: 1 })
    expect(slept).toEqual([RETRY_DELAYS_MS[0], 2000])

    slept.length = 0
    const down = fakeFetch([answer(503, ""), answer(503, ""), answer(503, ""), answer(200, {})])
    const counted: string[] = []
    const again = await connect(
      { apiHost: API, apiVersion: "62.0" },
      { cookies, fetch: down.fetch, sleep, onRequest: (_m, url) => counted.push(url) }
    )
    await expect(again.request("GET", "/x")).rejects.toMatchObject({ kind: "unavailable", status: 503 })
    expect(down.sent).toHaveLength(1 + RETRY_DELAYS_MS.length)
    expect(counted).toHaveLength(1 + RETRY_DELAYS_MS.length)
    const huge = fakeFetch([answer(429, [], { "retry-after": "3600" }), answer(200, {})])
    slept.length = 0
    await (
      await connect({ apiHost: API, apiVersion: "62.0" }, { cookies, fetch: huge.fetch, sleep })
    ).request("GET", "/x")
    expect(slept).toEqual([5000])
  })

  it("names a request that got no answer, and an answer that is not JSON", async () => {
    const { cookies } = jar({ "0": { [API]: SID } })
    const { fetch } = fakeFetch([new TypeError("Failed to fetch"), answer(200, "<html>login</html>")])
    const org = await connect({ apiHost: API, apiVersion: "62.0" }, { cookies, fetch, sleep: noSleep })
    await expect(org.request("GET", "/x")).rejects.toMatchObject({ kind: "network" })
    await expect(org.request("GET", "/x")).rejects.toMatchObject({ kind: "server" })
  })

  it("bounds each request: no answer within timeoutMs fails as `timeout`, said in the CSM's words (issue 17)", async () => {
    const { cookies } = jar({ "0": { [API]: SID } })
    const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))
      )) as typeof fetch
    const org = await connect(
      { apiHost: API, apiVersion: "62.0" },
      { cookies, fetch: hanging, sleep: noSleep, timeoutMs: 20 }
    )
    const error = await org.request("GET", "/x").catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: "timeout", detail: "no answer within 0.02 s" })
    expect(apiStatusOf(error as SalesforceError)).toMatchObject({
      state: "timeout",
      message: "Salesforce did not answer in time. Read Salesforce again to retry."
    })
  })

  it("reads the UI API's RecordError write error with its field errors", async () => {
    const body = {
      enhancedErrorType: "RecordError",
      message: "An error occurred while trying to update the record. Please try again.",
      output: {
        errors: [],
        fieldErrors: {
          Onboarding_Completed_Date__c: [
            {
              constituentField: null,
              duplicateRecordError: null,
              errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
              field: "Onboarding_Completed_Date__c",
              fieldLabel: "Onboarding Completed Date",
              message: "Cannot be in the future"
            }
          ]
        }
      }
    }
    const error = classifyApiError(400, body)
    expect(error).toMatchObject({
      kind: "record_error",
      errorCodes: ["FIELD_CUSTOM_VALIDATION_EXCEPTION"],
      fieldErrors: { Onboarding_Completed_Date__c: ["Cannot be in the future"] }
    })
    expect(error.detail).toContain("Onboarding_Completed_Date__c: Cannot be in the future")
  })
})

describe("query", () => {
  const page = (records: unknown[], next?: string) => ({
    totalSize: 3,
    done: next === undefined,
    ...(next === undefined ? {} : { nextRecordsUrl: next }),
    records
  })
  const row = (id: string) => ({
    attributes: { type: "Account", url: `/services/data/v62.0/sobjects/Account/${id}` },
    Id: id
  })

  it("follows nextRecordsUrl to the last page", async () => {
    const { cookies } = jar({ "0": { [API]: SID } })
    const { fetch, sent } = fakeFetch([
      answer(200, page([row("001A"), row("001B")], "/services/data/v62.0/query/01gxx0000000001AAA-2000")),
      answer(200, page([row("001C")]))
    ])
    const org = await connect({ apiHost: API, apiVersion: "62.0" }, { cookies, fetch })
    const rows = await org.query("SELECT Id FROM Account WHERE Name = 'O\\'Brien'")
    expect(rows.map((r) => r.Id)).toEqual(["001A", "001B", "001C"])
    expect(sent.map((s) => s.url)).toEqual([
      `${API}/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Account%20WHERE%20Name%20%3D%20'O%5C'Brien'`,
      `${API}/services/data/v62.0/query/01gxx0000000001AAA-2000`
    ])
  })

  it("never follows a nextRecordsUrl to anywhere else, nor an answer that is not a query result", async () => {
    const { cookies } = jar({ "0": { [API]: SID } })
    for (const next of [
      "https://evil.example/x",
      "//evil.example/services/data/v62.0/query/01g-2000",
      "/services/data/v62.0/sobjects/User"
    ]) {
      const { fetch, sent } = fakeFetch([answer(200, page([row("001A")], next))])
      const org = await connect({ apiHost: API, apiVersion: "62.0" }, { cookies, fetch })
      await expect(org.query("SELECT Id FROM Account")).rejects.toMatchObject({ kind: "server" })
      expect(sent).toHaveLength(1)
    }
    const { fetch } = fakeFetch([answer(200, { records: "nope" })])
    const org = await connect({ apiHost: API, apiVersion: "62.0" }, { cookies, fetch })
    await expect(org.query("SELECT Id FROM Account")).rejects.toMatchObject({ kind: "server" })
  })
})

describe("readAccountFromSalesforce", () => {
  it("reads the record with the tab's store and the CSM's time zone, and names failures as a status", async () => {
    const { cookies } = jar({ "1": { [API]: SID } })
    const record = {
      apiName: "Account",
      id: ACME,
      fields: {
        Name: { value: "Grand Hotels &amp; Resorts Ltd", displayValue: null },
        CSM_Assigned_Date__c: { value: "2026-11-21T03:30:00.000+0000", displayValue: null }
      }
    }
    const expiredBody = [{ errorCode: "INVALID_SESSION_ID", message: "x" }]
    // The record and the composite of related queries go out together.
    const { fetch, sent } = fakeFetch([
      answer(200, record),
      answer(200, { compositeResponse: [] }),
      answer(401, expiredBody),
      answer(401, expiredBody)
    ])
    const read = await readAccountFromSalesforce(API, ACME, DEFAULT_SETTINGS, {
      cookies,
      fetch,
      storeId: "1",
      timeZone: "America/Los_Angeles"
    })
    expect(read).toMatchObject({ ok: true, facts: { name: "Grand Hotels & Resorts Ltd", assignedOn: "2026-11-20" } })
    expect(sent.map((s) => s.init.method)).toEqual(["GET", "POST"])
    // Related queries Salesforce did not answer are problems, not a failed read.
    expect(read.ok && read.problems.some((p) => p.includes("Onboarding__c"))).toBe(true)
    const expired = await readAccountFromSalesforce(API, ACME, DEFAULT_SETTINGS, { cookies, fetch, storeId: "1" })
    expect(expired).toMatchObject({ ok: false, status: { state: "unauthorized" } })
    const none = await readAccountFromSalesforce(API, ACME, DEFAULT_SETTINGS, { cookies, fetch })
    expect(none).toMatchObject({ ok: false, status: { state: "no_session" } })
  })
})

describe("recordUrl", () => {
  it("asks for every mapped field as an optional Account field", () => {
    const url = recordUrl("https://acme.my.salesforce.com", "62.0", ACME, DEFAULT_FIELD_MAPPING)
    expect(url).toBe(
      "https://acme.my.salesforce.com/services/data/v62.0/ui-api/records/0015e00000AcmeQAAR?optionalFields=" +
        [
          "Name",
          "Website",
          "MRR__c",
          "Contracted_Users__c",
          "Products__c",
          "Service_Level__c",
          "Package__c",
          "CSM_Assigned_Date__c",
          "Past_Due_Since__c"
        ]
          .map((field) => `Account.${field}`)
          .join(",")
    )
  })

  it("skips unmapped facts, lists a shared field once, and normalises the id", () => {
    const url = recordUrl(
      "https://acme--uat.sandbox.my.salesforce.com",
      "60.0",
      "0015e00000AcmeQ",
      ONLY({ name: "Name", assignedOn: "Start__c", onboardingCompletedOn: "start__c" })
    )
    expect(url).toBe(
      "https://acme--uat.sandbox.my.salesforce.com/services/data/v60.0/ui-api/records/0015e00000AcmeQAAR?optionalFields=Account.Name,Account.Start__c"
    )
  })

  it("asks for the Id when nothing is mapped", () => {
    expect(recordUrl("https://acme.my.salesforce.com", "62.0", ACME, ONLY({}))).toMatch(/\?optionalFields=Account\.Id$/)
    expect(mappedFields(ONLY({}))).toEqual([])
  })

  it.each([
    ["https://acme.lightning.force.com", "62.0", ACME, DEFAULT_FIELD_MAPPING],
    ["https://evil.example", "62.0", ACME, DEFAULT_FIELD_MAPPING],
    ["http://acme.my.salesforce.com", "62.0", ACME, DEFAULT_FIELD_MAPPING],
    ["https://acme.my.salesforce.com/", "62.0", ACME, DEFAULT_FIELD_MAPPING],
    ["https://acme.my.salesforce.com", "v62", ACME, DEFAULT_FIELD_MAPPING],
    ["https://acme.my.salesforce.com", "62.0", "0035e00000CtctAAAR", DEFAULT_FIELD_MAPPING],
    ["https://acme.my.salesforce.com", "62.0", "../../sobjects", DEFAULT_FIELD_MAPPING],
    ["https://acme.my.salesforce.com", "62.0", ACME, ONLY({ name: "Name&fields=Owner.Email" })]
  ])("refuses %s %s %s (%#)", (host, version, id, mapping) => {
    expect(() => recordUrl(host, version, id, mapping)).toThrow()
  })
})

describe("classifyApiError", () => {
  const session = [{ errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }]

  it("names an expired session", () => {
    expect(classifyApiError(401, session)).toEqual({
      kind: "unauthorized",
      status: 401,
      message: expect.stringMatching(/session/i) as unknown as string,
      detail: "INVALID_SESSION_ID: Session expired or invalid",
      errorCodes: ["INVALID_SESSION_ID"]
    })
  })

  it("reads the body as text too", () => {
    expect(classifyApiError(401, JSON.stringify(session)).detail).toBe("INVALID_SESSION_ID: Session expired or invalid")
  })

  it("treats INVALID_SESSION_ID as unauthorized whatever the status", () => {
    expect(classifyApiError(400, session).kind).toBe("unauthorized")
  })

  it.each([
    [403, [{ errorCode: "INSUFFICIENT_ACCESS", message: "insufficient access rights on object id" }], "forbidden"],
    [
      403,
      [{ errorCode: "API_DISABLED_FOR_ORG", message: "API is not enabled for this Organization or Partner" }],
      "forbidden"
    ],
    [404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], "not_found"],
    [404, { errorCode: "ENTITY_IS_DELETED", message: "entity is deleted" }, "not_found"],
    [400, [{ errorCode: "INVALID_FIELD", message: "No such column 'MRR__c' on entity 'Account'." }], "invalid_field"],
    [400, [{ errorCode: "MALFORMED_QUERY", message: "unexpected token: 'FROM'" }], "malformed_query"],
    [400, [{ errorCode: "INVALID_QUERY_FILTER_OPERATOR", message: "invalid operator" }], "bad_request"],
    [429, [], "rate_limited"],
    [500, [{ errorCode: "UNKNOWN_EXCEPTION", message: "An unexpected error occurred." }], "server"],
    [503, "<html><body>Service Unavailable</body></html>", "unavailable"]
  ] as const)("%i → %s", (status, body, kind) => {
    const error = classifyApiError(status, body)
    expect(error.kind).toBe(kind)
    expect(error.status).toBe(status)
    expect(error.message.length).toBeGreaterThan(20)
  })

  it("joins several errors as errorCode: message", () => {
    const error = classifyApiError(400, [
      { errorCode: "INVALID_FIELD", message: "No such column 'A__c'" },
      { errorCode: "INVALID_FIELD", message: "No such column 'B__c'" }
    ])
    expect(error.detail).toBe("INVALID_FIELD: No such column 'A__c'; INVALID_FIELD: No such column 'B__c'")
  })

  it("keeps the sentence naming the field, not the query Salesforce echoes before it", () => {
    // The shape of Salesforce's answer to a query naming a field the user cannot see.
    const select = `SELECT Id, Name, ${Array.from({ length: 30 }, (_, i) => `Field_${i}__c`).join(", ")}, MRR__c FROM Account`
    const message = `\n${select}\n${" ".repeat(select.indexOf("MRR__c"))}^\nERROR at Row:1:Column:${select.indexOf("MRR__c") + 1}\nNo such column 'MRR__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
    expect(message.length).toBeGreaterThan(600)
    const error = classifyApiError(400, [{ errorCode: "INVALID_FIELD", message }])
    expect(error.kind).toBe("invalid_field")
    expect(error.detail).toMatch(/^INVALID_FIELD: No such column 'MRR__c' on entity 'Account'\. /)
    expect(error.detail).not.toContain("SELECT")
    expect(withoutQueryEcho("No such column 'A__c'")).toBe("No such column 'A__c'")
  })

  it("says when the API limit is used up", () => {
    const error = classifyApiError(403, [
      { errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }
    ])
    expect(error.kind).toBe("request_limit")
    expect(error.message).toMatch(/API requests/)
    expect(apiStatusOf(error).state).toBe("request_limit")
  })

  it("falls back to the HTTP status for a body it cannot read", () => {
    expect(classifyApiError(502, "Bad Gateway").detail).toBe("HTTP 502")
    expect(classifyApiError(500, null).detail).toBe("HTTP 500")
    expect(classifyApiError(500, [{ nope: 1 }]).errorCodes).toEqual([])
  })

  it("names a request that never got an answer", () => {
    for (const status of [undefined, 0]) {
      const error = classifyApiError(status, new TypeError("Failed to fetch"))
      expect(error).toEqual({
        kind: "network",
        message: expect.stringMatching(/reach Salesforce/) as unknown as string,
        detail: "no answer from Salesforce",
        errorCodes: []
      })
    }
  })

  it("clips a huge error message", () => {
    expect(classifyApiError(400, [{ errorCode: "X", message: "m".repeat(5000) }]).detail.length).toBeLessThanOrEqual(
      1000
    )
  })
})
