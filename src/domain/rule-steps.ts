/**
 * The engine's second half: which rules apply to the account now, and each rule's steps with
 * their dates, status and words (spec §5), in the plan's order (spec §8). Pure.
 */
import { daysBetween, plusBusinessDays, plusDays } from "./dates"
import { anchorDate, timing, type AccountState } from "./derived-facts"
import { fill, stepValues, type Lookup, type OccurrenceValues } from "./placeholders"
import type { PlanStep, StepStatus, TrainingSession } from "./plan"
import { RULE_IDS, type Rule } from "./playbook"
import type { Anchor, Condition, DueRule, OffsetTerm, TimingKey } from "./playbook/schema"
import type { TeamSettings } from "./settings"
import type { IsoDate } from "./dates"

/** The mutable-free context every rule is evaluated in. */
export interface RuleContext extends AccountState {
  /** Placeholder values of this account (titles and whys), filled in once per plan. */
  values: Lookup
}

const amount = (settings: TeamSettings, value: number | TimingKey): number =>
  typeof value === "number" ? value : timing(settings, value)

function applyOffset(date: IsoDate, terms: readonly OffsetTerm[], settings: TeamSettings): IsoDate {
  // Calendar days first, then business days: "day 30 − 7" then "the business day before".
  let result = date
  for (const term of terms) {
    if ("days" in term) result = plusDays(result, (term.negate ? -1 : 1) * amount(settings, term.days))
  }
  for (const term of terms) {
    if ("businessDays" in term)
      result = plusBusinessDays(result, (term.negate ? -1 : 1) * amount(settings, term.businessDays))
  }
  return result
}

function conditionHolds(condition: Condition, ctx: RuleContext): boolean {
  switch (condition) {
    case "smb":
      return ctx.smb
    case "notSmb":
      return !ctx.smb
    case "surveyTier":
      return ctx.surveyTier
    case "noCallScheduled":
      return !ctx.facts.onboardingCallScheduledFor && !ctx.facts.onboardingCallCompletedOn
    case "surveySentNotAnswered":
      return Boolean(ctx.facts.sentimentSurveySentOn) && !ctx.facts.sentimentSurveyReceivedOn
  }
}

/** How a rule enters the plan now, if at all. */
type Inclusion = "current" | "wrap_up" | undefined

function inclusionOf(rule: Rule, ctx: RuleContext): Inclusion {
  if (rule.phase === ctx.stage) return "current"
  if ((ctx.situations as string[]).includes(rule.phase)) return "current"
  if (rule.phase === "team_lead_checkins") {
    // Non-SMB accounts, from onboarding complete until the check-in is held.
    const held = rule.doneWhen.some((fact) => anchorDate(fact, ctx) !== null)
    return !ctx.smb && ctx.onboardingComplete !== null && !held ? "current" : undefined
  }
  if (rule.wrapUp && ctx.previousStage === rule.phase) return "wrap_up"
  return undefined
}

export interface Occurrence extends OccurrenceValues {
  heldOn?: IsoDate | null
  session?: TrainingSession
}

function occurrencesOf(due: DueRule, ctx: RuleContext): Occurrence[] {
  switch (due.kind) {
    case "none":
      return [{ due: null }]
    case "once": {
      const from = anchorDate(due.from, ctx)
      return [{ due: from && applyOffset(from, due.add, ctx.settings) }]
    }
    case "series": {
      const from = anchorDate(due.from, ctx)
      const count = amount(ctx.settings, due.count)
      const first = amount(ctx.settings, due.first)
      return Array.from({ length: count }, (_, i) => ({
        n: i + 1,
        count,
        due: from && plusDays(from, first + i * due.every)
      }))
    }
    case "perSession":
      return ctx.trainingPlan.map((session, i) => {
        const heldOn = ctx.facts.trainingsCompletedOn[i] ?? null
        return { n: session.session, count: ctx.trainingPlan.length, due: heldOn, heldOn, session }
      })
    case "daily": {
      const from = anchorDate(due.from, ctx)
      if (!from) return [{ n: 1, due: null }]
      const start = applyOffset(from, due.add, ctx.settings)
      const elapsed = daysBetween(start, ctx.today)
      // Only today's occurrence is listed: yesterday's call cannot be made any more.
      return elapsed < 0 ? [{ n: 1, due: start }] : [{ n: elapsed + 1, due: ctx.today }]
    }
  }
}

const MISSING_ANCHOR: Partial<Record<Anchor, string>> = {
  assignedOn: "The assignment date is not known yet",
  onboardingCallScheduledFor: "No onboarding call is scheduled yet",
  onboardingCall: "No onboarding call is scheduled yet",
  lmsSetupCompletedOn: "The LMS set-up is not completed yet",
  sentimentSurveySentOn: "The survey has not been sent yet",
  lastSmbTraining: "The last Learning/Compliance training is not held yet"
}

function missingAnchorReason(due: DueRule): string {
  const from = "from" in due ? due.from : undefined
  return (from && MISSING_ANCHOR[from]) ?? "The date this step counts from is not known yet"
}

function statusOf(done: boolean, due: IsoDate | null, today: IsoDate): StepStatus {
  if (done) return "done"
  if (due === null) return "info"
  return due < today ? "overdue" : due === today ? "due" : "upcoming"
}

/**
 * A step before its words: which rule, which occurrence, its key, date and whether it is done.
 * The settings preview compares plans by these alone (`planOutline`), so the words are made
 * only for a plan that is shown.
 */
export interface StepCore {
  rule: Rule
  key: string
  due: IsoDate | null
  done: boolean
  occurrence: Occurrence
}

function coresFor(rule: Rule, inclusion: Exclude<Inclusion, undefined>, ctx: RuleContext, into: StepCore[]): void {
  let occurrences = occurrencesOf(rule.due, ctx)
  // Of a per-session rule only the last session's step outlives the training stage (spec §8).
  if (inclusion === "wrap_up" && rule.due.kind === "perSession") occurrences = occurrences.slice(-1)
  const multiple = rule.due.kind === "series" || rule.due.kind === "perSession" || rule.due.kind === "daily"
  const doneByFact = rule.doneWhen.some((fact) => anchorDate(fact, ctx) !== null)
  for (const occurrence of occurrences) {
    const key = multiple ? `${rule.id}#${occurrence.n}` : rule.id
    const done = ctx.facts.done.includes(key) || doneByFact || (rule.id === "TR1" && Boolean(occurrence.heldOn))
    // A wrap-up whose event has no date (the meeting was never held) has nothing to wrap up.
    if (inclusion === "wrap_up" && (done || occurrence.due === null)) continue
    into.push({ rule, key, due: occurrence.due, done, occurrence })
  }
}

/** A step in words: title, status, template and why. */
function dress(core: StepCore, ctx: RuleContext): PlanStep {
  const { rule, occurrence } = core
  const values = stepValues(ctx.values, occurrence)
  const missing =
    occurrence.due === null && rule.due.kind !== "none" && rule.due.kind !== "perSession"
      ? missingAnchorReason(rule.due)
      : undefined
  return {
    key: core.key,
    rule: rule.id,
    title: fill(rule.title, values),
    due: occurrence.due,
    status: statusOf(core.done, occurrence.due, ctx.today),
    role: rule.role,
    template: (ctx.smb && rule.smbTemplate) || rule.template,
    why: missing ? `${missing}, so this step has no date yet.` : fill(rule.why, values)
  }
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]))
const occurrenceOf = (key: string) => Number(key.split("#")[1] ?? 0)

/** Due date (nulls last), then spec rule order, then occurrence. */
function compareSteps(a: StepCore, b: StepCore): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1
    if (b.due === null) return -1
    return a.due < b.due ? -1 : 1
  }
  const byRule = (RULE_ORDER.get(a.rule.id) ?? 0) - (RULE_ORDER.get(b.rule.id) ?? 0)
  if (byRule !== 0) return byRule
  return occurrenceOf(a.key) - occurrenceOf(b.key)
}

/** Every step core of the rules that apply now (team-disabled ones left out), in plan order. */
export function planStepCores(playbook: readonly Rule[], ctx: RuleContext): StepCore[] {
  const disabled = new Set<string>(ctx.settings.disabledRules)
  const cores: StepCore[] = []
  for (const rule of playbook) {
    if (disabled.has(rule.id)) continue
    const inclusion = inclusionOf(rule, ctx)
    if (!inclusion) continue
    if (!rule.when.every((condition) => conditionHolds(condition, ctx))) continue
    coresFor(rule, inclusion, ctx, cores)
  }
  return cores.sort(compareSteps)
}

/** Every step of the rules that apply now (team-disabled ones left out), in plan order. */
export function planSteps(playbook: readonly Rule[], ctx: RuleContext): PlanStep[] {
  return planStepCores(playbook, ctx).map((core) => dress(core, ctx))
}
