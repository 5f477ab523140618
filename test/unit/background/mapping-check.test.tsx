// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react"
import { afterEach, describe, expect, it } from "vitest"

import { mappingCheckOf } from "~/src/background/mapping-check"
import { route } from "~/src/background/router"
import { readAccountFromSalesforce } from "~/src/background/salesforce"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { MappingCheck } from "~/src/ui/options/MappingCheck"
import { fakeSalesforceOrg, fetchFromOrg } from "~/tools/salesforce-org"

const SESSION = "00Dxx0000001gEREAY!unit.mapping"
const API = "https://acme.my.salesforce.com"
const ACCOUNT = {
  id: "0015e00000AcmeQAAR",
  name: "Acme Health",
  mrr: 900,
  package: "standard" as const,
  assignedOn: "2026-09-01",
  onboardingCompletedOn: "2026-09-20",
  adoption30MeetingOn: "2026-10-20",
  contactEmails: ["pat@acme.example"]
}

afterEach(() => cleanup())

async function checkOn(options: Partial<Parameters<typeof fakeSalesforceOrg>[0]> = {}) {
  const org = fakeSalesforceOrg({ org: "acme", accounts: [ACCOUNT], session: SESSION, ...options })
  const read = await readAccountFromSalesforce(API, ACCOUNT.id, DEFAULT_SETTINGS, {
    fetch: fetchFromOrg(org),
    cookies: async () => ({ value: SESSION })
  })
  return mappingCheckOf(read, DEFAULT_SETTINGS)
}

describe("check this mapping on an account", () => {
  it("names each fact's source and value, and each field it could not read", async () => {
    const check = await checkOn({ hiddenFields: ["Account.MRR__c", "Adoption__c.X90_Day_Meeting_Date__c"] })
    expect(check.status.state).toBe("ok")
    const row = (fact: string) => check.rows.find((r) => r.fact === fact)
    expect(row("name")).toEqual({ fact: "name", source: "Account.Name", value: "Acme Health" })
    expect(row("onboardingCompletedOn")).toMatchObject({
      source: expect.stringMatching(/^Onboarding__c\.Onboarding_Completed_Date__c \(a0B/),
      value: "2026-09-20"
    })
    expect(row("contactEmails")).toMatchObject({ source: "Contact.Email", value: ["pat@acme.example"] })
    expect(row("mrr")).toMatchObject({
      source: "Account.MRR__c",
      problem: expect.stringMatching(/not in Salesforce's answer/)
    })
    expect(row("mrr")).not.toHaveProperty("value")
    expect(row("adoption30MeetingOn")?.problem).toMatch(/INVALID_FIELD: No such column 'X90_Day_Meeting_Date__c'/)
    expect(row("csmTier")).toBeUndefined()
    expect(row("tl75CheckInOn")?.problem).toMatch(/INVALID_FIELD/)
    expect(row("unresponsiveSince")).toEqual({
      fact: "unresponsiveSince",
      source: "newest Onboarding__c (Account__c = the account).Unresponsive_Since__c"
    })
  })

  it("reports a failed read as a status with every fact's configured source", async () => {
    const org = fakeSalesforceOrg({ org: "acme", accounts: [ACCOUNT], session: SESSION })
    org.expireSession()
    const read = await readAccountFromSalesforce(API, ACCOUNT.id, DEFAULT_SETTINGS, {
      fetch: fetchFromOrg(org),
      cookies: async () => ({ value: SESSION })
    })
    const check = mappingCheckOf(read, DEFAULT_SETTINGS)
    expect(check.status.state).toBe("unauthorized")
    expect(check.rows.find((r) => r.fact === "failedToOnboardCaseOpenedOn")?.source).toBe(
      'newest Case (AccountId = the account, Type equals "Failed to OB").CreatedDate'
    )
  })

  it("is asked from extension pages only", async () => {
    const mapping = { check: async () => ({ status: { state: "ok" as const }, rows: [] }) }
    const accounts = {} as Parameters<typeof route>[3]
    const page = { id: "x", tabUrl: "https://acme.lightning.force.com/lightning/r/Account/x/view" }
    expect(
      await route({ name: "mapping.check", accountId: ACCOUNT.id }, page, "x", accounts, { mapping })
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden" }
    })
    expect(
      await route({ name: "mapping.check", accountId: ACCOUNT.id }, { id: "x" }, "x", accounts, { mapping })
    ).toMatchObject({
      ok: true
    })
  })

  it("shows each fact with its source and problem on the options page", async () => {
    const check = await checkOn({ hiddenFields: ["Account.MRR__c"] })
    const asked: string[] = []
    render(<MappingCheck check={async (id) => (asked.push(id), check)} />)
    fireEvent.change(screen.getByPlaceholderText("001…"), { target: { value: ` ${ACCOUNT.id} ` } })
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Check this mapping on an account" }))
    })
    expect(asked).toEqual([ACCOUNT.id])
    await waitFor(() =>
      expect(document.querySelector('tr[data-fact="mrr"]')?.getAttribute("data-problem")).toBe("true")
    )
    expect(document.querySelector('tr[data-fact="name"] [data-source]')?.textContent).toBe("Account.Name")
    expect(document.querySelector('tr[data-fact="name"]')?.getAttribute("data-problem")).toBe("false")
  })
})
