/**
 * What the options page calls each setting, by its dotted path: the one source for the fields'
 * labels and for every place that names a setting outside its field (the save status, import
 * errors, the import diff, the impact preview), so a Team Lead reads "Sentiment survey from", not
 * `thresholds.surveyMrr`.
 */
import type { TimingKey } from "~/src/domain/playbook/schema"

import { factLabel, templateLabel } from "../labels"

/** Timing fields: the label and the unit shown after the input. */
export const TIMING_LABELS: Record<TimingKey, [label: string, unit: string]> = {
  welcomeReminderBusinessDays: ["Welcome reminder (ON2)", "business days after assignment"],
  rsmSyncBusinessDaysBefore: ["RSM sync (ON5)", "business days before the call"],
  followUpProofBusinessDays: ["Follow-up proof (ON14)", "business days"],
  adoptionPrepDaysBefore: ["30-day meeting prep (AD1)", "days before"],
  adoption30Days: ["30-day adoption meeting (AD3)", "days after onboarding"],
  adoption90Days: ["90-day adoption meeting (AD10)", "days after onboarding"],
  schedule90DaysBefore: ["Schedule the 90-day meeting (AD7, AD9)", "days before"],
  surveyReminderDays: ["Survey reminder (AD11)", "days after sending"],
  teamLeadCheckIn75Days: ["Team Lead check-in (TL1)", "days"],
  teamLeadCheckIn150Days: ["Team Lead check-in (TL2)", "days"],
  smbAdoptionDays: ["SMB adoption meeting (SM4)", "days after onboarding"],
  failedToOnboardContactDays: ["Failed to onboard: daily contacts (FO1)", "days"],
  failedToOnboardFollowUpWeeks: ["Failed to onboard: weekly follow-ups (FO5)", "weeks"],
  failedToOnboardCaseDays: ["Failed to onboard: case (FO6)", "days"],
  cancellationCallDays: ["Cancellation call (CX2)", "days"],
  pastDueFinanceDays: ["Past due: finance (PD1–PD3)", "days"]
}

const LABELS: Record<string, string> = {
  "thresholds.surveyMrr": "Sentiment survey from",
  "thresholds.digitalMaxMrr": "Digital tier: MRR up to",
  "thresholds.digitalMaxUsers": "Digital tier: users up to",
  "thresholds.strategicMinMrr": "Strategic tier from",
  "sixtyDayTrack.packages": "60-day track: packages",
  "sixtyDayTrack.serviceLevels": "60-day track: service levels",
  disabledRules: "Rules switched off",
  "links.kycSurvey": "KYC survey",
  "links.customerLaunchKit": "Customer Launch Kit",
  "links.policyManuals": "Policy manuals",
  "links.overviewVideos": "Overview videos",
  "links.openForum": "Compliance Open Forum",
  "links.supportContact": "Customer Support contact",
  documents: "Team documents",
  "salesforce.apiVersion": "UI API version",
  "salesforce.related": "Facts on related records",
  "salesforce.contacts.object": "Contacts object",
  "salesforce.contacts.relationship": "Contacts’ lookup to the account",
  "salesforce.contacts.field": "Contact email field",
  "salesforce.csmField": "The account’s CSM field",
  "snippets.planRecap": "Short name for the recap the plan calls for",
  "profile.name": "Name",
  "profile.initials": "Initials",
  "profile.calendlyLink": "Calendly link",
  "profile.timeZone": "Time zone",
  "profile.signature": "Email signature",
  "profile.dailyDigest": "Daily digest notification",
  "profile.digestTime": "Digest time",
  "profile.role": "Your role"
}

const TEMPLATE_PARTS: Record<string, string> = { subject: "Subject", body: "Body" }
const SECTIONS: Record<string, string> = {
  thresholds: "Thresholds",
  timing: "Timing",
  sixtyDayTrack: "60-day track",
  links: "Links",
  documents: "Team documents",
  salesforce: "Salesforce",
  templates: "Email templates",
  snippets: "Snippets",
  profile: "Your profile"
}

/**
 * The label of the setting at `path`. A path below a labelled setting (a list item, an import's
 * deeper key) is named by that setting; an unknown one by its section and the rest of the path.
 */
export function settingLabel(rawPath: string): string {
  // An import file's errors are under its `settings` key: `settings.thresholds.surveyMrr`.
  const dotted = rawPath.replace(/\[(\d+)\]/g, ".$1")
  const path = dotted.startsWith("settings.") ? dotted.slice("settings.".length) : dotted
  if (path === "(root)" || path === "" || path === "settings") return "The file"
  const known = LABELS[path]
  if (known !== undefined) return known
  const [head = "", second = "", third = ""] = path.split(".")
  if (head === "timing" && second in TIMING_LABELS) return TIMING_LABELS[second as TimingKey][0]
  if (head === "templates" && second !== "") {
    const part = TEMPLATE_PARTS[third]
    return part === undefined ? `Email “${templateLabel(second)}”` : `Email “${templateLabel(second)}”: ${part}`
  }
  if (head === "snippets" && second !== "" && third === "") return `Short name for “${templateLabel(second)}”`
  if (head === "salesforce" && second === "fieldMapping" && third !== "")
    return `Salesforce field for ${factLabel(third)}`
  const parent = Object.keys(LABELS)
    .filter((key) => path.startsWith(`${key}.`))
    .sort((a, b) => b.length - a.length)[0]
  if (parent !== undefined) return LABELS[parent] as string
  const section = SECTIONS[head]
  return section === undefined ? path : [section, ...path.split(".").slice(1)].join(": ")
}
