import type { Plan } from "../domain/plan"
import { RULE_SECTIONS, SOPS } from "../domain/playbook/sections"
import type { TeamDocument } from "../domain/settings"
import type { AccountView } from "../messages/protocol"

/** Each planned rule's SOP section and the team documents that serve it, for the step details. */
export function howToFor(plan: Plan, documents: readonly TeamDocument[]): NonNullable<AccountView["howTo"]> {
  const rules = new Set(plan.steps.map((step) => step.rule))
  return Object.fromEntries(
    [...rules].flatMap((rule) => {
      const section = RULE_SECTIONS[rule as keyof typeof RULE_SECTIONS]
      if (!section) return []
      return [
        [
          rule,
          {
            sop: SOPS[section.sop].name,
            section: section.heading,
            documents: documents
              .filter((d) => d.rules.some((r) => r === rule))
              .map(({ label, url }) => ({ label, url }))
          }
        ]
      ]
    })
  )
}
