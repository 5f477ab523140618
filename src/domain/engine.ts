import { daysBetween, nextFirstThursday, plusBusinessDays, plusDays, quarterEnd } from "./dates"
import { PRODUCTS, type AccountFacts, type CsmTier, type DateFact, type Product } from "./facts"
import { PRODUCT_LABELS } from "./labels"
import type { Plan, PlanStep, Situation, Stage, StepStatus, TrainingSession } from "./plan"
import { PLAYBOOK, RULE_IDS, type Rule } from "./playbook"
import type { Anchor, Condition, DueRule, OffsetTerm, TimingKey } from "./playbook/schema"
import type { TeamSettings } from "./settings"
import type { IsoDate } from "./validation"

/** Spec §4: sessions ordered learning, compliance, credentialing software; FMC adds none. */
export function trainingPlanFor(
  products: readonly Product[],
  modules: TeamSettings["trainingModules"]
): TrainingSession[] {
  const plan: TrainingSession[] = []
  for (const product of PRODUCTS) {
    if (!products.includes(product)) continue
    for (const sessionModules of modules[product]) {
      plan.push({ session: plan.length + 1, product, modules: [...sessionModules] })
    }
  }
  return plan
}

/** D3: the CSM segment. Missing MRR or users count as 0 (nothing pushes the account up a tier). */
export function csmTierFor(facts: AccountFacts, settings: TeamSettings): CsmTier {
  if (facts.csmTier) return facts.csmTier
  const { digitalMaxMrr, digitalMaxUsers, strategicMinMrr } = settings.thresholds
  const mrr = facts.mrr ?? 0
  const users = facts.users ?? 0
  if (mrr > strategicMinMrr) return "strategic"
  const digitalCandidate = facts.package === "smb" || (mrr <= digitalMaxMrr && users <= digitalMaxUsers)
  const needsCore = users > digitalMaxUsers || mrr > digitalMaxMrr || facts.serviceLevel !== "basic"
  return digitalCandidate && !needsCore ? "digital" : "core"
}

/** Whether the account takes the single 60-day adoption (spec §2, team setting). */
export function isOnSixtyDayTrack(facts: AccountFacts, settings: TeamSettings): boolean {
  return (
    settings.sixtyDayTrack.packages.includes(facts.package) ||
    settings.sixtyDayTrack.serviceLevels.includes(facts.serviceLevel)
  )
}

/** The mutable-free context every rule is evaluated in. */
interface Context {
  facts: AccountFacts
  settings: TeamSettings
  today: IsoDate
  stage: Stage
  /** The stage before the current one on this account's path (SMB skips 30/90, FMC-only skips training). */
  previousStage: Stage | undefined
  situations: Situation[]
  trainingPlan: TrainingSession[]
  onboardingComplete: IsoDate | null
  smb: boolean
  surveyTier: boolean
  upsellCandidates: Product[]
  upsellCloseDate: IsoDate
  nextOpenForum: IsoDate
  /** Placeholder values of this account (titles and whys), filled in once per plan. */
  values: Lookup
}

const timing = (settings: TeamSettings, key: TimingKey): number => settings.timing[key]
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

/** D1 without the failed-to-onboard path: explicit date, else the last required training. */
function onboardingCompleteFromTraining(facts: AccountFacts, plan: TrainingSession[]): IsoDate | null {
  if (facts.onboardingCompletedOn) return facts.onboardingCompletedOn
  if (!facts.onboardingCallCompletedOn) return null
  // A plan without sessions (e.g. FMC only) completes with the onboarding call (interpretation).
  if (plan.length === 0) return facts.onboardingCallCompletedOn
  return facts.trainingsCompletedOn.length >= plan.length ? (facts.trainingsCompletedOn[plan.length - 1] ?? null) : null
}

function anchorDate(anchor: Anchor, ctx: Context): IsoDate | null {
  const { facts, settings, onboardingComplete: d1 } = ctx
  switch (anchor) {
    case "onboardingComplete":
      return d1
    case "onboardingCall":
      return facts.onboardingCallCompletedOn ?? facts.onboardingCallScheduledFor ?? null
    case "adoption30Meeting":
      return facts.adoption30MeetingOn ?? (d1 && plusDays(d1, timing(settings, "adoption30Days")))
    case "adoption90Meeting":
      return facts.adoption90MeetingOn ?? (d1 && plusDays(d1, timing(settings, "adoption90Days")))
    case "smbAdoptionMeeting":
      return facts.smbAdoptionMeetingOn ?? (d1 && plusDays(d1, timing(settings, "smbAdoptionDays")))
    case "failedToOnboardDeadline":
      return facts.unresponsiveSince
        ? plusDays(facts.unresponsiveSince, timing(settings, "failedToOnboardContactDays"))
        : null
    case "failedToOnboardCase":
      return facts.failedToOnboardCaseOpenedOn ?? anchorDate("failedToOnboardDeadline", ctx)
    case "lastSmbTraining": {
      const last = ctx.trainingPlan.reduce(
        (index, s, i) => (s.product === "learning" || s.product === "compliance" ? i : index),
        -1
      )
      return last < 0 ? null : (facts.trainingsCompletedOn[last] ?? null)
    }
    default:
      return facts[anchor satisfies DateFact] ?? null
  }
}

function conditionHolds(condition: Condition, ctx: Context): boolean {
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

function inclusionOf(rule: Rule, ctx: Context): Inclusion {
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

interface Occurrence {
  n?: number
  count?: number
  due: IsoDate | null
  heldOn?: IsoDate | null
  session?: TrainingSession
}

function occurrencesOf(due: DueRule, ctx: Context): Occurrence[] {
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

const listOf = (items: readonly string[]) => (items.length === 0 ? "none" : items.join(", "))

type Lookup = (name: string) => string | number | null | undefined

function fill(text: string, lookup: Lookup): string {
  // Most titles have no placeholder: skip the regex.
  if (!text.includes("{")) return text
  return text.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = lookup(name)
    return value === undefined || value === null ? "(not set)" : String(value)
  })
}

/** The account's placeholder values, worked out once per plan and only when a text asks. */
function accountValues(ctx: Context): Lookup {
  const { facts } = ctx
  const known = new Map<string, string | number | null | undefined>()
  const compute = (name: string): string | number | null | undefined => {
    switch (name) {
      case "accountName":
        return facts.name
      case "mrr":
        return facts.mrr
      case "products":
        return listOf(facts.products.map((p) => PRODUCT_LABELS[p]))
      case "sessions":
        return ctx.trainingPlan.length
      case "riskSignals":
        return listOf(facts.riskSignals.map((s) => s.replaceAll("_", " ")))
      case "upsellCandidates":
        return listOf(ctx.upsellCandidates.map((p) => PRODUCT_LABELS[p]))
      case "upsellCloseDate":
        return ctx.upsellCloseDate
      case "nextOpenForum":
        return ctx.nextOpenForum
      case "pastDueDeadline":
        return facts.pastDueSince ? plusDays(facts.pastDueSince, timing(ctx.settings, "pastDueFinanceDays")) : null
      default:
        return anchorDate(name as Anchor, ctx)
    }
  }
  return (name) => {
    if (!known.has(name)) known.set(name, compute(name))
    return known.get(name)
  }
}

/** One step's values: its occurrence, then the account's. */
function stepValues(account: Lookup, occurrence: Occurrence): Lookup {
  return (name) => {
    switch (name) {
      case "due":
        return occurrence.due
      case "n":
        return occurrence.n
      case "count":
        return occurrence.count
      case "session":
        return occurrence.session?.session
      case "product":
        return occurrence.session && PRODUCT_LABELS[occurrence.session.product]
      case "modules":
        return occurrence.session && listOf(occurrence.session.modules)
      default:
        return account(name)
    }
  }
}

function statusOf(done: boolean, due: IsoDate | null, today: IsoDate): StepStatus {
  if (done) return "done"
  if (due === null) return "info"
  return due < today ? "overdue" : due === today ? "due" : "upcoming"
}

function stepsFor(rule: Rule, inclusion: Exclude<Inclusion, undefined>, ctx: Context): PlanStep[] {
  let occurrences = occurrencesOf(rule.due, ctx)
  // Of a per-session rule only the last session's step outlives the training stage (spec §8).
  if (inclusion === "wrap_up" && rule.due.kind === "perSession") occurrences = occurrences.slice(-1)
  const multiple = rule.due.kind === "series" || rule.due.kind === "perSession" || rule.due.kind === "daily"
  const doneByFact = rule.doneWhen.some((fact) => anchorDate(fact, ctx) !== null)
  const steps: PlanStep[] = []
  for (const occurrence of occurrences) {
    const key = multiple ? `${rule.id}#${occurrence.n}` : rule.id
    const done = ctx.facts.done.includes(key) || doneByFact || (rule.id === "TR1" && Boolean(occurrence.heldOn))
    // A wrap-up whose event has no date (the meeting was never held) has nothing to wrap up.
    if (inclusion === "wrap_up" && (done || occurrence.due === null)) continue
    const values = stepValues(ctx.values, occurrence)
    const missing =
      occurrence.due === null && rule.due.kind !== "none" && rule.due.kind !== "perSession"
        ? missingAnchorReason(rule.due)
        : undefined
    steps.push({
      key,
      rule: rule.id,
      title: fill(rule.title, values),
      due: occurrence.due,
      status: statusOf(done, occurrence.due, ctx.today),
      role: rule.role,
      template: (ctx.smb && rule.smbTemplate) || rule.template,
      why: missing ? `${missing}, so this step has no date yet.` : fill(rule.why, values)
    })
  }
  return steps
}

function missingAnchorReason(due: DueRule): string {
  const from = "from" in due ? due.from : undefined
  return (from && MISSING_ANCHOR[from]) ?? "The date this step counts from is not known yet"
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]))

/** Due date (nulls last), then spec rule order, then occurrence. */
function compareSteps(a: PlanStep, b: PlanStep): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1
    if (b.due === null) return -1
    return a.due < b.due ? -1 : 1
  }
  const byRule = (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0)
  if (byRule !== 0) return byRule
  return occurrenceOf(a.key) - occurrenceOf(b.key)
}
const occurrenceOf = (key: string) => Number(key.split("#")[1] ?? 0)

/**
 * The stages this account has walked through, the current one last (spec §2). Training is
 * skipped when onboarding completed without it; the 60-day track replaces the 30/90-day stages.
 */
function stagePath(facts: AccountFacts, onboardingComplete: IsoDate | null, sixtyDayTrack: boolean): Stage[] {
  const path: Stage[] = ["onboarding"]
  // D1 counts, not just the fact: FO2 marks a failed onboarding completed (spec §3).
  if (!facts.onboardingCallCompletedOn && onboardingComplete === null) return path
  if (onboardingComplete === null) return [...path, "training"]
  if (facts.onboardingCallCompletedOn && facts.trainingsCompletedOn.length > 0) path.push("training")
  if (sixtyDayTrack) {
    path.push("smb_adoption")
    if (facts.smbAdoptionMeetingOn) path.push("retention")
    return path
  }
  path.push("adoption_30")
  if (!facts.adoption30MeetingOn) return path
  path.push("adoption_90")
  if (facts.adoption90MeetingOn) path.push("retention")
  return path
}

/**
 * The engine: account facts + team settings + today → the plan of spec §8. Pure: the clock,
 * storage and progress all come in as arguments (progress as `facts.done`).
 */
export function buildPlan(
  facts: AccountFacts,
  settings: TeamSettings,
  today: IsoDate,
  playbook: readonly Rule[] = PLAYBOOK
): Plan {
  const trainingPlan = trainingPlanFor(facts.products, settings.trainingModules)
  const smb = facts.package === "smb"
  const surveyTier = facts.mrr !== undefined && facts.mrr >= settings.thresholds.surveyMrr

  // D1, with the failed-to-onboard path: the day FO2 marks onboarding completed.
  let onboardingComplete = onboardingCompleteFromTraining(facts, trainingPlan)
  const failedToOnboard =
    facts.unresponsiveSince !== undefined &&
    (onboardingComplete === null || facts.unresponsiveSince < onboardingComplete)
  if (onboardingComplete === null && failedToOnboard && facts.done.includes("FO2")) {
    onboardingComplete = plusDays(facts.unresponsiveSince as IsoDate, timing(settings, "failedToOnboardContactDays"))
  }

  const path = stagePath(facts, onboardingComplete, isOnSixtyDayTrack(facts, settings))
  const stage = path[path.length - 1] as Stage
  const situations: Situation[] = []
  if (failedToOnboard) situations.push("failed_to_onboard")
  if (facts.cancellationRequestedOn) situations.push("cancellation")
  if (facts.pastDueSince) situations.push("past_due")
  if (facts.riskSignals.length > 0) situations.push("at_risk")
  // Upsell runs in retention, or once the CSM has started one (checked off any upsell step).
  if (stage === "retention" || facts.done.some((key) => key.startsWith("UP"))) situations.push("upsell")

  const ctx: Context = {
    facts,
    settings,
    today,
    stage,
    previousStage: path[path.length - 2],
    situations,
    trainingPlan,
    onboardingComplete,
    smb,
    surveyTier,
    upsellCandidates: PRODUCTS.filter((p) => !facts.products.includes(p)),
    upsellCloseDate: quarterEnd(today),
    nextOpenForum: nextFirstThursday(today),
    values: () => undefined
  }
  ctx.values = accountValues(ctx)

  const disabled = new Set<string>(settings.disabledRules)
  const steps: PlanStep[] = []
  for (const rule of playbook) {
    if (disabled.has(rule.id)) continue
    const inclusion = inclusionOf(rule, ctx)
    if (!inclusion) continue
    if (!rule.when.every((condition) => conditionHolds(condition, ctx))) continue
    steps.push(...stepsFor(rule, inclusion, ctx))
  }
  steps.sort(compareSteps)

  return {
    account: { id: facts.id, name: facts.name },
    stage,
    situations,
    derived: {
      onboardingComplete,
      smb,
      csmTier: csmTierFor(facts, settings),
      hybrid:
        facts.products.includes("credentialing_service") &&
        (facts.products.includes("learning") || facts.products.includes("compliance")),
      surveyTier,
      upsellCandidates: ctx.upsellCandidates,
      upsellCloseDate: ctx.upsellCloseDate,
      nextOpenForum: ctx.nextOpenForum
    },
    trainingPlan,
    steps
  }
}
