import * as z from "zod"

import { DATE_FACTS } from "../facts"
import { ROLES, SITUATIONS, STAGES } from "../plan"
import { TEMPLATE_IDS } from "../templates/catalog"
import { RULE_IDS } from "./rule-ids"

/** Timing settings a rule may refer to by name (see `settings.ts` → `timing`). */
export const TIMING_KEYS = [
  "welcomeReminderBusinessDays",
  "rsmSyncBusinessDaysBefore",
  "followUpProofBusinessDays",
  "adoptionPrepDaysBefore",
  "adoption30Days",
  "adoption90Days",
  "schedule90DaysBefore",
  "surveyReminderDays",
  "teamLeadCheckIn75Days",
  "teamLeadCheckIn150Days",
  "smbAdoptionDays",
  "failedToOnboardContactDays",
  "failedToOnboardFollowUpWeeks",
  "failedToOnboardCaseDays",
  "cancellationCallDays",
  "pastDueFinanceDays"
] as const
export type TimingKey = (typeof TIMING_KEYS)[number]

/**
 * Dates a due rule counts from. Fact names are the facts themselves; the others are worked out by
 * the engine: a meeting is its held date when known, else its planned date (spec §8).
 */
export const DERIVED_ANCHORS = [
  "onboardingComplete", // D1
  "onboardingCall", // held, else scheduled
  "adoption30Meeting", // held, else D1 + 30
  "adoption90Meeting", // held, else D1 + 90
  "smbAdoptionMeeting", // held, else D1 + 60
  "failedToOnboardDeadline", // unresponsiveSince + the daily-contact days (FO2–FO4)
  "failedToOnboardCase", // opened, else planned on the deadline
  "lastSmbTraining" // the last Learning/Compliance session held (TR3)
] as const
export const Anchor = z.enum([...DATE_FACTS, ...DERIVED_ANCHORS])
export type Anchor = z.infer<typeof Anchor>

const Amount = z.union([z.number().int(), z.enum(TIMING_KEYS)])

/** One term of an offset: `{ days: "adoption30Days" }`, `{ businessDays: 1, negate: true }`. */
const OffsetTerm = z.union([
  z.strictObject({ days: Amount, negate: z.boolean().optional() }),
  z.strictObject({ businessDays: Amount, negate: z.boolean().optional() })
])
export type OffsetTerm = z.infer<typeof OffsetTerm>

export const DueRule = z.discriminatedUnion("kind", [
  /** No fixed date: the step is shown as information. */
  z.strictObject({ kind: z.literal("none") }),
  /** Once: anchor + offset. */
  z.strictObject({ kind: z.literal("once"), from: Anchor, add: z.array(OffsetTerm).default([]) }),
  /** `count` occurrences, the first at anchor + `first` days, then every `every` days (FO1, FO5). */
  z.strictObject({
    kind: z.literal("series"),
    from: Anchor,
    first: Amount,
    every: z.number().int().positive(),
    count: Amount
  }),
  /** One occurrence per training session of the plan, due the day it is held (TR1, TR2). */
  z.strictObject({ kind: z.literal("perSession") }),
  /** Every day from anchor + offset; only the current occurrence is listed (PD3). */
  z.strictObject({ kind: z.literal("daily"), from: Anchor, add: z.array(OffsetTerm).default([]) })
])
export type DueRule = z.infer<typeof DueRule>

/** Extra conditions a rule needs besides its stage or situation being active. */
export const CONDITIONS = [
  "smb", // D2
  "notSmb",
  "surveyTier", // D5
  "noCallScheduled", // ON2
  "surveySentNotAnswered" // AD11
] as const
export const Condition = z.enum(CONDITIONS)
export type Condition = z.infer<typeof Condition>

const TemplateId = z.enum(TEMPLATE_IDS)

/** Where a rule belongs: a stage's checklist, a situation's, or the Team Lead check-ins. */
export const RulePhase = z.enum([...STAGES, ...SITUATIONS, "team_lead_checkins"])
export type RulePhase = z.infer<typeof RulePhase>

export const Rule = z.strictObject({
  id: z.enum(RULE_IDS),
  title: z.string().min(1),
  phase: RulePhase,
  role: z.enum(ROLES).default("csm"),
  /** Template to send; SMB accounts may use another one (ON11). */
  template: TemplateId.nullable().default(null),
  smbTemplate: TemplateId.optional(),
  when: z.array(Condition).default([]),
  due: DueRule,
  /** Facts whose presence means the step is done (besides the CSM checking it off). */
  doneWhen: z.array(Anchor).default([]),
  /**
   * A wrap-up of the event that closed its stage (the recap a meeting calls for): it stays in the
   * next stage on the account's path, with its date, until done (spec §8).
   */
  wrapUp: z.boolean().default(false),
  /** One sentence; `{fact}` and `{due}` are filled in by the engine. */
  why: z.string().min(1),
  source: z.string().min(1)
})
export type Rule = z.output<typeof Rule>
export type RuleInput = z.input<typeof Rule>

export const Playbook = z.array(Rule).superRefine((rules, ctx) => {
  const seen = new Set<string>()
  rules.forEach((rule, index) => {
    if (seen.has(rule.id))
      ctx.addIssue({ code: "custom", path: [index, "id"], message: `rule ${rule.id} is defined twice` })
    seen.add(rule.id)
  })
  for (const id of RULE_IDS) {
    if (!seen.has(id)) ctx.addIssue({ code: "custom", path: [], message: `rule ${id} is missing` })
  }
})
