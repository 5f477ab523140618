// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"

import { demoBook } from "~/src/demo/book"
import { parseCsv } from "~/src/domain/csv"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { teamAccountOf } from "~/src/domain/team"
import type { TeamView } from "~/src/messages/team-protocol"
import { createTeamStore, TeamPage } from "~/src/ui/team"

const TODAY = "2026-12-02"
const MEMBERS = [
  { id: "005xx0000000901AAA", name: "Avery Chen" },
  { id: "005xx0000000902AAA", name: "Blake Ortiz" },
  { id: "005xx0000000903AAA", name: "Dana Whitfield" }
]
const VIEW: TeamView = {
  state: "ok",
  syncedAt: Date.parse("2026-12-02T08:00:00Z"),
  apiHost: "https://acme.my.salesforce.com",
  source: "managers",
  today: TODAY,
  members: MEMBERS,
  accounts: demoBook(TODAY).map((input, i) =>
    teamAccountOf(buildPlan(AccountFacts.parse(input), DEFAULT_SETTINGS, TODAY), MEMBERS[i % 3]?.id ?? "", TODAY)
  )
}

function mount() {
  vi.stubGlobal("chrome", { runtime: { onMessage: { addListener: () => undefined, removeListener: () => undefined } } })
  const files: { name: string; text: string }[] = []
  const ask = vi.fn(async (request: { name: string }) => {
    if (request.name === "team.view" || request.name === "team.sync") return VIEW
    throw new Error(`unexpected ${request.name}`)
  })
  const store = createTeamStore({ ask: ask as never, download: (name, text) => void files.push({ name, text }) })
  render(<TeamPage store={store} />)
  return { ask, files }
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe("the team page", () => {
  it("the lead's queue lists the cancellation's CX3 and CX4, due now while it runs", async () => {
    mount()
    const queue = await screen.findByTestId("lead-queue")
    for (const rule of ["CX3", "CX4"]) {
      const item = queue.querySelector(`li[data-rule="${rule}"]`)
      expect(item?.getAttribute("data-status")).toBe("due")
      expect(item?.textContent).toContain("Due now")
      expect(item?.textContent).toContain("while the situation runs")
    }
  })

  it("is a table per CSM with column headers, sortable by keyboard-reachable buttons", async () => {
    mount()
    const table = await screen.findByRole("table", { name: "Your team, by CSM" })
    const headers = within(table).getAllByRole("columnheader")
    expect(headers.map((h) => h.textContent?.replace(/[▲▼]/g, "").trim())).toEqual([
      "CSM",
      "Accounts",
      "Steps overdue",
      "Due this week",
      "Oldest overdue step"
    ])
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((h) => h.textContent)
    ).toHaveLength(3)
    const overdue = () =>
      within(table)
        .getAllByRole("row")
        .slice(1)
        .map((r) => Number(r.getAttribute("data-overdue")))
    expect(overdue()).toEqual([...overdue()].sort((a, b) => b - a))
    fireEvent.click(within(headers[2] as HTMLElement).getByRole("button"))
    await waitFor(() => expect(headers[2]?.getAttribute("aria-sort")).toBe("ascending"))
    expect(overdue()).toEqual([...overdue()].sort((a, b) => a - b))
    fireEvent.click(within(headers[0] as HTMLElement).getByRole("button"))
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((h) => h.textContent)
    ).toEqual(MEMBERS.map((m) => m.name))
  })

  it("drills down to a CSM's accounts and an account with its Lightning link; back to the team", async () => {
    mount()
    fireEvent.click(await screen.findByRole("button", { name: "Blake Ortiz" }))
    const table = await screen.findByRole("table", { name: /Blake Ortiz's accounts/ })
    const mine = VIEW.accounts.filter((a) => a.csmId === "005xx0000000902AAA")
    expect(within(table).getAllByRole("rowheader")).toHaveLength(mine.length)
    const first = mine[0]
    if (!first) throw new Error("no account")
    fireEvent.click(within(table).getByRole("button", { name: first.name }))
    const link = await screen.findByRole("link", { name: "Open in Salesforce" })
    expect(link.getAttribute("href")).toBe(`https://acme.lightning.force.com/lightning/r/Account/${first.id}/view`)
    const crumbs = screen.getByRole("navigation", { name: "Where you are" })
    fireEvent.click(within(crumbs).getByRole("button", { name: "Team" }))
    await screen.findByRole("table", { name: "Your team, by CSM" })
  })

  it("says since when; exports the accounts shown, one row each; the filter narrows counts and file", async () => {
    const { files } = mount()
    await screen.findByRole("table", { name: "Your team, by CSM" })
    const at = new Date(VIEW.syncedAt ?? 0).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })
    expect(screen.getByRole("status").textContent).toBe(`13 accounts of 3 CSMs from Salesforce, ${at}`)
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }))
    expect(files[0]?.name).toBe(`sop-pilot-team-${TODAY}.csv`)
    expect(parseCsv(files[0]?.text ?? "")).toHaveLength(VIEW.accounts.length + 1)
    fireEvent.change(screen.getByLabelText("Situation"), { target: { value: "past_due" } })
    await waitFor(() => expect(screen.getByTestId("count-past_due").getAttribute("data-count")).toBe("1"))
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }))
    const rows = parseCsv(files[1]?.text ?? "")
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Keystone Imaging"])
  })
})
