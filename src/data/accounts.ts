import type { FactSource, ManualEntry, ManualFact, SalesforceSnapshot } from "../domain/fact-sources"
import type { AccountFactsInput } from "../domain/facts"
import { CachedAccount, ProgressRow, type AccountKey, type SopPilotDb } from "./db"

export type { AccountKey }

/** Reads one cached account of one org, validated: a row that no longer fits the schema reads as absent. */
export async function readAccount(db: SopPilotDb, key: AccountKey): Promise<CachedAccount | undefined> {
  const row = await db.orgAccounts.get([key.apiHost, key.accountId])
  if (row === undefined) return undefined
  const parsed = CachedAccount.safeParse(row)
  return parsed.success ? parsed.data : undefined
}

export async function readAllAccounts(db: SopPilotDb): Promise<CachedAccount[]> {
  const rows = await db.orgAccounts.toArray()
  return rows.flatMap((row) => {
    const parsed = CachedAccount.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
}

/** Creates or updates an account in one transaction; `change` gets the current row (or a new one). */
export async function updateAccount(
  db: SopPilotDb,
  key: AccountKey,
  change: (current: CachedAccount) => CachedAccount
): Promise<CachedAccount> {
  return db.transaction("rw", db.orgAccounts, async () => {
    const current = (await readAccount(db, key)) ?? {
      id: key.accountId,
      apiHost: key.apiHost,
      name: key.accountId,
      manual: {},
      lastSeenAt: 0
    }
    // The key is not the change's to move: a row stays in its org.
    const next = CachedAccount.parse({ ...change(current), id: key.accountId, apiHost: key.apiHost })
    await db.orgAccounts.put(next)
    return next
  })
}

/**
 * Creates or updates many accounts of one org in one transaction (a book of business from
 * Salesforce): one bulk read, one bulk write. A row `change` makes invalid is left as it was.
 */
export async function putAccounts(
  db: SopPilotDb,
  apiHost: string,
  accountIds: readonly string[],
  change: (accountId: string, current: CachedAccount) => CachedAccount
): Promise<number> {
  if (accountIds.length === 0) return 0
  return db.transaction("rw", db.orgAccounts, async () => {
    const rows = await db.orgAccounts.bulkGet(accountIds.map((id) => [apiHost, id] as [string, string]))
    const next: CachedAccount[] = []
    accountIds.forEach((accountId, i) => {
      const parsed = CachedAccount.safeParse(rows[i])
      const current = parsed.success
        ? parsed.data
        : { id: accountId, apiHost, name: accountId, manual: {}, lastSeenAt: 0 }
      const changed = CachedAccount.safeParse({ ...change(accountId, current), id: accountId, apiHost })
      if (changed.success) next.push(changed.data)
    })
    await db.orgAccounts.bulkPut(next)
    return next.length
  })
}

export const keyOf = (account: { id: string; apiHost: string }): AccountKey => ({
  apiHost: account.apiHost,
  accountId: account.id
})

/** One string per account key, for maps. */
export const keyText = (key: AccountKey): string => `${key.apiHost} ${key.accountId}`

export const snapshotOf = (account: CachedAccount | undefined): SalesforceSnapshot | undefined =>
  account?.salesforce && {
    facts: account.salesforce.facts as Partial<AccountFactsInput>,
    changedAt: account.salesforce.changedAt as SalesforceSnapshot["changedAt"],
    fetchedAt: account.salesforce.fetchedAt
  }

export const manualOf = (account: CachedAccount | undefined) =>
  (account?.manual ?? {}) as Partial<Record<ManualFact, ManualEntry>>

/** The step keys checked off for an account. */
export async function readDone(db: SopPilotDb, key: AccountKey): Promise<string[]> {
  const rows = await db.orgProgress.where("[apiHost+accountId]").equals([key.apiHost, key.accountId]).toArray()
  return rows.filter((row) => ProgressRow.safeParse(row).success && row.done).map((row) => row.key)
}

/**
 * All checked keys, by account (`keyText`): one read for a whole book of business. `toArray` (one
 * getAll), not `each` (a cursor, a round trip per row): a book of 1,000 accounts has thousands of
 * rows, and the cursor took 4–5× as long (bench/: popup1000Ms).
 */
export async function readAllDone(db: SopPilotDb): Promise<Map<string, string[]>> {
  const byAccount = new Map<string, string[]>()
  for (const row of await db.orgProgress.toArray()) {
    if (!row.done) continue
    const id = keyText(row)
    const keys = byAccount.get(id) ?? []
    keys.push(row.key)
    byAccount.set(id, keys)
  }
  return byAccount
}

/** Checks or unchecks a step; the row remembers when, so the last click wins everywhere. */
export async function setStepDone(
  db: SopPilotDb,
  account: AccountKey,
  key: string,
  done: boolean,
  at: number
): Promise<void> {
  await db.orgProgress.put({ apiHost: account.apiHost, accountId: account.accountId, key, done, at })
}

export type { FactSource }
