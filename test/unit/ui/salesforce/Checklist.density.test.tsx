// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { PAGE_OFFSET_ID } from "~/src/hosts/salesforce/page-offset"
import { SalesforcePanel } from "~/src/ui/salesforce"

import { ACME_URL, makeView, scriptedInputStore, setPageUrl, stubChrome } from "./harness"

const panel = () => screen.getByTestId("sop-panel")
const row = (key: string) => panel().querySelector<HTMLElement>(`li[data-key="${key}"]`)

/** In training, unresponsive since Nov 17 (FO1 day 4 of 10 on Nov 20), days 1–2 contacted. */
const failing = () =>
  makeView({
    facts: {
      trainingsCompletedOn: ["2026-08-12"],
      riskSignals: [],
      unresponsiveSince: "2026-11-17",
      done: ["FO1#1", "FO1#2"]
    }
  })

beforeEach(() => {
  document.body.innerHTML = ""
  setPageUrl(ACME_URL)
})
afterEach(() => {
  cleanup()
  document.getElementById(PAGE_OFFSET_ID)?.remove()
})

describe("a calm checklist (issue 16, item 6)", () => {
  it("shows a rule's repeated occurrences as one row, the next one open; the others on demand", async () => {
    const view = failing()
    stubChrome((request) => (request.name === "account.view" ? view : undefined))
    render(<SalesforcePanel store={scriptedInputStore()} />)
    await waitFor(() => expect(row("FO1#3")).not.toBeNull())

    // The failed-to-onboard steps come first, before the stage's.
    const first = panel().querySelector("[data-group]") as HTMLElement
    expect(first.dataset.group).toBe("situation")
    expect(first.dataset.forSituation).toBe("failed_to_onboard")
    // Day 3 is the first open day: its row is shown, days 4–10 are in the DOM but hidden.
    const head = row("FO1#3")!
    expect(head.hidden).toBe(false)
    expect(within(head).getByText(/day 3 of 10/)).toBeTruthy()
    for (const n of [4, 5, 10]) expect(row(`FO1#${n}`)?.hidden).toBe(true)
    const toggle = within(head).getByRole("button", { name: /3 of 10.*show the other 7/ })
    expect(toggle.getAttribute("aria-expanded")).toBe("false")
    expect(toggle.getAttribute("aria-controls")?.split(" ")).toHaveLength(7)
    fireEvent.click(toggle)
    expect(toggle.getAttribute("aria-expanded")).toBe("true")
    expect(row("FO1#4")?.hidden).toBe(false)
    // The days already contacted are one row in Done.
    expect(row("FO1#1")?.closest("[data-group]")?.getAttribute("data-group")).toBe("done")
    expect(row("FO1#2")?.hidden).toBe(true)
  })

  it("keeps why and how behind a button, which opens them in place", async () => {
    const view = makeView()
    stubChrome((request) => (request.name === "account.view" ? view : undefined))
    render(<SalesforcePanel store={scriptedInputStore()} />)
    await waitFor(() => expect(row("AD2")).not.toBeNull())
    const ad2 = row("AD2")!
    const why = view.plan.steps.find((s) => s.key === "AD2")!.why
    const details = within(ad2).getByText(why).closest("[id$='-more']") as HTMLElement
    expect(details.hidden).toBe(true)
    const button = within(ad2).getByRole("button", { name: /Why and how/ })
    expect(button.getAttribute("aria-expanded")).toBe("false")
    expect(button.getAttribute("aria-controls")).toBe(details.id)
    fireEvent.click(button)
    expect(button.getAttribute("aria-expanded")).toBe("true")
    expect(details.hidden).toBe(false)
  })

  it("folds a past training plan into one line, without “0 of 4 held”", async () => {
    const view = makeView({ facts: { trainingsCompletedOn: [], onboardingCompletedOn: "2026-08-26" } })
    stubChrome((request) => (request.name === "account.view" ? view : undefined))
    render(<SalesforcePanel store={scriptedInputStore()} />)
    const title = await screen.findByRole("heading", { name: /Training plan/ })
    expect(title.textContent).not.toMatch(/0 of/)
    expect(title.textContent).toMatch(/4 sessions/)
    expect(title.closest("details")?.open).toBe(false)
  })
})
