import Dexie, { type Table } from "dexie"
import * as z from "zod"

import { ManualEntry } from "../domain/fact-sources"
import { isAccountId, toId18 } from "../domain/ids"

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
  apiHost: z.string().optional(),
  /** What Salesforce last said (facts read through the field mapping) and since when. */
  salesforce: z
    .strictObject({
      facts: z.record(z.string(), z.unknown()),
      changedAt: z.record(z.string(), z.number()),
      fetchedAt: z.number()
    })
    .optional(),
  /** Facts the CSM entered in the panel, each with when. */
  manual: z.record(z.string(), ManualEntry).default({}),
  lastSeenAt: z.number()
})
export type CachedAccount = z.output<typeof CachedAccount>

export const ProgressRow = z.strictObject({
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
  /** When it was chosen (ms). */
  at: z.number()
})
export type ThreadAccountRow = z.infer<typeof ThreadAccountRow>

export class SopPilotDb extends Dexie {
  accounts!: Table<CachedAccount, string>
  progress!: Table<ProgressRow, [string, string]>
  threads!: Table<ThreadAccountRow, string>

  constructor(name = "sop-pilot") {
    super(name)
    this.version(1).stores({
      accounts: "id, name, lastSeenAt",
      progress: "[accountId+key], accountId"
    })
    // v2 adds a table and migrates nothing: v1's tables are carried over as they are.
    this.version(2).stores({
      threads: "threadId, accountId"
    })
  }
}

let shared: SopPilotDb | undefined
/** The one database of this context, opened lazily. */
export const database = (): SopPilotDb => (shared ??= new SopPilotDb())
