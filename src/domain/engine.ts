/**
 * The engine: account facts + team settings + today → the plan of spec §8. Three parts:
 * `derived-facts.ts` (D1–D8, stage path, situations, anchor dates), `placeholders.ts` (the
 * words of titles and whys) and `rule-steps.ts` (rule → steps, in plan order).
 */
import { accountState, derivedFacts } from "./derived-facts"
import { accountValues } from "./placeholders"
import type { Plan, PlanStep } from "./plan"
import { PLAYBOOK, type Rule } from "./playbook"
import { planStepCores, planSteps } from "./rule-steps"
import type { TeamSettings } from "./settings"
import type { AccountFacts } from "./facts"
import type { IsoDate } from "./dates"

/**
 * The plan of one account. Pure: the clock, storage and progress all come in as arguments
 * (progress as `facts.done`).
 */
export function buildPlan(
  facts: AccountFacts,
  settings: TeamSettings,
  today: IsoDate,
  playbook: readonly Rule[] = PLAYBOOK
): Plan {
  const state = accountState(facts, settings, today)
  const steps = planSteps(playbook, { ...state, values: accountValues(state) })
  return {
    account: { id: facts.id, name: facts.name },
    stage: state.stage,
    situations: state.situations,
    derived: derivedFacts(state),
    trainingPlan: state.trainingPlan,
    steps
  }
}

/** A plan reduced to what tells two plans apart for the settings preview: each step's key, rule and date. */
export interface PlanOutline {
  account: Plan["account"]
  steps: Pick<PlanStep, "key" | "rule" | "due">[]
}

/**
 * `buildPlan(…)` without the words (titles, whys, templates, statuses): the same steps, in the
 * same order, with the same keys and dates, for comparing one book under two settings quickly.
 */
export function planOutline(
  facts: AccountFacts,
  settings: TeamSettings,
  today: IsoDate,
  playbook: readonly Rule[] = PLAYBOOK
): PlanOutline {
  // No placeholder is read without words: the values are never asked for.
  const state = accountState(facts, settings, today)
  const cores = planStepCores(playbook, { ...state, values: () => undefined })
  return {
    account: { id: facts.id, name: facts.name },
    steps: cores.map((core) => ({ key: core.key, rule: core.rule.id, due: core.due }))
  }
}
