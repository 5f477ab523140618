import { buildPlan } from "../src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "../src/domain/facts"
import type { Plan, PlanStep } from "../src/domain/plan"
import { DEFAULT_SETTINGS, type TeamSettings } from "../src/domain/settings"
import type { IsoDate } from "../src/domain/dates"

const STATUS_MARK: Record<PlanStep["status"], string> = {
  overdue: "OVERDUE",
  due: "today",
  upcoming: "",
  info: "",
  done: "done"
}

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width))

/** Open steps, overdue first, then by date, undated ones last: what the CSM does next. */
export function nextSteps(plan: Plan, limit: number): PlanStep[] {
  return plan.steps.filter((step) => step.status !== "done").slice(0, limit)
}

export const overdueCount = (plan: Plan) => plan.steps.filter((step) => step.status === "overdue").length

/** A readable table of a book of business: accounts with overdue steps first, most overdue on top. */
export function formatBookTable(
  book: AccountFactsInput[],
  today: IsoDate,
  settings: TeamSettings = DEFAULT_SETTINGS
): string {
  const plans = book.map((facts) => buildPlan(AccountFacts.parse(facts), settings, today))
  plans.sort((a, b) => overdueCount(b) - overdueCount(a) || a.account.name.localeCompare(b.account.name))
  const lines = [
    `SOP Pilot demo — book of business on ${today} (${plans.length} accounts)`,
    "",
    `${pad("Account", 30)} ${pad("Stage", 13)} ${pad("Situations", 26)} ${pad("Overdue", 7)} Next steps`,
    `${"-".repeat(30)} ${"-".repeat(13)} ${"-".repeat(26)} ${"-".repeat(7)} ${"-".repeat(60)}`
  ]
  for (const plan of plans) {
    const steps = nextSteps(plan, 3)
    const first = steps.length === 0 ? "(nothing due)" : describe(steps[0] as PlanStep)
    lines.push(
      `${pad(plan.account.name, 30)} ${pad(plan.stage, 13)} ${pad(plan.situations.join(", ") || "-", 26)} ${pad(String(overdueCount(plan)), 7)} ${first}`
    )
    for (const step of steps.slice(1)) lines.push(`${" ".repeat(30 + 13 + 26 + 7 + 4)}${describe(step)}`)
  }
  lines.push(
    "",
    "Legend: OVERDUE = past its due date; today = due today. Rule ids (ON2, AD4 …) are those of the playbook spec."
  )
  return `${lines.join("\n")}\n`
}

function describe(step: PlanStep): string {
  const mark = STATUS_MARK[step.status]
  return `${pad(step.key, 6)} ${step.due ?? "—"} ${mark ? `${mark.padEnd(7)} ` : "        "}${pad(step.title, 70)}`
}
