import type { RuleInput } from "./schema"

const SOP = "Retention & Upsell (MT-CS-005)"

/** Past due, at risk and upsell (Retention & Upsell, MT-CS-005). */
export const retentionRules: RuleInput[] = [
  {
    id: "PD1",
    title: "Finance is reaching the customer (14 days, until {pastDueDeadline})",
    phase: "past_due",
    due: { kind: "none" },
    doneWhen: [],
    why: "Past due since {pastDueSince}: Finance has 14 days to reach the customer before you step in.",
    source: SOP
  },
  {
    id: "PD2",
    title: "Still past due: create an escalation case in Salesforce and tell your Team Lead",
    phase: "past_due",
    due: { kind: "once", from: "pastDueSince", add: [{ days: "pastDueFinanceDays" }] },
    why: "Past due since {pastDueSince}: after 14 days the CSM escalates.",
    source: SOP
  },
  {
    id: "PD3",
    title: "Reach the main contact today: mention the past-due status, refer them to Billing (day {n})",
    phase: "past_due",
    due: { kind: "daily", from: "pastDueSince", add: [{ days: "pastDueFinanceDays" }] },
    why: "Past due since {pastDueSince}: from day 14 the main contact is reached every day.",
    source: SOP
  },
  {
    id: "RK1",
    title: "Answer the KYC account-analysis questions (background, contacts, usage, support, finances)",
    phase: "at_risk",
    due: { kind: "none" },
    why: "Risk signals: {riskSignals}.",
    source: SOP
  },
  {
    id: "RK2",
    title: "Write the retention plan: decision-maker outreach, measurable goals, re-training, check-ins",
    phase: "at_risk",
    due: { kind: "none" },
    why: "Risk signals: {riskSignals}; the plan follows the account analysis.",
    source: SOP
  },
  {
    id: "RK3",
    title: "Log every email and call; recap each meeting; add account notes (MM/DD/YY-Initials-Note)",
    phase: "at_risk",
    due: { kind: "none" },
    why: "An at-risk account needs a complete record of every contact.",
    source: SOP
  },
  {
    id: "UP1",
    title: "Review for upsell: products not bought ({upsellCandidates}), user growth",
    phase: "upsell",
    due: { kind: "none" },
    why: "Accounts in retention are reviewed for upsell factors.",
    source: SOP
  },
  {
    id: "UP2",
    title:
      "Create the Sales Opportunity (Expansion Revenue, Prospect, Lead Source “Customer Upsell”, close {upsellCloseDate})",
    phase: "upsell",
    due: { kind: "none" },
    why: "Upsell opportunities close on the last day of the current quarter ({upsellCloseDate}).",
    source: SOP
  },
  {
    id: "UP3",
    title: "Quote, submit for approval, generate the Agreement Addendum and send it with DocuSign",
    phase: "upsell",
    due: { kind: "none" },
    why: "One-time revenue is sent right away; recurring revenue goes to the RSM.",
    source: SOP
  },
  {
    id: "UP4",
    title: "Classify the opportunity HOT / Warm / Potential need; follow up weekly until it closes",
    phase: "upsell",
    due: { kind: "none" },
    why: "Open upsell opportunities are followed up weekly.",
    source: SOP
  }
]
