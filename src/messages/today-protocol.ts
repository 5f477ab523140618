// zod/mini, like protocol.ts: the popup validates these answers and its bundle has no classic zod to spare.
import * as z from "zod/mini"

import { ROLES } from "../domain/plan"
import { RULE_IDS } from "../domain/playbook/rule-ids"
import { URGENT_SITUATIONS, type SnoozedItem, type TodayItem as DomainTodayItem } from "../domain/today"
import { AccountId, AccountOrg, AccountView, StepKey } from "./protocol"

/**
 * Messages of "Today, across the book" (issue 16, item 9): the list, snoozes, one account's plan
 * for the printable checklist. Kept out of protocol.ts so the content scripts' bundles do not
 * carry them; only SOP Pilot's own pages may send them (the router's access table).
 */

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"))

/** One row of the list on the wire; the annotation keeps it the domain's `TodayItem`. */
const itemShape = {
  apiHost: z.string(),
  accountId: z.string(),
  name: z.string(),
  org: z.optional(z.string()),
  key: z.string(),
  rule: z.enum(RULE_IDS),
  title: z.string(),
  due: isoDate,
  status: z.enum(["overdue", "due"]),
  role: z.enum(ROLES),
  overdueDays: z.int().check(z.nonnegative()),
  situation: z.nullable(z.enum(URGENT_SITUATIONS)),
  event: z.boolean()
}
export const TodayItem: z.ZodMiniType<DomainTodayItem> = z.strictObject(itemShape)
export const SnoozedTodayItem: z.ZodMiniType<SnoozedItem> = z.strictObject({ ...itemShape, until: isoDate })

/**
 * At most this many rows (of each kind) in the answer, most urgent first: the popup shows the first
 * ones of a 1,000-account book (thousands of steps) and the full page all of them.
 */
const Limit = z.int().check(z.positive(), z.maximum(100_000))

/** Every step due or overdue across the book, most urgent first, and those snoozed. */
export const TodayList = z.strictObject({
  today: isoDate,
  /** Whose steps are listed: a CSM's own, or (a Team Lead) the lead's too. */
  role: z.enum(ROLES),
  items: z.array(TodayItem),
  /** Steps shown in all: more than `items` holds when the request set a limit. */
  total: z.int().check(z.nonnegative()),
  snoozed: z.array(SnoozedTodayItem),
  snoozedTotal: z.int().check(z.nonnegative())
})
export type TodayList = z.infer<typeof TodayList>

export const TODAY_REQUESTS = {
  /** The Today list, from the cached book (no Salesforce read). Extension pages only. */
  "today.list": {
    request: z.strictObject({ name: z.literal("today.list"), limit: z.optional(Limit) }),
    response: TodayList
  },
  /** Hides a step until a later date (`until`), or shows it again (`until: null`); answers the new list. */
  "today.snooze": {
    request: z.strictObject({
      name: z.literal("today.snooze"),
      accountId: AccountId,
      apiHost: AccountOrg,
      key: StepKey,
      until: z.nullable(isoDate),
      limit: z.optional(Limit)
    }),
    response: TodayList
  },
  /** One cached account's view, for its printable checklist (no Salesforce read, no new row). */
  "today.plan": {
    request: z.strictObject({ name: z.literal("today.plan"), accountId: AccountId, apiHost: AccountOrg }),
    response: AccountView
  }
} as const
