/**
 * Merge-field values for an email drafted in Gmail (issue #5). Pure and zod-free (the Gmail
 * bundle imports it): the panel hands in what it knows, this says what each field is.
 *
 * Where values come from, later wins:
 * 1. the account: its name, the recipient (admin's email, the chip's name for the greeting), the
 *    plan (next Compliance Open Forum, the training sessions still to come, the session number
 *    and modules of a `TR2#n` recap, the meeting date of the recapped step);
 * 2. the CSM's profile (name, initials, signature, Calendly link) and the team's links;
 * 3. what the CSM typed in the panel for this email (a blank input does not erase a value).
 * A field still without a value is a gap: `mergeTemplate` lists it and renders it as
 * `[missing: Meeting date]`, never as a raw `{{placeholder}}`.
 *
 * Dates are `YYYY-MM-DD` while edited (date inputs) and written long in the email
 * ("December 3, 2026"; the open forum with its weekday).
 */
import { PRODUCT_LABELS } from "./labels"
import type { Plan, PlanStep } from "./plan"
import type { CsmIdentity } from "./profile"
import type { TemplateText } from "./templates/catalog"
import { mergeField, mergeFieldsUsed, type MergeFieldName } from "./templates/fields"
import type { GapSegment, MergedText, MergeValues } from "./templates/merge"
import { occurrenceOf } from "./template-pick"

/** Team settings `links` (all optional: an unset link is a gap). */
export interface ComposeLinks {
  kycSurvey?: string
  customerLaunchKit?: string
  supportContact?: string
  policyManuals?: string
  overviewVideos?: string
  openForum?: string
}

export interface ComposeRecipient {
  email: string
  /** The recipient chip's display name (`data-name`), when Gmail shows one. */
  name?: string
}

export interface ComposeSource {
  accountName: string
  /** The account's merged facts (AccountView.facts). */
  facts: Readonly<Record<string, unknown>>
  plan: Pick<Plan, "derived" | "trainingPlan">
  today: string
  profile: CsmIdentity
  links: ComposeLinks
  recipient?: ComposeRecipient
  /** The plan step this email is for (the recap's meeting, the session number). */
  step?: Pick<PlanStep, "key" | "rule" | "due">
}

/** Values typed in the panel, by field, as the inputs hold them. */
export type ComposeInputs = Partial<Record<MergeFieldName, string>>

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Fields whose value is a date: edited as `YYYY-MM-DD`, written long. */
export const DATE_FIELDS: ReadonlySet<MergeFieldName> = new Set(["meetingDate", "nextOpenForumDate", "today"])

/** Fields typed as several lines (a textarea in the panel). */
export const MULTILINE_FIELDS: ReadonlySet<MergeFieldName> = new Set([
  "participants",
  "modulesCovered",
  "pendingSubjects",
  "upcomingTrainingDates",
  "productsDiscussed",
  "mainPoints",
  "salesOpportunities",
  "csmSignature",
  "supportContact"
])

/** Fields the panel always offers to edit when the template uses them (the rest only when missing). */
const ALWAYS_EDITABLE: ReadonlySet<MergeFieldName> = new Set(["adminName", "surveyLink"])

/** The fact holding the date of the meeting a recap step is about. */
const MEETING_FACT: Record<string, string> = {
  ON11: "onboardingCallCompletedOn",
  AD4: "adoption30MeetingOn",
  AD12: "adoption90MeetingOn",
  TL1: "tl75CheckInOn",
  TL2: "tl150CheckInOn",
  SM3: "smbAdoptionMeetingOn",
  SM5: "smbAdoptionMeetingOn"
}

const HONORIFICS = new Set(["dr", "mr", "mrs", "ms", "mx", "prof"])

/** `2026-12-03` → "December 3, 2026" (or "Thursday, December 3, 2026"). Not a date → as given. */
export function formatLongDate(iso: string, withWeekday = false): string {
  if (!ISO_DATE.test(iso)) return iso
  const date = new Date(`${iso}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    ...(withWeekday ? { weekday: "long" } : {}),
    year: "numeric",
    month: "long",
    day: "numeric"
  }).format(date)
}

/**
 * The name to greet from a recipient chip: the first name ("Dana Whitfield" → "Dana"), the
 * title and surname when the chip starts with one ("Dr. Dana Whitfield" → "Dr. Whitfield"),
 * "Whitfield, Dana" → "Dana". No name, or a name that is just an address → undefined.
 */
export function greetingName(chipName: string | undefined): string | undefined {
  if (!chipName) return undefined
  let name = chipName
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["']|["']$/g, "")
  if (name === "" || name.includes("@")) return undefined
  const comma = name.indexOf(",")
  if (comma > 0) name = name.slice(comma + 1).trim() || name.slice(0, comma).trim()
  const words = name.split(" ")
  const first = words[0] ?? ""
  if (HONORIFICS.has(first.replace(/\.$/, "").toLowerCase()) && words.length >= 2) {
    return `${first} ${words[words.length - 1]}`
  }
  return first || undefined
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined
const lines = (items: readonly string[]): string | undefined => (items.length === 0 ? undefined : items.join("\n"))

/** The meeting date a step recaps: the fact when held, else the step's own date once it has come. */
function meetingDateOf(source: ComposeSource): string | undefined {
  const { step, facts, today } = source
  if (!step) return undefined
  if (step.rule === "TR2" || step.rule === "TR1") {
    const n = occurrenceOf(step.key)
    const held = Array.isArray(facts.trainingsCompletedOn) ? facts.trainingsCompletedOn[(n ?? 0) - 1] : undefined
    if (typeof held === "string" && ISO_DATE.test(held)) return held
  }
  const fact = MEETING_FACT[step.rule]
  const held = fact ? text(facts[fact]) : undefined
  if (held) return held
  // "Due on the meeting date" uses the planned date while the meeting is not marked held.
  return fact && step.due && step.due <= today ? step.due : undefined
}

/**
 * Every value SOP Pilot knows for this email before the CSM types anything, as the panel's
 * inputs hold them (dates `YYYY-MM-DD`, lists one item per line).
 */
export function knownValues(source: ComposeSource): ComposeInputs {
  const { facts, plan, profile, links, recipient, step } = source
  const values: ComposeInputs = {
    accountName: text(source.accountName),
    adminEmail: recipient ? text(recipient.email) : undefined,
    adminName: greetingName(recipient?.name),
    nextOpenForumDate: text(plan.derived.nextOpenForum),
    csmName: text(profile.name),
    csmInitials: text(profile.initials),
    csmSignature: text(profile.signature),
    calendlyLink: text(profile.calendlyLink),
    kycSurveyLink: text(links.kycSurvey),
    customerLaunchKitLink: text(links.customerLaunchKit),
    supportContact: text(links.supportContact),
    policyManualsLink: text(links.policyManuals),
    overviewVideosLink: text(links.overviewVideos),
    openForumLink: text(links.openForum),
    meetingDate: meetingDateOf(source),
    today: text(source.today)
  }

  const held = Array.isArray(facts.trainingsCompletedOn) ? facts.trainingsCompletedOn.length : 0
  values.upcomingTrainingDates = lines(
    plan.trainingPlan.slice(held).map((s) => `Session ${s.session} – ${PRODUCT_LABELS[s.product] ?? s.product}`)
  )

  const n = step && (step.rule === "TR2" || step.rule === "TR1") ? occurrenceOf(step.key) : undefined
  if (n !== undefined) {
    values.trainingSessionNumber = String(n)
    const session = plan.trainingPlan.find((s) => s.session === n)
    if (session) values.modulesCovered = lines(session.modules.map((m) => `- ${m}`))
  }

  for (const key of Object.keys(values) as MergeFieldName[]) if (values[key] === undefined) delete values[key]
  return values
}

/** Known values overridden by what the CSM typed (blank inputs ignored). */
export function currentInputs(source: ComposeSource, typed: ComposeInputs): ComposeInputs {
  const merged: ComposeInputs = knownValues(source)
  for (const [field, value] of Object.entries(typed) as [MergeFieldName, string | undefined][]) {
    if (typeof value === "string" && value.trim() !== "") merged[field] = value
  }
  return merged
}

/** The values to merge: current inputs, dates written long. */
export function composeValues(source: ComposeSource, typed: ComposeInputs): MergeValues {
  const values: MergeValues = {}
  for (const [field, value] of Object.entries(currentInputs(source, typed)) as [MergeFieldName, string][]) {
    values[field] = DATE_FIELDS.has(field) ? formatLongDate(value.trim(), field === "nextOpenForumDate") : value
  }
  return values
}

export interface InputField {
  field: MergeFieldName
  label: string
  description: string
  kind: "date" | "multiline" | "line"
  /** No value yet: a gap in the email. */
  missing: boolean
  /**
   * The account, profile and links do not give it: the CSM fills it in (the panel's "To fill in").
   * Decided by what is known, never by what was typed, so a field keeps its place while edited.
   */
  toFill: boolean
}

const blank = (value: string | undefined) => !value || value.trim() === ""

/**
 * The inputs a template asks for, in order of use: per-email fields, the always-editable ones and
 * whatever the account does not give. `current` is what the inputs show (known ⊕ typed), `known`
 * what the account gives (defaults to `current`): a field typed into stays where it was.
 */
export function inputFields(
  template: TemplateText,
  current: ComposeInputs,
  known: ComposeInputs = current
): InputField[] {
  const used = mergeFieldsUsed(`${template.subject}\n${template.body}`)
  return used
    .filter((field) => mergeField(field).source === "step" || ALWAYS_EDITABLE.has(field) || blank(known[field]))
    .filter((field) => field !== "today")
    .map((field) => {
      const { label, description } = mergeField(field)
      const kind = DATE_FIELDS.has(field) ? "date" : MULTILINE_FIELDS.has(field) ? "multiline" : "line"
      return { field, label, description, kind, missing: blank(current[field]), toFill: blank(known[field]) }
    })
}

/** A piece of one rendered line: text, or a gap marker (`gap` names the field). */
export interface LinePiece {
  text: string
  gap?: string
}

const ZERO_WIDTH_SPACE = "\u200B"

export function defaultGapText(gap: GapSegment): string {
  return gap.reason === "missing" ? `[missing: ${gap.label}]` : `[unknown field: ${gap.field}]`
}

/**
 * A merged text as lines of pieces, for building DOM nodes (never HTML strings). Like
 * `toPlainText`, no two `{` ever meet, across pieces too, so the result never holds `{{`.
 */
export function mergedLines(merged: MergedText, gapText: (gap: GapSegment) => string = defaultGapText): LinePiece[][] {
  const pieces: LinePiece[] = merged.map((segment) =>
    segment.kind === "gap" ? { text: gapText(segment), gap: segment.field } : { text: segment.text }
  )
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as LinePiece
    piece.text = piece.text.replace(/\{(?=\{)/g, `{${ZERO_WIDTH_SPACE}`)
    const previous = pieces[i - 1]
    if (previous && previous.text.endsWith("{") && piece.text.startsWith("{")) previous.text += ZERO_WIDTH_SPACE
  }
  const out: LinePiece[][] = [[]]
  for (const piece of pieces) {
    piece.text.split("\n").forEach((part, index) => {
      if (index > 0) out.push([])
      if (part !== "")
        (out[out.length - 1] as LinePiece[]).push(
          piece.gap === undefined ? { text: part } : { text: part, gap: piece.gap }
        )
    })
  }
  return out
}

/** One line of plain text (the subject), gaps marked. */
export function mergedLineText(merged: MergedText): string {
  return mergedLines(merged)
    .map((line) => line.map((piece) => piece.text).join(""))
    .join(" ")
}
