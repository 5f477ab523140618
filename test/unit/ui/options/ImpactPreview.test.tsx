// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"

import { AccountFacts } from "~/src/domain/facts"
import type { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { askAny } from "~/src/messages/settings-client"
import { OptionsPage } from "~/src/ui/options"
import { fieldId } from "~/src/ui/options/fields"
import { createOptionsStore } from "~/src/ui/options/store"

import { installBackground, type OptionsBackground } from "./harness"

const facts = (n: number, mrr: number) =>
  AccountFacts.parse({
    id: `001Hs00002ABC${String(n).padStart(2, "0")}`,
    name: `Clinic ${n}`,
    products: ["learning"],
    users: 80,
    mrr,
    assignedOn: "2026-08-01",
    onboardingCompletedOn: "2026-09-20",
    adoption30MeetingOn: "2026-10-20"
  })
const BOOK = [facts(1, 900), facts(2, 850), facts(3, 1200), facts(4, 500)]

let background: OptionsBackground
function mount() {
  background = installBackground({}, { book: async () => ({ today: "2026-12-02", facts: BOOK }) })
  render(<OptionsPage store={createOptionsStore({ ask: askAny, download: () => undefined, saveDelayMs: 0 })} />)
}
const input = (path: string) => document.getElementById(fieldId(path)) as HTMLInputElement
const stored = () => background.storage.local.teamSettings as typeof DEFAULT_SETTINGS | undefined
const saves = () => background.requests.filter((r) => r.name === "settings.save")

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe("options page: the impact of an edit, before it is saved", () => {
  it("survey threshold 1,000 → 800 shows the accounts that gain AD9; Cancel saves nothing", async () => {
    mount()
    await waitFor(() => expect(input("thresholds.surveyMrr")).toBeTruthy())
    fireEvent.change(input("thresholds.surveyMrr"), { target: { value: "800" } })
    fireEvent.blur(input("thresholds.surveyMrr"))
    const preview = await screen.findByTestId("impact-preview")
    const group = within(preview).getByTestId("impact-group")
    expect(group.getAttribute("data-gains")).toBe("AD9")
    expect(group.getAttribute("data-count")).toBe("2")
    expect(group.textContent).toContain("Clinic 1")
    expect(group.textContent).toContain("Clinic 2")
    expect(saves()).toEqual([])

    fireEvent.click(within(preview).getByText("Cancel"))
    await waitFor(() => expect(screen.queryByTestId("impact-preview")).toBeNull())
    expect(input("thresholds.surveyMrr").value).toBe("1000")
    expect(saves()).toEqual([])
    expect(background.storage.writes).toEqual([])
  })

  it("Save sends exactly the previewed change", async () => {
    mount()
    await waitFor(() => expect(input("thresholds.surveyMrr")).toBeTruthy())
    fireEvent.change(input("thresholds.surveyMrr"), { target: { value: "800" } })
    fireEvent.blur(input("thresholds.surveyMrr"))
    fireEvent.click(within(await screen.findByTestId("impact-preview")).getByText("Save this change"))
    await waitFor(() => expect(stored()?.thresholds.surveyMrr).toBe(800))
    expect(saves()).toEqual([{ name: "settings.save", settings: { thresholds: { surveyMrr: 800 } } }])
    expect(screen.queryByTestId("impact-preview")).toBeNull()
  })

  it("a change that moves no plan saves at once", async () => {
    mount()
    await waitFor(() => expect(input("links.kycSurvey")).toBeTruthy())
    fireEvent.change(input("links.kycSurvey"), { target: { value: "https://example.com/kyc" } })
    fireEvent.blur(input("links.kycSurvey"))
    await waitFor(() => expect(stored()?.links.kycSurvey).toBe("https://example.com/kyc"))
    expect(screen.queryByTestId("impact-preview")).toBeNull()
  })
})
