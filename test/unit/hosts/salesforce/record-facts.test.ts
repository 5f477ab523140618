import { readFileSync } from "node:fs"

import { describe, expect, it } from "vitest"

import { AccountFacts } from "~/src/domain/facts"
import { DEFAULT_FIELD_MAPPING, type MappableFact } from "~/src/domain/settings"
import { factsFromRecord, parseUiApiRecord, type UiApiAccountRecord } from "~/src/hosts/salesforce/record-facts"

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

/** An org that keeps the onboarding and adoption dates on the Account itself (the fixture's). */
const DATES_ON_ACCOUNT: Record<MappableFact, string> = {
  ...DEFAULT_FIELD_MAPPING,
  onboardingCallScheduledFor: "Onboarding_Call_Scheduled_For__c",
  onboardingCallCompletedOn: "Onboarding_Call_Completed_Date__c",
  lmsSetupCompletedOn: "LMS_Set_Up_Completed_Date__c",
  onboardingCompletedOn: "Onboarding_Completed_Date__c",
  adoption30MeetingOn: "Adoption_30_Day_Meeting_Date__c",
  adoption90MeetingOn: "Adoption_90_Day_Meeting_Date__c",
  cancellationRequestedOn: "Cancellation_Requested_Date__c"
}

describe("factsFromRecord with the dates on the Account", () => {
  const result = factsFromRecord(acme(), DATES_ON_ACCOUNT)

  it("converts every kind of field", () => {
    expect(result.facts).toEqual({
      name: "Acme Health",
      website: "https://acmehealth.example",
      mrr: 1250,
      users: 120,
      products: ["learning", "compliance", "credentialing_software", "credentialing_service"],
      serviceLevel: "premium",
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

  it("leaves null fields out silently and reports an unknown package and a field missing from the answer", () => {
    expect(result.facts).not.toHaveProperty("adoption90MeetingOn")
    expect(result.facts).not.toHaveProperty("cancellationRequestedOn")
    expect(result.problems).toEqual([
      {
        fact: "package",
        field: "Package__c",
        message: 'unknown package "Enterprise" (expected SMB Starter or Standard)'
      },
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
    ["package", "Enterprise", undefined, 1],
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

describe("values as Salesforce gives them", () => {
  const with_ = (fact: MappableFact, value: unknown, timeZone?: string) =>
    factsFromRecord(record({ F__c: value }), ONLY({ [fact]: "F__c" }), timeZone ? { timeZone } : {})

  it("dates a datetime by the CSM's own day: late evening in Los Angeles is the next day in UTC", () => {
    const late = "2026-11-21T03:30:00.000+0000"
    expect(with_("failedToOnboardCaseOpenedOn", late, "America/Los_Angeles").facts.failedToOnboardCaseOpenedOn).toBe(
      "2026-11-20"
    )
    expect(with_("failedToOnboardCaseOpenedOn", late, "Europe/Berlin").facts.failedToOnboardCaseOpenedOn).toBe(
      "2026-11-21"
    )
    expect(with_("failedToOnboardCaseOpenedOn", late).facts.failedToOnboardCaseOpenedOn).toBe("2026-11-21")
    expect(with_("assignedOn", "2026-11-21T03:30:00+05:30", "UTC").facts.assignedOn).toBe("2026-11-20")
  })

  it("reports a time zone the runtime does not know instead of guessing", () => {
    const { facts, problems } = with_("assignedOn", "2026-11-21T03:30:00.000+0000", "Mars/Olympus_Mons")
    expect(facts.assignedOn).toBeUndefined()
    expect(problems[0]?.message).toMatch(/time zone/)
  })

  it("decodes HTML-escaped UI API text once, and keeps an entity's spelling that was really typed", () => {
    expect(with_("name", "Grand Hotels &amp; Resorts Ltd").facts.name).toBe("Grand Hotels & Resorts Ltd")
    expect(with_("name", "O&#39;Brien &lt;Dental&gt; &quot;Group&quot;").facts.name).toBe('O\'Brien <Dental> "Group"')
    expect(with_("name", "Tom &amp;amp; Jerry").facts.name).toBe("Tom &amp; Jerry")
    expect(with_("name", "Fish &chips; &#0; &#xD800;").facts.name).toBe("Fish &chips; &#0; &#xD800;")
    expect(with_("products", "Learning;Credentialing Software").facts.products).toEqual([
      "learning",
      "credentialing_software"
    ])
  })

  it("reports a package the mapping does not know rather than taking it as standard", () => {
    const { facts, problems } = with_("package", "Enterprise")
    expect(facts.package).toBeUndefined()
    expect(problems).toEqual([{ fact: "package", field: "F__c", message: expect.stringContaining('"Enterprise"') }])
  })
})
