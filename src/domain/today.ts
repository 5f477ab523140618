/**
 * "Today, across the book" (issue 16, item 9), pure: every step due or overdue in every account's
 * plan as one list, most urgent first, and that list as CSV. The popup and its full page show it;
 * the background builds it from the plans it keeps for the book (`today-items.ts`: kept apart, since
 * it needs the playbook, which the popup's bundle does without).
 */
import { csvText } from "./csv"
import type { IsoDate } from "./dates"
import type { PlanStep, Role } from "./plan"
import { isCsmStep } from "./plan"

/** The situations that jump the queue (upsell is a situation too, but nothing is on fire). */
export const URGENT_SITUATIONS = ["failed_to_onboard", "cancellation", "past_due", "at_risk"] as const
export type UrgentSituation = (typeof URGENT_SITUATIONS)[number]

/** One step of one account, as the Today list shows it. */
export interface TodayItem {
  apiHost: string
  accountId: string
  /** The account's name, as the book shows it. */
  name: string
  org?: string
  key: string
  rule: PlanStep["rule"]
  title: string
  due: IsoDate
  status: "overdue" | "due"
  role: Role
  /** Days past its due date (0 when due today). */
  overdueDays: number
  /** The running situation this step belongs to (FO, CX, PD, RK steps), else null. */
  situation: UrgentSituation | null
  /** An event step (a meeting held, a session given): checking it off asks when it happened. */
  event: boolean
}

/** A step hidden until a date ("Snooze until …"). */
export interface SnoozedItem extends TodayItem {
  until: IsoDate
}

/**
 * Whose steps a profile sees: a CSM their own (Team Lead steps are the lead's, as in every count);
 * a Team Lead both, since the lead may check either off.
 */
export const seesStep = (role: Role, item: { role: Role }): boolean => role === "team_lead" || isCsmStep(item)

const situationRank = (item: TodayItem): number =>
  item.situation === null ? URGENT_SITUATIONS.length : URGENT_SITUATIONS.indexOf(item.situation)

/** Most urgent first: running situations, then the most days overdue, then the earliest due, then by account. */
export function compareToday(a: TodayItem, b: TodayItem): number {
  return (
    situationRank(a) - situationRank(b) ||
    b.overdueDays - a.overdueDays ||
    a.due.localeCompare(b.due) ||
    a.name.localeCompare(b.name) ||
    a.accountId.localeCompare(b.accountId) ||
    a.key.localeCompare(b.key, "en", { numeric: true })
  )
}

export const sortToday = <T extends TodayItem>(items: readonly T[]): T[] => [...items].sort(compareToday)

/** One string per row: org, account and step. */
export const todayItemId = (item: { apiHost: string; accountId: string; key: string }): string =>
  `${item.apiHost} ${item.accountId} ${item.key}`

export const TODAY_CSV_HEADER = [
  "Account",
  "Account Id",
  "Step",
  "Rule",
  "Title",
  "Due",
  "Status",
  "Days overdue",
  "Situation",
  "Role"
] as const

/** The Today list as CSV (formula cells guarded by csvText), in the order shown. */
export function todayCsv(items: readonly TodayItem[]): string {
  return csvText([
    TODAY_CSV_HEADER,
    ...items.map((item) => [
      item.name,
      item.accountId,
      item.key,
      item.rule,
      item.title,
      item.due,
      item.status,
      item.overdueDays,
      item.situation ?? "",
      item.role
    ])
  ])
}
