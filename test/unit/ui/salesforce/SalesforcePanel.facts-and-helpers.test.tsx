// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { STORAGE_KEYS } from "~/src/data/settings-store"
import type { AnyRequest } from "~/src/messages/protocol"
import { SalesforcePanel } from "~/src/ui/salesforce"
import { PanelErrorBoundary } from "~/src/ui/salesforce/ErrorBoundary"

import { ACME_URL, makeView, scriptedInputStore, setPageUrl, stubChrome } from "./harness"

const panel = () => screen.getByTestId("sop-panel")
const fact = (name: string) => panel().querySelector<HTMLElement>(`.sop-fact[data-fact="${name}"]`)
const form = (name: string) =>
  panel().querySelector<HTMLElement>(`form[data-fact="${name}"], fieldset[data-fact="${name}"]`)

beforeEach(() => {
  document.head.innerHTML = "<title>Acme Health | Account | Salesforce</title>"
  setPageUrl(ACME_URL)
})
afterEach(() => cleanup())

async function mountWith(handler: (request: AnyRequest) => unknown, view = makeView()) {
  const chrome = stubChrome((request) => (request.name === "account.view" ? view : handler(request)))
  render(<SalesforcePanel store={scriptedInputStore()} />)
  await screen.findByRole("heading", { name: view.name })
  return chrome
}

describe("Account facts", () => {
  it("shows each fact with its source and the conflicts", async () => {
    const view = makeView({
      conflicts: [{ fact: "mrr", salesforce: 1200, manual: 1500, using: "salesforce" }],
      manual: {
        mrr: 1500,
        riskSignals: ["negative_feedback"],
        trainingsCompletedOn: ["2026-08-12", "2026-08-19", "2026-08-26", "2026-10-21"]
      }
    })
    await mountWith(() => undefined, view)
    expect(within(fact("mrr")!).getByText("$1,200/month")).toBeTruthy()
    expect(within(fact("mrr")!).getByText("Salesforce")).toBeTruthy()
    expect(within(fact("riskSignals")!).getByText("Entered by you")).toBeTruthy()
    expect(within(fact("riskSignals")!).getByText("Negative feedback")).toBeTruthy()
    expect(within(fact("assignedOn")!).getByText("Aug 3")).toBeTruthy()
    expect(panel().querySelector('.sop-conflict[data-fact="mrr"]')?.textContent).toBe(
      "MRR: Salesforce says $1,200/month; you entered $1,500/month — using the newer (Salesforce)."
    )
  })

  it("clears a manual entry with null", async () => {
    const chrome = await mountWith((request) => (request.name === "fact.set" ? makeView() : undefined))
    fireEvent.click(screen.getByRole("button", { name: "Clear your entry for Risk signals" }))
    await waitFor(() =>
      expect(chrome.requests.at(-1)).toMatchObject({ name: "fact.set", fact: "riskSignals", value: null })
    )
  })

  it("saves a date Salesforce does not hold", async () => {
    const chrome = await mountWith((request) =>
      request.name === "fact.set" ? makeView({ facts: { sentimentSurveySentOn: "2026-11-18" } }) : undefined
    )
    const input = screen.getByLabelText("Sentiment survey sent")
    fireEvent.change(input, { target: { value: "2026-11-18" } })
    fireEvent.click(within(form("sentimentSurveySentOn")!).getByRole("button", { name: "Save" }))
    await waitFor(() =>
      expect(chrome.requests.at(-1)).toEqual({
        name: "fact.set",
        accountId: makeView().accountId,
        apiHost: "https://acme.my.salesforce.com",
        fact: "sentimentSurveySentOn",
        value: "2026-11-18",
        viewId: expect.any(String)
      })
    )
  })

  it("validates before sending and shows the error next to the field", async () => {
    const chrome = await mountWith(() => undefined)
    const before = chrome.requests.length
    fireEvent.click(within(form("unresponsiveSince")!).getByRole("button", { name: "Save" }))
    const alert = within(form("unresponsiveSince")!).getByRole("alert")
    expect(alert.textContent).toBe("Pick a date first.")
    expect(screen.getByLabelText("Unresponsive since").getAttribute("aria-invalid")).toBe("true")
    // A duplicate training date is refused locally too.
    fireEvent.change(screen.getByLabelText("Add a training held"), { target: { value: "2026-08-12" } })
    fireEvent.click(within(form("trainingsCompletedOn")!).getByRole("button", { name: "Add" }))
    expect(within(form("trainingsCompletedOn")!).getByRole("alert").textContent).toContain("already recorded")
    expect(chrome.requests.length).toBe(before)
  })

  it("shows the background's refusal next to the field", async () => {
    await mountWith((request) => {
      if (request.name === "fact.set") throw new Error("tl75CheckInOn: not a real calendar date")
      return undefined
    })
    fireEvent.change(screen.getByLabelText("Team Lead 75-day check-in"), { target: { value: "2026-11-02" } })
    fireEvent.click(within(form("tl75CheckInOn")!).getByRole("button", { name: "Save" }))
    expect((await within(form("tl75CheckInOn")!).findByRole("alert")).textContent).toContain("not a real calendar date")
  })

  it("adds a training date to the held list, in order", async () => {
    const chrome = await mountWith((request) => (request.name === "fact.set" ? makeView() : undefined))
    fireEvent.change(screen.getByLabelText("Add a training held"), { target: { value: "2026-09-02" } })
    fireEvent.click(within(form("trainingsCompletedOn")!).getByRole("button", { name: "Add" }))
    await waitFor(() =>
      expect(chrome.requests.at(-1)).toMatchObject({
        name: "fact.set",
        fact: "trainingsCompletedOn",
        value: ["2026-08-12", "2026-08-19", "2026-08-26", "2026-09-02", "2026-10-21"]
      })
    )
  })

  it("toggles a risk signal", async () => {
    const chrome = await mountWith((request) =>
      request.name === "fact.set"
        ? makeView({ facts: { riskSignals: ["negative_feedback", "late_payment"] } })
        : undefined
    )
    fireEvent.click(within(form("riskSignals")!).getByRole("checkbox", { name: "Late payment" }))
    await waitFor(() =>
      expect(chrome.requests.at(-1)).toMatchObject({
        name: "fact.set",
        fact: "riskSignals",
        value: ["negative_feedback", "late_payment"]
      })
    )
    await waitFor(() =>
      expect(
        (within(form("riskSignals")!).getByRole("checkbox", { name: "Late payment" }) as HTMLInputElement).checked
      ).toBe(true)
    )
  })
})

describe("Helpers", () => {
  it("copies an account note and a case directive with today's date and the CSM's initials", async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true })
    const chrome = stubChrome((request) => (request.name === "account.view" ? makeView() : undefined))
    chrome.storage.set(STORAGE_KEYS.profile, { name: "Maria Moreno", initials: "mm" })
    render(<SalesforcePanel store={scriptedInputStore()} />)
    await screen.findByRole("heading", { name: "Acme Health" })

    const note = screen.getByTestId("account-note")
    fireEvent.change(within(note).getByLabelText("Account note"), {
      target: { value: "  Called the admin   about renewal " }
    })
    expect(await within(note).findByText("11/20/26-MM-Called the admin about renewal")).toBeTruthy()
    fireEvent.click(within(note).getByRole("button", { name: "Copy account note" }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith("11/20/26-MM-Called the admin about renewal"))
    expect(await within(note).findByText("Copied")).toBeTruthy()

    const directive = screen.getByTestId("case-directive")
    fireEvent.change(within(directive).getByLabelText("Case directive"), { target: { value: "One more week" } })
    fireEvent.click(within(directive).getByRole("button", { name: "Copy case directive" }))
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith("11/20/26_MM:One more week"))
  })

  it("asks for initials when the profile has none", async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true })
    await mountWith(() => undefined)
    const note = screen.getByTestId("account-note")
    fireEvent.change(within(note).getByLabelText("Account note"), { target: { value: "Called" } })
    fireEvent.click(within(note).getByRole("button", { name: "Copy account note" }))
    expect((await within(note).findByRole("alert")).textContent).toContain("initials")
    expect(writeText).not.toHaveBeenCalled()
  })
})

describe("Error boundary", () => {
  it("shows a small message instead of throwing into the page", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined)
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    const Boom = () => {
      throw new Error("kaput")
    }
    render(
      <PanelErrorBoundary>
        <Boom />
      </PanelErrorBoundary>
    )
    expect(screen.getByTestId("sop-panel-error").textContent).toContain("SOP Pilot hit a problem")
    expect(screen.getByTestId("sop-panel").dataset.accountId).toBe("")
    spy.mockRestore()
    warn.mockRestore()
  })

  it("survives a background that is gone (extension reloaded)", async () => {
    stubChrome(() => undefined)
    ;(
      globalThis as unknown as { chrome: { runtime: { sendMessage: () => Promise<never> } } }
    ).chrome.runtime.sendMessage = () => Promise.reject(new Error("Extension context invalidated."))
    render(<SalesforcePanel store={scriptedInputStore()} />)
    const alert = await screen.findByRole("alert")
    expect(alert.textContent).toContain("cannot reach its background")
    await act(async () => undefined)
  })
})
