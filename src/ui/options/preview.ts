/**
 * The template preview on the options page: a demo account (`demoBook`), its plan under the
 * team's current settings, the CSM's profile and the team's links, merged by the same code as
 * the Gmail compose panel (`composeValues`), so the preview is the email Gmail inserts. What a
 * CSM types per email in Gmail (meeting date, participants, main points…) gets sample values, so
 * the preview reads like a real email; unset profile fields and links stay gaps, as in Gmail.
 */
import { demoBook } from "~/src/demo/book"
import { composeValues, type ComposeInputs, type ComposeSource } from "~/src/domain/compose-values"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { PRODUCT_LABELS } from "~/src/domain/labels"
import type { Plan } from "~/src/domain/plan"
import type { CsmIdentity } from "~/src/domain/profile"
import type { TeamSettings } from "~/src/domain/settings"
import type { MergeValues } from "~/src/domain/templates/merge"

/** The recipient chip the preview greets (Gmail greets "Jordan"). */
export const SAMPLE_ADMIN = "Jordan Rivera"

export interface DemoAccount {
  id: string
  name: string
  facts: AccountFacts
}

/** The demo book, parsed as the background parses an account's facts. */
export const demoAccounts = (today: string): DemoAccount[] =>
  demoBook(today).flatMap((input) => {
    const parsed = AccountFacts.safeParse(input)
    return parsed.success ? [{ id: parsed.data.id, name: parsed.data.name, facts: parsed.data }] : []
  })

/** What the Gmail panel would know of this account: its facts, plan, the CSM and the team's links. */
export function previewSource(
  account: DemoAccount,
  settings: TeamSettings,
  profile: CsmIdentity,
  today: string
): ComposeSource & { plan: Plan } {
  return {
    accountName: account.name,
    facts: account.facts as unknown as Record<string, unknown>,
    plan: buildPlan(account.facts, settings, today),
    today,
    profile,
    links: settings.links,
    recipient: { email: account.facts.contactEmails[0] ?? "", name: SAMPLE_ADMIN }
  }
}

/** Sample values for what the CSM types per email, as the panel's inputs hold them. */
export function previewInputs(source: ComposeSource & { plan: Plan }): ComposeInputs {
  const products = (source.facts.products as readonly (keyof typeof PRODUCT_LABELS)[] | undefined) ?? []
  const first = source.plan.trainingPlan[0]
  return {
    meetingDate: source.today,
    participants: `${SAMPLE_ADMIN} (admin)\n${source.profile.name || "you"}`,
    modulesCovered: first?.modules.map((m) => `- ${m}`).join("\n"),
    trainingSessionNumber: first ? String(first.session) : undefined,
    pendingSubjects: "None",
    productsDiscussed: products.map((p) => PRODUCT_LABELS[p]).join("\n"),
    mainPoints: "Roll-out plan for new hires; reports the admin wants each month",
    salesOpportunities: "None for now",
    surveyLink: source.plan.derived.surveyTier ? "https://survey.example.com/r/sentiment" : undefined
  }
}

export function previewValues(
  account: DemoAccount,
  settings: TeamSettings,
  profile: CsmIdentity,
  today: string
): MergeValues {
  const source = previewSource(account, settings, profile, today)
  return composeValues(source, previewInputs(source))
}
