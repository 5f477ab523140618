import { readFileSync } from "node:fs"

import { describe, expect, it } from "vitest"

import { AccountFacts } from "~/src/domain/facts"
import { DEFAULT_FIELD_MAPPING, type MappableFact } from "~/src/domain/settings"
import {
  classifyApiError,
  factsFromRecord,
  mappedFields,
  parseUiApiRecord,
  recordUrl,
  type UiApiAccountRecord
} from "~/src/hosts/salesforce/ui-api"

const ACME = "0015e00000AcmeQAAR"
const raw = JSON.parse(
  readFileSync(new URL("../../../fixtures/salesforce/2026-11-25-ui-api-account-acme.json", import.meta.url), "utf8")
) as Record<string, unknown>

function acme(): UiApiAccountRecord {
  const parsed = parseUiApiRecord(raw)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.value
}

/** A record with just these fields, for edge cases. */
function record(fields: Record<string, unknown>): UiApiAccountRecord {
  const parsed = parseUiApiRecord({
    apiName: "Account",
    id: ACME,
    fields: Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, { value, displayValue: null }]))
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.value
}

const ONLY = (mapping: Partial<Record<MappableFact, string>>): Record<MappableFact, string> =>
  Object.fromEntries(
    Object.keys(DEFAULT_FIELD_MAPPING).map((fact) => [fact, mapping[fact as MappableFact] ?? ""])
  ) as Record<MappableFact, string>

describe("parseUiApiRecord", () => {
  it("accepts the real response shape and drops what we do not use", () => {
    const record = acme()
    expect(record.id).toBe(ACME)
    expect(record.apiName).toBe("Account")
    expect(record).not.toHaveProperty("eTag")
    expect(record.fields.MRR__c).toEqual({ value: 1250, displayValue: "$1,250.00" })
  })

  it("normalises a 15-char id", () => {
    const parsed = parseUiApiRecord({ ...raw, id: "0015e00000AcmeQ" })
    expect(parsed.ok && parsed.value.id).toBe(ACME)
  })

  it.each([
    [{ ...raw, apiName: "Contact" }, "apiName"],
    [{ ...raw, id: "0035e00000CtctAAAR" }, "id"],
    [{ ...raw, id: "0015e00000AcmeQAAA" }, "id"],
    [{ ...raw, fields: undefined }, "fields"],
    [{ ...raw, fields: { Name: { displayValue: null } } }, "fields.Name.value"],
    [{ ...raw, fields: { Name: { value: ["a"], displayValue: null } } }, "fields.Name.value"]
  ])("refuses a malformed answer (%#) naming %s", (input, path) => {
    const parsed = parseUiApiRecord(input)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toContain(path)
  })

  it("refuses non-objects", () => {
    expect(parseUiApiRecord(null).ok).toBe(false)
    expect(parseUiApiRecord([]).ok).toBe(false)
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
          "Onboarding_Call_Scheduled_For__c",
          "Onboarding_Call_Completed_Date__c",
          "LMS_Set_Up_Completed_Date__c",
          "Onboarding_Completed_Date__c",
          "Adoption_30_Day_Meeting_Date__c",
          "Adoption_90_Day_Meeting_Date__c",
          "Cancellation_Requested_Date__c",
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

describe("factsFromRecord with the default mapping", () => {
  const result = factsFromRecord(acme(), DEFAULT_FIELD_MAPPING)

  it("converts every kind of field", () => {
    expect(result.facts).toEqual({
      name: "Acme Health",
      website: "https://acmehealth.example",
      mrr: 1250,
      users: 120,
      products: ["learning", "compliance", "credentialing_software", "credentialing_service"],
      serviceLevel: "premium",
      package: "standard",
      assignedOn: "2026-03-02",
      onboardingCallScheduledFor: "2026-03-05",
      onboardingCallCompletedOn: "2026-03-05",
      lmsSetupCompletedOn: "2026-03-10",
      onboardingCompletedOn: "2026-03-16",
      adoption30MeetingOn: "2026-04-14"
    })
  })

  it("names the field behind each fact", () => {
    expect(result.sources).toMatchObject({
      name: "Name",
      mrr: "MRR__c",
      onboardingCallScheduledFor: "Onboarding_Call_Scheduled_For__c"
    })
    expect(Object.keys(result.sources).sort()).toEqual(Object.keys(result.facts).sort())
  })

  it("leaves null fields out silently and reports a field missing from the answer", () => {
    expect(result.facts).not.toHaveProperty("adoption90MeetingOn")
    expect(result.facts).not.toHaveProperty("cancellationRequestedOn")
    expect(result.problems).toEqual([
      {
        fact: "pastDueSince",
        field: "Past_Due_Since__c",
        message: expect.stringMatching(/not in Salesforce's answer/) as unknown as string
      }
    ])
  })

  it("notes the date-time read as a date", () => {
    expect(result.notes).toEqual([
      {
        fact: "onboardingCallScheduledFor",
        field: "Onboarding_Call_Scheduled_For__c",
        message: expect.stringContaining("2026-03-05") as unknown as string
      }
    ])
  })

  it("gives facts the domain schema accepts", () => {
    expect(AccountFacts.safeParse({ id: ACME, ...result.facts }).success).toBe(true)
  })
})

describe("factsFromRecord edge cases", () => {
  const one = (fact: MappableFact, value: unknown) => factsFromRecord(record({ F__c: value }), ONLY({ [fact]: "F__c" }))

  it.each([
    ["products", "learning;COMPLIANCE", ["learning", "compliance"]],
    ["products", " Learning ; Learning ;Credentialing-Software", ["learning", "credentialing_software"]],
    ["products", "", []],
    ["serviceLevel", "Basic", "basic"],
    ["serviceLevel", "standard", "standard"],
    ["package", "SMB Starter", "smb"],
    ["package", "smb starter", "smb"],
    ["package", "SMB", "smb"],
    ["package", "Enterprise", "standard"],
    ["package", "Standard", "standard"],
    ["mrr", 499.5, 499.5],
    ["mrr", 0, 0],
    ["mrr", "1200.50", 1200.5],
    ["users", 50, 50],
    ["users", "50", 50],
    ["assignedOn", "2026-02-28", "2026-02-28"],
    ["assignedOn", "2026-03-05T17:00:00.000Z", "2026-03-05"],
    ["assignedOn", "2026-03-05T17:00:00.000+0000", "2026-03-05"],
    ["name", "  Acme  ", "Acme"],
    ["website", "acmehealth.example", "acmehealth.example"]
  ] as const)("%s: %j → %j", (fact, value, expected) => {
    const { facts, problems } = one(fact, value)
    expect(problems).toEqual([])
    expect(facts[fact]).toEqual(expected)
  })

  it.each([
    ["products", "Learning;Widgets;Payroll", ["learning"], 2],
    ["products", "Widgets", undefined, 1],
    ["products", 3, undefined, 1],
    ["serviceLevel", "Gold", undefined, 1],
    ["package", true, undefined, 1],
    ["mrr", "$1,200", undefined, 1],
    ["mrr", -5, undefined, 1],
    ["mrr", "abc", undefined, 1],
    ["users", 12.5, undefined, 1],
    ["users", -1, undefined, 1],
    ["assignedOn", "3/5/2026", undefined, 1],
    ["assignedOn", "2026-02-30", undefined, 1],
    ["assignedOn", "2026-02-30T10:00:00Z", undefined, 1],
    ["assignedOn", 20260305, undefined, 1],
    ["name", 42, undefined, 1],
    ["name", "x".repeat(256), undefined, 1],
    ["website", { apiName: "Website__x", fields: {} }, undefined, 1]
  ] as const)("%s: %j → %j with %i problem(s)", (fact, value, expected, count) => {
    const { facts, problems, sources } = one(fact, value)
    expect(facts[fact]).toEqual(expected)
    expect(problems).toHaveLength(count)
    expect(problems.every((p) => p.fact === fact && p.field === "F__c" && p.message.length > 0)).toBe(true)
    expect(sources[fact]).toBe(expected === undefined ? undefined : "F__c")
  })

  it("treats an empty text field as absent", () => {
    expect(one("website", "  ")).toEqual({ facts: {}, sources: {}, problems: [], notes: [] })
  })

  it("ignores unmapped facts and extra fields", () => {
    expect(factsFromRecord(record({ Name: "Acme", Other__c: 5 }), ONLY({}))).toEqual({
      facts: {},
      sources: {},
      problems: [],
      notes: []
    })
  })

  it("finds a field mapped in another case", () => {
    const { facts, sources } = factsFromRecord(record({ MRR__c: 700 }), ONLY({ mrr: "mrr__C" }))
    expect(facts.mrr).toBe(700)
    expect(sources.mrr).toBe("mrr__C")
  })

  it("quotes at most 40 characters of a bad value", () => {
    const { problems } = one("mrr", "y".repeat(100))
    expect(problems[0]?.message.length).toBeLessThan(80)
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
    [400, [{ errorCode: "INVALID_FIELD", message: "No such column 'MRR__c' on entity 'Account'." }], "bad_request"],
    [500, [{ errorCode: "UNKNOWN_EXCEPTION", message: "An unexpected error occurred." }], "server"],
    [503, "<html><body>Service Unavailable</body></html>", "server"]
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

  it("says when the API limit is used up", () => {
    const error = classifyApiError(403, [
      { errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }
    ])
    expect(error.kind).toBe("forbidden")
    expect(error.message).toMatch(/API requests/)
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
