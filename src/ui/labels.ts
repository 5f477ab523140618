/**
 * The words a CSM reads for the engine's ids: stages, situations, roles, facts (products and
 * templates: `domain/labels.ts`).
 * Shared by every view (Salesforce panel, popup, Gmail); plain data, no React.
 */
import type { ManualFact } from "~/src/domain/fact-names"
import type { RiskSignal } from "~/src/domain/fact-names"
import type { Role, Situation, Stage, StepStatus } from "~/src/domain/plan"
import { PRODUCT_LABELS, TEMPLATE_LABELS } from "~/src/domain/labels"

export const STAGE_LABELS: Record<Stage, string> = {
  onboarding: "Onboarding",
  training: "Training",
  adoption_30: "Adoption · 30 days",
  adoption_90: "Adoption · 90 days",
  smb_adoption: "Adoption · 60 days (SMB)",
  retention: "Retention"
}

export const SITUATION_LABELS: Record<Situation, string> = {
  failed_to_onboard: "Failed to onboard",
  cancellation: "Cancellation",
  past_due: "Past due",
  at_risk: "At risk",
  upsell: "Upsell"
}

export const STATUS_LABELS: Record<StepStatus, string> = {
  overdue: "Overdue",
  due: "Due today",
  upcoming: "Upcoming",
  info: "No date",
  done: "Done"
}

export const ROLE_LABELS: Record<Role, string> = { csm: "CSM", team_lead: "Team Lead" }

export const RISK_SIGNAL_LABELS: Record<RiskSignal, string> = {
  decreased_engagement: "Decreased engagement",
  negative_feedback: "Negative feedback",
  unresolved_tickets: "Unresolved tickets",
  late_payment: "Late payment",
  business_change: "Business change (merger, new owner…)",
  unresponsive: "Unresponsive",
  postponing_meetings: "Postponing meetings",
  user_count_drop: "User count dropped",
  dashboard_stagnating: "Dashboard stagnating",
  asked_for_supervisor: "Asked for a supervisor",
  escalated_issue: "Escalated issue"
}

export const FACT_LABELS: Record<ManualFact, string> = {
  name: "Account name",
  products: "Products",
  mrr: "MRR",
  users: "Contracted users",
  serviceLevel: "Service level",
  package: "Package",
  csmTier: "CSM tier",
  franchise: "Franchise",
  assignedOn: "Assigned to you",
  onboardingCallScheduledFor: "Onboarding call scheduled for",
  onboardingCallCompletedOn: "Onboarding call completed",
  lmsSetupCompletedOn: "LMS set-up completed",
  trainingsCompletedOn: "Trainings held",
  onboardingCompletedOn: "Onboarding completed",
  adoption30MeetingOn: "30-day meeting held",
  adoption90MeetingOn: "90-day meeting held",
  smbAdoptionMeetingOn: "SMB adoption meeting held",
  sentimentSurveySentOn: "Sentiment survey sent",
  sentimentSurveyReceivedOn: "Sentiment survey received",
  unresponsiveSince: "Unresponsive since",
  failedToOnboardCaseOpenedOn: "“Failed to OB” case opened",
  cancellationRequestedOn: "Cancellation requested",
  pastDueSince: "Past due since",
  tl75CheckInOn: "Team Lead 75-day check-in",
  tl150CheckInOn: "Team Lead 150-day check-in",
  website: "Website",
  contactEmails: "Contact emails",
  riskSignals: "Risk signals"
}

export const SOURCE_LABELS = { salesforce: "Salesforce", manual: "Entered by you", page: "From the page" } as const

const VALUE_LABELS: Record<string, string> = {
  basic: "Basic",
  standard: "Standard",
  premium: "Premium",
  smb: "SMB Starter",
  digital: "Digital",
  core: "Core",
  strategic: "Strategic"
}

/** A label for any enum value shown to the CSM, falling back to the raw value. */
export function valueLabel(value: string): string {
  return (
    (PRODUCT_LABELS as Record<string, string>)[value] ??
    (RISK_SIGNAL_LABELS as Record<string, string>)[value] ??
    VALUE_LABELS[value] ??
    value
  )
}

const lookup = <T extends string>(labels: Record<T, string>, key: string): string =>
  (labels as Record<string, string>)[key] ?? key

export const stageLabel = (stage: string) => lookup(STAGE_LABELS, stage)
export const situationLabel = (situation: string) => lookup(SITUATION_LABELS, situation)
export const templateLabel = (template: string) => lookup(TEMPLATE_LABELS, template)
export const factLabel = (fact: string) => lookup(FACT_LABELS, fact)
