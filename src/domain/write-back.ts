/**
 * Writing back to Salesforce (issue 12), the pure part: which steps are events and the fact each
 * records, the `[SOP <key>]` Task subject, where a fact is written (its mapped field), how long
 * to wait before trying again, and which failures are worth trying again. No I/O.
 */
import type { DateFact } from "./fact-names"
import type { SalesforceErrorKind } from "./salesforce-errors"
import type { SalesforceSettings } from "./settings"

/**
 * Steps that are an event the plan depends on: checking one off asks "when?" and records the
 * fact, so the plan moves on at once (AD3 checked → `adoption_90`, the 30-day recap falls due).
 * TR1#n records training n (`trainingsCompletedOn`), handled apart: it is a list, not a date.
 */
export const EVENT_STEP_FACTS: Readonly<Record<string, DateFact>> = {
  ON7: "onboardingCallCompletedOn",
  AD3: "adoption30MeetingOn",
  AD10: "adoption90MeetingOn",
  SM4: "smbAdoptionMeetingOn",
  TL1: "tl75CheckInOn",
  TL2: "tl150CheckInOn",
  FO2: "onboardingCompletedOn"
}

const ruleOf = (key: string) => key.split("#")[0] ?? key

/** The fact a check-off of this step records, or undefined when the step is no event. */
export function eventOf(
  key: string
): { fact: DateFact } | { fact: "trainingsCompletedOn"; session: number } | undefined {
  if (ruleOf(key) === "TR1") {
    const session = Number(key.split("#")[1])
    return Number.isInteger(session) && session >= 1 ? { fact: "trainingsCompletedOn", session } : undefined
  }
  const fact = EVENT_STEP_FACTS[key]
  return fact === undefined ? undefined : { fact }
}

/**
 * Training `session` held on `on`: the list (sorted) gets as many entries as it needs to count
 * `session` sessions held; sessions are held in order, so an unrecorded earlier one counts as held
 * that day too. A list long enough already is left as it is.
 */
export function withTrainingHeld(held: readonly string[], session: number, on: string): string[] {
  const next = [...held]
  while (next.length < session) next.push(on)
  return next.sort()
}

/** The subject of the Task that marks a step done: `[SOP AD4] Send the 30-day recap` (Task.Subject holds 255). */
export function taskSubject(key: string, title: string): string {
  const subject = `[SOP ${key}] ${title.trim()}`
  return subject.length > 255 ? `${subject.slice(0, 254)}…` : subject
}

/** The subject prefix a step's Task starts with: the `]` keeps `TR1#1` from finding `TR1#10`. */
export const taskPrefix = (key: string): string => `[SOP ${key}]`

/** Where a fact is written: an Account field, or a field of the newest related row (created when there is none). */
export type WriteTarget = { object: "Account"; field: string } | { object: string; field: string; relationship: string }

/** Fields Salesforce sets itself: never written. */
const SYSTEM_FIELDS = new Set(["id", "createddate", "lastmodifieddate", "systemmodstamp", "createdbyid", "isclosed"])

/**
 * The field a fact is written to, from the team's mapping: its Account field, or its related
 * source when that is one row (a source with filters — a Case of some type — is the org's own
 * record to create, with the New-record buttons, not a field to patch). Undefined: not written.
 */
export function writeTargetOf(fact: string, salesforce: SalesforceSettings): WriteTarget | undefined {
  const related = salesforce.related.find((source) => source.fact === fact)
  if (related) {
    if (related.filters.length > 0 || SYSTEM_FIELDS.has(related.field.toLowerCase())) return undefined
    return { object: related.object, field: related.field, relationship: related.relationship }
  }
  const field = (salesforce.fieldMapping as Record<string, string | undefined>)[fact]
  if (field === undefined || field === "" || SYSTEM_FIELDS.has(field.toLowerCase())) return undefined
  return { object: "Account", field }
}

/** The target in the CSM's words: "Account field MRR__c", "X30_Day_Meeting_Date__c of the newest Adoption__c". */
export function targetText(target: WriteTarget): string {
  return target.object === "Account"
    ? `the Account's field ${target.field}`
    : `${target.field} on the account's newest ${target.object} record`
}

/** The first wait after a failed attempt, and the longest (issue 12: 30 s doubling to 30 min). */
export const RETRY_FIRST_MS = 30_000
export const RETRY_MAX_MS = 30 * 60_000

/** How long to wait after the `attempts`-th failed attempt (1 → 30 s, 2 → 60 s, … at most 30 min). */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 16))
  return Math.min(RETRY_FIRST_MS * 2 ** exponent, RETRY_MAX_MS)
}

/**
 * Failures that pass: no answer, Salesforce busy or limiting, the org's allowance used up, an
 * expired or missing session (the CSM signs in again). Anything else is Salesforce refusing this
 * change (a validation rule, a read-only field, a bad request): trying again would not help.
 */
const PASSING: ReadonlySet<SalesforceErrorKind> = new Set<SalesforceErrorKind>([
  "network",
  "timeout",
  "unavailable",
  "rate_limited",
  "request_limit",
  "unauthorized",
  "no_session",
  "server"
])

export const isPassing = (kind: SalesforceErrorKind): boolean => PASSING.has(kind)

/** Why changes wait, in the CSM's words, by the last failure's kind. */
export function waitingReason(kind: SalesforceErrorKind | undefined): string {
  switch (kind) {
    case undefined:
      return "Sending now."
    case "network":
    case "timeout":
      return "Salesforce cannot be reached (offline?)."
    case "unavailable":
    case "server":
      return "Salesforce is busy or in maintenance."
    case "rate_limited":
      return "Salesforce is limiting how often SOP Pilot may ask."
    case "request_limit":
      return "Your org has used up its API requests for now."
    case "unauthorized":
    case "no_session":
      return "Your Salesforce session has expired: open or reload a Salesforce tab and sign in."
    default:
      return "Salesforce did not take them yet."
  }
}
