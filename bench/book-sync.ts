/**
 * bookSync1000Ms: the whole book of 1,000 accounts read from the fake org by the background's
 * own book sync (src/background/book-sync.ts), in Node: the Salesforce client over fetchFromOrg
 * (the fake org answering in process, no network) and Dexie over fake-indexeddb. Counts the REST
 * requests (goal ≤ 15) and times the sync (goal ≤ 5 s).
 */
import "fake-indexeddb/auto"

import { createBookSync } from "../src/background/book-sync"
import { SopPilotDb } from "../src/data/db"
import { toId18 } from "../src/domain/ids"
import { DEFAULT_SETTINGS } from "../src/domain/settings"
import type { IsoDate } from "../src/domain/dates"
import { fakeSalesforceOrg, fetchFromOrg } from "../tools/salesforce-org"
import { syntheticBook } from "./book"
import { summarize, type Summary } from "./stats"

const SESSION = "00Dxx0000001gEREAY!bench.book.sync"

export interface BookSyncReport extends Summary {
  accounts: number
  requests: number
  goal: string
  met: boolean
}

export async function bookSync(n: number, today: IsoDate, runs: number): Promise<BookSyncReport> {
  const book = syntheticBook(n, today)
  const times: number[] = []
  let requests = 0
  let accounts = 0
  for (let run = 0; run < runs; run++) {
    const org = fakeSalesforceOrg({ org: "acme", accounts: book, session: SESSION })
    const db = new SopPilotDb(`bench-book-sync-${run}-${Math.random()}`)
    // The CSM opened one account once: the sync knows the org from it.
    const first = toId18(book[0]?.id ?? "") as string
    await db.orgAccounts.put({
      id: first,
      name: "seen",
      org: "acme",
      apiHost: org.apiOrigin,
      manual: {},
      lastSeenAt: 1
    })
    const sync = createBookSync({
      db,
      settings: async () => DEFAULT_SETTINGS,
      timeZone: async () => "America/Chicago",
      now: () => Date.now(),
      client: { fetch: fetchFromOrg(org), cookies: async () => ({ value: SESSION }) },
      load: async () => undefined,
      save: async () => undefined,
      report: () => undefined,
      changed: () => undefined
    })
    const start = performance.now()
    const result = await sync.sync()
    times.push(performance.now() - start)
    if (result.state !== "ok") throw new Error(`book sync failed: ${result.message ?? result.state}`)
    requests = org.apiCalls.length
    accounts = await db.orgAccounts.count()
    db.close()
    await db.delete()
  }
  const summary = summarize(times)
  return {
    ...summary,
    accounts,
    requests,
    goal: "≤ 15 requests and ≤ 5 s for 1,000 accounts",
    met: requests <= 15 && summary.p95 <= 5000
  }
}
