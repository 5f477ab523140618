import { SnoozeRow, type AccountKey, type SopPilotDb } from "./db"

/** Every snooze, by row (`org account key`, as `todayItemId` writes it) → the day the step shows again. */
export async function readSnoozes(db: SopPilotDb): Promise<Map<string, string>> {
  const byRow = new Map<string, string>()
  for (const row of await db.snoozes.toArray()) {
    const parsed = SnoozeRow.safeParse(row)
    if (parsed.success) byRow.set(`${row.apiHost} ${row.accountId} ${row.key}`, row.until)
  }
  return byRow
}

/** Snoozes a step until a day, or (null) shows it again. */
export async function setSnooze(
  db: SopPilotDb,
  account: AccountKey,
  key: string,
  until: string | null,
  at: number
): Promise<void> {
  if (until === null) await db.snoozes.delete([account.apiHost, account.accountId, key])
  else await db.snoozes.put(SnoozeRow.parse({ apiHost: account.apiHost, accountId: account.accountId, key, until, at }))
}
