// @vitest-environment happy-dom
/**
 * Issue 17 item 4, in the panel: a Salesforce read with unusable fields does not say all is
 * fine, and each fact shows its own problem next to the value kept.
 */
import { cleanup, render, screen, within } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { SalesforcePanel } from "~/src/ui/salesforce"
import { apiStatusText } from "~/src/ui/salesforce/Summary"
import { createPanelStore } from "~/src/ui/salesforce/store"

import { ACME_URL, makeView, setPageUrl, stubChrome } from "./harness"

beforeEach(() => {
  document.head.innerHTML = "<title>Acme Health | Account | Salesforce</title>"
  setPageUrl(ACME_URL)
})
afterEach(() => cleanup())

const problems = [
  { fact: "mrr", field: "MRR__c", message: "must not be negative", kept: true },
  { fact: "csmTier", field: "CSM_Tier__c", message: 'unknown value "Gold"', kept: false }
]

describe("fields Salesforce gave unusable values for", () => {
  it("the status warns and counts them", () => {
    const status = apiStatusText({ state: "ok", fetchedAt: Date.UTC(2026, 10, 20, 15, 0), problems }, false)
    expect(status.tone).toBe("warn")
    expect(status.headline).toMatch(/2 fields could not be used/)
    expect(apiStatusText({ state: "ok" }, false).tone).toBe("ok")
  })

  it("each fact shows its problem beside the last good value", async () => {
    const view = makeView({ api: { state: "ok", fetchedAt: Date.UTC(2026, 10, 20, 15, 0), problems } })
    stubChrome((request) => (request.name === "account.view" ? view : undefined))
    render(<SalesforcePanel store={createPanelStore()} />)
    await screen.findByRole("heading", { name: view.name })
    const panel = screen.getByTestId("sop-panel")
    const mrr = panel.querySelector<HTMLElement>('.sop-fact[data-fact="mrr"]')!
    expect(within(mrr).getByText("$1,200/month")).toBeTruthy()
    expect(mrr.querySelector("[data-testid=fact-problem]")?.textContent).toBe(
      "Salesforce's MRR__c: must not be negative. Showing the last good value."
    )
    const tier = panel.querySelector<HTMLElement>('.sop-fact[data-fact="csmTier"]')!
    expect(tier.querySelector("[data-testid=fact-problem]")?.textContent).toBe(
      `Salesforce's CSM_Tier__c: unknown value "Gold". Not used.`
    )
    expect(screen.getByTestId("api-status").className).toContain("sop-api-warn")
  })
})
