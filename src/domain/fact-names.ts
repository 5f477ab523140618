/**
 * The words of the domain as plain constants, free of zod: views that only need to name things
 * (a content script listing risk signals) import these without the schema library.
 * `facts.ts` builds the schemas from them.
 */

export const PRODUCTS = ["learning", "compliance", "credentialing_software", "credentialing_service"] as const

export const SERVICE_LEVELS = ["basic", "standard", "premium"] as const

export const PACKAGES = ["standard", "smb"] as const

export const CSM_TIERS = ["digital", "core", "strategic"] as const

export const RISK_SIGNALS = [
  "decreased_engagement",
  "negative_feedback",
  "unresolved_tickets",
  "late_payment",
  "business_change",
  "unresponsive",
  "postponing_meetings",
  "user_count_drop",
  "dashboard_stagnating",
  "asked_for_supervisor",
  "escalated_issue"
] as const

export const DATE_FACTS = [
  "assignedOn",
  "onboardingCallScheduledFor",
  "onboardingCallCompletedOn",
  "lmsSetupCompletedOn",
  "onboardingCompletedOn",
  "adoption30MeetingOn",
  "adoption90MeetingOn",
  "smbAdoptionMeetingOn",
  "sentimentSurveySentOn",
  "sentimentSurveyReceivedOn",
  "unresponsiveSince",
  "failedToOnboardCaseOpenedOn",
  "cancellationRequestedOn",
  "pastDueSince",
  "tl75CheckInOn",
  "tl150CheckInOn"
] as const
export type Product = (typeof PRODUCTS)[number]
export type ServiceLevel = (typeof SERVICE_LEVELS)[number]
export type Package = (typeof PACKAGES)[number]
export type CsmTier = (typeof CSM_TIERS)[number]
export type RiskSignal = (typeof RISK_SIGNALS)[number]
export type DateFact = (typeof DATE_FACTS)[number]

/** Facts a CSM may enter in the panel: every fact but the id and the progress list. */
export const MANUAL_FACTS = [
  "name",
  "products",
  "mrr",
  "users",
  "serviceLevel",
  "package",
  "csmTier",
  "franchise",
  ...DATE_FACTS,
  "trainingsCompletedOn",
  "website",
  "contactEmails",
  "riskSignals"
] as const
export type ManualFact = (typeof MANUAL_FACTS)[number]

/** A progress key: a rule id, optionally with its occurrence (`AD4`, `TR2#2`, `FO5#3`). */
export const STEP_KEY_PATTERN = /^[A-Z]{2}\d{1,2}(#\d{1,2})?$/
