/**
 * The background's Salesforce client against the fake org, in process (fetchFromOrg): the reads
 * of issue #11 end to end without a browser, and the fake org's answers shaped like Salesforce's.
 */
import { describe, expect, it } from "vitest"

import {
  connect,
  readAccountFromSalesforce,
  REQUESTS_PER_ACCOUNT_VIEW,
  type CookieReader
} from "~/src/background/salesforce"
import type { AccountFactsInput } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { createdOn, FAKE_USER } from "~/tools/salesforce-data"
import { fakeSalesforceOrg, fetchFromOrg } from "~/tools/salesforce-org"

const SESSION = "00Dxx0000001gEREAY!unit.fake.org"
const API = "https://acme.my.salesforce.com"
const cookies: CookieReader = async ({ url }) => (url === API ? { value: SESSION } : null)
const noSleep = async () => undefined

const DEEP: AccountFactsInput = {
  id: "0015e00000AcmeQAAR",
  name: "Grand Hotels & Resorts Ltd",
  products: ["learning"],
  mrr: 1200,
  users: 80,
  serviceLevel: "standard",
  package: "standard",
  assignedOn: "2026-09-01",
  onboardingCallScheduledFor: "2026-09-04",
  onboardingCallCompletedOn: "2026-09-04",
  lmsSetupCompletedOn: "2026-09-10",
  onboardingCompletedOn: "2026-09-20",
  adoption30MeetingOn: "2026-10-20",
  contactEmails: ["pat@grandhotels.example"],
  done: ["AD4"]
}
const FAILED: AccountFactsInput = { id: "0015e00000GlbxZAAR", name: "Globex", assignedOn: "2026-10-01" }

function org(options: Partial<Parameters<typeof fakeSalesforceOrg>[0]> = {}) {
  return fakeSalesforceOrg({
    org: "acme",
    accounts: [DEEP, FAILED],
    session: SESSION,
    doneAsTasks: true,
    records: {
      // Created at 19:30 in Los Angeles on the 20th: the 21st in UTC.
      Case: [
        {
          AccountId: FAILED.id,
          Type: "Failed to OB",
          Subject: "Failed to OB",
          IsClosed: false,
          CreatedDate: "2026-11-21T03:30:00.000+0000"
        }
      ]
    },
    ...options
  })
}

describe("reading an account from the fake org", () => {
  it("finds the dates on the newest Onboarding__c / Adoption__c rows, the contacts and the SOP tasks, in 2 requests", async () => {
    const acme = org()
    const read = await readAccountFromSalesforce(API, DEEP.id, DEFAULT_SETTINGS, { cookies, fetch: fetchFromOrg(acme) })
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.facts).toMatchObject({
      name: "Grand Hotels & Resorts Ltd",
      mrr: 1200,
      onboardingCallCompletedOn: "2026-09-04",
      lmsSetupCompletedOn: "2026-09-10",
      onboardingCompletedOn: "2026-09-20",
      adoption30MeetingOn: "2026-10-20",
      contactEmails: ["pat@grandhotels.example"]
    })
    expect(read.done).toEqual(["AD4"])
    expect(read.problems).toEqual([])
    expect(read.sources?.mrr).toBe("Account.MRR__c")
    expect(read.sources?.onboardingCompletedOn).toMatch(/^Onboarding__c\.Onboarding_Completed_Date__c \(a0B/)
    expect(acme.apiCalls.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET /services/data/v62.0/ui-api/records/${DEEP.id}`,
      "POST /services/data/v62.0/composite"
    ])
    expect(acme.apiCalls).toHaveLength(REQUESTS_PER_ACCOUNT_VIEW)
  })

  it("dates a Failed to OB case created late in the evening by the CSM's own day", async () => {
    const read = await readAccountFromSalesforce(API, FAILED.id, DEFAULT_SETTINGS, {
      cookies,
      fetch: fetchFromOrg(org()),
      timeZone: "America/Los_Angeles"
    })
    expect(read.ok && read.facts.failedToOnboardCaseOpenedOn).toBe("2026-11-20")
  })

  it("reports a field hidden by field-level security and still reads the rest", async () => {
    const read = await readAccountFromSalesforce(API, DEEP.id, DEFAULT_SETTINGS, {
      cookies,
      fetch: fetchFromOrg(org({ hiddenFields: ["Adoption__c.X90_Day_Meeting_Date__c", "Account.MRR__c"] }))
    })
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.facts.onboardingCompletedOn).toBe("2026-09-20")
    expect(read.facts).not.toHaveProperty("adoption30MeetingOn")
    expect(read.facts).not.toHaveProperty("mrr")
    expect(read.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^mrr \(MRR__c\): not in Salesforce's answer/),
        expect.stringMatching(
          /^adoption30MeetingOn \(Adoption__c\.X30_Day_Meeting_Date__c\): could not be read: INVALID_FIELD: No such column 'X90_Day_Meeting_Date__c'/
        )
      ])
    )
  })

  it("answers 401, 503 (retried) and REQUEST_LIMIT_EXCEEDED as Salesforce does", async () => {
    const acme = org()
    const fetch = fetchFromOrg(acme)
    acme.failNext(2, "503")
    const busy = await readAccountFromSalesforce(API, DEEP.id, DEFAULT_SETTINGS, { cookies, fetch, sleep: noSleep })
    expect(busy.ok).toBe(true)
    acme.failNext(1, "REQUEST_LIMIT_EXCEEDED")
    const limit = await readAccountFromSalesforce(API, DEEP.id, DEFAULT_SETTINGS, { cookies, fetch, sleep: noSleep })
    expect(limit).toMatchObject({
      ok: false,
      status: { state: "request_limit", message: expect.stringMatching(/API requests/) }
    })
    acme.expireSession()
    const expired = await readAccountFromSalesforce(API, DEEP.id, DEFAULT_SETTINGS, { cookies, fetch })
    expect(expired).toMatchObject({ ok: false, status: { state: "unauthorized" } })
  })

  it("pages a query with nextRecordsUrl and knows the signed-in user", async () => {
    const accounts = Array.from({ length: 7 }, (_, i) => ({
      id: `0015e0000${String(i).padStart(6, "0")}`,
      name: `Account ${i}`
    }))
    const acme = fakeSalesforceOrg({ org: "acme", accounts, session: SESSION, pageSize: 3 })
    const client = await connect({ apiHost: API, apiVersion: "62.0" }, { cookies, fetch: fetchFromOrg(acme) })
    const rows = await client.query(`SELECT Id, Name FROM Account WHERE CSM__c = '${FAKE_USER.Id}' ORDER BY Name ASC`)
    expect(rows.map((row) => row.Name)).toEqual(accounts.map((a) => a.name))
    expect(rows[0]).toEqual({
      attributes: { type: "Account", url: `/services/data/v62.0/sobjects/Account/${rows[0]?.Id as string}` },
      Id: rows[0]?.Id,
      Name: "Account 0"
    })
    expect(acme.apiCalls.map((r) => new URL(r.url).pathname)).toEqual([
      "/services/data/v62.0/query",
      "/services/data/v62.0/query/01gxx0000000001-3",
      "/services/data/v62.0/query/01gxx0000000001-6"
    ])
    expect(await client.request("GET", "/chatter/users/me")).toMatchObject({ id: FAKE_USER.Id, name: FAKE_USER.Name })
    await expect(client.query("SELECT Nope__c FROM Account")).rejects.toMatchObject({ kind: "invalid_field" })
    await expect(client.query("SELECT Id FROM Account WHERE")).rejects.toMatchObject({ kind: "malformed_query" })
    expect(createdOn("2026-11-20")).toBe("2026-11-20T17:00:00.000+0000")
  })
})

describe("the fake org's stamps (issue 17)", () => {
  it("answers SystemModstamp in the UI API record and in SOQL, and moves it forward when a record changes", async () => {
    const fake = org()
    const read = () =>
      readAccountFromSalesforce(API, DEEP.id, DEFAULT_SETTINGS, { fetch: fetchFromOrg(fake), cookies, sleep: noSleep })
    const first = await read()
    if (!first.ok) throw new Error("the read failed")
    // Noon UTC on the record's latest date, as salesforce-record.ts writes lastModifiedDate.
    expect(first.stamp).toBe(Date.parse("2026-09-01T12:00:00.000Z"))
    const client = await connect({ apiHost: API, apiVersion: "62.0" }, { fetch: fetchFromOrg(fake), cookies })
    const [row] = await client.query(`SELECT Id, SystemModstamp FROM Account WHERE Id = '${DEEP.id}'`)
    expect(row?.SystemModstamp).toBe("2026-09-01T12:00:00.000+0000")

    fake.editAccount(DEEP.id, { mrr: 1800 })
    const second = await read()
    if (!second.ok) throw new Error("the read failed")
    expect(second.facts.mrr).toBe(1800)
    expect(second.stamp).toBeGreaterThan(first.stamp as number)
    const [edited] = await client.query(`SELECT Id, MRR__c, SystemModstamp FROM Account WHERE Id = '${DEEP.id}'`)
    expect(edited?.MRR__c).toBe(1800)
    expect(Date.parse(String(edited?.SystemModstamp).replace("+0000", "Z"))).toBe(second.stamp)
    expect(() => fake.editAccount(DEEP.id, { unresponsiveSince: "2026-11-01" })).toThrow(/not an Account field/)
  })
})
