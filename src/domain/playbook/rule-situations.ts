import type { Situation } from "../plan"
import type { RuleId } from "./rule-ids"

/**
 * The situation a rule belongs to, read from its id's prefix (spec §5 names each situation's rules
 * so: FO failed to onboard, CX cancellation, PD past due, RK at risk, UP upsell). Without zod, for
 * the panel's bundle; `playbook.conventions.test.ts` pins it to each rule's `phase`.
 */
const PREFIX_SITUATIONS: Readonly<Record<string, Situation>> = {
  FO: "failed_to_onboard",
  CX: "cancellation",
  PD: "past_due",
  RK: "at_risk",
  UP: "upsell"
}

export function situationOfRule(rule: RuleId): Situation | undefined {
  return PREFIX_SITUATIONS[rule.slice(0, 2)]
}
