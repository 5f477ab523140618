import { describe, expect, it } from "vitest"

import { parseCsv } from "~/src/domain/csv"
import { demoBook } from "~/src/demo/book"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import {
  csmRows,
  filterAccounts,
  situationCounts,
  sortCsmRows,
  TEAM_CSV_HEADER,
  teamAccountOf,
  teamCsv,
  teamLeadQueue,
  type TeamAccount,
  type TeamMember
} from "~/src/domain/team"

const TODAY = "2026-12-02"
const MEMBERS: TeamMember[] = [
  { id: "005xx0000000901AAA", name: "Avery Chen" },
  { id: "005xx0000000902AAA", name: "Blake Ortiz" },
  { id: "005xx0000000903AAA", name: "Dana Whitfield" }
]
const csmOf = (i: number) => (MEMBERS[i % 3] as TeamMember).id
const BOOK: TeamAccount[] = demoBook(TODAY).map((input, i) =>
  teamAccountOf(buildPlan(AccountFacts.parse(input), DEFAULT_SETTINGS, TODAY), csmOf(i), TODAY)
)
const labels = { stage: (s: string) => `stage ${s}`, situation: (s: string) => `sit ${s}` }

describe("the team's accounts", () => {
  it("an account: overdue steps, due this week, the oldest overdue step, the open steps", () => {
    const input = demoBook(TODAY).find((a) => a.name === "Foothill Pediatrics")
    const plan = buildPlan(AccountFacts.parse(input), DEFAULT_SETTINGS, TODAY)
    const account = teamAccountOf(plan, "005xx0000000901AAA", TODAY)
    const overdue = plan.steps.filter((s) => s.role === "csm" && s.status === "overdue")
    expect(account.overdue).toBe(overdue.length)
    expect(account.oldestOverdue?.due).toBe(overdue.map((s) => s.due as string).sort()[0])
    expect(account.steps.every((s) => s.status !== "done")).toBe(true)
    const week = plan.steps.filter(
      (s) => s.role === "csm" && s.status !== "done" && s.due !== null && s.due >= TODAY && s.due <= "2026-12-08"
    )
    expect(account.dueThisWeek).toBe(week.length)
  })

  it("per CSM: accounts, overdue, due this week and the oldest overdue step add up; a CSM with none is listed", () => {
    const rows = csmRows([...MEMBERS, { id: "005xx0000000904AAA", name: "New Hire" }], BOOK)
    for (const row of rows) {
      const mine = BOOK.filter((a) => a.csmId === row.id)
      expect(row.accounts).toBe(mine.length)
      expect(row.overdue).toBe(mine.reduce((n, a) => n + a.overdue, 0))
      expect(row.dueThisWeek).toBe(mine.reduce((n, a) => n + a.dueThisWeek, 0))
      const oldest = mine.flatMap((a) => (a.oldestOverdue?.due ? [a.oldestOverdue.due] : [])).sort()[0]
      expect(row.oldestOverdue?.due).toBe(oldest)
    }
    expect(rows.at(-1)).toMatchObject({ name: "New Hire", accounts: 0, overdue: 0, oldestOverdue: null })
  })

  it("sorts by any column, both ways; ties by name; no overdue step sorts last", () => {
    const rows = csmRows(MEMBERS, BOOK)
    const byOverdue = sortCsmRows(rows, "overdue", "descending").map((r) => r.overdue)
    expect(byOverdue).toEqual([...byOverdue].sort((a, b) => b - a))
    expect(sortCsmRows(rows, "name", "descending").map((r) => r.name)).toEqual([
      "Dana Whitfield",
      "Blake Ortiz",
      "Avery Chen"
    ])
    const withNone = [...rows, { ...rows[0], id: "x", name: "Zed", oldestOverdue: null } as (typeof rows)[number]]
    expect(sortCsmRows(withNone, "oldestOverdue", "ascending").at(-1)?.name).toBe("Zed")
    expect(sortCsmRows(withNone, "oldestOverdue", "descending").at(-1)?.name).toBe("Zed")
  })

  it("the lead's queue: every team_lead step due or overdue, with account and CSM, oldest first", () => {
    const queue = teamLeadQueue(BOOK, MEMBERS, TODAY)
    expect(queue.length).toBeGreaterThan(0)
    expect(queue.every((q) => q.role === "team_lead" && (q.status === "overdue" || q.status === "due"))).toBe(true)
    const tl1 = queue.find((q) => q.rule === "TL1")
    expect(tl1?.accountName).toBe("Foothill Pediatrics")
    expect(tl1?.csmName).toBe(MEMBERS.find((m) => m.id === tl1?.csmId)?.name)
    // A step due now without a date sorts as today's.
    expect(queue.map((q) => q.due ?? TODAY)).toEqual([...queue.map((q) => q.due ?? TODAY)].sort())
    const all = BOOK.flatMap((a) =>
      a.steps.filter((s) => s.role === "team_lead" && ["overdue", "due"].includes(s.status))
    )
    expect(queue.length).toBe(all.length)
  })

  it("the lead's queue: CX3, CX4 and CX5 have no date and are due while the cancellation runs", () => {
    const input = demoBook(TODAY).find((a) => a.cancellationRequestedOn !== undefined)
    if (!input) throw new Error("the demo book has no cancellation")
    const planned = (facts: object) =>
      teamAccountOf(buildPlan(AccountFacts.parse({ ...input, ...facts }), DEFAULT_SETTINGS, TODAY), csmOf(0), TODAY)
    const account = planned({})
    // The plan calls them information (no date); for the lead they are due now.
    const plan = buildPlan(AccountFacts.parse(input), DEFAULT_SETTINGS, TODAY)
    expect(plan.steps.find((s) => s.rule === "CX3")).toMatchObject({ due: null, status: "info" })
    const queue = teamLeadQueue([account], MEMBERS, TODAY)
    const undated = queue.filter((q) => q.due === null).map((q) => q.rule)
    expect(undated).toEqual(["CX3", "CX4", "CX5"])
    expect(queue.filter((q) => q.due === null).every((q) => q.status === "due")).toBe(true)
    // After the overdue ones, before what is due later.
    const dates = queue.map((q) => q.due ?? TODAY)
    expect(dates).toEqual([...dates].sort())
    // The CSM's own undated steps stay information, and count nowhere.
    expect(account.steps.filter((s) => s.role === "csm" && s.due === null).every((s) => s.status === "info")).toBe(true)
    expect(account.overdue).toBe(plan.steps.filter((s) => s.role === "csm" && s.status === "overdue").length)
    // Done: out of the queue. No cancellation any more: none of them.
    const afterCall = teamLeadQueue([planned({ done: [...(input.done ?? []), "CX3"] })], MEMBERS, TODAY)
    expect(afterCall.map((q) => q.rule)).not.toContain("CX3")
    expect(afterCall.map((q) => q.rule)).toContain("CX4")
    const withdrawn = teamLeadQueue([planned({ cancellationRequestedOn: undefined })], MEMBERS, TODAY)
    expect(withdrawn.some((q) => q.rule.startsWith("CX"))).toBe(false)
  })

  it("filters by stage and situation; counts at risk, past due and cancellation", () => {
    const counts = situationCounts(BOOK)
    expect(counts).toEqual({
      at_risk: BOOK.filter((a) => a.situations.includes("at_risk")).length,
      past_due: BOOK.filter((a) => a.situations.includes("past_due")).length,
      cancellation: BOOK.filter((a) => a.situations.includes("cancellation")).length
    })
    expect(counts.past_due).toBeGreaterThan(0)
    expect(filterAccounts(BOOK, { stage: "adoption_90" }).every((a) => a.stage === "adoption_90")).toBe(true)
    expect(filterAccounts(BOOK, { situation: "past_due" }).map((a) => a.name)).toEqual(["Keystone Imaging"])
    expect(filterAccounts(BOOK, { stage: "", situation: "" })).toHaveLength(BOOK.length)
    expect(filterAccounts(BOOK, { stage: "onboarding", situation: "past_due" })).toEqual([])
  })

  it("the CSV: a header, then one row per account shown, read back as written", () => {
    const hostile: TeamAccount = { ...(BOOK[0] as TeamAccount), name: '=HYPERLINK("x"), "Clinic",\nWest' }
    const rows = parseCsv(teamCsv([hostile, ...BOOK.slice(1)], MEMBERS, labels))
    expect(rows[0]).toEqual([...TEAM_CSV_HEADER])
    expect(rows).toHaveLength(BOOK.length + 1)
    expect(rows[1]?.[0]).toBe(`'${hostile.name}`)
    expect(rows[1]?.[2]).toBe("Avery Chen")
    for (const [i, account] of BOOK.entries()) {
      if (i === 0) continue
      const row = rows[i + 1] ?? []
      expect(row[1]).toBe(account.id)
      expect(row[3]).toBe(`stage ${account.stage}`)
      expect(Number(row[5])).toBe(account.overdue)
      expect(Number(row[6])).toBe(account.dueThisWeek)
    }
  })
})
