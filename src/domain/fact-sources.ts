import * as z from "zod"

import { AccountFacts, type AccountFactsInput } from "./facts"
import { fieldErrors, type FieldError } from "./parse"
import { MANUAL_FACTS, type ManualFact } from "./fact-names"

export { MANUAL_FACTS, type ManualFact } from "./fact-names"

export type FactSource = "salesforce" | "manual" | "page"

/** A value the CSM entered, with when: a newer Salesforce value must win over it. */
export const ManualEntry = z.strictObject({ value: z.unknown(), enteredAt: z.number().int().nonnegative() })
export type ManualEntry = z.infer<typeof ManualEntry>

/** What Salesforce said, and since when each value has been what it is. */
export interface SalesforceSnapshot {
  facts: Partial<AccountFactsInput>
  /** Per fact: when we first saw Salesforce hold its current value (ms since epoch). */
  changedAt: Partial<Record<ManualFact, number>>
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
 * Salesforce ⊕ manual entries → the facts the engine plans with. Per fact the newer value wins:
 * a manual entry beats the Salesforce value only if entered after Salesforce last changed it,
 * so a local value never silently overrides a newer Salesforce one; conflicts are reported.
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
      const salesforceSince = input.salesforce?.changedAt[fact] ?? input.salesforce?.fetchedAt ?? 0
      const using = entry.enteredAt > salesforceSince ? "manual" : "salesforce"
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

/** Records since when each Salesforce value has held, from the previous snapshot. */
export function nextSnapshot(
  previous: SalesforceSnapshot | undefined,
  facts: Partial<AccountFactsInput>,
  now: number
): SalesforceSnapshot {
  const changedAt: Partial<Record<ManualFact, number>> = {}
  for (const fact of MANUAL_FACTS) {
    if (facts[fact] === undefined) continue
    const unchanged = previous && same(previous.facts[fact], facts[fact])
    changedAt[fact] = unchanged ? (previous.changedAt[fact] ?? previous.fetchedAt) : now
  }
  return { facts, changedAt, fetchedAt: now }
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
