import { OutboxRow, type AccountKey, type SopPilotDb } from "./db"

export type OutboxChange = OutboxRow["change"]
export type StoredOutboxRow = OutboxRow & { seq: number }

/** Two changes about the same thing: the later one replaces the earlier (check then uncheck = the uncheck). */
const sameSubject = (a: OutboxChange, b: OutboxChange): boolean =>
  a.kind === "task" && b.kind === "task"
    ? a.key === b.key
    : a.kind === "field" &&
      b.kind === "field" &&
      a.object.toLowerCase() === b.object.toLowerCase() &&
      a.field.toLowerCase() === b.field.toLowerCase()

/**
 * Adds a change for an account. An earlier change of the same step or field not yet taken by
 * Salesforce (waiting or refused) is replaced: Salesforce is told the latest wish only, once.
 */
export async function enqueue(db: SopPilotDb, key: AccountKey, change: OutboxChange, now: number): Promise<number> {
  return db.transaction("rw", db.outbox, async () => {
    const rows = await readOutbox(db, key)
    const replaced = rows.filter((row) => sameSubject(row.change, change)).map((row) => row.seq)
    if (replaced.length > 0) await db.outbox.bulkDelete(replaced)
    const row = OutboxRow.parse({
      apiHost: key.apiHost,
      accountId: key.accountId,
      change,
      createdAt: now,
      state: "waiting",
      attempts: 0,
      nextAt: now
    })
    return db.outbox.add(row)
  })
}

const valid = (row: unknown): row is StoredOutboxRow => {
  const parsed = OutboxRow.safeParse(row)
  return parsed.success && parsed.data.seq !== undefined
}

/** One account's changes, oldest first (a row that no longer fits the schema is skipped, not sent). */
export async function readOutbox(db: SopPilotDb, key: AccountKey): Promise<StoredOutboxRow[]> {
  const rows = await db.outbox.where("[apiHost+accountId]").equals([key.apiHost, key.accountId]).toArray()
  return rows.filter(valid).sort((a, b) => a.seq - b.seq)
}

/** Every change, oldest first. */
export async function readAllOutbox(db: SopPilotDb): Promise<StoredOutboxRow[]> {
  return (await db.outbox.toArray()).filter(valid).sort((a, b) => a.seq - b.seq)
}

export async function outboxRow(db: SopPilotDb, seq: number): Promise<StoredOutboxRow | undefined> {
  const row = await db.outbox.get(seq)
  return valid(row) ? row : undefined
}

/** Updates a row that is still there: one replaced or dropped meanwhile stays gone. */
export async function updateOutboxRow(db: SopPilotDb, row: StoredOutboxRow): Promise<void> {
  const next = OutboxRow.parse(row)
  await db.transaction("rw", db.outbox, async () => {
    if ((await db.outbox.get(row.seq)) !== undefined) await db.outbox.put(next)
  })
}

export async function removeOutboxRow(db: SopPilotDb, seq: number): Promise<void> {
  await db.outbox.delete(seq)
}
