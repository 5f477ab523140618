/**
 * Which email the CSM is most likely writing (issue #5): from the account's plan, the open steps
 * that send a template, most pressing first. Pure, zod-free (the Gmail bundle imports it).
 *
 * Order of the options:
 * 1. steps due today, then overdue ones (the most recently due first: the recap of yesterday's
 *    meeting is more likely the email being written than a three-week-old one, which stays
 *    listed with its own reason), CSM steps before Team Lead steps;
 * 2. then the rest: upcoming (soonest first), then undated (`info`).
 * Only a step of group 1 is pre-selected: a recap is never suggested before its meeting.
 * Every template also stays available on its own (no step), for emails outside the plan.
 */
import type { Plan, PlanStep } from "./plan"
import { TEMPLATE_IDS, type TemplateId } from "./templates/catalog"
import { plural } from "./text"

export interface EmailStep {
  /** The plan step (`TR2#2`, `AD4`), checked off after the email is inserted. */
  step: PlanStep
  template: TemplateId
  /** True for a step due today or overdue: the one pre-selected when first. */
  pressing: boolean
  /** One line for the panel: when it is due, then the plan's own why. */
  reason: string
}

export interface TemplatePick {
  /** Open steps that send an email, most pressing first. */
  steps: EmailStep[]
  /** The pre-selected step: the first pressing one, if any. */
  suggested?: EmailStep
}

const DAY_MS = 86_400_000
const dayNumber = (iso: string): number =>
  Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS)

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysFrom(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

function whenText(step: PlanStep, today: string): string {
  if (step.due === null) return "No date yet"
  const days = daysFrom(today, step.due)
  if (step.status === "due" || days === 0) return "Due today"
  if (days < 0) return `Overdue by ${plural(-days, "day")} (due ${step.due})`
  return `Due in ${plural(days, "day")} (${step.due})`
}

function rank(step: PlanStep, today: string): [number, number, number, number] {
  const pressing = step.status === "due" || step.status === "overdue"
  const group = pressing ? 0 : 1
  const role = step.role === "csm" ? 0 : 1
  const statusOrder = step.status === "due" ? 0 : step.status === "overdue" ? 1 : step.status === "upcoming" ? 2 : 3
  const days = step.due === null ? 0 : daysFrom(today, step.due)
  // Overdue: most recent first (days closest to 0); upcoming: soonest first.
  const byDate = step.status === "overdue" ? -days : days
  return [group, role, statusOrder, byDate]
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}

const isTemplateId = (value: unknown): value is TemplateId => (TEMPLATE_IDS as readonly unknown[]).includes(value)

/** The plan's open email steps, most pressing first, and the one to pre-select. */
export function pickTemplate(plan: Pick<Plan, "steps">, today: string): TemplatePick {
  const open = plan.steps.filter((step) => step.status !== "done" && isTemplateId(step.template))
  const ranked = open
    .map((step, index) => ({ step, index, rank: rank(step, today) }))
    .sort((a, b) => compareRanks(a.rank, b.rank) || a.index - b.index)
  const steps: EmailStep[] = ranked.map(({ step }) => ({
    step,
    template: step.template as TemplateId,
    pressing: step.status === "due" || step.status === "overdue",
    reason: `${whenText(step, today)}. ${step.why}`
  }))
  const first = steps[0]
  return { steps, suggested: first?.pressing ? first : undefined }
}

/** The session number of a per-session key (`TR2#3` → 3), else undefined. */
export function occurrenceOf(key: string): number | undefined {
  const match = /#(\d+)$/.exec(key)
  return match ? Number(match[1]) : undefined
}
