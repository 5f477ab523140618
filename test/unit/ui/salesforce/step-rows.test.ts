import { describe, expect, it } from "vitest"

import type { PlanStep } from "~/src/domain/plan"
import { checklistSections, collapseRepeats, type StepEntry } from "~/src/ui/salesforce/step-rows"

const step = (key: string, status: PlanStep["status"], due: string | null = "2026-12-01"): PlanStep => ({
  key,
  rule: key.split("#")[0] as PlanStep["rule"],
  title: key,
  due,
  status,
  role: key.startsWith("TL") ? "team_lead" : "csm",
  template: null,
  why: `why ${key}`
})
const entry = (key: string, status: PlanStep["status"], pinned = false): StepEntry => ({
  step: step(key, status),
  group: key.startsWith("TL") ? "team_lead" : status,
  pinned
})
const shown = (rows: ReturnType<typeof collapseRepeats>) =>
  rows.map((row) => [row.entry.step.key, row.others.map((o) => o.step.key)])

describe("collapseRepeats", () => {
  it("shows the first open occurrence of a rule in one row, the rest behind it, and the done ones apart", () => {
    const rows = collapseRepeats([
      entry("FO1#1", "done"),
      entry("FO1#2", "done"),
      entry("FO1#3", "done"),
      entry("FO1#4", "due"),
      entry("FO2", "upcoming"),
      entry("FO1#5", "upcoming"),
      entry("FO1#6", "upcoming")
    ])
    expect(shown(rows)).toEqual([
      ["FO1#1", ["FO1#2", "FO1#3"]],
      ["FO1#4", ["FO1#5", "FO1#6"]],
      ["FO2", []]
    ])
    // The row takes the group of the occurrence it shows: day 4, due today.
    expect(rows[1]?.entry.group).toBe("due")
  })

  it("keeps an overdue earlier occurrence as the one shown: it is still to do", () => {
    const rows = collapseRepeats([entry("FO1#1", "overdue"), entry("FO1#2", "due"), entry("FO1#3", "upcoming")])
    expect(shown(rows)).toEqual([["FO1#1", ["FO1#2", "FO1#3"]]])
    expect(rows[0]?.entry.group).toBe("overdue")
  })

  it("keeps showing the occurrence checked here (with its Undo), not the next one", () => {
    // FO1#1 just checked in this view: still on the open side (its group is where it was), pinned.
    const checked: StepEntry = { step: step("FO1#1", "done"), group: "overdue", pinned: true }
    const rows = collapseRepeats([entry("FO1#2", "overdue"), checked, entry("FO1#3", "upcoming")])
    expect(shown(rows)).toEqual([["FO1#1", ["FO1#2", "FO1#3"]]])
  })

  it("leaves single steps alone, in order", () => {
    expect(shown(collapseRepeats([entry("ON1", "overdue"), entry("ON2", "due"), entry("TL1", "upcoming")]))).toEqual([
      ["ON1", []],
      ["ON2", []],
      ["TL1", []]
    ])
  })
})

describe("checklistSections", () => {
  const sectionsOf = (entries: StepEntry[], running: Parameters<typeof checklistSections>[1]) =>
    checklistSections(entries, running).map((section) => [
      section.kind === "situation" ? `situation:${section.situation}` : section.group,
      section.rows.map((row) => row.entry.step.key)
    ])

  it("puts the open steps of each running situation first, most urgent first, then the stage by group", () => {
    const entries = [
      entry("ON3", "overdue"),
      entry("FO1#1", "overdue"),
      entry("ON4", "due"),
      entry("CX2", "upcoming"),
      entry("FO1#2", "due"),
      entry("CX1", "overdue"),
      entry("ON5", "upcoming"),
      entry("FO2", "upcoming"),
      entry("CX3", "info"),
      entry("ON1", "done"),
      entry("CX4", "done"),
      entry("TL1", "upcoming")
    ]
    expect(sectionsOf(entries, ["failed_to_onboard", "cancellation"])).toEqual([
      ["situation:cancellation", ["CX1", "CX2", "CX3"]],
      ["situation:failed_to_onboard", ["FO1#1", "FO2"]],
      ["overdue", ["ON3"]],
      ["due", ["ON4"]],
      ["upcoming", ["ON5"]],
      ["done", ["ON1", "CX4"]],
      ["team_lead", ["TL1"]]
    ])
  })

  it("keeps upsell steps with the stage's, by date: an opportunity, not a fire", () => {
    expect(sectionsOf([entry("UP1", "info"), entry("RK1", "info")], ["at_risk", "upsell"])).toEqual([
      ["situation:at_risk", ["RK1"]],
      ["info", ["UP1"]]
    ])
  })

  it("has no situation section for a situation that is not running", () => {
    // A step checked off in place stays in its section; a rule of a situation not running (a
    // step that left its plan) sits with the stage.
    expect(sectionsOf([entry("PD2", "overdue")], [])).toEqual([["overdue", ["PD2"]]])
  })
})
