import { describe, expect, it } from "vitest"

import { knownValues } from "~/src/domain/compose-values"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { PRODUCT_LABELS, TEMPLATE_LABELS } from "~/src/domain/labels"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { TEMPLATE_IDS } from "~/src/domain/templates/catalog"
import { templateLabel, valueLabel } from "~/src/ui/labels"

const TODAY = "2026-11-25"

// The engine, the email and the views once had their own tables, and "credentialing_service"
// read "Credentialing Service" in plan titles and emails but "Fully Managed Credentialing" in the panel.
describe("one name per product and per template", () => {
  const facts = AccountFacts.parse({
    id: "001Hs00002ABCDeIAP",
    name: "Acme Dental Group",
    products: ["learning", "credentialing_software", "credentialing_service"],
    onboardingCallCompletedOn: "2026-11-01"
  })
  const plan = buildPlan(facts, DEFAULT_SETTINGS, TODAY)

  it("plan titles and whys use the product names the views show", () => {
    const training = plan.steps.find((s) => s.key === "TR1#1")
    expect(training?.why).toContain(
      `${PRODUCT_LABELS.learning}, ${PRODUCT_LABELS.credentialing_software}, ${PRODUCT_LABELS.credentialing_service}`
    )
    expect(PRODUCT_LABELS.credentialing_service).toBe("Fully Managed Credentialing")
    for (const product of Object.keys(PRODUCT_LABELS))
      expect(valueLabel(product)).toBe(PRODUCT_LABELS[product as keyof typeof PRODUCT_LABELS])
  })

  it("the email's upcoming trainings use the same product names", () => {
    const values = knownValues({
      accountName: facts.name,
      facts: facts as unknown as Record<string, unknown>,
      plan,
      today: TODAY,
      profile: { name: "", initials: "", signature: "", calendlyLink: "" },
      links: {}
    })
    const sessions = plan.trainingPlan.map((s) => `Session ${s.session} – ${PRODUCT_LABELS[s.product]}`)
    expect(values.upcomingTrainingDates).toBe(sessions.join("\n"))
    expect(values.upcomingTrainingDates).toContain(`– ${PRODUCT_LABELS.credentialing_software}`)
  })

  it("every view names a template the same way", () => {
    for (const id of TEMPLATE_IDS) expect(templateLabel(id)).toBe(TEMPLATE_LABELS[id])
  })
})
