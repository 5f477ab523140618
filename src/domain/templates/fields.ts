/**
 * The merge fields a template may use (spec §6), written `{{fieldName}}` in a template.
 *
 * Pure and zod-free: the options page validates team wording with `unknownMergeFields`, the
 * merge (`merge.ts`) reads the same placeholder syntax through `findPlaceholders`.
 *
 * Syntax: `{{name}}`, whitespace inside the braces tolerated (`{{ accountName }}`); names are
 * case-sensitive. Anything between `{{` and `}}` that is not a catalogue name (a typo, `{{}}`,
 * `{{account name}}`) is an unknown field. A `{{` with no closing `}}` is plain text.
 */

/** Where a field's value comes from. */
export type MergeFieldSource =
  /** the account: Salesforce facts, or the account's plan (derived facts) */
  | "account"
  /** the signed-in user's profile (the CSM, or the Team Lead for the check-in emails) */
  | "profile"
  /** team settings (`links.*`) */
  | "settings"
  /** typed (or picked) by the user when drafting the email for a step */
  | "step"

export interface MergeField {
  name: string
  /** What a CSM calls it; shown in gaps: `[missing: Meeting date]`. */
  label: string
  source: MergeFieldSource
  description: string
}

export const MERGE_FIELDS = [
  // Account
  {
    name: "accountName",
    label: "Account name",
    source: "account",
    description: "The customer's account name, as in Salesforce."
  },
  {
    name: "adminName",
    label: "Admin's name",
    source: "account",
    description: "The account admin you are writing to (main contact)."
  },
  { name: "adminEmail", label: "Admin's email", source: "account", description: "The admin's email address." },
  {
    name: "surveyLink",
    label: "Customer Sentiment Survey link",
    source: "account",
    description:
      "The responder link of this account's Customer Sentiment Survey (Adoption object; accounts with MRR of $1,000 or more)."
  },
  {
    name: "nextOpenForumDate",
    label: "Next Compliance Open Forum date",
    source: "account",
    description: "The next monthly Compliance Open Forum (first Thursday of the month), from the account plan."
  },
  // Profile
  { name: "csmName", label: "Your name", source: "profile", description: "Your full name, as you sign your emails." },
  {
    name: "csmInitials",
    label: "Your initials",
    source: "profile",
    description: "Your initials, as used in Salesforce notes (e.g. MM)."
  },
  {
    name: "csmSignature",
    label: "Your signature",
    source: "profile",
    description: "Your signature block under your name: title, phone, email."
  },
  {
    name: "calendlyLink",
    label: "Your Calendly link",
    source: "profile",
    description: "Your Calendly link, where customers book time with you."
  },
  // Team settings
  {
    name: "kycSurveyLink",
    label: "KYC survey link",
    source: "settings",
    description: "The onboarding (KYC) survey Google Form responder link."
  },
  {
    name: "customerLaunchKitLink",
    label: "Customer Launch Kit link",
    source: "settings",
    description: "The Customer Launch Kit, shared with SMB accounts after the onboarding call."
  },
  {
    name: "supportContact",
    label: "Customer Support contact",
    source: "settings",
    description: "How to reach Customer Support (phone, email, hours)."
  },
  {
    name: "policyManualsLink",
    label: "Policy manuals link",
    source: "settings",
    description: "The SMB policy manuals folder."
  },
  {
    name: "overviewVideosLink",
    label: "Overview videos link",
    source: "settings",
    description: "The product overview videos, sent when an SMB account completes onboarding."
  },
  {
    name: "openForumLink",
    label: "Compliance Open Forum link",
    source: "settings",
    description: "Where to learn about (or join) the monthly Compliance Open Forum."
  },
  // Step inputs
  {
    name: "meetingDate",
    label: "Meeting date",
    source: "step",
    description: "The date of the call, training or meeting the email recaps."
  },
  { name: "participants", label: "Participants", source: "step", description: "Who attended the session." },
  {
    name: "modulesCovered",
    label: "Modules covered",
    source: "step",
    description: "The modules covered in the training session."
  },
  {
    name: "pendingSubjects",
    label: "Pending subjects",
    source: "step",
    description: 'Topics still to cover or follow up on (write "None" if there are none).'
  },
  {
    name: "upcomingTrainingDates",
    label: "Upcoming training dates",
    source: "step",
    description: "The dates and times of the training sessions scheduled so far."
  },
  {
    name: "productsDiscussed",
    label: "Products discussed",
    source: "step",
    description: "Products, services or modules discussed; attach their one-pagers to the email."
  },
  {
    name: "mainPoints",
    label: "Main points",
    source: "step",
    description: "The main points discussed, for the recap."
  },
  {
    name: "salesOpportunities",
    label: "Sales opportunities",
    source: "step",
    description: "Sales opportunities discussed (products or services the customer showed interest in)."
  },
  {
    name: "trainingSessionNumber",
    label: "Training session number",
    source: "step",
    description: "Which training session this is (1, 2, 3…)."
  },
  { name: "today", label: "Today's date", source: "step", description: "The date the email is drafted." }
] as const satisfies readonly MergeField[]

export type MergeFieldName = (typeof MERGE_FIELDS)[number]["name"]

export const MERGE_FIELD_NAMES: readonly MergeFieldName[] = MERGE_FIELDS.map((field) => field.name)

const BY_NAME: ReadonlyMap<string, MergeField & { name: MergeFieldName }> = new Map(
  MERGE_FIELDS.map((field) => [field.name, field])
)

export function isMergeFieldName(name: string): name is MergeFieldName {
  return BY_NAME.has(name)
}

/** The catalogue entry of a field. */
export function mergeField(name: MergeFieldName): MergeField & { name: MergeFieldName } {
  const field = BY_NAME.get(name)
  if (field === undefined) throw new Error(`unknown merge field ${name}`)
  return field
}

/** One `{{ … }}` in a template. `name` is the trimmed text between the braces (maybe not a known field). */
export interface Placeholder {
  name: string
  /** index of the first `{` */
  start: number
  /** index just past the last `}` */
  end: number
}

// No braces inside a placeholder: `{{{a}}}` is `{` + `{{a}}` + `}`. Linear: no nested quantifiers;
// the name is trimmed in code rather than with `\s*` around a lazy group (quadratic backtracking).
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g

/** Every placeholder in `text`, in order. */
export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = []
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index
    found.push({ name: (match[1] ?? "").trim(), start, end: start + match[0].length })
  }
  return found
}

function uniqueNames(text: string, keep: (name: string) => boolean): string[] {
  const seen = new Set<string>()
  for (const { name } of findPlaceholders(text)) if (keep(name)) seen.add(name)
  return [...seen]
}

/** The names used in `text` that are not in the catalogue, in order of first use, each once (`{{}}` gives ""). */
export function unknownMergeFields(text: string): string[] {
  return uniqueNames(text, (name) => !isMergeFieldName(name))
}

/** The catalogue fields used in `text`, in order of first use, each once. */
export function mergeFieldsUsed(text: string): MergeFieldName[] {
  return uniqueNames(text, isMergeFieldName) as MergeFieldName[]
}

/**
 * The merge fields the CSM's profile holds, and the profile key of each: the Gmail panel asks
 * for one once, when it is missing, and saves it there (issue 16, item 10).
 */
export const PROFILE_FIELD_KEYS = {
  csmName: "name",
  csmInitials: "initials",
  csmSignature: "signature",
  calendlyLink: "calendlyLink"
} as const satisfies Partial<Record<MergeFieldName, string>>

export type ProfileFieldKey = (typeof PROFILE_FIELD_KEYS)[keyof typeof PROFILE_FIELD_KEYS]

export const profileKeyOf = (field: string): ProfileFieldKey | undefined =>
  (PROFILE_FIELD_KEYS as Record<string, ProfileFieldKey>)[field]
