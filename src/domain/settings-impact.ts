/**
 * What a settings change does to the book before it is saved: every account planned with the
 * settings in force and with the proposed ones, and the plans compared. Accounts that change the
 * same way (the same rules gained, lost and moved) form one group: "survey threshold 1,000 → 800:
 * 12 accounts gain AD9". Pure: the book, today and both settings come in as arguments.
 */
import * as z from "zod"

import type { IsoDate } from "./dates"
import { buildPlan, planOutline, type PlanOutline } from "./engine"
import type { AccountFacts } from "./facts"
import type { Plan, PlanStep } from "./plan"
import { RULE_IDS } from "./playbook/rule-ids"
import type { TeamSettings } from "./settings"
import { diffSettings } from "./settings-diff"

const RuleId = z.enum(RULE_IDS)

export const MovedStep = z.strictObject({
  key: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable()
})
export type MovedStep = z.infer<typeof MovedStep>

export const ImpactAccount = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** Step keys the proposed plan has and the current one does not. */
  gained: z.array(z.string()),
  lost: z.array(z.string()),
  /** Steps in both plans whose due date differs. */
  moved: z.array(MovedStep)
})
export type ImpactAccount = z.infer<typeof ImpactAccount>

export const ImpactGroup = z.strictObject({
  /** Rule ids, in playbook order. */
  gains: z.array(RuleId),
  loses: z.array(RuleId),
  moves: z.array(RuleId),
  count: z.number().int().nonnegative(),
  /** Every account of the group, by name. */
  accounts: z.array(ImpactAccount)
})
export type ImpactGroup = z.infer<typeof ImpactGroup>

export const SettingsImpact = z.strictObject({
  /** The settings leaves that change (`thresholds.surveyMrr: 1000 → 800`). */
  changes: z.array(z.strictObject({ path: z.string(), from: z.unknown(), to: z.unknown() })),
  today: z.string(),
  /** Accounts planned. */
  checked: z.number().int().nonnegative(),
  /** Accounts whose plan changes. */
  changed: z.number().int().nonnegative(),
  /** Biggest group first. */
  groups: z.array(ImpactGroup)
})
export type SettingsImpact = z.infer<typeof SettingsImpact>

const ruleOrder = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]))
const byRule = (a: string, b: string) => (ruleOrder.get(a) ?? 0) - (ruleOrder.get(b) ?? 0)
const ruleOf = (step: Pick<PlanStep, "rule">) => step.rule

/**
 * The settings the engine reads (derived-facts.ts, rule-steps.ts, placeholders.ts): a change
 * elsewhere (template wording, links, the Salesforce mapping) moves no plan, so the preview plans
 * nothing for it. test/unit/domain/settings-impact.test.ts proves the engine reads no other.
 */
export const PLAN_SETTINGS = ["thresholds", "timing", "sixtyDayTrack", "disabledRules", "trainingModules"] as const

/** Whether a change of this settings path can move a plan. */
export const movesPlans = (path: string): boolean =>
  path === "(root)" || PLAN_SETTINGS.some((key) => path === key || path.startsWith(`${key}.`))

/** How one account's plan moves from `before` to `after`; undefined when it does not. */
export function planChange(before: PlanOutline, after: PlanOutline): ImpactAccount | undefined {
  const was = new Map(before.steps.map((step) => [step.key, step]))
  const is = new Map(after.steps.map((step) => [step.key, step]))
  const gained = after.steps.filter((step) => !was.has(step.key)).map((step) => step.key)
  const lost = before.steps.filter((step) => !is.has(step.key)).map((step) => step.key)
  const moved: MovedStep[] = []
  for (const step of after.steps) {
    const old = was.get(step.key)
    if (old && old.due !== step.due) moved.push({ key: step.key, from: old.due, to: step.due })
  }
  if (gained.length + lost.length + moved.length === 0) return undefined
  return { id: after.account.id, name: after.account.name, gained, lost, moved }
}

const rulesOf = (keys: readonly string[], steps: PlanOutline["steps"]) => {
  const rules = new Set(steps.filter((s) => keys.includes(s.key)).map(ruleOf))
  return [...rules].sort(byRule) as ImpactGroup["gains"]
}

/** One account's plan under fixed settings and day. */
export type Planner = (facts: AccountFacts) => Plan
/** One account's plan outline (keys, rules, dates) under fixed settings and day. */
export type Outliner = (facts: AccountFacts) => PlanOutline

/** Keeps what `make` gives per account while the day, the settings and the account's facts stay the same. */
function keptPer<T>(make: (facts: AccountFacts, settings: TeamSettings, today: IsoDate) => T) {
  let scope = ""
  let kept = new Map<string, { facts: string; value: T }>()
  return (settings: TeamSettings, today: IsoDate) => {
    const next = `${today}\n${JSON.stringify(settings)}`
    const previous = next === scope ? kept : new Map<string, { facts: string; value: T }>()
    scope = next
    kept = new Map()
    return (facts: AccountFacts): T => {
      const text = JSON.stringify(facts)
      const old = previous.get(facts.id) ?? kept.get(facts.id)
      const value = old?.facts === text ? old.value : make(facts, settings, today)
      kept.set(facts.id, { facts: text, value })
      return value
    }
  }
}

/**
 * The current settings' plans, kept between previews: the options page asks for a preview on
 * every pause in typing, and only the proposed side changes. A plan is reused while the day, the
 * settings and the account's facts are the same as when it was made; each call keeps only the
 * accounts it was asked for, so the cache never outgrows the book. `outliner` keeps outlines
 * (what the preview compares), `planner` whole plans.
 */
export function createPlanCache(): {
  planner(settings: TeamSettings, today: IsoDate): Planner
  outliner(settings: TeamSettings, today: IsoDate): Outliner
} {
  return { planner: keptPer(buildPlan), outliner: keptPer(planOutline) }
}

/**
 * The impact of replacing `current` with `proposed` over a book of business. Settings that
 * change no plan (wording, links: none the engine reads) give no groups, and plan nothing; the
 * changes are still listed. Plans are compared by their outlines (keys, rules, dates: all the
 * impact names). `planCurrent` plans an account with `current` (a `createPlanCache` outliner
 * reuses the last preview's outlines; a whole plan does too).
 */
export function settingsImpact(
  book: readonly AccountFacts[],
  today: IsoDate,
  current: TeamSettings,
  proposed: TeamSettings,
  planCurrent: (facts: AccountFacts) => PlanOutline = (facts) => planOutline(facts, current, today)
): SettingsImpact {
  const changes = diffSettings(current, proposed)
  const groups = new Map<string, ImpactGroup>()
  let changed = 0
  if (changes.some((change) => movesPlans(change.path))) {
    for (const facts of book) {
      const before = planCurrent(facts)
      const after = planOutline(facts, proposed, today)
      const change = planChange(before, after)
      if (!change) continue
      changed++
      const gains = rulesOf(change.gained, after.steps)
      const loses = rulesOf(change.lost, before.steps)
      const moves = rulesOf(
        change.moved.map((m) => m.key),
        after.steps
      )
      const key = `${gains.join(",")}|${loses.join(",")}|${moves.join(",")}`
      const group = groups.get(key) ?? { gains, loses, moves, count: 0, accounts: [] }
      group.count++
      group.accounts.push(change)
      groups.set(key, group)
    }
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count)
  for (const group of sorted) group.accounts.sort((a, b) => a.name.localeCompare(b.name))
  return { changes, today, checked: book.length, changed, groups: sorted }
}

/** Consecutive rule ids of one area as a range: `AD1–AD4, SM3`. */
export function ruleRange(rules: readonly string[]): string {
  const parts: string[] = []
  let start: string | undefined
  let prev: string | undefined
  const flush = () => {
    if (start === undefined || prev === undefined) return
    parts.push(start === prev ? start : `${start}–${prev}`)
  }
  for (const rule of rules) {
    const follows =
      prev !== undefined &&
      (ruleOrder.get(rule) ?? -2) === (ruleOrder.get(prev) ?? -9) + 1 &&
      rule.replace(/\d+$/, "") === prev.replace(/\d+$/, "")
    if (!follows) {
      flush()
      start = rule
    }
    prev = rule
  }
  flush()
  return parts.join(", ")
}

/** A group in words: "gain AD9", "leave AD1–AD14 for SM3–SM5", "AD10 moves". */
export function groupText(group: Pick<ImpactGroup, "gains" | "loses" | "moves">): string {
  const parts: string[] = []
  if (group.loses.length > 0 && group.gains.length > 0)
    parts.push(`leave ${ruleRange(group.loses)} for ${ruleRange(group.gains)}`)
  else if (group.gains.length > 0) parts.push(`gain ${ruleRange(group.gains)}`)
  else if (group.loses.length > 0) parts.push(`lose ${ruleRange(group.loses)}`)
  if (group.moves.length > 0) parts.push(`${ruleRange(group.moves)} due date${group.moves.length > 1 ? "s" : ""} move`)
  return parts.join("; ")
}
