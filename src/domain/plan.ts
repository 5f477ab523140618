// zod/mini: the plan crosses into content scripts, whose bundles cannot afford classic zod.
import * as z from "zod/mini"

import { RULE_IDS } from "./playbook/rule-ids"
import { TEMPLATE_IDS } from "./templates/catalog"
import { isRealIsoDate } from "./dates"
import { CSM_TIERS, PRODUCTS } from "./fact-names"

export const STAGES = ["onboarding", "training", "adoption_30", "adoption_90", "smb_adoption", "retention"] as const
export const Stage = z.enum(STAGES)
export type Stage = z.infer<typeof Stage>

export const SITUATIONS = ["failed_to_onboard", "cancellation", "past_due", "at_risk", "upsell"] as const
export const Situation = z.enum(SITUATIONS)
export type Situation = z.infer<typeof Situation>

export const STEP_STATUSES = ["done", "overdue", "due", "upcoming", "info"] as const
export const StepStatus = z.enum(STEP_STATUSES)
export type StepStatus = z.infer<typeof StepStatus>

export const ROLES = ["csm", "team_lead"] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

/**
 * The steps the counts and the badge hold: the CSM's own. A Team Lead step (TL1, CX3 …) is the
 * lead's work, listed apart in the panel and in the lead's queue on the Team page.
 */
export const isCsmStep = (step: { role: Role }): boolean => step.role === "csm"

/** Whether this person may check a step off: a Team Lead step by a Team Lead only. */
export const mayCheckOff = (role: Role | undefined, step: { role: Role }): boolean =>
  step.role === "csm" || role === "team_lead"

const planDate = z.string().check(z.refine(isRealIsoDate, "expected a date as YYYY-MM-DD"))

export const PlanStep = z.strictObject({
  key: z.string(),
  rule: z.enum(RULE_IDS),
  title: z.string(),
  due: z.nullable(planDate),
  status: StepStatus,
  role: Role,
  template: z.nullable(z.enum(TEMPLATE_IDS)),
  why: z.string()
})
export type PlanStep = z.infer<typeof PlanStep>

const Product = z.enum(PRODUCTS)

export const TrainingSession = z.strictObject({
  session: z.int().check(z.positive()),
  product: Product,
  modules: z.array(z.string())
})
export type TrainingSession = z.infer<typeof TrainingSession>

/** Spec §8: the engine's output contract. The schema also validates plans crossing contexts. */
export const Plan = z.strictObject({
  account: z.strictObject({ id: z.string(), name: z.string() }),
  stage: Stage,
  situations: z.array(Situation),
  derived: z.strictObject({
    onboardingComplete: z.nullable(planDate),
    smb: z.boolean(),
    csmTier: z.enum(CSM_TIERS),
    hybrid: z.boolean(),
    surveyTier: z.boolean(),
    upsellCandidates: z.array(Product),
    upsellCloseDate: planDate,
    nextOpenForum: planDate
  }),
  trainingPlan: z.array(TrainingSession),
  steps: z.array(PlanStep)
})
export type Plan = z.infer<typeof Plan>
