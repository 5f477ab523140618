import Dexie, { type Table } from "dexie"
import * as z from "zod"

import { ManualEntry } from "../domain/fact-sources"
import { isAccountId, toId18 } from "../domain/ids"
import type { TeamAccountRow, TeamRow, TeamSummaryRow } from "./team-cache"

/**
 * SOP Pilot's IndexedDB, opened only in the extension's own origin (the background service
 * worker or an extension page). A content script's IndexedDB would belong to Salesforce's or
 * Gmail's origin, so never open it there.
 *
 * Keep every `version(n)` declaration; migrate data in `.upgrade()`.
 */

export const CachedAccount = z.strictObject({
  /** 18-char Account id, exactly as `toId18` writes it. */
  id: z.string().refine((id) => isAccountId(id) && toId18(id) === id, "expected an 18-char Account id"),
  name: z.string(),
  org: z.string().optional(),
  /**
   * The org the account belongs to, as its API origin (`https://acme.my.salesforce.com`): with the
   * id, the row's key, so a page of one org never sees another's row. "" for a row cached before
   * v3 whose org was never recorded: only SOP Pilot's own pages show it.
   */
  apiHost: z.string(),
  /**
   * What Salesforce last said (facts read through the field mapping), as of which Salesforce stamp
   * (v4; `SalesforceSnapshot`), and when it was read.
   */
  salesforce: z
    .strictObject({
      facts: z.record(z.string(), z.unknown()),
      stamps: z.record(z.string(), z.number().int().nonnegative()),
      stamp: z.number().int().nonnegative(),
      fetchedAt: z.number()
    })
    .optional(),
  /** Facts the CSM entered in the panel, each with the Salesforce stamp it was made against. */
  manual: z.record(z.string(), ManualEntry).default({}),
  lastSeenAt: z.number()
})
export type CachedAccount = z.output<typeof CachedAccount>

export const ProgressRow = z.strictObject({
  /** The account's org (see `CachedAccount.apiHost`). */
  apiHost: z.string(),
  accountId: z.string(),
  /** Step key: `AD4`, `TR2#2`. */
  key: z.string(),
  done: z.boolean(),
  /** When it was last checked or unchecked (ms). */
  at: z.number()
})
export type ProgressRow = z.infer<typeof ProgressRow>

/** Version 2: the account a CSM chose for a Gmail thread, so the next compose there shows it first. */
export const ThreadAccountRow = z.strictObject({
  /** Gmail's thread id (or the draft's, for a new message). */
  threadId: z.string().min(1).max(200),
  accountId: z.string(),
  /** The account's org (v3; absent on rows remembered before). */
  apiHost: z.string().optional(),
  /** When it was chosen (ms). */
  at: z.number()
})
export type ThreadAccountRow = z.infer<typeof ThreadAccountRow>

/**
 * Version 4 (issue 12): a change waiting for Salesforce. Applied in `seq` order per account by
 * the background's outbox (src/background/outbox.ts); the row goes once Salesforce took it.
 */
export const OutboxRow = z.strictObject({
  /** Auto-incremented: the order changes were made in. */
  seq: z.number().int().positive().optional(),
  apiHost: z.string(),
  accountId: z.string(),
  /** What to make true in Salesforce. */
  change: z.discriminatedUnion("kind", [
    /** A step checked off (`done`: its `[SOP <key>]` Task exists) or reopened (no such Task). */
    z.strictObject({
      kind: z.literal("task"),
      key: z.string().max(20),
      done: z.boolean(),
      subject: z.string().max(255),
      /** The day it was done (Task.ActivityDate). */
      on: z.string().max(10)
    }),
    /** A fact written to its field: on the Account, or the newest related row (created if none). */
    z.strictObject({
      kind: z.literal("field"),
      fact: z.string().max(80),
      object: z.string().max(80),
      field: z.string().max(80),
      /** The related row's lookup to the Account; absent for an Account field. */
      relationship: z.string().max(80).optional(),
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
      /** A value typed in the panel is written only if the record has not changed since this read (ms). */
      unmodifiedSince: z.number().optional(),
      /**
       * Undoing a check-off's own write: the field is set to `value` only while it still holds
       * this (the date the check-off wrote); a value someone else put there stays.
       */
      onlyIfStill: z.union([z.string(), z.number()]).optional()
    })
  ]),
  createdAt: z.number(),
  /** `waiting`: to send (again at `nextAt`); `refused`: Salesforce said no for good. */
  state: z.enum(["waiting", "refused"]),
  attempts: z.number().int().nonnegative(),
  nextAt: z.number(),
  /** The last failure: its kind, the CSM's words and Salesforce's own. */
  error: z.strictObject({ kind: z.string(), message: z.string().max(1000), detail: z.string().max(1000) }).optional()
})
export type OutboxRow = z.infer<typeof OutboxRow>

/**
 * Version 7 (issue 16, item 9): a step of the Today list hidden until a date ("Snooze until …").
 * Keyed like a check-off, by org, account and step; the row stays after its date (it hides nothing
 * then) until the step is snoozed again or shown again.
 */
export const SnoozeRow = z.strictObject({
  apiHost: z.string(),
  accountId: z.string(),
  key: z.string().max(20),
  /** The first day the step shows again (`YYYY-MM-DD`). */
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** When it was snoozed (ms). */
  at: z.number()
})
export type SnoozeRow = z.infer<typeof SnoozeRow>

/** Which account of which org: the key of every account row (v3). */
export interface AccountKey {
  apiHost: string
  accountId: string
}

/** The org of a row cached before v3: its recorded API host, else the one its My Domain name implies. */
export function legacyApiHost(row: { apiHost?: unknown; org?: unknown }): string {
  if (typeof row.apiHost === "string") return row.apiHost
  if (typeof row.org === "string" && /^[a-z0-9-]+$/.test(row.org)) return `https://${row.org}.my.salesforce.com`
  return ""
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * A v3 account row in v4's shape. v3 kept local times: per Salesforce value when it was first
 * seen (`changedAt`), per manual entry when it was entered; the later one won. Those times say
 * nothing of Salesforce's stamps, so every cached Salesforce value gets stamp 0 ("as of before
 * any stamp") and an entry that wins today is made against 0: it keeps winning until Salesforce
 * changes the value; an entry that loses today gets no stamp and keeps losing. A row already in
 * v4's shape, or not a row, is left as it is.
 */
export function stampedRow(row: Record<string, unknown>): Record<string, unknown> {
  const salesforce = row.salesforce
  if (isRecord(salesforce) && "stamps" in salesforce) return row
  const facts = isRecord(salesforce) && isRecord(salesforce.facts) ? salesforce.facts : undefined
  const changedAt = isRecord(salesforce) && isRecord(salesforce.changedAt) ? salesforce.changedAt : {}
  const fetchedAt = isRecord(salesforce) && typeof salesforce.fetchedAt === "number" ? salesforce.fetchedAt : 0
  const next: Record<string, unknown> = { ...row }
  if (isRecord(salesforce)) {
    next.salesforce = {
      facts: facts ?? {},
      stamps: Object.fromEntries(Object.keys(facts ?? {}).map((fact) => [fact, 0])),
      stamp: 0,
      fetchedAt
    }
  }
  if (isRecord(row.manual)) {
    next.manual = Object.fromEntries(
      Object.entries(row.manual).map(([fact, entry]) => {
        if (!isRecord(entry)) return [fact, entry]
        const since = changedAt[fact] ?? fetchedAt
        const salesforceWins =
          facts?.[fact] !== undefined &&
          !(typeof entry.enteredAt === "number" && typeof since === "number" && entry.enteredAt > since)
        return [fact, salesforceWins ? entry : { ...entry, against: 0 }]
      })
    )
  }
  return next
}

export class SopPilotDb extends Dexie {
  /** v3: cached accounts by org and id (v1–2's `accounts` was by id alone). */
  orgAccounts!: Table<CachedAccount, [string, string]>
  /** v3: checked steps by org, account and step (v1–2's `progress` had no org). */
  orgProgress!: Table<ProgressRow, [string, string, string]>
  threads!: Table<ThreadAccountRow, string>
  /** v5: the Team Lead's team, one row per org (team-cache.ts). */
  teams!: Table<TeamRow, string>
  /** v5: the team's accounts by org and id, with their CSM (team-cache.ts). */
  teamAccounts!: Table<TeamAccountRow, [string, string]>
  /** v6: changes waiting for Salesforce. */
  outbox!: Table<OutboxRow, number>
  /** v7: steps of the Today list snoozed until a date. */
  snoozes!: Table<SnoozeRow, [string, string, string]>
  /** v8: the team page's summary of each team account, one row per org (team-cache.ts). */
  teamSummaries!: Table<TeamSummaryRow, string>

  /** An older version of the database, open elsewhere, holds up the upgrade (IndexedDB's `blocked`). */
  private upgradeBlocked = false

  constructor(name = "sop-pilot") {
    super(name)
    this.on("blocked", () => {
      this.upgradeBlocked = true
    })
    this.on("ready", () => {
      this.upgradeBlocked = false
    })
    this.version(1).stores({
      accounts: "id, name, lastSeenAt",
      progress: "[accountId+key], accountId"
    })
    // v2 adds a table and migrates nothing: v1's tables are carried over as they are.
    this.version(2).stores({
      threads: "threadId, accountId"
    })
    // v3 keys accounts and check-offs by org too: a page of org `evil` that names an acme account id
    // must not get acme's row. IndexedDB cannot change a table's key, so every row moves to a new
    // table, with its org; the old tables go once copied.
    this.version(3)
      .stores({
        accounts: null,
        progress: null,
        orgAccounts: "[apiHost+id], id, apiHost, name, lastSeenAt",
        orgProgress: "[apiHost+accountId+key], [apiHost+accountId], accountId"
      })
      .upgrade(async (tx) => {
        const accounts = (await tx.table("accounts").toArray()) as Record<string, unknown>[]
        const orgOf = new Map<unknown, string>()
        const moved = accounts.map((row) => {
          const apiHost = legacyApiHost(row)
          orgOf.set(row.id, apiHost)
          return { ...row, apiHost }
        })
        await tx.table("orgAccounts").bulkPut(moved)
        const progress = (await tx.table("progress").toArray()) as Record<string, unknown>[]
        await tx
          .table("orgProgress")
          .bulkPut(progress.map((row) => ({ ...row, apiHost: orgOf.get(row.accountId) ?? "" })))
      })
    // v4 orders a manual entry and a Salesforce value by Salesforce's stamps, not the local clock
    // (issue 17): each row's local times become stamps that keep today's winner (stampedRow).
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table("orgAccounts")
          .toCollection()
          .modify((row: Record<string, unknown>, ref: { value: unknown }) => {
            ref.value = stampedRow(row)
          })
      })
    // v5 adds the Team Lead's cache, in tables of its own: a lead's team is not the lead's book.
    this.version(5).stores({
      teams: "apiHost",
      teamAccounts: "[apiHost+id], apiHost, csmId"
    })
    // v6 adds the outbox (issue 12). Nothing to migrate: what was checked off before stays local
    // (writing every old check-off back at once would flood the org), and is written when next changed.
    this.version(6)
      .stores({ outbox: "++seq, [apiHost+accountId], state" })
      .upgrade(() => undefined)
    // v7 adds the Today list's snoozes (issue 16, item 9), a table of their own: nothing to migrate.
    this.version(7).stores({ snoozes: "[apiHost+accountId+key], [apiHost+accountId]" })
    // v8 (v7 is the snoozes') keeps the team page's summaries (issue 13): a worker that just
    // started shows the team without planning every account. Nothing to migrate: the first view
    // makes them.
    this.version(8).stores({ teamSummaries: "apiHost" })
  }

  /** `open()`, rejected with `DatabaseBlockedError` as soon as (or while) the upgrade is blocked. */
  whenOpenOrBlocked(): Promise<void> {
    if (this.upgradeBlocked) return Promise.reject(new DatabaseBlockedError())
    return new Promise<void>((resolve, reject) => {
      const blocked = () => reject(new DatabaseBlockedError())
      this.on("blocked", blocked)
      const settle = () => this.on("blocked").unsubscribe(blocked)
      this.open().then(
        () => {
          settle()
          resolve()
        },
        (error: unknown) => {
          settle()
          reject(error instanceof Error ? error : new Error(String(error)))
        }
      )
    })
  }
}

/**
 * The database cannot open: it is being upgraded and another SOP Pilot context still holds the
 * old version open (an extension page left from before an update). IndexedDB waits for it
 * without end; SOP Pilot says so instead.
 */
export class DatabaseBlockedError extends Error {
  constructor() {
    super(
      "SOP Pilot is updating its database, and another SOP Pilot tab or window still has the old one open. Close other SOP Pilot tabs (options, popup), then reload this page."
    )
    this.name = "DatabaseBlockedError"
  }
}

/**
 * Opens `db` (or finds it open). Rejects with `DatabaseBlockedError` while an older version held
 * elsewhere blocks the upgrade; once that closes, the open completes and the next call resolves.
 */
export async function openDatabase(db: SopPilotDb): Promise<void> {
  if (db.isOpen()) return
  await db.whenOpenOrBlocked()
}

let shared: SopPilotDb | undefined
/** The one database of this context, opened lazily. */
export const database = (): SopPilotDb => (shared ??= new SopPilotDb())
