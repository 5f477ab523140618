import { describeFieldErrors, fieldErrors } from "../parse"
import { adoptionRules } from "./adoption"
import { cancellationRules } from "./cancellation"
import { failedToOnboardRules } from "./failed-to-onboard"
import { onboardingRules } from "./onboarding"
import { retentionRules } from "./retention"
import { RULE_IDS, type RuleId } from "./rule-ids"
import { Playbook, type Rule, type RuleInput } from "./schema"
import { smbRules } from "./smb"
import { trainingRules } from "./training"

export { RULE_IDS, type RuleId } from "./rule-ids"
export type { Rule } from "./schema"

/** Validates a playbook (the shipped one, or one a team edits) and orders it as the spec does. */
export function loadPlaybook(rules: RuleInput[]): Rule[] {
  const result = Playbook.safeParse(rules)
  if (!result.success) {
    throw new Error(`The playbook is invalid:\n${describeFieldErrors(fieldErrors(result.error, "rules"))}`)
  }
  const order = (id: RuleId) => RULE_IDS.indexOf(id)
  return [...result.data].sort((a, b) => order(a.id) - order(b.id))
}

/** The shipped playbook: every rule of the spec, validated when this module loads. */
export const PLAYBOOK: readonly Rule[] = loadPlaybook([
  ...onboardingRules,
  ...trainingRules,
  ...failedToOnboardRules,
  ...cancellationRules,
  ...adoptionRules,
  ...smbRules,
  ...retentionRules
])
