// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"

import { createMappingService } from "~/src/background/mapping-check"
import { route } from "~/src/background/router"
import type { CachedAccount } from "~/src/data/db"
import { DEFAULT_SETTINGS, type TeamSettings } from "~/src/domain/settings"
import type { AnyRequest } from "~/src/messages/protocol"
import { askAny } from "~/src/messages/settings-client"
import { OptionsPage } from "~/src/ui/options"
import { fieldId } from "~/src/ui/options/fields"
import { createOptionsStore } from "~/src/ui/options/store"
import { fakeSalesforceOrg, fetchFromOrg } from "~/tools/salesforce-org"

import { installBackground, OWN_ID, type OptionsBackground } from "./harness"

const SESSION = "00Dxx0000001gEREAY!unit.editor"
const API = "https://acme.my.salesforce.com"
const ACCOUNT = { id: "0015e00000AcmeQAAR", name: "Acme Health" }

let background: OptionsBackground
let fieldAsks = 0
/** The page loads settings, then the org's fields: generous on a loaded machine. */
const WAIT = { timeout: 15_000 }

/** The options page, with the mapping service on a fake org (or none: no session). */
function mount(org?: ReturnType<typeof fakeSalesforceOrg>, fetch?: typeof globalThis.fetch) {
  background = installBackground()
  fieldAsks = 0
  const mapping = createMappingService({
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => undefined,
    accounts: async () => [{ id: ACCOUNT.id, apiHost: API, lastSeenAt: 1 } as CachedAccount],
    client: async () => ({
      ...(org ? { fetch: fetch ?? fetchFromOrg(org) } : {}),
      cookies: async () => (org ? { value: SESSION } : null)
    })
  })
  const chromeStub = (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: AnyRequest) => unknown } } })
    .chrome
  const settingsOnly = chromeStub.runtime.sendMessage
  chromeStub.runtime.sendMessage = async (message: AnyRequest) => {
    if (message.name !== "mapping.fields") return settingsOnly(message)
    fieldAsks++
    return route(message, { id: OWN_ID }, OWN_ID, {} as never, { mapping })
  }
  const store = createOptionsStore({ ask: askAny, download: () => undefined, saveDelayMs: 0 })
  render(<OptionsPage store={store} />)
}

const editor = () => screen.getByTestId("mapping-editor")
const related = (fact: string, part: string) =>
  document.querySelector(`[data-fact="${fact}"][data-part="${part}"]`) as HTMLSelectElement | HTMLInputElement
const account = (fact: string) =>
  document.getElementById(fieldId(`salesforce.fieldMapping.${fact}`)) as HTMLSelectElement
const offered = (select: HTMLSelectElement) =>
  [...select.options].filter((o) => o.value !== "" && o.dataset.missing !== "true").map((o) => o.value)
const types = (select: HTMLSelectElement) =>
  new Set([...select.options].filter((o) => o.value !== "").map((o) => o.dataset.type))
const stored = () => background.storage.local.teamSettings as TeamSettings | undefined

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe("the mapping editor offers the org's fields by type", () => {
  it("offers a date fact only the Date and DateTime fields of its object, and saves the one picked", async () => {
    const org = fakeSalesforceOrg({ org: "acme", accounts: [ACCOUNT], session: SESSION })
    mount(org)
    await waitFor(() => expect(editor().dataset.fields).toBe("read"), WAIT)
    const field = related("adoption30MeetingOn", "field") as HTMLSelectElement
    expect(field.tagName).toBe("SELECT")
    expect(types(field)).toEqual(new Set(["Date", "DateTime"]))
    expect(offered(field)).toContain("X30_Day_Meeting_Held_At__c")
    expect(offered(field)).not.toContain("Health_Score__c")
    expect(field.value).toBe("X30_Day_Meeting_Date__c")
    // The lookup: only Adoption__c's lookups to the Account.
    expect(offered(related("adoption30MeetingOn", "relationship") as HTMLSelectElement)).toEqual(["Account__c"])
    // Account facts: numbers for MRR, picklists for the service level.
    expect(types(account("mrr"))).toEqual(new Set(["Currency", "Double", "Int", "Percent"]))
    expect(types(account("serviceLevel"))).toEqual(new Set(["Picklist"]))
    expect(types(account("assignedOn"))).toEqual(new Set(["Date", "DateTime"]))

    fireEvent.change(field, { target: { value: "X30_Day_Meeting_Held_At__c" } })
    await waitFor(
      () =>
        expect(stored()?.salesforce.related.find((s) => s.fact === "adoption30MeetingOn")?.field).toBe(
          "X30_Day_Meeting_Held_At__c"
        ),
      WAIT
    )
    // Only that source changed.
    expect(
      stored()?.salesforce.related.filter((s, i) => s.field !== DEFAULT_SETTINGS.salesforce.related[i]?.field)
    ).toHaveLength(1)
    fireEvent.change(account("mrr"), { target: { value: "AnnualRevenue" } })
    await waitFor(() => expect(stored()?.salesforce.fieldMapping.mrr).toBe("AnnualRevenue"), WAIT)
  })

  it("shows a mapped field the user cannot see (field-level security) as not found", async () => {
    const org = fakeSalesforceOrg({
      org: "acme",
      accounts: [ACCOUNT],
      session: SESSION,
      hiddenFields: ["Account.MRR__c"]
    })
    mount(org)
    await waitFor(() => expect(editor().dataset.fields).toBe("read"), WAIT)
    expect(account("mrr").value).toBe("MRR__c")
    expect(offered(account("mrr"))).not.toContain("MRR__c")
    expect(account("mrr").getAttribute("aria-invalid")).toBe("true")
    expect(screen.getByTestId("mapping-field-missing").textContent).toBe(
      "MRR__c is not a currency, number or percent field you can read in this org."
    )
  })

  it("without a Salesforce session, takes typed API names, with a note", async () => {
    mount()
    await waitFor(() => expect(editor().dataset.fields).toBe("failed"), WAIT)
    expect(screen.getByTestId("mapping-fields-note").textContent).toMatch(/Type each field’s API name/)
    const field = related("adoption30MeetingOn", "field") as HTMLInputElement
    expect(field.tagName).toBe("INPUT")
    fireEvent.change(field, { target: { value: "X30_Day_Recap__c" } })
    fireEvent.blur(field)
    await waitFor(
      () =>
        expect(stored()?.salesforce.related.find((s) => s.fact === "adoption30MeetingOn")?.field).toBe(
          "X30_Day_Recap__c"
        ),
      WAIT
    )
    // A name that is not one is refused beside the list, and not saved.
    fireEvent.change(account("mrr"), { target: { value: "MRR__c; DROP" } })
    fireEvent.blur(account("mrr"))
    await waitFor(() => expect(screen.getAllByTestId("field-error").length).toBeGreaterThan(0), WAIT)
    expect(stored()?.salesforce.fieldMapping.mrr).toBe("MRR__c")
  })

  it("takes typed names for an object whose description is not one it can read (zod), and offers the rest", async () => {
    const org = fakeSalesforceOrg({ org: "acme", accounts: [ACCOUNT], session: SESSION })
    const real = fetchFromOrg(org)
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).endsWith("/object-info/Adoption__c")
        ? new Response(JSON.stringify({ apiName: "Adoption__c", fields: [] }), { status: 200 })
        : real(input, init)) as typeof globalThis.fetch
    mount(org, fetch)
    await waitFor(() => expect(editor().dataset.fields).toBe("read"), WAIT)
    expect(screen.getByTestId("mapping-fields-note").dataset.state).toBe("partial")
    expect(related("adoption30MeetingOn", "field").tagName).toBe("INPUT")
    expect(related("onboardingCompletedOn", "field").tagName).toBe("SELECT")
  })

  it("shows what is typed, even while invalid, and asks the org about an object only once it is saved", async () => {
    const org = fakeSalesforceOrg({ org: "acme", accounts: [ACCOUNT], session: SESSION })
    mount(org)
    await waitFor(() => expect(editor().dataset.fields).toBe("read"), WAIT)
    expect(fieldAsks).toBe(1)
    const object = related("smbAdoptionMeetingOn", "object") as HTMLInputElement
    fireEvent.change(object, { target: { value: "" } })
    expect((related("smbAdoptionMeetingOn", "object") as HTMLInputElement).value).toBe("")
    expect(screen.getByTestId("field-error").textContent).toMatch(/API name/)
    expect(screen.getByTestId("save-status").textContent).toMatch(/^Not saved: Facts on related records needs fixing/)
    fireEvent.change(object, { target: { value: "Onboarding__c" } })
    fireEvent.blur(object)
    await waitFor(
      () =>
        expect(stored()?.salesforce.related.find((s) => s.fact === "smbAdoptionMeetingOn")?.object).toBe(
          "Onboarding__c"
        ),
      WAIT
    )
    // Onboarding__c was asked already: the same objects, no new ask; its date fields are offered.
    expect(fieldAsks).toBe(1)
    const field = related("smbAdoptionMeetingOn", "field") as HTMLSelectElement
    expect(offered(field)).toContain("Onboarding_Completed_Date__c")
    expect(offered(field)).not.toContain("X30_Day_Meeting_Date__c")
  })
})
