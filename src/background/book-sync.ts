/**
 * The whole book of business from Salesforce: the Accounts whose CSM field (default `CSM__c`)
 * is the signed-in user (`chatter/users/me`), with their related records, read in bulk and
 * cached in Dexie. Requests for a book of n accounts: 1 (the user) + ⌈n / 2,000⌉ (the Accounts,
 * paged) + ⌈(⌈n / 200⌉ × queries per batch) / 25⌉ composites (6 queries with the default mapping:
 * 1,000 accounts → 2) + any related query's extra pages. 1,000 accounts: 4 requests.
 *
 * A mapped field field-level security hides from the user fails the query naming it (400
 * INVALID_FIELD): the query is asked again without it (at most MAX_REASKS times in one sync, one
 * request each, a composite for every related batch at once), the facts it held keep their last
 * values, and the sync says which fields. Accounts that left the CSM's book leave the cache.
 */
import type { AccountFactsInput } from "../domain/facts"
import { keepLastGood, nextSnapshot } from "../domain/fact-sources"
import { toId18 } from "../domain/ids"
import { MAPPABLE_FACTS, type TeamSettings } from "../domain/settings"
import { factsFromFields, stampOfRecord } from "../hosts/salesforce/record-facts"
import {
  factsFromRelated,
  IN_BATCH,
  relatedQueries,
  type RelatedAnswer,
  type RelatedQuery
} from "../hosts/salesforce/related-facts"
import { buildSoql, soqlId, type Condition } from "../hosts/salesforce/soql"
import { putAccounts, readAllAccounts, snapshotOf } from "../data/accounts"
import type { CachedAccount, SopPilotDb } from "../data/db"
import type { BookSync } from "../messages/protocol"
import {
  accountFieldMapping,
  COMPOSITE_LIMIT,
  compositeQueries,
  connect,
  mappedFields,
  SalesforceError,
  statusOfThrown,
  type QueryRecord,
  type SalesforceConnection,
  type SalesforceClientDeps
} from "./salesforce"

/** What reading accounts from the org needs: the book sync's and the team page's. */
export interface OrgReadDeps {
  db: SopPilotDb
  settings: () => Promise<TeamSettings>
  timeZone: () => Promise<string | undefined>
  now: () => number
  client?: SalesforceClientDeps
}

export interface BookSyncDeps extends OrgReadDeps {
  /** The last state, kept across worker restarts (chrome.storage.local). */
  load: () => Promise<BookSync | undefined>
  save: (state: BookSync) => Promise<void>
  /** Every change of state (progress included), for open views. */
  report: (state: BookSync) => void
  /** The cache changed: every account's summary must be made again. */
  changed: () => void
}

const Me = (value: unknown): string | undefined => {
  const id = (value as { id?: unknown } | undefined)?.id
  return typeof id === "string" && toId18(id) !== undefined ? (toId18(id) as string) : undefined
}

/** The org to read: the one whose accounts the CSM opened last. */
export function orgOf(accounts: readonly CachedAccount[]): { apiHost: string; org: string } | undefined {
  const latest = [...accounts]
    .filter((a) => a.apiHost !== undefined && a.org !== undefined)
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt)[0]
  return latest?.apiHost && latest.org ? { apiHost: latest.apiHost, org: latest.org } : undefined
}

/** What the book's read gives for one account. */
export interface ReadAccount {
  facts: Partial<AccountFactsInput>
  done: string[]
  /** Facts whose value could not be used (each keeps its last good value). */
  problems: string[]
  /** The Account's CSM field: a User id, or "" when empty. */
  csmId: string
  /** The Account's SystemModstamp (ms), when Salesforce gave one. */
  stamp?: number | undefined
}

/**
 * The Accounts `where` selects (the CSM field `=` the user, or `IN` a team), each with its
 * related rows, by id: the Accounts paged, then every batch's related queries packed 25 to a
 * composite request. `progress(done, total)` after the Accounts are listed and after each
 * composite. The book sync and the Team Lead's page share it.
 */
export async function readBook(
  org: SalesforceConnection,
  salesforce: TeamSettings["salesforce"],
  where: Condition,
  convert: { timeZone?: string },
  progress: (done: number, total: number) => Promise<unknown>
): Promise<{ accounts: Map<string, ReadAccount>; ids: string[]; hidden: string[] }> {
  const mapping = accountFieldMapping(salesforce)
  // Fields field-level security hides from this user (`Account.MRR__c`): asked again without them.
  const hidden: string[] = []
  let reasks = 0
  const accountSoql = (fields: string[]) =>
    buildSoql({
      // SystemModstamp orders each Account's values against the CSM's entries (issue 17).
      select: ["Id", "SystemModstamp", ...fields, salesforce.csmField],
      from: "Account",
      where,
      orderBy: [{ field: "Id", direction: "ASC" }]
    })
  let fields = mappedFields(mapping)
  let rows: QueryRecord[]
  for (;;) {
    try {
      rows = await org.query(accountSoql(fields))
      break
    } catch (error) {
      const gone = reasks < MAX_REASKS ? hiddenFieldOf(error, fields) : undefined
      if (gone === undefined) throw error
      reasks++
      hidden.push(`Account.${gone}`)
      fields = fields.filter((f) => f !== gone)
    }
  }
  const ids = rows.flatMap((row) => (typeof row.Id === "string" && toId18(row.Id) ? [toId18(row.Id) as string] : []))
  const total = ids.length
  await progress(0, total)

  // Every batch's queries, packed 25 to a composite request. A query's key stays the same when
  // it is asked again without a hidden field (composite reference ids: letters, digits, _).
  const keys = new Map<string, string>()
  const keyOf = (batch: number, q: RelatedQuery) => {
    const identity = JSON.stringify([batch, q.kind, q.object, q.relationship, q.soql.split(" WHERE ")[1]])
    const known = keys.get(identity) ?? `b${batch}q${keys.size}`
    keys.set(identity, known)
    return known
  }
  let related = salesforce
  const batches: { ids: string[]; queries: RelatedQuery[] }[] = []
  for (let i = 0; i < ids.length; i += IN_BATCH) {
    const batch = ids.slice(i, i + IN_BATCH)
    const n = batches.length
    batches.push({ ids: batch, queries: relatedQueries(batch, related).map((q) => ({ ...q, key: keyOf(n, q) })) })
  }
  const answers = new Map<string, RelatedAnswer>()
  let done = 0
  const ask = async (queries: RelatedQuery[], report: boolean) => {
    for (let i = 0; i < queries.length; i += COMPOSITE_LIMIT) {
      const chunk = queries.slice(i, i + COMPOSITE_LIMIT)
      for (const [key, answer] of await compositeQueries(org, chunk)) answers.set(key, answer)
      if (!report) continue
      done = batches.filter((b) => b.queries.every((q) => answers.has(q.key))).reduce((n, b) => n + b.ids.length, 0)
      await progress(done, total)
    }
  }
  await ask(
    batches.flatMap((b) => b.queries),
    true
  )
  // A related field the user cannot see fails its whole query: ask that query again without it.
  while (reasks < MAX_REASKS) {
    const gone = new Set<string>()
    for (const q of batches.flatMap((b) => b.queries)) {
      const answer = answers.get(q.key)
      if (q.kind !== "newest" || answer === undefined || answer.ok) continue
      const field = namedField(
        answer.message,
        q.facts.map((f) => f.field)
      )
      if (field !== undefined) gone.add(`${q.object}.${field}`)
    }
    if (gone.size === 0) break
    reasks++
    hidden.push(...gone)
    const dropped = new Set([...gone].map((f) => f.toLowerCase()))
    related = {
      ...related,
      related: related.related.filter((r) => !dropped.has(`${r.object}.${r.field}`.toLowerCase()))
    }
    const again: RelatedQuery[] = []
    batches.forEach((batch, n) => {
      const rebuilt = relatedQueries(batch.ids, related).map((q) => ({ ...q, key: keyOf(n, q) }))
      for (const q of rebuilt) {
        const before = batch.queries.find((b) => b.key === q.key)
        if (before && before.soql !== q.soql) again.push(q)
      }
      batch.queries = rebuilt
    })
    await ask(again, false)
  }
  /** The facts read from fields the user cannot see: problems, so the cache keeps their last values. */
  const hiddenFacts = new Set(hidden.map((f) => f.toLowerCase()))
  const hiddenFactNames = [
    ...MAPPABLE_FACTS.filter((fact) => hiddenFacts.has(`account.${mapping[fact].toLowerCase()}`)),
    ...salesforce.related.filter((r) => hiddenFacts.has(`${r.object}.${r.field}`.toLowerCase())).map((r) => r.fact)
  ]

  const byId = new Map(rows.map((row) => [toId18(String(row.Id)) as string, row]))
  const factsMapping = { ...mapping }
  for (const field of hidden)
    for (const fact of MAPPABLE_FACTS)
      if (`Account.${factsMapping[fact]}`.toLowerCase() === field.toLowerCase()) factsMapping[fact] = ""
  const fresh = new Map<string, ReadAccount>()
  for (const batch of batches) {
    for (const id of batch.ids) {
      const row = byId.get(id) ?? {}
      const own = factsFromFields((field) => lookup(row, field), factsMapping, convert)
      const related = factsFromRelated(id, batch.queries, answers, convert)
      const csm = lookup(row, salesforce.csmField)
      fresh.set(id, {
        facts: { ...own.facts, ...related.facts },
        done: related.done,
        problems: [...own.problems, ...related.problems].map((p) => p.fact).concat(hiddenFactNames),
        csmId: typeof csm === "string" ? (toId18(csm) ?? csm) : "",
        stamp: stampOfRecord(row)
      })
    }
  }
  return { accounts: fresh, ids, hidden }
}

export function createBookSync(deps: BookSyncDeps) {
  let running: Promise<BookSync> | undefined
  let last: BookSync | undefined

  async function current(): Promise<BookSync> {
    last ??= (await deps.load().catch(() => undefined)) ?? { state: "never", done: 0, total: 0 }
    return last
  }

  async function set(next: BookSync, persist = true): Promise<BookSync> {
    last = next
    deps.report(next)
    if (persist) await deps.save(next).catch(() => undefined)
    return next
  }

  async function run(): Promise<BookSync> {
    const before = await current()
    const since = before.syncedAt === undefined ? {} : { syncedAt: before.syncedAt }
    let requests = 0
    const client: SalesforceClientDeps = {
      ...deps.client,
      onRequest: (method, url) => {
        requests++
        deps.client?.onRequest?.(method, url)
      }
    }
    const [settings, timeZone, cached] = await Promise.all([deps.settings(), deps.timeZone(), readAllAccounts(deps.db)])
    const target = orgOf(cached)
    if (!target) {
      return set({
        state: "failed",
        done: 0,
        total: 0,
        ...since,
        message: "Open an Account in Salesforce once: SOP Pilot then knows your org and reads your whole book."
      })
    }
    await set({ state: "syncing", done: 0, total: 0, ...since }, false)
    try {
      const { salesforce } = settings
      const org = await connect({ apiHost: target.apiHost, apiVersion: salesforce.apiVersion }, client)
      const me = Me(await org.request("GET", "/chatter/users/me"))
      if (me === undefined) throw new Error("chatter/users/me did not give a user id")
      const {
        accounts: fresh,
        ids,
        hidden
      } = await readBook(
        org,
        salesforce,
        { field: salesforce.csmField, op: "=", value: soqlId(me) },
        timeZone ? { timeZone } : {},
        (done, total) => set({ state: "syncing", done, total, ...since }, false)
      )
      const total = ids.length
      const now = deps.now()
      await putAccounts(deps.db, target.apiHost, [...fresh.keys()], (id, current) => {
        const read = fresh.get(id) as ReadAccount
        // A value that could not be used keeps the last good one (issue 17), as a page's read does.
        const previous = snapshotOf(current)
        const facts = { ...keepLastGood(previous, read.facts, read.problems).facts, done: read.done }
        const next: CachedAccount = {
          ...current,
          org: target.org,
          apiHost: target.apiHost,
          salesforce: nextSnapshot(previous, facts, {
            stamp: read.stamp,
            fetchedAt: now
          }) as CachedAccount["salesforce"]
        }
        const name = read.facts.name
        if (typeof name === "string" && name !== "") next.name = name
        return next
      })
      const left = await dropLeftAccounts(deps.db, target.apiHost, new Set(ids), before.syncedAt ?? 0)
      deps.changed()
      const notes = [
        ...(hidden.length === 0
          ? []
          : [
              `Salesforce hides ${hidden.join(", ")} from you (field-level security): read without ${hidden.length === 1 ? "it" : "them"}; the last values SOP Pilot had are kept.`
            ]),
        ...(left === 0
          ? []
          : [`${left === 1 ? "1 account is" : `${left} accounts are`} no longer yours and left the list.`])
      ]
      return set({
        state: "ok",
        done: total,
        total,
        syncedAt: now,
        requests,
        ...(notes.length === 0 ? {} : { message: notes.join(" ").slice(0, 1000) })
      })
    } catch (error) {
      const status = statusOfThrown(error)
      return set({
        state: "failed",
        done: 0,
        total: 0,
        ...since,
        requests,
        message: error instanceof SalesforceError ? error.message : (status.message ?? String(error))
      })
    }
  }

  return {
    status: current,
    /** Reads the whole book now; a sync already running is joined, not started twice. */
    sync(): Promise<BookSync> {
      running ??= run().finally(() => {
        running = undefined
      })
      return running
    }
  }
}
export type BookSyncService = ReturnType<typeof createBookSync>

/** At most this many times a query is asked again without a field the user cannot see. */
export const MAX_REASKS = 3

/** The field of `fields` an INVALID_FIELD answer names (`No such column 'MRR__c' on entity 'Account'`). */
export function namedField(detail: string, fields: readonly string[]): string | undefined {
  const named = /No such column '([A-Za-z0-9_]{1,80})'/.exec(detail)?.[1]?.toLowerCase()
  return named === undefined ? undefined : fields.find((field) => field.toLowerCase() === named)
}

/** The mapped field a failed Account query could do without, or undefined (then the sync fails). */
function hiddenFieldOf(error: unknown, fields: readonly string[]): string | undefined {
  if (!(error instanceof SalesforceError) || error.kind !== "invalid_field") return undefined
  return namedField(error.detail, fields)
}

/**
 * Removes this org's accounts that are no longer in the CSM's book (their CSM field names someone
 * else now), unless the CSM opened them since the last sync or typed facts on them: the popup, the
 * badge and the digest then cover the book as Salesforce has it. Check-offs stay, should the
 * account come back. Returns how many left.
 */
async function dropLeftAccounts(db: SopPilotDb, apiHost: string, book: ReadonlySet<string>, lastSync: number) {
  return db.transaction("rw", db.orgAccounts, async () => {
    const rows = await db.orgAccounts.where("apiHost").equals(apiHost).toArray()
    const left = rows.filter(
      (row) =>
        !book.has(row.id) &&
        row.lastSeenAt <= lastSync &&
        Object.keys((row as { manual?: object }).manual ?? {}).length === 0
    )
    await db.orgAccounts.bulkDelete(left.map((row) => [apiHost, row.id] as [string, string]))
    return left.length
  })
}

function lookup(row: Record<string, unknown>, field: string): unknown {
  if (field in row) return row[field]
  const lower = field.toLowerCase()
  const key = Object.keys(row).find((name) => name.toLowerCase() === lower)
  return key === undefined ? undefined : row[key]
}
