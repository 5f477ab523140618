/**
 * The `{name}` placeholders of rule titles and whys: the account's values, worked out
 * once per plan and only when a text asks, then each step's own. Pure.
 */
import { plusDays } from "./dates"
import { anchorDate, timing, type AccountState } from "./derived-facts"
import { PRODUCT_LABELS } from "./labels"
import type { TrainingSession } from "./plan"
import type { Anchor } from "./playbook/schema"
import type { IsoDate } from "./dates"

export type Lookup = (name: string) => string | number | null | undefined

/** What a step's own placeholders read: its date, its place in a series, its training session. */
export interface OccurrenceValues {
  n?: number
  count?: number
  due: IsoDate | null
  session?: TrainingSession
}

const listOf = (items: readonly string[]) => (items.length === 0 ? "none" : items.join(", "))

export function fill(text: string, lookup: Lookup): string {
  // Most titles have no placeholder: skip the regex.
  if (!text.includes("{")) return text
  return text.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = lookup(name)
    return value === undefined || value === null ? "(not set)" : String(value)
  })
}

/** The account's placeholder values, worked out once per plan and only when a text asks. */
export function accountValues(state: AccountState): Lookup {
  const { facts } = state
  const known = new Map<string, string | number | null | undefined>()
  const compute = (name: string): string | number | null | undefined => {
    switch (name) {
      case "accountName":
        return facts.name
      case "mrr":
        return facts.mrr
      case "products":
        return listOf(facts.products.map((p) => PRODUCT_LABELS[p]))
      case "sessions":
        return state.trainingPlan.length
      case "riskSignals":
        return listOf(facts.riskSignals.map((s) => s.replaceAll("_", " ")))
      case "upsellCandidates":
        return listOf(state.upsellCandidates.map((p) => PRODUCT_LABELS[p]))
      case "upsellCloseDate":
        return state.upsellCloseDate
      case "nextOpenForum":
        return state.nextOpenForum
      case "pastDueDeadline":
        return facts.pastDueSince ? plusDays(facts.pastDueSince, timing(state.settings, "pastDueFinanceDays")) : null
      default:
        return anchorDate(name as Anchor, state)
    }
  }
  return (name) => {
    if (!known.has(name)) known.set(name, compute(name))
    return known.get(name)
  }
}

/** One step's values: its occurrence, then the account's. */
export function stepValues(account: Lookup, occurrence: OccurrenceValues): Lookup {
  return (name) => {
    switch (name) {
      case "due":
        return occurrence.due
      case "n":
        return occurrence.n
      case "count":
        return occurrence.count
      case "session":
        return occurrence.session?.session
      case "product":
        return occurrence.session && PRODUCT_LABELS[occurrence.session.product]
      case "modules":
        return occurrence.session && listOf(occurrence.session.modules)
      default:
        return account(name)
    }
  }
}
