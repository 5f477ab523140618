/**
 * The engine: account facts + team settings + today → the plan of spec §8. Three parts:
 * `derived-facts.ts` (D1–D8, stage path, situations, anchor dates), `placeholders.ts` (the
 * words of titles and whys) and `rule-steps.ts` (rule → steps, in plan order).
 */
import { accountState, derivedFacts } from "./derived-facts"
import { accountValues } from "./placeholders"
import type { Plan } from "./plan"
import { PLAYBOOK, type Rule } from "./playbook"
import { planSteps } from "./rule-steps"
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
