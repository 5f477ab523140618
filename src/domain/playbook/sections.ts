import * as z from "zod"

import { RULE_IDS, type RuleId } from "./rule-ids"

/** The team's SOPs packaged with the extension (src/sops/), by the id the CSMs cite. */
export const SOPS = {
  "MT-CS-002": { name: "MT-CS-002 Onboarding", file: "MT-CS-002_onboarding.txt" },
  "MT-CS-003-04": { name: "MT-CS-003-04 Adoption", file: "MT-CS-003-04_adoption.txt" },
  "MT-CS-007": { name: "MT-CS-007 SMB Accounts", file: "MT-CS-007_smb-accounts.txt" },
  "MT-CS-005": { name: "Retention & Upsell (MT-CS-005)", file: "retention-and-upsell.txt" }
} as const
export const SOP_IDS = Object.keys(SOPS) as (keyof typeof SOPS)[]
export const SopId = z.enum(SOP_IDS as [keyof typeof SOPS, ...(keyof typeof SOPS)[]])
export type SopId = z.infer<typeof SopId>

/** A heading of an SOP: a line of its text, exactly as written there. */
export const SopSection = z.strictObject({ sop: SopId, heading: z.string().trim().min(1) })
export type SopSection = z.infer<typeof SopSection>

const s = (sop: SopId, heading: string): SopSection => ({ sop, heading })

/** Where each rule comes from: the SOP section a CSM reads to learn how to do the step. */
const SECTIONS_INPUT: Record<RuleId, SopSection> = {
  ON1: s("MT-CS-002", "Before the Onboarding Call"),
  ON2: s("MT-CS-002", "Welcome Email and KYC Checklist"),
  ON3: s("MT-CS-002", "Onboarding Object Updates"),
  ON4: s("MT-CS-002", "Prior Preparation"),
  ON5: s("MT-CS-002", "Prior Preparation"),
  ON6: s("MT-CS-002", "Prior Preparation"),
  ON7: s("MT-CS-002", "During the Onboarding Call"),
  ON8: s("MT-CS-002", "The KYC Checklist"),
  ON9: s("MT-CS-002", "The Presentation Walkthrough"),
  ON10: s("MT-CS-002", "Wrapping Up"),
  ON11: s("MT-CS-002", "After the Onboarding Call"),
  ON12: s("MT-CS-002", "After the Onboarding Call"),
  ON13: s("MT-CS-002", "After the Onboarding Call"),
  ON14: s("MT-CS-002", "After the Onboarding Call"),
  TR1: s("MT-CS-002", "The Training Matrix"),
  TR2: s("MT-CS-002", "The Training Matrix"),
  TR3: s("MT-CS-007", "Training Sessions"),
  FO1: s("MT-CS-002", "Unresponsive Accounts (Failed to Onboard Case)"),
  FO2: s("MT-CS-002", "Unresponsive Accounts (Failed to Onboard Case)"),
  FO3: s("MT-CS-002", "Unresponsive Accounts (Failed to Onboard Case)"),
  FO4: s("MT-CS-002", "Unresponsive Accounts (Failed to Onboard Case)"),
  FO5: s("MT-CS-002", "Unresponsive Accounts (Failed to Onboard Case)"),
  FO6: s("MT-CS-002", "Unresponsive Accounts (Failed to Onboard Case)"),
  CX1: s("MT-CS-002", "Cancellation Requests"),
  CX2: s("MT-CS-002", "Cancellation Requests"),
  CX3: s("MT-CS-002", "Cancellation Requests"),
  CX4: s("MT-CS-002", "Cancellation Requests"),
  CX5: s("MT-CS-002", "Cancellation Requests"),
  AD1: s("MT-CS-003-04", "Data Collection"),
  AD2: s("MT-CS-003-04", "Preparing the Meeting"),
  AD3: s("MT-CS-003-04", "Engagement and Familiarity"),
  AD4: s("MT-CS-003-04", "Call Closing"),
  AD5: s("MT-CS-003-04", "Adoption Object Fields"),
  AD6: s("MT-CS-003-04", "30-Day Adoption Checklist"),
  AD7: s("MT-CS-003-04", "90 Day Adoption Checklist"),
  AD8: s("MT-CS-003-04", "90 Day Adoption Checklist"),
  AD9: s("MT-CS-003-04", "90 Day Adoption Checklist"),
  AD10: s("MT-CS-003-04", "90 Day Adoption Checklist"),
  AD11: s("MT-CS-003-04", "The Customer Sentiment Survey"),
  AD12: s("MT-CS-003-04", "90 Day Adoption Checklist"),
  AD13: s("MT-CS-003-04", "90 Day Adoption Checklist"),
  AD14: s("MT-CS-003-04", "90 Day Adoption Checklist"),
  TL1: s("MT-CS-003-04", "75-Day Check-in"),
  TL2: s("MT-CS-003-04", "150-Day Check-in"),
  SM1: s("MT-CS-007", "The Onboarding Call"),
  SM2: s("MT-CS-007", "Policy Manuals and Monthly Open Forums"),
  SM3: s("MT-CS-007", "Simplified Adoption"),
  SM4: s("MT-CS-007", "Simplified Adoption"),
  SM5: s("MT-CS-007", "Simplified Adoption"),
  PD1: s("MT-CS-005", "Past Due Accounts"),
  PD2: s("MT-CS-005", "Past Due Accounts"),
  PD3: s("MT-CS-005", "Past Due Accounts"),
  RK1: s("MT-CS-005", "KYC Questions and Account Analysis"),
  RK2: s("MT-CS-005", "Retention Plan"),
  RK3: s("MT-CS-005", "Account-Related Information:"),
  UP1: s("MT-CS-005", "Upselling"),
  UP2: s("MT-CS-005", "Creating Sales Opportunities"),
  UP3: s("MT-CS-005", "Creating Sales Opportunities"),
  UP4: s("MT-CS-005", "Opportunity Categories")
}

export const RuleSections = z.record(z.enum(RULE_IDS), SopSection)
/** Parsed at load so a typo in the table fails every test that imports the playbook. */
export const RULE_SECTIONS: Record<RuleId, SopSection> = RuleSections.parse(SECTIONS_INPUT)

/** The line index of `heading` in an SOP's text (a trimmed line equal to it), or -1. */
export function findSection(text: string, heading: string): number {
  const want = heading.trim()
  return text.split(/\r?\n/).findIndex((line) => line.replace(/\u00a0/g, " ").trim() === want)
}
