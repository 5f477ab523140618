/**
 * What a check-off or a typed fact changes beyond this browser (issue 12): an event step's fact
 * recorded here (so the plan moves on at once), then the outbox's changes for Salesforce — the
 * step's `[SOP <key>]` Task, and the fact in its mapped field.
 */
import type { IsoDate } from "../domain/dates"
import { DATE_FACTS, type ManualFact } from "../domain/fact-names"
import type { SalesforceSettings, TeamSettings } from "../domain/settings"
import {
  eventOf,
  targetText,
  taskSubject,
  withTrainingHeld,
  writeTargetOf,
  type WriteTarget
} from "../domain/write-back"
import type { Plan } from "../domain/plan"
import { NEW_RECORD_RULES } from "../hosts/salesforce/new-record"
import type { AccountView } from "../messages/protocol"
import { updateAccount } from "../data/accounts"
import type { AccountKey, CachedAccount, SopPilotDb } from "../data/db"
import type { OutboxService } from "./outbox"

type Outbox = Pick<OutboxService, "add">

/** The team's New-record pages for the plan's FO4 / CX1 / PD2 / UP2 steps (undefined: none in the plan). */
export function newRecordsFor(plan: Plan, salesforce: SalesforceSettings): AccountView["newRecords"] {
  const rules = new Set(plan.steps.map((step) => step.rule))
  const chosen = NEW_RECORD_RULES.filter((rule) => rules.has(rule))
  return chosen.length === 0 ? undefined : Object.fromEntries(chosen.map((rule) => [rule, salesforce.newRecords[rule]]))
}

/** Facts a typed value may be written back from: dates and plain numbers/text (picklists are the org's to set). */
const WRITABLE: readonly string[] = [...DATE_FACTS, "mrr", "users", "website", "name"]

/** The facts whose typed value can go to Salesforce, with where, in the CSM's words. */
export function writableFacts(salesforce: SalesforceSettings): Record<string, string> {
  const out: Record<string, string> = {}
  for (const fact of WRITABLE) {
    const target = writeTargetOf(fact, salesforce)
    if (target) out[fact] = targetText(target)
  }
  return out
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []

/** What a check-off did to an event step's date fact: recorded it, or took back the date it had recorded. */
export type RecordedEvent = { fact: ManualFact; done: boolean; on: IsoDate }

/**
 * An event step checked off records its fact as a manual entry (the day it happened); reopened,
 * the entry goes (a Salesforce value stays: it is the org's). Training n adds to the sessions
 * held. Returns the date fact recorded or taken back, if any (for Salesforce).
 */
export async function recordEvent(
  db: SopPilotDb,
  key: AccountKey,
  stepKey: string,
  done: boolean,
  on: IsoDate,
  now: number
): Promise<RecordedEvent | undefined> {
  const event = eventOf(stepKey)
  if (!event) return undefined
  let recorded: RecordedEvent | undefined
  await updateAccount(db, key, (current: CachedAccount) => {
    const manual = { ...current.manual }
    if (event.fact === "trainingsCompletedOn") {
      const shown = stringsOf(manual.trainingsCompletedOn?.value ?? current.salesforce?.facts.trainingsCompletedOn)
      if (done) manual.trainingsCompletedOn = { value: withTrainingHeld(shown, event.session, on), enteredAt: now }
      else if (shown.length >= event.session) {
        const rest = shown.filter((_, i) => i !== event.session - 1)
        if (rest.length > 0) manual.trainingsCompletedOn = { value: rest, enteredAt: now }
        else delete manual.trainingsCompletedOn
      }
    } else if (done) {
      manual[event.fact] = { value: on, enteredAt: now }
      recorded = { fact: event.fact, done, on }
    } else {
      const entered = manual[event.fact]?.value
      if (typeof entered === "string") recorded = { fact: event.fact, done, on: entered as IsoDate }
      delete manual[event.fact]
    }
    return { ...current, manual }
  })
  return recorded
}

const fieldChange = (target: WriteTarget, fact: string, value: string | number | null, unmodifiedSince?: number) => ({
  kind: "field" as const,
  fact,
  object: target.object,
  field: target.field,
  ...("relationship" in target ? { relationship: target.relationship } : {}),
  value,
  ...(unmodifiedSince === undefined ? {} : { unmodifiedSince })
})

/**
 * A check-off's changes for Salesforce: its Task (made or deleted) and an event's date in its
 * field. Reopened, the date the check-off wrote is cleared again, if the field still holds it:
 * otherwise the org's date would keep the step done on the next read.
 */
export async function writeBackStep(
  outbox: Outbox,
  settings: TeamSettings,
  key: AccountKey,
  step: { key: string; done: boolean; title: string; on: IsoDate; recorded: RecordedEvent | undefined }
): Promise<void> {
  if (!settings.salesforce.writeBack || key.apiHost === "") return
  await outbox.add(key, {
    kind: "task",
    key: step.key,
    done: step.done,
    subject: taskSubject(step.key, step.title),
    on: step.on
  })
  const { recorded } = step
  if (recorded === undefined) return
  const target = writeTargetOf(recorded.fact, settings.salesforce)
  if (!target) return
  await outbox.add(
    key,
    recorded.done
      ? fieldChange(target, recorded.fact, recorded.on)
      : { ...fieldChange(target, recorded.fact, null), onlyIfStill: recorded.on }
  )
}

/**
 * A typed fact's change for Salesforce: the CSM's value, written only if the record has not
 * changed since the last read. Returns why not, in the CSM's words, when it cannot be written.
 */
export async function writeBackFact(
  outbox: Outbox,
  settings: TeamSettings,
  key: AccountKey,
  fact: ManualFact,
  account: CachedAccount
): Promise<string | undefined> {
  if (!settings.salesforce.writeBack) return "Writing back to Salesforce is turned off in the team settings."
  if (key.apiHost === "") return "SOP Pilot does not know this account's org."
  const target = WRITABLE.includes(fact) ? writeTargetOf(fact, settings.salesforce) : undefined
  if (!target) return "This fact has no Salesforce field to write to (see the field mapping in SOP Pilot's options)."
  const value = account.manual[fact]?.value
  if (typeof value !== "string" && typeof value !== "number") return "There is no value of yours to write."
  await outbox.add(key, fieldChange(target, fact, value, account.salesforce?.fetchedAt))
  return undefined
}
