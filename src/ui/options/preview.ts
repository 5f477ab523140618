/**
 * Merge values for the template preview: a demo account (`demoBook`), its plan under the team's
 * current settings, the CSM's profile and the team's links. What a CSM types per email in Gmail
 * (meeting date, participants, main points…) gets sample values, so the preview reads like a
 * real email; unset profile fields and links stay gaps, as they would in Gmail.
 */
import { demoBook } from "~/src/demo/book"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import type { Plan } from "~/src/domain/plan"
import type { Profile } from "~/src/domain/profile"
import type { TeamSettings } from "~/src/domain/settings"
import type { MergeValues } from "~/src/domain/templates/merge"

import { PRODUCT_LABELS } from "~/src/domain/labels"

export const SAMPLE_ADMIN = "Jordan Rivera"

/** `2026-12-03` → `Thursday, December 3, 2026`. */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number)
  if (!year || !month || !day) return iso
  return new Intl.DateTimeFormat("en-US", {
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC"
  }).format(new Date(Date.UTC(year, month - 1, day)))
}

export interface DemoAccount {
  id: string
  name: string
  facts: AccountFactsInput
}

export const demoAccounts = (today: string): DemoAccount[] =>
  demoBook(today).map((facts) => ({ id: facts.id, name: facts.name, facts }))

export function planFor(facts: AccountFactsInput, settings: TeamSettings, today: string): Plan | null {
  const parsed = AccountFacts.safeParse(facts)
  return parsed.success ? buildPlan(parsed.data, settings, today) : null
}

export function previewValues(
  account: DemoAccount,
  settings: TeamSettings,
  profile: Profile,
  today: string
): MergeValues {
  const plan = planFor(account.facts, settings, today)
  const products = (account.facts.products ?? []).map((p) => PRODUCT_LABELS[p] ?? p)
  const sessions = plan?.trainingPlan ?? []
  return {
    accountName: account.name,
    adminName: SAMPLE_ADMIN,
    adminEmail: account.facts.contactEmails?.[0] ?? "",
    surveyLink: plan?.derived.surveyTier ? "https://survey.example.com/r/sentiment" : "",
    nextOpenForumDate: plan ? longDate(plan.derived.nextOpenForum) : "",
    csmName: profile.name,
    csmInitials: profile.initials,
    csmSignature: profile.signature,
    calendlyLink: profile.calendlyLink,
    kycSurveyLink: settings.links.kycSurvey,
    customerLaunchKitLink: settings.links.customerLaunchKit,
    supportContact: settings.links.supportContact,
    policyManualsLink: settings.links.policyManuals,
    overviewVideosLink: settings.links.overviewVideos,
    openForumLink: settings.links.openForum,
    meetingDate: longDate(today),
    participants: [`${SAMPLE_ADMIN} (admin)`, profile.name || "you"],
    modulesCovered: sessions[0]?.modules ?? [],
    pendingSubjects: "None",
    upcomingTrainingDates: sessions
      .slice(1)
      .map((s) => `Session ${s.session} (${PRODUCT_LABELS[s.product]}): to be scheduled`),
    productsDiscussed: products,
    mainPoints: "Roll-out plan for new hires; reports the admin wants each month",
    salesOpportunities: "None for now",
    trainingSessionNumber: "1",
    today: longDate(today)
  }
}
