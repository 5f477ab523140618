/**
 * The whole book of business from Salesforce: the Accounts whose CSM field (default `CSM__c`)
 * is the signed-in user (`chatter/users/me`), with their related records, read in bulk and
 * cached in Dexie. Requests for a book of n accounts: 1 (the user) + ⌈n / 2,000⌉ (the Accounts,
 * paged) + ⌈(⌈n / 200⌉ × queries per batch) / 25⌉ composites (6 queries with the default mapping:
 * 1,000 accounts → 2) + any related query's extra pages. 1,000 accounts: 4 requests.
 */
import type { AccountFactsInput } from "../domain/facts"
import { keepLastGood, nextSnapshot } from "../domain/fact-sources"
import { toId18 } from "../domain/ids"
import type { TeamSettings } from "../domain/settings"
import { factsFromFields, stampOfRecord } from "../hosts/salesforce/record-facts"
import {
  factsFromRelated,
  IN_BATCH,
  relatedQueries,
  type RelatedAnswer,
  type RelatedQuery
} from "../hosts/salesforce/related-facts"
import { buildSoql, soqlId } from "../hosts/salesforce/soql"
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
  type SalesforceClientDeps
} from "./salesforce"

export interface BookSyncDeps {
  db: SopPilotDb
  settings: () => Promise<TeamSettings>
  timeZone: () => Promise<string | undefined>
  now: () => number
  client?: SalesforceClientDeps
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
function orgOf(accounts: readonly CachedAccount[]): { apiHost: string; org: string } | undefined {
  const latest = [...accounts]
    .filter((a) => a.apiHost !== undefined && a.org !== undefined)
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt)[0]
  return latest?.apiHost && latest.org ? { apiHost: latest.apiHost, org: latest.org } : undefined
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
      const mapping = accountFieldMapping(salesforce)
      const rows = await org.query(
        buildSoql({
          // SystemModstamp orders each Account's values against the CSM's entries (issue 17).
          select: ["Id", "SystemModstamp", ...mappedFields(mapping)],
          from: "Account",
          where: { field: salesforce.csmField, op: "=", value: soqlId(me) },
          orderBy: [{ field: "Id", direction: "ASC" }]
        })
      )
      const ids = rows.flatMap((row) =>
        typeof row.Id === "string" && toId18(row.Id) ? [toId18(row.Id) as string] : []
      )
      const total = ids.length
      await set({ state: "syncing", done: 0, total, ...since }, false)

      // Every batch's queries, packed 25 to a composite request.
      const batches: { ids: string[]; queries: RelatedQuery[] }[] = []
      for (let i = 0; i < ids.length; i += IN_BATCH) {
        const batch = ids.slice(i, i + IN_BATCH)
        batches.push({
          ids: batch,
          queries: relatedQueries(batch, salesforce).map((q) => ({ ...q, key: `b${batches.length}${q.key}` }))
        })
      }
      const all = batches.flatMap((b) => b.queries)
      const answers = new Map<string, RelatedAnswer>()
      let done = 0
      for (let i = 0; i < all.length; i += COMPOSITE_LIMIT) {
        const chunk = all.slice(i, i + COMPOSITE_LIMIT)
        for (const [key, answer] of await compositeQueries(org, chunk)) answers.set(key, answer)
        done = batches.filter((b) => b.queries.every((q) => answers.has(q.key))).reduce((n, b) => n + b.ids.length, 0)
        await set({ state: "syncing", done, total, ...since }, false)
      }

      const now = deps.now()
      const byId = new Map(rows.map((row) => [toId18(String(row.Id)) as string, row]))
      const convert = timeZone ? { timeZone } : {}
      type Fresh = { facts: Partial<AccountFactsInput>; done: string[]; problems: string[]; stamp?: number | undefined }
      const fresh = new Map<string, Fresh>()
      for (const batch of batches) {
        for (const id of batch.ids) {
          const row = byId.get(id) ?? {}
          const own = factsFromFields((field) => lookup(row, field), mapping, convert)
          const related = factsFromRelated(id, batch.queries, answers, convert)
          fresh.set(id, {
            facts: { ...own.facts, ...related.facts },
            done: related.done,
            problems: [...own.problems, ...related.problems].map((p) => p.fact),
            stamp: stampOfRecord(row)
          })
        }
      }
      await putAccounts(deps.db, target.apiHost, [...fresh.keys()], (id, current) => {
        const read = fresh.get(id) as Fresh
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
      deps.changed()
      return set({ state: "ok", done: total, total, syncedAt: now, requests })
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

function lookup(row: Record<string, unknown>, field: string): unknown {
  if (field in row) return row[field]
  const lower = field.toLowerCase()
  const key = Object.keys(row).find((name) => name.toLowerCase() === lower)
  return key === undefined ? undefined : row[key]
}
