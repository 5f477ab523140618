import * as z from "zod"

import { DATE_FACTS, Package, type Product, ServiceLevel } from "./facts"
import { RULE_IDS } from "./playbook/rule-ids"
import { TEMPLATE_IDS, type TemplateId } from "./templates/catalog"
import { DEFAULT_TEMPLATES } from "./templates/defaults"
import { DEFAULT_SNIPPETS, SHORT_NAME, SNIPPET_KEYS, snippetClash, type SnippetKey } from "./snippets"
import { parseWith, type Parsed } from "./parse"

/** The version written into exported settings files; an import from a newer version is refused. */
export const SETTINGS_VERSION = 1

const days = (fallback: number) =>
  z.number().int("expected a whole number of days").min(0, "must not be negative").max(3650).default(fallback)
const positive = (fallback: number) => z.number().finite().nonnegative("must not be negative").default(fallback)

/** Spec §3 thresholds (D3, D5). */
const Thresholds = z
  .strictObject({
    surveyMrr: positive(1000),
    digitalMaxMrr: positive(500),
    digitalMaxUsers: z.number().int("expected a whole number").nonnegative("must not be negative").default(50),
    strategicMinMrr: positive(3500)
  })
  .prefault({})

/**
 * The SOPs' numbers, and the spec's (interpretation) choices, as team settings: a team that reads
 * "follow up within a week" differently changes a number, not the code.
 */
const Timing = z
  .strictObject({
    welcomeReminderBusinessDays: days(1), // ON2: assignedOn + 1 business day
    rsmSyncBusinessDaysBefore: days(1), // ON5: call − 1 business day
    followUpProofBusinessDays: days(10), // ON14
    adoptionPrepDaysBefore: days(7), // AD1: a week before the 30-day meeting
    adoption30Days: days(30), // AD3
    adoption90Days: days(90), // AD10
    schedule90DaysBefore: days(7), // AD7, AD9: at least a week ahead of day 90
    surveyReminderDays: days(7), // AD11
    teamLeadCheckIn75Days: days(75), // TL1
    teamLeadCheckIn150Days: days(150), // TL2
    smbAdoptionDays: days(60), // SM4
    failedToOnboardContactDays: days(10), // FO1 daily contacts; FO2–FO4 the day after
    failedToOnboardFollowUpWeeks: days(4), // FO5
    failedToOnboardCaseDays: days(30), // FO6
    cancellationCallDays: days(1), // CX2: within 24 hours
    pastDueFinanceDays: days(14) // PD1–PD3
  })
  .prefault({})

/** Which accounts take the single 60-day adoption instead of 30 + 90 (spec §2). */
const SixtyDayTrack = z
  .strictObject({
    packages: z.array(Package).default(["smb"]),
    serviceLevels: z.array(ServiceLevel).default([])
  })
  .prefault({})

/** A link a template can merge; empty means "not set yet" and shows as a gap. */
const link = z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "expected an http(s) address" })]).default("")
const Links = z
  .strictObject({
    kycSurvey: link,
    customerLaunchKit: link,
    supportContact: z.string().max(500).default(""),
    policyManuals: link,
    overviewVideos: link,
    openForum: link
  })
  .prefault({})

/**
 * A team document a step links to (KYC checklist, onboarding presentation, adoption checklist):
 * shown in the step's details for each rule it lists.
 */
export const TeamDocument = z.strictObject({
  label: z.string().trim().min(1, "needs a name").max(100),
  url: z.url({ protocol: /^https?$/, error: "expected an http(s) address" }).max(2000),
  rules: z
    .array(z.enum(RULE_IDS, { error: "unknown rule id" }))
    .min(1, "needs at least one step")
    .refine((ids) => new Set(ids).size === ids.length, "lists a rule twice")
})
export type TeamDocument = z.output<typeof TeamDocument>

const TemplateText = z.strictObject({
  subject: z.string().max(500),
  body: z.string().max(20_000)
})
const Templates = z
  .strictObject(
    Object.fromEntries(TEMPLATE_IDS.map((id) => [id, TemplateText.default(DEFAULT_TEMPLATES[id])])) as {
      [K in TemplateId]: z.ZodDefault<typeof TemplateText>
    }
  )
  .prefault({})

/**
 * Snippets' short names (issue 16, item 11): `;recap` in a Gmail body inserts the recap the plan
 * calls for, `;welcome` the welcome reminder … Empty switches one off. Expanded as soon as typed,
 * so no name may start another.
 */
const shortName = z.union([
  z.literal(""),
  z.string().regex(SHORT_NAME, "expected lower-case letters and digits (and - or _), at most 24")
])
const Snippets = z
  .strictObject(
    Object.fromEntries(SNIPPET_KEYS.map((key) => [key, shortName.default(DEFAULT_SNIPPETS[key])])) as {
      [K in SnippetKey]: z.ZodDefault<typeof shortName>
    }
  )
  .superRefine((names, ctx) => {
    const clash = snippetClash(names)
    if (clash)
      ctx.addIssue({
        code: "custom",
        path: [clash[1]],
        message: `“${names[clash[0]]}” already starts this short name: ;${names[clash[0]]} would expand first`
      })
  })
  .prefault({})

/** Modules per training session (spec §4), team-editable. */
export const DEFAULT_TRAINING_MODULES = {
  learning: [
    [
      "Org Management",
      "Course Library (Group Learning)",
      "CE Course Library",
      "Admin Dashboard",
      "Student Dashboard",
      "Onboarding Path",
      "Reports",
      "Pending System Actions",
      "Company Settings"
    ]
  ],
  compliance: [
    [
      "Org Management",
      "Documents & Policies",
      "In-App Reports",
      "Company Settings part 1",
      "Pending System Actions",
      "Admin/Student DBs"
    ],
    [
      "Contract Management",
      "Safety Plans",
      "SDS Management",
      "Onboarding Path",
      "Company Settings part 2",
      "Incident Reports",
      "Admin/Student DBs"
    ],
    ["In-App Reports", "Company Settings part 3"]
  ],
  credentialing_software: [
    [
      "Org Management",
      "Credentialing Locations",
      "Provider Profiles (Locations, Documents, Exclusions, Verifications, Information, Enrollments, Dashboard)",
      "Company Settings"
    ],
    [
      "Admin Dashboard",
      "Provider Profiles Dashboard",
      "Privileges and Appointments",
      "Documents",
      "Enrollment Applications",
      "Credentialing Dashboard",
      "Insurances",
      "Custom Forms",
      "Business Entities",
      "Credentialing Reports",
      "Reports",
      "Settings",
      "Company Settings",
      "Exclusions",
      "Exclusions Reports"
    ]
  ],
  credentialing_service: []
} satisfies Record<z.infer<typeof Product>, string[][]>

const Sessions = (fallback: string[][]) =>
  z
    .array(z.array(z.string().min(1).max(200)).min(1))
    .max(10)
    .default(fallback)
const TrainingModules = z
  .strictObject({
    learning: Sessions(DEFAULT_TRAINING_MODULES.learning),
    compliance: Sessions(DEFAULT_TRAINING_MODULES.compliance),
    credentialing_software: Sessions(DEFAULT_TRAINING_MODULES.credentialing_software),
    credentialing_service: Sessions(DEFAULT_TRAINING_MODULES.credentialing_service)
  })
  .prefault({})

/** Facts the extension can read from a Salesforce Account field. */
export const MAPPABLE_FACTS = [
  "name",
  "website",
  "mrr",
  "users",
  "products",
  "serviceLevel",
  "package",
  ...DATE_FACTS
] as const
export type MappableFact = (typeof MAPPABLE_FACTS)[number]

/**
 * The Account's own fields, by fact (issue #4, then #11: the SOPs' org keeps onboarding and
 * adoption dates on related records, see DEFAULT_RELATED). An empty string means "not an Account
 * field": read from a related record, or entered in the panel.
 */
export const DEFAULT_FIELD_MAPPING: Record<MappableFact, string> = {
  name: "Name",
  website: "Website",
  mrr: "MRR__c",
  users: "Contracted_Users__c",
  products: "Products__c",
  serviceLevel: "Service_Level__c",
  package: "Package__c",
  assignedOn: "CSM_Assigned_Date__c",
  onboardingCallScheduledFor: "",
  onboardingCallCompletedOn: "",
  lmsSetupCompletedOn: "",
  onboardingCompletedOn: "",
  adoption30MeetingOn: "",
  adoption90MeetingOn: "",
  smbAdoptionMeetingOn: "",
  sentimentSurveySentOn: "",
  sentimentSurveyReceivedOn: "",
  unresponsiveSince: "",
  failedToOnboardCaseOpenedOn: "",
  cancellationRequestedOn: "",
  pastDueSince: "Past_Due_Since__c",
  tl75CheckInOn: "",
  tl150CheckInOn: ""
}

const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, "expected an API name like Onboarding__c")

/** A condition on a related record, as parts (never SOQL text): a settings file cannot inject a query. */
export const SourceFilter = z.strictObject({
  field: apiName,
  op: z.enum(["equals", "not_equals", "starts_with", "is_true", "is_false", "is_null", "is_not_null"]),
  value: z.string().max(255).default("")
})
export type SourceFilter = z.output<typeof SourceFilter>

/**
 * A fact read from a record related to the Account: `field` of the newest (latest CreatedDate)
 * `object` row whose lookup `relationship` is the Account and which matches every filter.
 */
export const RelatedSource = z.strictObject({
  fact: z.enum(MAPPABLE_FACTS, { error: "unknown fact" }),
  object: apiName,
  field: apiName,
  relationship: apiName,
  filters: z.array(SourceFilter).max(5).default([])
})
export type RelatedSource = z.output<typeof RelatedSource>

const onboarding = (fact: MappableFact, field: string) => ({
  fact,
  object: "Onboarding__c",
  field,
  relationship: "Account__c",
  filters: []
})
const adoption = (fact: MappableFact, field: string) => ({
  fact,
  object: "Adoption__c",
  field,
  relationship: "Account__c",
  filters: []
})

/** Issue #11: where the SOPs' org keeps the facts that are not on the Account. */
export const DEFAULT_RELATED: RelatedSource[] = [
  onboarding("onboardingCallScheduledFor", "Onboarding_Call_Scheduled_For__c"),
  onboarding("onboardingCallCompletedOn", "Onboarding_Call_Completed_Date__c"),
  onboarding("lmsSetupCompletedOn", "LMS_Set_Up_Completed_Date__c"),
  onboarding("onboardingCompletedOn", "Onboarding_Completed_Date__c"),
  onboarding("unresponsiveSince", "Unresponsive_Since__c"),
  adoption("adoption30MeetingOn", "X30_Day_Meeting_Date__c"),
  adoption("adoption90MeetingOn", "X90_Day_Meeting_Date__c"),
  adoption("smbAdoptionMeetingOn", "SMB_Adoption_Meeting_Date__c"),
  adoption("sentimentSurveySentOn", "Sentiment_Survey_Sent_Date__c"),
  adoption("sentimentSurveyReceivedOn", "Sentiment_Survey_Received_Date__c"),
  adoption("tl75CheckInOn", "TL_75_Day_Check_In_Date__c"),
  adoption("tl150CheckInOn", "TL_150_Day_Check_In_Date__c"),
  {
    fact: "failedToOnboardCaseOpenedOn",
    object: "Case",
    field: "CreatedDate",
    relationship: "AccountId",
    filters: [{ field: "Type", op: "equals", value: "Failed to OB" }]
  },
  {
    fact: "cancellationRequestedOn",
    object: "Case",
    field: "CreatedDate",
    relationship: "AccountId",
    filters: [
      { field: "Subject", op: "starts_with", value: "Cancelation Request" },
      { field: "IsClosed", op: "is_false", value: "" }
    ]
  }
]

const fieldName = z.union([
  z.literal(""),
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, "expected a field API name like MRR__c")
])
const FieldMapping = z
  .strictObject(
    Object.fromEntries(MAPPABLE_FACTS.map((fact) => [fact, fieldName.default(DEFAULT_FIELD_MAPPING[fact])])) as {
      [K in MappableFact]: z.ZodDefault<typeof fieldName>
    }
  )
  .prefault({})

/** The account's contacts: their emails match Gmail recipients. `object: ""` turns the read off. */
const Contacts = z
  .strictObject({
    object: z.union([z.literal(""), apiName]).default("Contact"),
    field: apiName.default("Email"),
    relationship: apiName.default("AccountId")
  })
  .prefault({})

/** Tasks whose subject starts with `[SOP <step key>]` mark that step done. `object: ""` turns the read off. */
const StepTasks = z
  .strictObject({
    object: z.union([z.literal(""), apiName]).default("Task"),
    subjectField: apiName.default("Subject"),
    relationship: apiName.default("WhatId")
  })
  .prefault({})

/**
 * A New-record page pre-filled for a rule (issue 12): the object, its record type ("" for the
 * default) and field values with tokens (`{accountId}`, `{accountName}`, `{today+30}`,
 * `{quarterEnd}`, `{mmddyy}`, `{initials}`), filled by src/hosts/salesforce/new-record.ts.
 */
const NewRecord = z.strictObject({
  object: apiName,
  recordTypeId: z
    .union([
      z.literal(""),
      z.string().regex(/^012[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, "expected a record type id (012…)")
    ])
    .default(""),
  /** In order; a field at most once. */
  fields: z
    .array(z.strictObject({ field: apiName, value: z.string().max(1000) }))
    .max(30)
    .refine((fields) => new Set(fields.map((f) => f.field.toLowerCase())).size === fields.length, "sets a field twice")
})

/** The SOPs' records (spec §5 FO4, CX1, PD2, UP2), as the SOPs' org names its fields. */
export const DEFAULT_NEW_RECORDS = {
  FO4: {
    object: "Case",
    recordTypeId: "",
    fields: [
      { field: "AccountId", value: "{accountId}" },
      { field: "Type", value: "Failed to OB" },
      { field: "Subject", value: "Failed to OB - {accountName}" },
      { field: "Due_Date__c", value: "{today+30}" },
      {
        field: "Description",
        value: "{mmddyy}_{initials}:Customer unresponsive for 10 days; onboarding marked completed"
      }
    ]
  },
  CX1: {
    object: "Case",
    recordTypeId: "",
    fields: [
      { field: "AccountId", value: "{accountId}" },
      { field: "Type", value: "Escalation" },
      { field: "Subject", value: "Cancelation Request - {accountName}" },
      { field: "Description", value: "{mmddyy}_{initials}:Cancellation request received" }
    ]
  },
  PD2: {
    object: "Case",
    recordTypeId: "",
    fields: [
      { field: "AccountId", value: "{accountId}" },
      { field: "Type", value: "Escalation" },
      { field: "Subject", value: "Past Due - {accountName}" },
      { field: "Description", value: "{mmddyy}_{initials}:Still past due after 14 days" }
    ]
  },
  UP2: {
    object: "Opportunity",
    recordTypeId: "",
    fields: [
      { field: "AccountId", value: "{accountId}" },
      { field: "Name", value: "{accountName} - Upsell" },
      { field: "StageName", value: "Prospect" },
      { field: "CloseDate", value: "{quarterEnd}" },
      { field: "LeadSource", value: "Customer Upsell" },
      { field: "Revenue_Classification__c", value: "Expansion Revenue" },
      { field: "Opportunity_Origination__c", value: "CSM" },
      { field: "Lead_Origination__c", value: "CSM" },
      { field: "Lead_Origination_Demo__c", value: "CSM" },
      { field: "Channel_Payout__c", value: "MedTrainer" }
    ]
  }
} satisfies Record<string, z.input<typeof NewRecord>>

const NewRecords = z
  .strictObject({
    FO4: NewRecord.default(DEFAULT_NEW_RECORDS.FO4),
    CX1: NewRecord.default(DEFAULT_NEW_RECORDS.CX1),
    PD2: NewRecord.default(DEFAULT_NEW_RECORDS.PD2),
    UP2: NewRecord.default(DEFAULT_NEW_RECORDS.UP2)
  })
  .prefault({})

const Salesforce = z
  .strictObject({
    apiVersion: z
      .string()
      .regex(/^\d{2}\.0$/, "expected an API version like 62.0")
      .default("62.0"),
    fieldMapping: FieldMapping,
    /** Facts on related records; a fact listed here is not read from its Account field. */
    related: z
      .array(RelatedSource)
      .max(40)
      .refine((sources) => new Set(sources.map((s) => s.fact)).size === sources.length, "maps a fact twice")
      .default(DEFAULT_RELATED),
    contacts: Contacts,
    stepTasks: StepTasks,
    /** The Account's lookup to its CSM (a User): the signed-in user's book is the accounts it names. */
    csmField: apiName.default("CSM__c"),
    /**
     * The Team Lead's team, as User ids; empty: the users whose manager (`ManagerId`) is the
     * signed-in user (issue 13).
     */
    teamMembers: z
      .array(
        z.string().regex(/^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/, "expected a User id (005…, 15 or 18 characters)")
      )
      .max(200)
      .refine((ids) => new Set(ids.map((id) => id.slice(0, 15))).size === ids.length, "lists a user twice")
      .default([]),
    /**
     * Issue 12: check-offs become `[SOP <key>]` Tasks and facts are written to their mapped
     * fields, through the outbox. Off: everything stays in this browser, as before.
     */
    writeBack: z.boolean().default(true),
    /** The New-record buttons of FO4, CX1, PD2 and UP2. */
    newRecords: NewRecords
  })
  .prefault({})
export type SalesforceSettings = z.output<typeof Salesforce>

/**
 * Team settings (spec + issue #3/#6). Every part has a default, so a file may give only some
 * settings. Unknown keys are errors: a misspelt threshold must not be silently ignored.
 */
export const TeamSettings = z.strictObject({
  version: z
    .literal(SETTINGS_VERSION, { error: `expected settings version ${SETTINGS_VERSION}` })
    .default(SETTINGS_VERSION),
  thresholds: Thresholds,
  timing: Timing,
  sixtyDayTrack: SixtyDayTrack,
  disabledRules: z
    .array(z.enum(RULE_IDS, { error: "unknown rule id" }))
    .refine((ids) => new Set(ids).size === ids.length, "lists a rule twice")
    .default([]),
  links: Links,
  documents: z.array(TeamDocument).max(50).default([]),
  templates: Templates,
  snippets: Snippets,
  trainingModules: TrainingModules,
  salesforce: Salesforce
})

export type TeamSettings = z.output<typeof TeamSettings>
export type TeamSettingsInput = z.input<typeof TeamSettings>

export const DEFAULT_SETTINGS: TeamSettings = TeamSettings.parse({})

export function parseTeamSettings(input: unknown): Parsed<TeamSettings> {
  return parseWith(TeamSettings, input)
}
