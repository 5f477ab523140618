import type { FactSource, ManualEntry, ManualFact, SalesforceSnapshot } from "../domain/fact-sources"
import type { AccountFactsInput } from "../domain/facts"
import { CachedAccount, ProgressRow, type SopPilotDb } from "./db"

/** Reads one cached account, validated: a row that no longer fits the schema reads as absent. */
export async function readAccount(db: SopPilotDb, accountId: string): Promise<CachedAccount | undefined> {
  const row = await db.accounts.get(accountId)
  if (row === undefined) return undefined
  const parsed = CachedAccount.safeParse(row)
  return parsed.success ? parsed.data : undefined
}

export async function readAllAccounts(db: SopPilotDb): Promise<CachedAccount[]> {
  const rows = await db.accounts.toArray()
  return rows.flatMap((row) => {
    const parsed = CachedAccount.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
}

/** Creates or updates an account in one transaction; `change` gets the current row (or a new one). */
export async function updateAccount(
  db: SopPilotDb,
  accountId: string,
  change: (current: CachedAccount) => CachedAccount
): Promise<CachedAccount> {
  return db.transaction("rw", db.accounts, async () => {
    const current = (await readAccount(db, accountId)) ?? { id: accountId, name: accountId, manual: {}, lastSeenAt: 0 }
    const next = CachedAccount.parse(change(current))
    await db.accounts.put(next)
    return next
  })
}

/**
 * Creates or updates many accounts in one transaction (a book of business from Salesforce): one
 * bulk read, one bulk write. A row `change` makes invalid is left as it was.
 */
export async function putAccounts(
  db: SopPilotDb,
  accountIds: readonly string[],
  change: (accountId: string, current: CachedAccount) => CachedAccount
): Promise<number> {
  if (accountIds.length === 0) return 0
  return db.transaction("rw", db.accounts, async () => {
    const rows = await db.accounts.bulkGet([...accountIds])
    const next: CachedAccount[] = []
    accountIds.forEach((accountId, i) => {
      const parsed = CachedAccount.safeParse(rows[i])
      const current = parsed.success ? parsed.data : { id: accountId, name: accountId, manual: {}, lastSeenAt: 0 }
      const changed = CachedAccount.safeParse(change(accountId, current))
      if (changed.success) next.push(changed.data)
    })
    await db.accounts.bulkPut(next)
    return next.length
  })
}

export const snapshotOf = (account: CachedAccount | undefined): SalesforceSnapshot | undefined =>
  account?.salesforce && {
    facts: account.salesforce.facts as Partial<AccountFactsInput>,
    changedAt: account.salesforce.changedAt as SalesforceSnapshot["changedAt"],
    fetchedAt: account.salesforce.fetchedAt
  }

export const manualOf = (account: CachedAccount | undefined) =>
  (account?.manual ?? {}) as Partial<Record<ManualFact, ManualEntry>>

/** The step keys checked off for an account. */
export async function readDone(db: SopPilotDb, accountId: string): Promise<string[]> {
  const rows = await db.progress.where("accountId").equals(accountId).toArray()
  return rows.filter((row) => ProgressRow.safeParse(row).success && row.done).map((row) => row.key)
}

/**
 * All checked keys, by account: one read for a whole book of business. `toArray` (one getAll), not
 * `each` (a cursor, a round trip per row): a book of 1,000 accounts has thousands of rows, and the
 * cursor took 4–5× as long (bench/: popup1000Ms).
 */
export async function readAllDone(db: SopPilotDb): Promise<Map<string, string[]>> {
  const byAccount = new Map<string, string[]>()
  for (const row of await db.progress.toArray()) {
    if (!row.done) continue
    const keys = byAccount.get(row.accountId) ?? []
    keys.push(row.key)
    byAccount.set(row.accountId, keys)
  }
  return byAccount
}

/** Checks or unchecks a step; the row remembers when, so the last click wins everywhere. */
export async function setStepDone(
  db: SopPilotDb,
  accountId: string,
  key: string,
  done: boolean,
  at: number
): Promise<void> {
  await db.progress.put({ accountId, key, done, at })
}

export type { FactSource }
