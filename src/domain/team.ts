/**
 * The Team Lead's view of the team's book (issue 13), pure: each account's plan boiled down to
 * what a lead scans (stage, situations, overdue, due this week, the oldest overdue step, the
 * open steps), then per CSM, the lead's own queue (every `team_lead` step due or overdue), the
 * filters by stage and situation, the at-risk / past-due / cancellation counts and the CSV of
 * what is shown.
 */
import * as z from "zod"

import { csvText } from "./csv"
import { plusDays, type IsoDate } from "./dates"
import type { Plan } from "./plan"
import { ROLES, SITUATIONS, STAGES, STEP_STATUSES, type Situation, type Stage } from "./plan"
import { PLAYBOOK, type Rule } from "./playbook"
import { RULE_IDS } from "./playbook/rule-ids"

/** A CSM of the team (a Salesforce User). */
export const TeamMember = z.strictObject({ id: z.string(), name: z.string() })
export type TeamMember = z.infer<typeof TeamMember>

export const TeamStep = z.strictObject({
  key: z.string(),
  rule: z.enum(RULE_IDS),
  title: z.string(),
  due: z.string().nullable(),
  status: z.enum(STEP_STATUSES),
  role: z.enum(ROLES)
})
export type TeamStep = z.infer<typeof TeamStep>

/** One account of the team, as the lead's page shows it. */
export const TeamAccount = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The CSM's user id (the Account's CSM field). */
  csmId: z.string(),
  stage: z.enum(STAGES),
  situations: z.array(z.enum(SITUATIONS)),
  overdue: z.number().int().nonnegative(),
  /** Open steps due from today to six days on. */
  dueThisWeek: z.number().int().nonnegative(),
  oldestOverdue: TeamStep.nullable(),
  /** Every step not done, in plan order. */
  steps: z.array(TeamStep)
})
export type TeamAccount = z.infer<typeof TeamAccount>

/** The last day "due this week" covers: today and the six days after. */
export const weekEnd = (today: IsoDate): IsoDate => plusDays(today, 6)

/** The Team Lead rules that have no date by nature (CX3, CX4, CX5): while they apply, they are due. */
const undatedLeadRules = (playbook: readonly Rule[]): Set<string> =>
  new Set(playbook.filter((r) => r.role === "team_lead" && r.due.kind === "none").map((r) => r.id))
const SHIPPED_UNDATED = undatedLeadRules(PLAYBOOK)

export function teamAccountOf(
  plan: Plan,
  csmId: string,
  today: IsoDate,
  playbook: readonly Rule[] = PLAYBOOK
): TeamAccount {
  const end = weekEnd(today)
  const undated = playbook === PLAYBOOK ? SHIPPED_UNDATED : undatedLeadRules(playbook)
  const open = plan.steps.filter((s) => s.status !== "done")
  // A lead's step with no date that is in the plan applies now (its situation runs, it is not
  // done): it is due now, or the lead's queue would never show CX3 or CX4.
  const steps = open.map(({ key, rule, title, due, status, role }) => ({
    key,
    rule,
    title,
    due,
    status: status === "info" && role === "team_lead" && undated.has(rule) ? ("due" as const) : status,
    role
  }))
  // How far behind the CSM is: the CSM's own steps; the lead's are in the lead's queue (issue 16, defect 4).
  const own = steps.filter((s) => s.role === "csm")
  const overdue = own.filter((s) => s.status === "overdue")
  const oldest = overdue.reduce<TeamStep | null>(
    (old, s) => (old === null || (s.due ?? "") < (old.due ?? "") ? s : old),
    null
  )
  return {
    id: plan.account.id,
    name: plan.account.name,
    csmId,
    stage: plan.stage,
    situations: plan.situations,
    overdue: overdue.length,
    dueThisWeek: own.filter((s) => s.due !== null && s.due >= today && s.due <= end).length,
    oldestOverdue: oldest,
    steps
  }
}

export interface TeamFilter {
  stage?: Stage | ""
  situation?: Situation | ""
}

export function filterAccounts(accounts: readonly TeamAccount[], filter: TeamFilter): TeamAccount[] {
  return accounts.filter(
    (a) => (!filter.stage || a.stage === filter.stage) && (!filter.situation || a.situations.includes(filter.situation))
  )
}

/** The counts at the top of the page: accounts at risk, past due, asking to cancel. */
export function situationCounts(
  accounts: readonly TeamAccount[]
): Record<"at_risk" | "past_due" | "cancellation", number> {
  const count = (situation: Situation) => accounts.filter((a) => a.situations.includes(situation)).length
  return { at_risk: count("at_risk"), past_due: count("past_due"), cancellation: count("cancellation") }
}

/** One row of the per-CSM table. */
export interface CsmRow {
  id: string
  name: string
  accounts: number
  overdue: number
  dueThisWeek: number
  /** The oldest overdue step over the CSM's accounts, with its account. */
  oldestOverdue: (TeamStep & { accountId: string; accountName: string }) | null
}

/** Every member's row (a member without accounts too), in the members' order. */
export function csmRows(members: readonly TeamMember[], accounts: readonly TeamAccount[]): CsmRow[] {
  const rows = new Map<string, CsmRow>(
    members.map((m) => [m.id, { id: m.id, name: m.name, accounts: 0, overdue: 0, dueThisWeek: 0, oldestOverdue: null }])
  )
  for (const account of accounts) {
    const row = rows.get(account.csmId)
    if (!row) continue
    row.accounts++
    row.overdue += account.overdue
    row.dueThisWeek += account.dueThisWeek
    const step = account.oldestOverdue
    if (step && (row.oldestOverdue === null || (step.due ?? "") < (row.oldestOverdue.due ?? "")))
      row.oldestOverdue = { ...step, accountId: account.id, accountName: account.name }
  }
  return [...rows.values()]
}

export const CSM_SORT_KEYS = ["name", "accounts", "overdue", "dueThisWeek", "oldestOverdue"] as const
export type CsmSortKey = (typeof CSM_SORT_KEYS)[number]
export type SortDirection = "ascending" | "descending"

/** The rows sorted by one column; ties by name. An oldest overdue step sorts by its date, none last. */
export function sortCsmRows(rows: readonly CsmRow[], key: CsmSortKey, direction: SortDirection): CsmRow[] {
  const sign = direction === "ascending" ? 1 : -1
  const value = (row: CsmRow): string | number =>
    key === "name" ? row.name : key === "oldestOverdue" ? (row.oldestOverdue?.due ?? "") : row[key]
  return [...rows].sort((a, b) => {
    if (key === "oldestOverdue" && (a.oldestOverdue === null) !== (b.oldestOverdue === null))
      return a.oldestOverdue === null ? 1 : -1
    const x = value(a)
    const y = value(b)
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))
    return order !== 0 ? sign * order : a.name.localeCompare(b.name)
  })
}

/** One step of the lead's own queue. */
export interface QueueItem extends TeamStep {
  accountId: string
  accountName: string
  csmId: string
  csmName: string
}

/**
 * Every `team_lead` step (TL1, TL2, CX3, CX4, FO6 …) due or overdue across the accounts, oldest
 * first; a step due now without a date (CX3, CX4) counts as due `today`, after the overdue ones.
 */
export function teamLeadQueue(
  accounts: readonly TeamAccount[],
  members: readonly TeamMember[],
  today = ""
): QueueItem[] {
  const names = new Map(members.map((m) => [m.id, m.name]))
  return accounts
    .flatMap((a) =>
      a.steps
        .filter((s) => s.role === "team_lead" && (s.status === "overdue" || s.status === "due"))
        .map((s) => ({
          ...s,
          accountId: a.id,
          accountName: a.name,
          csmId: a.csmId,
          csmName: names.get(a.csmId) ?? a.csmId
        }))
    )
    .sort((x, y) => (x.due ?? today).localeCompare(y.due ?? today) || x.accountName.localeCompare(y.accountName))
}

export const TEAM_CSV_HEADER = [
  "Account",
  "Account Id",
  "CSM",
  "Stage",
  "Situations",
  "Steps overdue",
  "Due this week",
  "Oldest overdue step",
  "Oldest overdue since"
] as const

/** The accounts shown, one row each (after the header), for a spreadsheet. */
export function teamCsv(
  accounts: readonly TeamAccount[],
  members: readonly TeamMember[],
  labels: { stage: (stage: Stage) => string; situation: (situation: Situation) => string }
): string {
  const names = new Map(members.map((m) => [m.id, m.name]))
  return csvText([
    [...TEAM_CSV_HEADER],
    ...accounts.map((a) => [
      a.name,
      a.id,
      names.get(a.csmId) ?? a.csmId,
      labels.stage(a.stage),
      a.situations.map(labels.situation).join("; "),
      a.overdue,
      a.dueThisWeek,
      a.oldestOverdue ? `${a.oldestOverdue.rule} ${a.oldestOverdue.title}` : "",
      a.oldestOverdue?.due ?? ""
    ])
  ])
}
