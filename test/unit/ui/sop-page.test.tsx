// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"

import { howToFor } from "~/src/background/how-to"
import type { Plan } from "~/src/domain/plan"
import { sopPagePath } from "~/src/domain/playbook/sop-page"

vi.mock("~/src/ui/sop/texts", () => ({
  SOP_TEXTS: {
    "MT-CS-002": "x",
    "MT-CS-003-04": "Intro <b>not bold</b>\nData Collection\nCollect usage.",
    "MT-CS-007": "x",
    "MT-CS-005": "x"
  }
}))

const { SopPage, readSopHash } = await import("~/src/ui/sop/SopPage")

afterEach(cleanup)

describe("SOP page", () => {
  it("reads the rule from the hash the background opens", () => {
    expect(sopPagePath("AD1")).toBe("tabs/sop.html#rule=AD1")
    expect(readSopHash("#rule=AD1")).toEqual({ rule: "AD1", sop: "MT-CS-003-04", heading: "Data Collection" })
    expect(readSopHash("#rule=ZZ1")).toBeUndefined()
  })

  it("shows the SOP as text with the rule's section highlighted", () => {
    Element.prototype.scrollIntoView = vi.fn()
    render(<SopPage hash="#rule=AD1" />)
    expect(screen.getByTestId("sop-section").textContent).toBe("Data Collection")
    expect(screen.getByTestId("sop-page").textContent).toContain("<b>not bold</b>")
    expect(document.querySelector("b")).toBeNull()
  })

  it("says so when the link names no rule", () => {
    render(<SopPage hash="#rule=nope" />)
    expect(screen.getByRole("alert").textContent).toMatch(/does not name a step/)
  })
})

describe("how-to for the panel", () => {
  it("gives each planned rule its section and the documents listing it", () => {
    const plan = { steps: [{ rule: "AD1" }, { rule: "ON1" }] } as unknown as Plan
    const howTo = howToFor(plan, [{ label: "Adoption checklist", url: "https://d.example/a", rules: ["AD1", "AD5"] }])
    expect(howTo.AD1).toEqual({
      sop: "MT-CS-003-04 Adoption",
      section: "Data Collection",
      documents: [{ label: "Adoption checklist", url: "https://d.example/a" }]
    })
    expect(howTo.ON1?.documents).toEqual([])
  })
})
