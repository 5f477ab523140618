import { describe, expect, it } from "vitest"

import { createMappingService } from "~/src/background/mapping-check"
import { readOrgFields } from "~/src/background/object-info"
import { route } from "~/src/background/router"
import type { CachedAccount } from "~/src/data/db"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { OrgFields } from "~/src/messages/settings-protocol"
import { fakeSalesforceOrg, fetchFromOrg } from "~/tools/salesforce-org"

const SESSION = "00Dxx0000001gEREAY!unit.fields"
const API = "https://acme.my.salesforce.com"
const TARGET = { apiHost: API, apiVersion: "62.0" }
const ACCOUNT = { id: "0015e00000AcmeQAAR", name: "Acme Health" }

function orgWith(options: Partial<Parameters<typeof fakeSalesforceOrg>[0]> = {}) {
  const org = fakeSalesforceOrg({ org: "acme", accounts: [ACCOUNT], session: SESSION, ...options })
  return { org, deps: { fetch: fetchFromOrg(org), cookies: async () => ({ value: SESSION }) } }
}

const objectOf = (answer: OrgFields, name: string) => answer.objects.find((o) => o.apiName === name)
const fieldNames = (answer: OrgFields, name: string) => {
  const object = objectOf(answer, name)
  return object && "fields" in object ? object.fields.map((f) => f.apiName) : undefined
}

describe("the org's fields for the mapping editor (UI API object-info)", () => {
  it("reads each object once, in one request each, with each field's type", async () => {
    const { org, deps } = orgWith()
    const answer = await readOrgFields(
      TARGET,
      ["Account", "Onboarding__c", "Adoption__c", "Case", "Contact", "case"],
      deps
    )
    expect(answer.status).toEqual({ state: "ok" })
    expect(answer.objects.map((o) => o.apiName)).toEqual(["Account", "Onboarding__c", "Adoption__c", "Case", "Contact"])
    expect(org.apiCalls.map((c) => new URL(c.url).pathname)).toEqual([
      "/services/data/v62.0/ui-api/object-info/Account",
      "/services/data/v62.0/ui-api/object-info/Onboarding__c",
      "/services/data/v62.0/ui-api/object-info/Adoption__c",
      "/services/data/v62.0/ui-api/object-info/Case",
      "/services/data/v62.0/ui-api/object-info/Contact"
    ])
    const adoption = objectOf(answer, "Adoption__c")
    expect(adoption && "fields" in adoption && adoption.fields.find((f) => f.apiName === "Account__c")).toMatchObject({
      dataType: "Reference",
      referenceTo: ["Account"]
    })
    expect(fieldNames(answer, "Account")).toContain("Service_Level__c")
  })

  it("leaves out the fields field-level security hides, as Salesforce does", async () => {
    const { deps } = orgWith({ hiddenFields: ["Account.MRR__c", "Adoption__c.X90_Day_Meeting_Date__c"] })
    const answer = await readOrgFields(TARGET, ["Account", "Adoption__c"], deps)
    expect(fieldNames(answer, "Account")).not.toContain("MRR__c")
    expect(fieldNames(answer, "Account")).toContain("Contracted_Users__c")
    expect(fieldNames(answer, "Adoption__c")).not.toContain("X90_Day_Meeting_Date__c")
  })

  it("gives an object Salesforce does not describe its problem, and keeps the others", async () => {
    const { deps } = orgWith()
    const answer = await readOrgFields(TARGET, ["Account", "Onbording__c"], deps)
    expect(answer.status.state).toBe("ok")
    expect(objectOf(answer, "Onbording__c")).toEqual({
      apiName: "Onbording__c",
      problem: "Salesforce has no object Onbording__c you may read"
    })
    expect(fieldNames(answer, "Account")?.length).toBeGreaterThan(20)
  })

  it("refuses an answer of another shape for that object (zod): the editor types its names", async () => {
    const { org, deps } = orgWith()
    const real = fetchFromOrg(org)
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).endsWith("/object-info/Case")
        ? new Response(JSON.stringify({ apiName: "Case", fields: { Type: { apiName: "Type" } } }), { status: 200 })
        : real(input, init)) as typeof globalThis.fetch
    const answer = await readOrgFields(TARGET, ["Account", "Case"], { ...deps, fetch })
    expect(objectOf(answer, "Case")).toMatchObject({
      apiName: "Case",
      problem: expect.stringMatching(/not one SOP Pilot can read/)
    })
    expect(fieldNames(answer, "Account")).toContain("Name")
  })

  it("says why nothing could be read without a session, and sends no object name that is not one", async () => {
    const { org, deps } = orgWith()
    org.expireSession()
    const expired = await readOrgFields(TARGET, ["Account"], deps)
    expect(expired).toMatchObject({ status: { state: "unauthorized" }, objects: [] })
    const none = await readOrgFields(TARGET, ["Account"], { ...deps, cookies: async () => null })
    expect(none.status.state).toBe("no_session")
    await expect(readOrgFields(TARGET, ["Account/../../sobjects"], deps)).rejects.toThrow(/not an object API name/)
  })

  it("asks the org seen last, and only from SOP Pilot's own pages", async () => {
    const { org, deps } = orgWith()
    const seen = [{ id: ACCOUNT.id, apiHost: API, lastSeenAt: 5 } as CachedAccount]
    const mapping = createMappingService({
      settings: async () => DEFAULT_SETTINGS,
      timeZone: async () => "America/Chicago",
      accounts: async () => seen,
      client: async () => deps
    })
    const accounts = {} as Parameters<typeof route>[3]
    const request = { name: "mapping.fields", objects: ["Account"] }
    const fromOptions = await route(request, { id: "x" }, "x", accounts, { mapping })
    expect(fromOptions.ok && (fromOptions.data as OrgFields).status.state).toBe("ok")
    expect(org.apiCalls).toHaveLength(1)
    const page = { id: "x", tabUrl: "https://acme.lightning.force.com/lightning/r/Account/x/view" }
    expect(await route(request, page, "x", accounts, { mapping })).toMatchObject({
      ok: false,
      error: { code: "forbidden" }
    })
    const hostile = await route({ name: "mapping.fields", objects: ["Account?q=1"] }, { id: "x" }, "x", accounts, {
      mapping
    })
    expect(hostile).toMatchObject({ ok: false, error: { code: "invalid_request" } })
    expect(org.apiCalls).toHaveLength(1)

    const unknown = createMappingService({
      settings: async () => DEFAULT_SETTINGS,
      timeZone: async () => undefined,
      accounts: async () => []
    })
    expect(await unknown.fields(["Account"])).toMatchObject({ status: { state: "no_session" }, objects: [] })
  })
})
