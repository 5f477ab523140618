import * as z from "zod"

import { AccountFacts, type AccountFactsInput } from "./facts"
import { fieldErrors, type FieldError } from "./parse"
import { MANUAL_FACTS, type ManualFact } from "./fact-names"

export { MANUAL_FACTS, type ManualFact } from "./fact-names"

export type FactSource = "salesforce" | "manual" | "page"

/** A Salesforce stamp: ms since the epoch, from the record's SystemModstamp (see `SalesforceSnapshot.stamp`). */
const Stamp = z.number().int().nonnegative()

/**
 * A value the CSM entered. `against`: the Salesforce stamp of the record as SOP Pilot had read it
 * when the entry was made (absent: nothing read yet). Only a Salesforce value newer than that
 * stamp wins over the entry; the local clock (`enteredAt`, for showing only) never decides, so a
 * clock set back a day cannot hand an entry to an older Salesforce value (issue 17).
 */
export const ManualEntry = z.strictObject({
  value: z.unknown(),
  enteredAt: z.number().int().nonnegative(),
  against: Stamp.optional()
})
export type ManualEntry = z.infer<typeof ManualEntry>

/** What Salesforce said, and as of which Salesforce stamp each value has been what it is. */
export interface SalesforceSnapshot {
  facts: Partial<AccountFactsInput>
  /** Per fact: the record's stamp at the read that first gave its current value. */
  stamps: Partial<Record<ManualFact, number>>
  /**
   * The record's stamp as last read: its SystemModstamp (ms), never less than an earlier read's,
   * and one more than the last when a value changed without the stamp moving (a related record's
   * change, an answer without a stamp). So "changed after" is a question of stamps only.
   */
  stamp: number
  /** When SOP Pilot read it, by the local clock: shown to the CSM, never compared. */
  fetchedAt: number
}

export interface FactConflict {
  fact: ManualFact
  salesforce: unknown
  manual: unknown
  /** Which value the plan uses: the newer one. */
  using: "salesforce" | "manual"
}

export interface MergedFacts {
  facts: AccountFacts
  sources: Partial<Record<ManualFact, FactSource>>
  conflicts: FactConflict[]
  /** Stored values that no longer validate (e.g. a manual entry from an older version): ignored. */
  rejected: FieldError[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Validates one manual value against the facts schema; the error names the fact. */
export function parseManualValue(
  fact: ManualFact,
  value: unknown
): { ok: true; value: unknown } | { ok: false; errors: FieldError[] } {
  const schema = AccountFacts.shape[fact] as z.ZodType
  const result = schema.safeParse(value)
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error, fact) }
}

/**
 * Salesforce ⊕ manual entries → the facts the engine plans with. Per fact the newer value wins,
 * by Salesforce's stamps: the Salesforce value wins over a manual entry only when it changed after
 * the stamp the entry was made against, so a local value never silently overrides a newer
 * Salesforce one, and an unchanged Salesforce value never overrides an entry; conflicts are reported.
 */
export function mergeFacts(input: {
  accountId: string
  pageName?: string
  salesforce?: SalesforceSnapshot
  manual: Partial<Record<ManualFact, ManualEntry>>
  done: string[]
}): MergedFacts {
  const sources: Partial<Record<ManualFact, FactSource>> = {}
  const conflicts: FactConflict[] = []
  const rejected: FieldError[] = []
  const merged: Record<string, unknown> = {}

  for (const fact of MANUAL_FACTS) {
    const fromSalesforce = input.salesforce?.facts[fact]
    const entry = input.manual[fact]
    let manual: unknown
    if (entry) {
      const parsed = parseManualValue(fact, entry.value)
      if (parsed.ok) manual = parsed.value
      else rejected.push(...parsed.errors)
    }
    if (fromSalesforce !== undefined && manual !== undefined && entry) {
      const salesforceSince = input.salesforce?.stamps[fact] ?? 0
      const using = salesforceSince > (entry.against ?? -1) ? "salesforce" : "manual"
      if (!same(fromSalesforce, manual)) conflicts.push({ fact, salesforce: fromSalesforce, manual, using })
      merged[fact] = using === "manual" ? manual : fromSalesforce
      sources[fact] = using
    } else if (fromSalesforce !== undefined) {
      merged[fact] = fromSalesforce
      sources[fact] = "salesforce"
    } else if (manual !== undefined) {
      merged[fact] = manual
      sources[fact] = "manual"
    }
  }
  if (merged.name === undefined) {
    merged.name = input.pageName?.trim() || input.accountId
    sources.name = "page"
  }

  const candidate: Record<string, unknown> = { ...merged, id: input.accountId, done: input.done }
  const result = AccountFacts.safeParse(candidate)
  if (result.success) return { facts: result.data, sources, conflicts, rejected }
  // Drop whatever still fails (values are validated one by one above; this guards combinations).
  const errors = fieldErrors(result.error)
  for (const issue of result.error.issues) {
    const fact = issue.path[0]
    if (fact === "name") {
      candidate.name = input.accountId
      sources.name = "page"
    } else if (typeof fact === "string" && fact !== "id") {
      delete candidate[fact]
      delete sources[fact as ManualFact]
    }
  }
  return { facts: AccountFacts.parse(candidate), sources, conflicts, rejected: [...rejected, ...errors] }
}

/**
 * A Salesforce read, after the previous snapshot: which stamp each value has held since. `read.stamp`
 * is the record's SystemModstamp (ms), when the answer had one; `read.fetchedAt` the local time.
 */
export function nextSnapshot(
  previous: SalesforceSnapshot | undefined,
  facts: Partial<AccountFactsInput>,
  read: { stamp?: number | undefined; fetchedAt: number }
): SalesforceSnapshot {
  const before = previous?.stamp ?? 0
  const changed = MANUAL_FACTS.filter(
    (fact) => facts[fact] !== undefined && !(previous && same(previous.facts[fact], facts[fact]))
  )
  // Stamps only go forward, and a change always moves them: an entry made against the last
  // stamp then loses to any value changed since, whatever the answer's stamp says.
  const stamp = Math.max(read.stamp ?? 0, before + (changed.length > 0 ? 1 : 0))
  const stamps: Partial<Record<ManualFact, number>> = {}
  for (const fact of MANUAL_FACTS) {
    if (facts[fact] === undefined) continue
    stamps[fact] = changed.includes(fact) ? stamp : (previous?.stamps[fact] ?? 0)
  }
  return { facts, stamps, stamp, fetchedAt: read.fetchedAt }
}

/**
 * A Salesforce read's facts, with the last good value kept for each fact whose field gave a value
 * that could not be used (`problemFacts`: MRR −3, "NaN", an unknown picklist value): a bad value
 * must not wipe a good one (issue 17). A field Salesforce emptied (null) is no problem: its fact
 * goes. `kept` names the facts whose previous value stays.
 */
export function keepLastGood(
  previous: SalesforceSnapshot | undefined,
  facts: Partial<AccountFactsInput>,
  problemFacts: readonly string[]
): { facts: Partial<AccountFactsInput>; kept: Set<string> } {
  const next: Record<string, unknown> = { ...facts }
  const kept = new Set<string>()
  for (const fact of problemFacts) {
    if (next[fact] !== undefined) continue
    const last = (previous?.facts as Record<string, unknown> | undefined)?.[fact]
    if (last === undefined) continue
    next[fact] = last
    kept.add(fact)
  }
  return { facts: next as Partial<AccountFactsInput>, kept }
}
