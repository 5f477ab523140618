import {
  mergeFacts,
  type FactSource,
  type ManualEntry,
  type ManualFact,
  type MergedFacts,
  type SalesforceSnapshot
} from "../domain/fact-sources"
import type { AccountFactsInput } from "../domain/facts"
import { CachedAccount, ProgressRow, stampedRow, type AccountKey, type SopPilotDb } from "./db"

export type { AccountKey }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
const isTime = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0
const timeOr0 = (value: unknown): number => (isTime(value) ? value : 0)

/**
 * A cached row that no longer fits the schema (an older build's, a damaged one), repaired part by
 * part (issue 17): a row in v3's shape is stamped as v4's upgrade does (`stampedRow`); every
 * part that still fits is kept, a bad time or stamp becomes 0, a bad `against` goes (a Salesforce
 * value then wins a conflict), unknown columns go. A hand-entered fact is never dropped: an
 * entry without a usable time keeps its value with time 0, a bare value (no entry around it) is
 * wrapped in one; whether the value itself still validates is the merge's question
 * (fact-sources.ts), which ignores it for the plan but keeps it stored. Undefined only for a row
 * without a usable key.
 */
export function salvageAccount(row: unknown, key?: AccountKey): CachedAccount | undefined {
  const parsed = CachedAccount.safeParse(row)
  if (parsed.success) return parsed.data
  if (!isRecord(row)) return undefined
  const source = stampedRow(row)
  const stamped = CachedAccount.safeParse(source)
  if (stamped.success) return stamped.data
  const id = key?.accountId ?? source.id
  const apiHost = key?.apiHost ?? source.apiHost
  if (typeof id !== "string" || typeof apiHost !== "string") return undefined

  const manual: Record<string, ManualEntry> = {}
  if (isRecord(source.manual)) {
    for (const [fact, entry] of Object.entries(source.manual)) {
      if (isRecord(entry) && "value" in entry) {
        const kept: ManualEntry = { value: entry.value, enteredAt: timeOr0(entry.enteredAt) }
        if (isTime(entry.against)) kept.against = entry.against
        manual[fact] = kept
      } else if (entry !== undefined) manual[fact] = { value: entry, enteredAt: 0 }
    }
  }
  const repaired: Record<string, unknown> = {
    id,
    apiHost,
    name: typeof source.name === "string" ? source.name : id,
    manual,
    lastSeenAt: typeof source.lastSeenAt === "number" && Number.isFinite(source.lastSeenAt) ? source.lastSeenAt : 0
  }
  if (typeof source.org === "string") repaired.org = source.org
  const salesforce = source.salesforce
  if (isRecord(salesforce) && isRecord(salesforce.facts)) {
    const stamps = isRecord(salesforce.stamps)
      ? Object.fromEntries(Object.entries(salesforce.stamps).filter(([, stamp]) => isTime(stamp)))
      : {}
    repaired.salesforce = {
      facts: salesforce.facts,
      stamps,
      stamp: timeOr0(salesforce.stamp),
      fetchedAt: timeOr0(salesforce.fetchedAt)
    }
  }
  const result = CachedAccount.safeParse(repaired)
  if (result.success) return result.data
  // Only the manual facts, then: they are the one part nothing else can bring back.
  const bare = CachedAccount.safeParse({ id, apiHost, name: id, manual, lastSeenAt: 0 })
  return bare.success ? bare.data : undefined
}

/** Reads one cached account of one org, validated: a row that no longer fits the schema is repaired (salvageAccount). */
export async function readAccount(db: SopPilotDb, key: AccountKey): Promise<CachedAccount | undefined> {
  const row = await db.orgAccounts.get([key.apiHost, key.accountId])
  if (row === undefined) return undefined
  return salvageAccount(row, key)
}

export async function readAllAccounts(db: SopPilotDb): Promise<CachedAccount[]> {
  const rows = await db.orgAccounts.toArray()
  return rows.flatMap((row) => salvageAccount(row) ?? [])
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
      const current = (rows[i] === undefined ? undefined : salvageAccount(rows[i], { apiHost, accountId })) ?? {
        id: accountId,
        apiHost,
        name: accountId,
        manual: {},
        lastSeenAt: 0
      }
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
    stamps: account.salesforce.stamps as SalesforceSnapshot["stamps"],
    stamp: account.salesforce.stamp,
    fetchedAt: account.salesforce.fetchedAt
  }

export const manualOf = (account: CachedAccount | undefined) =>
  (account?.manual ?? {}) as Partial<Record<ManualFact, ManualEntry>>

/** Who made each step's task in the org, as the last read kept it (`doneBy` of the snapshot). */
export function doneByOf(account: CachedAccount): Record<string, { by: string; on: string; at: number }> {
  const value = account.salesforce?.facts.doneBy
  if (typeof value !== "object" || value === null) return {}
  const out: Record<string, { by: string; on: string; at: number }> = {}
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as { by?: unknown; on?: unknown; at?: unknown } | null
    if (typeof e?.by === "string" && typeof e.on === "string" && typeof e.at === "number")
      out[key] = { by: e.by, on: e.on, at: e.at }
  }
  return out
}

/**
 * Steps done: checked here, or marked by an `[SOP <key>]` task in the org (kept in the snapshot),
 * unless reopened here after that task was made (its deletion may still be on its way).
 */
function doneOf(account: CachedAccount, checked: readonly string[], reopened?: ReadonlyMap<string, number>): string[] {
  const fromOrg = account.salesforce?.facts.done
  if (!Array.isArray(fromOrg) || fromOrg.length === 0) return [...checked]
  const madeAt = reopened && reopened.size > 0 ? doneByOf(account) : {}
  const still = fromOrg.filter(
    (key): key is string => typeof key === "string" && !((reopened?.get(key) ?? -1) > (madeAt[key]?.at ?? 0))
  )
  return [...new Set([...checked, ...still])]
}

/**
 * A cached account's facts as the engine takes them: Salesforce ⊕ manual entries (mergeFacts),
 * with the steps `checked` here and those the org's tasks mark done. The one merge every view
 * plans with (the panel, the book's rows, the Gmail panel, the popup's book).
 */
export function mergedFactsOf(
  account: CachedAccount,
  checked: readonly string[],
  pageName?: string,
  /** Steps reopened here, with when: an org task older than that no longer counts. */
  reopened?: ReadonlyMap<string, number>
): MergedFacts {
  return mergeFacts({
    accountId: account.id,
    pageName: pageName ?? account.name,
    salesforce: snapshotOf(account),
    manual: manualOf(account),
    done: doneOf(account, checked, reopened)
  })
}

/** An account's steps as clicked here: checked off, and reopened with when (an older org Task no longer counts). */
export type StepProgress = { checked: string[]; reopened: Map<string, number> }

const progressOf = (rows: readonly unknown[]): StepProgress => {
  const progress: StepProgress = { checked: [], reopened: new Map() }
  for (const row of rows) addProgress(progress, row)
  return progress
}

function addProgress(progress: StepProgress, row: unknown): void {
  const parsed = ProgressRow.safeParse(row)
  if (!parsed.success) return
  if (parsed.data.done) progress.checked.push(parsed.data.key)
  else progress.reopened.set(parsed.data.key, parsed.data.at)
}

/** One account's steps as clicked here. */
export async function readProgress(db: SopPilotDb, key: AccountKey): Promise<StepProgress> {
  return progressOf(await db.orgProgress.where("[apiHost+accountId]").equals([key.apiHost, key.accountId]).toArray())
}

/**
 * Every account's steps as clicked here, by account (`keyText`): one read for a whole book of
 * business. `toArray` (one getAll), not `each` (a cursor, a round trip per row): a book of 1,000
 * accounts has thousands of rows, and the cursor took 4–5× as long (bench/: popup1000Ms).
 */
export async function readAllProgress(db: SopPilotDb): Promise<Map<string, StepProgress>> {
  const byAccount = new Map<string, StepProgress>()
  for (const row of await db.orgProgress.toArray()) {
    const id = keyText(row)
    let progress = byAccount.get(id)
    if (!progress) byAccount.set(id, (progress = { checked: [], reopened: new Map() }))
    addProgress(progress, row)
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
