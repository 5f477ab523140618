// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"

import { PLAYBOOK } from "~/src/domain/playbook"
import { type DEFAULT_SETTINGS, SETTINGS_VERSION } from "~/src/domain/settings"
import { SETTINGS_FILE_FORMAT } from "~/src/domain/settings-file"
import { askAny } from "~/src/messages/settings-client"
import { OptionsPage } from "~/src/ui/options"
import { fieldId } from "~/src/ui/options/fields"
import { createOptionsStore } from "~/src/ui/options/store"

import { installBackground, type OptionsBackground } from "./harness"

let background: OptionsBackground
let downloads: Array<{ fileName: string; text: string }>

function mount(initial: Parameters<typeof installBackground>[0] = {}) {
  background = installBackground(initial)
  downloads = []
  const store = createOptionsStore({
    ask: askAny,
    download: (fileName, text) => downloads.push({ fileName, text }),
    saveDelayMs: 0
  })
  render(<OptionsPage store={store} />)
  return store
}

const input = (path: string) => document.getElementById(fieldId(path)) as HTMLInputElement
const stored = () => background.storage.local.teamSettings as typeof DEFAULT_SETTINGS | undefined
const loaded = () => waitFor(() => expect(input("thresholds.surveyMrr")).toBeTruthy())

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe("options page: team settings", () => {
  it("shows the settings as they apply, and saves a valid change (only that field)", async () => {
    mount({ local: { teamSettings: { thresholds: { surveyMrr: 900 } } } })
    await loaded()
    expect(input("thresholds.surveyMrr").value).toBe("900")
    fireEvent.change(input("thresholds.surveyMrr"), { target: { value: "750" } })
    fireEvent.blur(input("thresholds.surveyMrr"))
    await waitFor(() => expect(stored()?.thresholds.surveyMrr).toBe(750))
    expect(background.requests.filter((r) => r.name === "settings.save")).toEqual([
      { name: "settings.save", settings: { thresholds: { surveyMrr: 750 } } }
    ])
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toBe("All changes saved"))
  })

  it("shows an invalid value's error next to the field (aria-invalid, aria-describedby) and saves nothing", async () => {
    mount()
    await loaded()
    const field = input("thresholds.surveyMrr")
    fireEvent.change(field, { target: { value: "-5" } })
    fireEvent.blur(field)
    const error = await screen.findByText("must not be negative")
    expect(field.getAttribute("aria-invalid")).toBe("true")
    expect(field.getAttribute("aria-describedby")?.split(" ")).toContain(error.id)
    fireEvent.change(field, { target: { value: "abc" } })
    expect(screen.getByText("Enter a number")).toBeTruthy()
    fireEvent.change(input("links.kycSurvey"), { target: { value: "not a link" } })
    fireEvent.blur(input("links.kycSurvey"))
    expect(await screen.findByText("expected an http(s) address")).toBeTruthy()
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(background.requests.filter((r) => r.name === "settings.save")).toEqual([])
    expect(background.storage.writes).toEqual([])
    // Fixing the value clears the error and saves.
    fireEvent.change(field, { target: { value: "1200" } })
    fireEvent.blur(field)
    await waitFor(() => expect(stored()?.thresholds.surveyMrr).toBe(1200))
    expect(field.getAttribute("aria-invalid")).toBeNull()
  })

  it("never says 'All changes saved' while a field is invalid: it names the field, and goes there (issue 16)", async () => {
    mount()
    await loaded()
    const status = () => screen.getByTestId("save-status")
    fireEvent.change(input("thresholds.surveyMrr"), { target: { value: "750" } })
    fireEvent.blur(input("thresholds.surveyMrr"))
    await waitFor(() => expect(status().textContent).toBe("All changes saved"))

    fireEvent.change(input("links.kycSurvey"), { target: { value: "not a link" } })
    fireEvent.blur(input("links.kycSurvey"))
    await waitFor(() => expect(status().dataset.kind).toBe("invalid"))
    expect(status().textContent).toBe("Not saved: KYC survey needs fixing")
    fireEvent.change(input("thresholds.strategicMinMrr"), { target: { value: "-1" } })
    await waitFor(() => expect(status().textContent).toBe("Not saved: KYC survey and 1 more field need fixing"))

    fireEvent.click(within(status()).getByRole("button"))
    expect(document.activeElement).toBe(input("links.kycSurvey"))

    // Fixed, both save, and the page says so again.
    fireEvent.change(input("links.kycSurvey"), { target: { value: "https://forms.gle/kyc" } })
    fireEvent.blur(input("links.kycSurvey"))
    fireEvent.change(input("thresholds.strategicMinMrr"), { target: { value: "5000" } })
    fireEvent.blur(input("thresholds.strategicMinMrr"))
    await waitFor(() => expect(status().textContent).toBe("All changes saved"))
    expect(stored()?.links.kycSurvey).toBe("https://forms.gle/kyc")
  })

  it("lists every playbook rule with its title; unchecking one switches it off", async () => {
    mount()
    await loaded()
    const rule = document.querySelector<HTMLInputElement>('input[data-rule="ON2"]')
    expect(rule?.checked).toBe(true)
    expect(document.querySelectorAll("input[data-rule]").length).toBe(PLAYBOOK.length)
    expect(rule?.closest("label")?.textContent).toContain("Welcome to MedTrainer!")
    fireEvent.click(rule as HTMLInputElement)
    await waitFor(() => expect(stored()?.disabledRules).toEqual(["ON2"]))
    expect(rule?.checked).toBe(false)
  })

  it("refuses a template with an unknown merge field, and previews the merge on a demo account", async () => {
    mount()
    await loaded()
    const details = document.querySelector('[data-template="welcome_reminder"]') as HTMLDetailsElement
    details.open = true
    fireEvent(details, new Event("toggle"))
    const subject = await waitFor(() => {
      const el = input("templates.welcome_reminder.subject")
      expect(el).toBeTruthy()
      return el
    })
    const preview = within(details).getByTestId("template-preview")
    expect(preview.textContent).toContain("Let's get Acme Dental Group started")
    fireEvent.change(subject, { target: { value: "Hello {{acountName}}" } })
    fireEvent.blur(subject)
    expect(await screen.findByText(/Unknown merge field: \{\{acountName\}\}/)).toBeTruthy()
    expect(preview.querySelector('mark[data-reason="unknown"]')?.textContent).toBe("[unknown field: acountName]")
    fireEvent.change(subject, { target: { value: "Hello {{accountName}}" } })
    fireEvent.blur(subject)
    await waitFor(() => expect(stored()?.templates.welcome_reminder.subject).toBe("Hello {{accountName}}"))
    expect(preview.querySelector(".sop-preview-subject")?.textContent).toBe("Hello Acme Dental Group")
  })

  it("stored settings with a stale rule id: the team's values show, the stale id is named, a save keeps it", async () => {
    const team = { thresholds: { surveyMrr: 900 }, disabledRules: ["ON2", "XX9"] }
    mount({ local: { teamSettings: team } })
    await loaded()
    expect(input("thresholds.surveyMrr").value).toBe("900")
    expect(document.querySelector<HTMLInputElement>('input[data-rule="ON2"]')?.checked).toBe(false)
    const note = screen.getByTestId("stored-invalid")
    expect(note.textContent).toContain("disabledRules[1]: unknown rule id")
    fireEvent.change(input("thresholds.digitalMaxMrr"), { target: { value: "450" } })
    fireEvent.blur(input("thresholds.digitalMaxMrr"))
    await waitFor(() => expect(stored()?.thresholds.digitalMaxMrr).toBe(450))
    expect(stored()).toEqual({ ...team, thresholds: { surveyMrr: 900, digitalMaxMrr: 450 } })
  })

  it("disables what the organisation sets, with a note", async () => {
    mount({ managed: { thresholds: { surveyMrr: 750 }, disabledRules: ["ON2"] } })
    await loaded()
    const field = input("thresholds.surveyMrr")
    expect(field.disabled).toBe(true)
    expect(field.value).toBe("750")
    const note = document.getElementById(`${field.id}-locked`)
    expect(note?.textContent).toBe("Set by your organisation")
    expect(field.getAttribute("aria-describedby")).toContain(note?.id)
    expect(document.querySelector<HTMLInputElement>('input[data-rule="AD9"]')?.disabled).toBe(true)
    expect(input("thresholds.digitalMaxMrr").disabled).toBe(false)
  })

  it("saves the profile: time zone from the browser's list, digest switch", async () => {
    mount()
    await loaded()
    const zone = input("profile.timeZone") as unknown as HTMLSelectElement
    expect(Array.from(zone.options).some((o) => o.value === "America/Chicago")).toBe(true)
    fireEvent.change(zone, { target: { value: "America/Chicago" } })
    fireEvent.click(input("profile.dailyDigest"))
    fireEvent.change(input("profile.calendlyLink"), { target: { value: "http://calendly.com/me" } })
    fireEvent.blur(input("profile.calendlyLink"))
    expect(await screen.findByText("expected an https address")).toBeTruthy()
    await waitFor(() =>
      expect(background.storage.local.profile).toMatchObject({
        timeZone: "America/Chicago",
        dailyDigest: true,
        calendlyLink: ""
      })
    )
  })
})

describe("options page: export and import", () => {
  const fileOf = (settings: unknown, version = SETTINGS_VERSION) =>
    JSON.stringify({ format: SETTINGS_FILE_FORMAT, version, settings })

  it("exports the settings as a file download", async () => {
    mount({ local: { teamSettings: { disabledRules: ["AD9"] } } })
    await loaded()
    fireEvent.click(document.querySelector('[data-action="export"]') as HTMLElement)
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.fileName).toMatch(/^sop-pilot-team-settings-\d{4}-\d{2}-\d{2}\.json$/)
    expect(JSON.parse(downloads[0]?.text ?? "").settings.disabledRules).toEqual(["AD9"])
  })

  it("shows a bad file's paths in import-error and changes nothing", async () => {
    mount({ local: { teamSettings: { disabledRules: ["AD9"] } } })
    await loaded()
    const before = background.storage.snapshot()
    fireEvent.change(screen.getByLabelText("Settings file contents"), {
      target: { value: fileOf({ thresholds: { surveyMrr: -1 }, disabledRules: ["XX1"] }) }
    })
    fireEvent.click(document.querySelector('[data-action="import-preview"]') as HTMLElement)
    const error = await screen.findByTestId("import-error")
    expect(
      Array.from(error.querySelectorAll("li"))
        .map((li) => li.dataset.path)
        .sort()
    ).toEqual(["settings.disabledRules[0]", "settings.thresholds.surveyMrr"])
    expect(error.getAttribute("role")).toBe("alert")
    // Named as the page names the fields (issue 16, defect 5), the path beside for the file's editor.
    const named = Array.from(error.querySelectorAll("li")).map((li) => li.textContent ?? "")
    expect(named.some((text) => text.startsWith("Sentiment survey from settings.thresholds.surveyMrr:"))).toBe(true)
    expect(named.some((text) => text.startsWith("Rules switched off settings.disabledRules[0]:"))).toBe(true)
    expect(background.storage.snapshot()).toBe(before)

    fireEvent.change(screen.getByLabelText("Settings file contents"), {
      target: { value: fileOf({}, SETTINGS_VERSION + 1) }
    })
    fireEvent.click(document.querySelector('[data-action="import-preview"]') as HTMLElement)
    await waitFor(() => expect(screen.getByTestId("import-error").textContent).toContain("newer SOP Pilot"))
    expect(background.storage.snapshot()).toBe(before)
  })

  it("previews a good file as a diff, then applies it", async () => {
    mount()
    await loaded()
    const file = new File([fileOf({ disabledRules: ["ON2"], thresholds: { surveyMrr: 500 } })], "team.json", {
      type: "application/json"
    })
    const picker = document.querySelector('[data-action="import-file"]') as HTMLInputElement
    Object.defineProperty(picker, "files", { value: [file] })
    fireEvent.change(picker)
    const diff = await screen.findByTestId("import-diff")
    expect(Array.from(diff.querySelectorAll("tbody tr")).map((tr) => (tr as HTMLElement).dataset.path)).toEqual([
      "thresholds.surveyMrr",
      "disabledRules"
    ])
    expect(background.storage.writes).toEqual([])
    fireEvent.click(document.querySelector('[data-action="import-apply"]') as HTMLElement)
    await screen.findByTestId("import-applied")
    expect(stored()?.disabledRules).toEqual(["ON2"])
    await waitFor(() => expect(input("thresholds.surveyMrr").value).toBe("500"))
    expect(document.querySelector<HTMLInputElement>('input[data-rule="ON2"]')?.checked).toBe(false)
  })
})

describe("options page: team documents", () => {
  const part = (name: string) => document.getElementById(`${fieldId("documents")}-${name}`) as HTMLInputElement
  const type = (name: string, value: string) => fireEvent.change(part(name), { target: { value } })

  it("adds a document for the steps typed, and removes it", async () => {
    mount()
    await loaded()
    type("label", "Adoption checklist")
    type("url", "https://docs.example/adoption")
    type("rules", "ad1, AD5")
    fireEvent.click(screen.getByRole("button", { name: "Add document" }))
    await waitFor(() =>
      expect(stored()?.documents).toEqual([
        { label: "Adoption checklist", url: "https://docs.example/adoption", rules: ["AD1", "AD5"] }
      ])
    )
    const link = await screen.findByRole("link", { name: "Adoption checklist" })
    expect(link.getAttribute("rel")).toBe("noopener noreferrer")
    fireEvent.click(screen.getByRole("button", { name: "Remove Adoption checklist" }))
    await waitFor(() => expect(stored()?.documents).toEqual([]))
  })

  it("rejects an address that is not http(s), naming the field, and saves nothing", async () => {
    mount()
    await loaded()
    type("label", "KYC checklist")
    type("url", "javascript:alert(1)")
    type("rules", "ON8")
    fireEvent.click(screen.getByRole("button", { name: "Add document" }))
    const error = await screen.findByText("Document address: expected an http(s) address")
    expect(part("url").getAttribute("aria-invalid")).toBe("true")
    expect(part("url").getAttribute("aria-describedby")).toBe(error.id)
    type("url", "https://docs.example/kyc")
    type("rules", "ON99")
    fireEvent.click(screen.getByRole("button", { name: "Add document" }))
    expect(await screen.findByText(/^For steps: unknown rule id \(ON99\)/)).toBeTruthy()
    expect(background.requests.filter((r) => r.name === "settings.save")).toEqual([])
  })
})
