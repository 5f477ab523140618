/**
 * The Today list's rows of one plan (the background's part of "Today, across the book"): needs the
 * playbook (which situation a rule belongs to), so it stays out of the popup's bundle.
 */
import { daysBetween, type IsoDate } from "./dates"
import type { Plan } from "./plan"
import { PLAYBOOK } from "./playbook"
import { URGENT_SITUATIONS, type TodayItem, type UrgentSituation } from "./today"
import { eventOf } from "./write-back"

const URGENT = new Set<string>(URGENT_SITUATIONS)
const PHASE_OF = new Map<string, string>(PLAYBOOK.map((rule) => [rule.id, rule.phase]))

/** The account a plan is for, as the Today list names it. */
export interface TodayAccount {
  apiHost: string
  accountId: string
  name: string
  org?: string
}

/** The plan's open steps that are due today or overdue, either role (the list picks by profile). */
export function todayItemsOf(plan: Plan, account: TodayAccount, today: IsoDate): TodayItem[] {
  const items: TodayItem[] = []
  for (const step of plan.steps) {
    if ((step.status !== "overdue" && step.status !== "due") || step.due === null) continue
    const phase = PHASE_OF.get(step.rule) ?? ""
    items.push({
      apiHost: account.apiHost,
      accountId: account.accountId,
      name: account.name,
      ...(account.org === undefined ? {} : { org: account.org }),
      key: step.key,
      rule: step.rule,
      title: step.title,
      due: step.due,
      status: step.status,
      role: step.role,
      overdueDays: Math.max(0, daysBetween(step.due, today)),
      situation: URGENT.has(phase) ? (phase as UrgentSituation) : null,
      event: eventOf(step.key) !== undefined
    })
  }
  return items
}
