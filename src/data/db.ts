import Dexie, { type Table } from "dexie"
import * as z from "zod"

import { ManualEntry } from "../domain/fact-sources"

/**
 * SOP Pilot's IndexedDB, opened only in the extension's own origin (the background service
 * worker or an extension page). A content script's IndexedDB would belong to Salesforce's or
 * Gmail's origin, so never open it there.
 *
 * Keep every `version(n)` declaration; migrate data in `.upgrade()`.
 */

export const CachedAccount = z.strictObject({
  /** 18-char Account id. */
  id: z.string(),
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

export class SopPilotDb extends Dexie {
  accounts!: Table<CachedAccount, string>
  progress!: Table<ProgressRow, [string, string]>

  constructor(name = "sop-pilot") {
    super(name)
    this.version(1).stores({
      accounts: "id, name, lastSeenAt",
      progress: "[accountId+key], accountId"
    })
  }
}

let shared: SopPilotDb | undefined
/** The one database of this context, opened lazily. */
export const database = (): SopPilotDb => (shared ??= new SopPilotDb())
