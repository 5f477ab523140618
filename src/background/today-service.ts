import { compareIso, type IsoDate } from "../domain/dates"
import type { Role } from "../domain/plan"
import { seesStep, sortToday, todayItemId, type SnoozedItem } from "../domain/today"
import type { AccountKey, SopPilotDb } from "../data/db"
import { readSnoozes, setSnooze } from "../data/snoozes"
import type { TodayList } from "../messages/today-protocol"
import { InputError, type AccountService } from "./account-service"

export interface TodayServiceDeps {
  db: SopPilotDb
  accounts: Pick<AccountService, "dueSteps">
  /** Whose steps are listed: the profile's role. */
  role: () => Promise<Role>
  now: () => number
}

/**
 * "Today, across the book" (issue 16, item 9): every step due or overdue in every cached
 * account's plan, the profile's own (a CSM's; a Team Lead's and the CSMs'), most urgent first,
 * minus the steps snoozed to a later day.
 */
export function createTodayService(deps: TodayServiceDeps) {
  async function list(limit?: number): Promise<TodayList> {
    const [{ today, items }, role, snoozes] = await Promise.all([
      deps.accounts.dueSteps(),
      deps.role(),
      readSnoozes(deps.db)
    ])
    const shown = []
    const snoozed: SnoozedItem[] = []
    for (const item of items) {
      if (!seesStep(role, item)) continue
      const until = snoozes.get(todayItemId(item))
      // A snooze hides the step until its day comes: then it is back, most urgent first as ever.
      if (until !== undefined && compareIso(today, until) < 0) snoozed.push({ ...item, until })
      else shown.push(item)
    }
    const first = <T>(rows: T[]) => (limit === undefined ? rows : rows.slice(0, limit))
    return {
      today,
      role,
      items: first(sortToday(shown)),
      total: shown.length,
      snoozed: first(sortToday(snoozed)),
      snoozedTotal: snoozed.length
    }
  }

  return {
    list,
    /** Hides the step until `until` (a later day), or shows it again (`null`); answers the new list. */
    async snooze(account: AccountKey, key: string, until: IsoDate | null, limit?: number): Promise<TodayList> {
      if (until !== null) {
        const { today } = await deps.accounts.dueSteps()
        if (compareIso(until, today) <= 0) throw new InputError("Snooze until a later day than today.", ["until"])
      }
      await setSnooze(deps.db, account, key, until, deps.now())
      return list(limit)
    }
  }
}
export type TodayService = ReturnType<typeof createTodayService>
