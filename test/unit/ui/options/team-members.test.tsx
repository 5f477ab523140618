// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"

import type { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { askAny } from "~/src/messages/settings-client"
import { OptionsPage } from "~/src/ui/options"
import { fieldId } from "~/src/ui/options/fields"
import { createOptionsStore } from "~/src/ui/options/store"

import { installBackground, type OptionsBackground } from "./harness"

const PATH = "salesforce.teamMembers"
let background: OptionsBackground
function mount() {
  background = installBackground({}, { book: async () => ({ today: "2026-12-02", facts: [] }) })
  render(<OptionsPage store={createOptionsStore({ ask: askAny, download: () => undefined, saveDelayMs: 0 })} />)
}
const field = () => document.getElementById(fieldId(PATH)) as HTMLTextAreaElement
const stored = () => background.storage.local.teamSettings as typeof DEFAULT_SETTINGS | undefined

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe("options page: the team page's members", () => {
  it("saves one User id a line, blank lines dropped", async () => {
    mount()
    await waitFor(() => expect(field()).toBeTruthy())
    expect(document.querySelector(`label[for="${fieldId(PATH)}"]`)?.textContent).toBe("Team members (User ids)")
    fireEvent.change(field(), { target: { value: "005xx0000000901AAA\n\n  005xx0000000902AAA \n" } })
    fireEvent.blur(field())
    await waitFor(() => expect(stored()?.salesforce.teamMembers).toEqual(["005xx0000000901AAA", "005xx0000000902AAA"]))
  })

  it("refuses what is not a User id, next to the field, and saves nothing", async () => {
    mount()
    await waitFor(() => expect(field()).toBeTruthy())
    fireEvent.change(field(), { target: { value: "005xx0000000901AAA\n001Hs00002ABCDeIAP" } })
    fireEvent.blur(field())
    await waitFor(() => expect(field().getAttribute("aria-invalid")).toBe("true"))
    const notes = (field().getAttribute("aria-describedby") ?? "").split(" ")
    expect(notes.map((id) => document.getElementById(id)?.textContent ?? "").join(" ")).toMatch(/User id/)
    expect(stored()?.salesforce.teamMembers ?? []).toEqual([])
  })
})
