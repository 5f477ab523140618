import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS, TeamSettings } from "~/src/domain/settings"
import {
  factsFromRelated,
  IN_BATCH,
  relatedQueries,
  stepKeyOfTaskSubject,
  type RelatedAnswer
} from "~/src/hosts/salesforce/related-facts"

const ACME = "0015e00000AcmeQAAR"
const GLOBEX = "0015e00000GlbxZAAR"
const sf = DEFAULT_SETTINGS.salesforce

describe("relatedQueries with the SOPs' default mapping", () => {
  const queries = relatedQueries([ACME], sf)

  it("asks one flat query per object and filter: onboarding, adoption, two kinds of case, contacts, SOP tasks", () => {
    expect(queries.map((q) => [q.kind, q.object])).toEqual([
      ["newest", "Onboarding__c"],
      ["newest", "Adoption__c"],
      ["newest", "Case"],
      ["newest", "Case"],
      ["contacts", "Contact"],
      ["tasks", "Task"]
    ])
    expect(queries[0]?.soql).toBe(
      "SELECT Id, Account__c, CreatedDate, Onboarding_Call_Scheduled_For__c, Onboarding_Call_Completed_Date__c, LMS_Set_Up_Completed_Date__c, Onboarding_Completed_Date__c, Unresponsive_Since__c FROM Onboarding__c WHERE Account__c = '0015e00000AcmeQAAR' ORDER BY CreatedDate DESC, Id DESC LIMIT 1"
    )
    expect(queries[2]?.soql).toBe(
      "SELECT Id, AccountId, CreatedDate FROM Case WHERE (AccountId = '0015e00000AcmeQAAR' AND Type = 'Failed to OB') ORDER BY CreatedDate DESC, Id DESC LIMIT 1"
    )
    expect(queries[3]?.soql).toBe(
      "SELECT Id, AccountId, CreatedDate FROM Case WHERE (AccountId = '0015e00000AcmeQAAR' AND Subject LIKE 'Cancelation Request%' AND IsClosed = false) ORDER BY CreatedDate DESC, Id DESC LIMIT 1"
    )
    expect(queries[4]?.soql).toBe(
      "SELECT Id, AccountId, Email FROM Contact WHERE (AccountId = '0015e00000AcmeQAAR' AND Email != null) ORDER BY Id ASC"
    )
    expect(queries[5]?.soql).toBe(
      "SELECT Id, WhatId, Subject, CreatedDate, CreatedBy.Name FROM Task WHERE (WhatId = '0015e00000AcmeQAAR' AND Subject LIKE '[SOP %') ORDER BY Id ASC"
    )
  })

  it("asks a batch with IN (…) and no LIMIT, at most 200 ids", () => {
    const batch = relatedQueries([ACME, GLOBEX.slice(0, 15)], sf)
    expect(batch[0]?.soql).toContain("WHERE Account__c IN ('0015e00000AcmeQAAR', '0015e00000GlbxZAAR') ORDER BY")
    expect(batch[0]?.soql).not.toContain("LIMIT")
    const many = Array.from({ length: IN_BATCH + 1 }, () => ACME)
    expect(() => relatedQueries(many, sf)).toThrow(/at most 200/)
  })

  it.each(["001' OR Name != '", "0035e00000CtctAAAR", "0015e00000AcmeQAAR' --", ""])("refuses the id %j", (id) => {
    expect(() => relatedQueries([id], sf)).toThrow()
  })
})

describe("hostile settings never reach a query as text", () => {
  it("refuses names that are not API names, naming the path", () => {
    const parsed = TeamSettings.safeParse({
      salesforce: {
        related: [
          { fact: "assignedOn", object: "Case WHERE Id != null", field: "CreatedDate", relationship: "AccountId" },
          { fact: "mrr", object: "Case", field: "Id, (SELECT Id FROM Contacts)", relationship: "AccountId" },
          {
            fact: "pastDueSince",
            object: "Case",
            field: "CreatedDate",
            relationship: "AccountId",
            filters: [{ field: "Type = 'x' OR Id", op: "equals", value: "x" }]
          },
          {
            fact: "users",
            object: "Case",
            field: "CreatedDate",
            relationship: "AccountId",
            filters: [{ field: "Type", op: "OR 1=1", value: "x" }]
          }
        ],
        csmField: "CSM__c OR Id != null",
        contacts: { object: "Contact", field: "Email", relationship: "AccountId')" }
      }
    })
    expect(parsed.success).toBe(false)
    const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? []
    expect(paths).toEqual(
      expect.arrayContaining([
        "salesforce.related.0.object",
        "salesforce.related.1.field",
        "salesforce.related.2.filters.0.field",
        "salesforce.related.3.filters.0.op",
        "salesforce.csmField",
        "salesforce.contacts.relationship"
      ])
    )
  })

  it("quotes a filter value as a literal whatever it holds", () => {
    const settings = TeamSettings.parse({
      salesforce: {
        related: [
          {
            fact: "failedToOnboardCaseOpenedOn",
            object: "Case",
            field: "CreatedDate",
            relationship: "AccountId",
            filters: [
              { field: "Type", op: "equals", value: "x' OR Type != '" },
              { field: "Subject", op: "starts_with", value: "100%_\\'" }
            ]
          }
        ]
      }
    }).salesforce
    const soql = relatedQueries([ACME], settings)[0]?.soql
    expect(soql).toContain("Type = 'x\\' OR Type != \\''")
    expect(soql).toContain("Subject LIKE '100\\%\\_\\\\\\'%'")
  })

  it("a fact mapped twice is refused", () => {
    const twice = [...sf.related, sf.related[0]]
    expect(TeamSettings.safeParse({ salesforce: { related: twice } }).success).toBe(false)
  })
})

describe("factsFromRelated", () => {
  const queries = relatedQueries([ACME, GLOBEX], sf)
  const rows = (...list: Record<string, unknown>[]): RelatedAnswer => ({ ok: true, rows: list })
  const answers = new Map<string, RelatedAnswer>([
    [
      "q0",
      rows(
        {
          Id: "a0Bxx0000000002AAA",
          Account__c: ACME,
          CreatedDate: "2026-03-03T10:00:00.000+0000",
          Onboarding_Call_Scheduled_For__c: "2026-03-05T16:00:00.000+0000",
          LMS_Set_Up_Completed_Date__c: "2026-03-10",
          Onboarding_Call_Completed_Date__c: null,
          Onboarding_Completed_Date__c: null,
          Unresponsive_Since__c: null
        },
        // Older: its values are not used.
        {
          Id: "a0Bxx0000000001AAA",
          Account__c: ACME,
          CreatedDate: "2026-03-01T10:00:00.000+0000",
          LMS_Set_Up_Completed_Date__c: "2025-01-01"
        },
        {
          Id: "a0Bxx0000000003AAA",
          Account__c: GLOBEX,
          CreatedDate: "2026-03-01T10:00:00.000+0000",
          LMS_Set_Up_Completed_Date__c: "2026-02-02"
        }
      )
    ],
    [
      "q1",
      { ok: false, message: "INVALID_FIELD: No such column 'TL_150_Day_Check_In_Date__c' on entity 'Adoption__c'." }
    ],
    [
      "q2",
      rows({ Id: "500xx0000000001AAA", AccountId: ACME.slice(0, 15), CreatedDate: "2026-11-21T03:30:00.000+0000" })
    ],
    ["q3", rows()],
    [
      "q4",
      rows(
        { Id: "003A", AccountId: ACME, Email: "Pat@AcmeHealth.example" },
        { Id: "003B", AccountId: ACME, Email: "not an email" },
        { Id: "003C", AccountId: GLOBEX, Email: "x@globex.example" }
      )
    ],
    [
      "q5",
      rows(
        { Id: "00TA", WhatId: ACME, Subject: "[SOP AD4] Send the 30-day recap" },
        { Id: "00TB", WhatId: ACME, Subject: "[SOP TR2#2] Training 2" },
        { Id: "00TC", WhatId: ACME, Subject: "[SOP nope] x" },
        { Id: "00TD", WhatId: GLOBEX, Subject: "[SOP ON1] Welcome" }
      )
    ]
  ])
  const acme = factsFromRelated(ACME, queries, answers, { timeZone: "America/Los_Angeles" })

  it("takes the newest row's values, in the CSM's local day", () => {
    expect(acme.facts).toMatchObject({
      onboardingCallScheduledFor: "2026-03-05",
      lmsSetupCompletedOn: "2026-03-10",
      failedToOnboardCaseOpenedOn: "2026-11-20"
    })
    expect(acme.facts).not.toHaveProperty("onboardingCompletedOn")
    expect(acme.facts).not.toHaveProperty("cancellationRequestedOn")
    expect(acme.sources.lmsSetupCompletedOn).toBe("Onboarding__c.LMS_Set_Up_Completed_Date__c (a0Bxx0000000002AAA)")
  })

  it("gives the contacts' emails and the steps SOP tasks mark done", () => {
    expect(acme.facts.contactEmails).toEqual(["pat@acmehealth.example"])
    expect(acme.done).toEqual(["AD4", "TR2#2"])
  })

  it("makes each fact of a failed query a problem, and keeps the rest", () => {
    expect(acme.problems.map((p) => p.fact)).toEqual([
      "adoption30MeetingOn",
      "adoption90MeetingOn",
      "smbAdoptionMeetingOn",
      "sentimentSurveySentOn",
      "sentimentSurveyReceivedOn",
      "tl75CheckInOn",
      "tl150CheckInOn"
    ])
    expect(acme.problems[0]?.message).toContain("INVALID_FIELD")
  })

  it("keeps accounts of one batch apart", () => {
    const globex = factsFromRelated(GLOBEX, queries, answers)
    expect(globex.facts).toEqual({ lmsSetupCompletedOn: "2026-02-02", contactEmails: ["x@globex.example"] })
    expect(globex.done).toEqual(["ON1"])
  })

  it.each([
    ["[SOP AD4] Send the 30-day recap", "AD4"],
    ["[SOP FO5#3] Follow up", "FO5#3"],
    ["[SOP ad4] lower case", undefined],
    ["SOP AD4", undefined],
    ["[SOP AD4 ] x", undefined],
    ["[SOP AD4]", "AD4"]
  ])("reads the step of %j as %s", (subject, key) => expect(stepKeyOfTaskSubject(subject)).toBe(key))
})
