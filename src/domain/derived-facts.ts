/**
 * The engine's first half: what an account's facts imply (spec §3, D1–D8), the stages it has
 * walked through and its situations, and the date each rule anchor names. Pure.
 */
import { nextFirstThursday, plusDays, quarterEnd } from "./dates"
import { PRODUCTS, type AccountFacts, type CsmTier, type DateFact, type Product } from "./facts"
import type { Plan, Situation, Stage, TrainingSession } from "./plan"
import type { Anchor, TimingKey } from "./playbook/schema"
import type { TeamSettings } from "./settings"
import type { IsoDate } from "./dates"

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

export const timing = (settings: TeamSettings, key: TimingKey): number => settings.timing[key]

/** Where the account stands today: the facts, what they imply, and its place on the stage path. */
export interface AccountState {
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
}

/** D1 without the failed-to-onboard path: explicit date, else the last required training. */
function onboardingCompleteFromTraining(facts: AccountFacts, plan: TrainingSession[]): IsoDate | null {
  if (facts.onboardingCompletedOn) return facts.onboardingCompletedOn
  if (!facts.onboardingCallCompletedOn) return null
  // A plan without sessions (e.g. FMC only) completes with the onboarding call (interpretation).
  if (plan.length === 0) return facts.onboardingCallCompletedOn
  return facts.trainingsCompletedOn.length >= plan.length ? (facts.trainingsCompletedOn[plan.length - 1] ?? null) : null
}

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

/** The account's derived facts, stage and situations today. */
export function accountState(facts: AccountFacts, settings: TeamSettings, today: IsoDate): AccountState {
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

  return {
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
    nextOpenForum: nextFirstThursday(today)
  }
}

/** D1–D8 as the plan reports them. */
export function derivedFacts(state: AccountState): Plan["derived"] {
  const { facts, settings } = state
  return {
    onboardingComplete: state.onboardingComplete,
    smb: state.smb,
    csmTier: csmTierFor(facts, settings),
    hybrid:
      facts.products.includes("credentialing_service") &&
      (facts.products.includes("learning") || facts.products.includes("compliance")),
    surveyTier: state.surveyTier,
    upsellCandidates: state.upsellCandidates,
    upsellCloseDate: state.upsellCloseDate,
    nextOpenForum: state.nextOpenForum
  }
}

/** The date a rule anchor names for this account, or null while it is not known. */
export function anchorDate(anchor: Anchor, state: AccountState): IsoDate | null {
  const { facts, settings, onboardingComplete: d1 } = state
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
      return facts.failedToOnboardCaseOpenedOn ?? anchorDate("failedToOnboardDeadline", state)
    case "lastSmbTraining": {
      const last = state.trainingPlan.reduce(
        (index, s, i) => (s.product === "learning" || s.product === "compliance" ? i : index),
        -1
      )
      return last < 0 ? null : (facts.trainingsCompletedOn[last] ?? null)
    }
    default:
      return facts[anchor satisfies DateFact] ?? null
  }
}
