/**
 * A large book of business for the benchmarks: the demo book's accounts (every stage and
 * situation) repeated with their own ids and names, and the rows the extension's Dexie database
 * would hold for them after a CSM opened each one in Salesforce (the mapped facts as the UI API
 * gives them, the rest entered by hand, the checked steps).
 */
import type { CachedAccount, ProgressRow } from "../src/data/db"
import { demoBook } from "../src/demo/book"
import { mappedFactsOf } from "../src/demo/salesforce-record"
import { MANUAL_FACTS, nextSnapshot, type ManualFact } from "../src/domain/fact-sources"
import type { AccountFactsInput } from "../src/domain/facts"
import { toId18 } from "../src/domain/ids"
import type { IsoDate } from "../src/domain/dates"

/** `n` accounts: the demo book cycled, each copy with a distinct 15-char Account id and name. */
export function syntheticBook(n: number, today: IsoDate): AccountFactsInput[] {
  const templates = demoBook(today)
  return Array.from({ length: n }, (_, i) => {
    const template = templates[i % templates.length] as AccountFactsInput
    const id = `001Hs00003B${String(i).padStart(4, "0")}`
    return { ...template, id, name: `${template.name} #${i + 1}` }
  })
}

export interface DexieSeed {
  accounts: CachedAccount[]
  progress: ProgressRow[]
}

/** The cached rows of a book, as `SopPilotDb` v1+ stores them (18-char ids). */
export function dexieRowsOf(book: readonly AccountFactsInput[], org: string, now: number): DexieSeed {
  const accounts: CachedAccount[] = []
  const progress: ProgressRow[] = []
  for (const account of book) {
    const id = toId18(account.id)
    if (id === undefined) throw new Error(`not an Account id: ${account.id}`)
    const mapped = mappedFactsOf(account)
    const manual: CachedAccount["manual"] = {}
    for (const fact of MANUAL_FACTS) {
      const value = account[fact as ManualFact]
      if (value === undefined || fact in mapped) continue
      manual[fact] = { value, enteredAt: now }
    }
    accounts.push({
      id,
      name: account.name,
      org,
      apiHost: `https://${org}.my.salesforce.com`,
      salesforce: nextSnapshot(undefined, mapped, { fetchedAt: now }) as CachedAccount["salesforce"],
      manual,
      lastSeenAt: now
    })
    for (const key of account.done ?? [])
      progress.push({ apiHost: `https://${org}.my.salesforce.com`, accountId: id, key, done: true, at: now })
  }
  return { accounts, progress }
}
