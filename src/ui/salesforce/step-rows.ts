import type { PlanStep, Situation, StepStatus } from "~/src/domain/plan"
import { situationOfRule } from "~/src/domain/playbook/rule-situations"

/** A Team Lead step sits apart for a CSM: the lead's work, not the CSM's (issue 16, defect 4). */
export type StepGroup = StepStatus | "team_lead"
export const STEP_GROUPS: readonly StepGroup[] = ["overdue", "due", "upcoming", "info", "done", "team_lead"]

/**
 * Situations whose steps come first: something is going wrong with the account now. Upsell is a
 * situation too, but an opportunity that is always on in retention: it keeps its place by date.
 */
export const PRESSING_SITUATIONS: readonly Situation[] = ["cancellation", "past_due", "failed_to_onboard", "at_risk"]

/** One step as the checklist holds it: its group, and whether it was checked or unchecked here. */
export interface StepEntry {
  step: PlanStep
  group: StepGroup
  /** Checked or unchecked in this view: the row keeps showing it (with its Undo). */
  pinned: boolean
}

/** One line of the checklist: a step, or the occurrences of one rule collapsed into it (FO1 × 10). */
export interface StepRow {
  /** The occurrence the row shows and checks off. */
  entry: StepEntry
  /** The rule's other occurrences on the same side (open, or done), in the plan's order. */
  others: StepEntry[]
}

export interface ChecklistSection {
  /** A running situation's steps, or one of the groups (Overdue, Due today … Done, Team Lead). */
  kind: "situation" | "group"
  situation?: Situation
  group?: StepGroup
  rows: StepRow[]
}

const isOpen = (entry: StepEntry) => entry.group !== "done"
const groupRank = (group: StepGroup) => STEP_GROUPS.indexOf(group)

/**
 * Collapses repeated occurrences of a rule into one row per side: all open ones together (the
 * row shows the one checked here, else the first in plan order: the earliest due), all done ones
 * together. A row takes the group of the occurrence it shows.
 */
export function collapseRepeats(entries: readonly StepEntry[]): StepRow[] {
  const rows: StepRow[] = []
  const byRule = new Map<string, StepRow>()
  for (const entry of entries) {
    // Team Lead steps are never repeated, but their side is their own.
    const side = entry.group === "team_lead" ? "lead" : isOpen(entry) ? "open" : "done"
    const id = `${entry.step.rule}|${side}`
    const row = byRule.get(id)
    if (!row) {
      const created: StepRow = { entry, others: [] }
      byRule.set(id, created)
      rows.push(created)
    } else if (entry.pinned && !row.entry.pinned) {
      row.others = [row.entry, ...row.others]
      row.entry = entry
    } else {
      row.others.push(entry)
    }
  }
  // The others in plan order (a pinned one may have jumped ahead).
  const order = new Map(entries.map((entry, index) => [entry.step.key, index]))
  for (const row of rows) {
    row.others.sort((a, b) => (order.get(a.step.key) ?? 0) - (order.get(b.step.key) ?? 0))
  }
  return rows
}

/**
 * The checklist's sections: first each pressing situation running on the account with its open
 * steps (most urgent first), then the stage's steps by group — Overdue, Due today, Upcoming, No
 * date — then Done and the Team Lead's. Empty sections are left out.
 */
export function checklistSections(entries: readonly StepEntry[], running: readonly Situation[]): ChecklistSection[] {
  const rows = collapseRepeats(entries)
  const pressing = PRESSING_SITUATIONS.filter((situation) => running.includes(situation))
  const situationOf = (row: StepRow): Situation | undefined => {
    if (!isOpen(row.entry) || row.entry.group === "team_lead") return undefined
    const situation = situationOfRule(row.entry.step.rule)
    return situation && pressing.includes(situation) ? situation : undefined
  }
  const sections: ChecklistSection[] = []
  for (const situation of pressing) {
    const own = rows
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => situationOf(row) === situation)
      .sort((a, b) => groupRank(a.row.entry.group) - groupRank(b.row.entry.group) || a.index - b.index)
      .map(({ row }) => row)
    if (own.length > 0) sections.push({ kind: "situation", situation, rows: own })
  }
  for (const group of STEP_GROUPS) {
    const own = rows.filter((row) => row.entry.group === group && situationOf(row) === undefined)
    if (own.length > 0) sections.push({ kind: "group", group, rows: own })
  }
  return sections
}

/** The occurrence number of a repeated step's key (`FO1#4` → 4), or undefined for a single one. */
export function occurrenceOf(key: string): number | undefined {
  const match = /#(\d+)$/.exec(key)
  return match ? Number(match[1]) : undefined
}
