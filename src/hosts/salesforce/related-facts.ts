/**
 * Facts that live on records related to the Account (the SOPs' org): the newest Onboarding__c
 * and Adoption__c rows, Cases, Contacts and the SOP Tasks. Pure: which flat SOQL queries to ask
 * (`relatedQueries`, for one account or an `IN (…)` batch of them) and how their rows become
 * facts (`factsFromRelated`). The queries are sent by the background's Salesforce client.
 */
import { isAccountId, toId18 } from "~/src/domain/ids"
import type { AccountFactsInput } from "~/src/domain/facts"
import type { MappableFact, RelatedSource, SalesforceSettings, SourceFilter } from "~/src/domain/settings"
import { STEP_KEY_PATTERN } from "~/src/domain/fact-names"

import { todayIn } from "~/src/domain/dates"

import {
  convertFact,
  decodeHtmlEntities,
  parseSalesforceDateTime,
  type ConvertOptions,
  type FieldProblem,
  type RawValue
} from "./record-facts"
import { buildSoql, soqlId, type Condition } from "./soql"

/** At most this many ids in one `IN (…)`: the URL stays well under Salesforce's 16,384-char limit. */
export const IN_BATCH = 200

export type RelatedQueryKind = "newest" | "contacts" | "tasks"

export interface RelatedQuery {
  /** Stable within one call: names the query's answer. */
  key: string
  kind: RelatedQueryKind
  soql: string
  /** The object queried, for messages. */
  object: string
  /** The lookup to the Account, the column rows are grouped by. */
  relationship: string
  /** `newest`: the facts this query's row gives, each with its field. */
  facts: { fact: MappableFact; field: string }[]
  /** `contacts`: the email field; `tasks`: the subject field. */
  field?: string
}

const filterCondition = (filter: SourceFilter): Condition => {
  switch (filter.op) {
    case "equals":
      return { field: filter.field, op: "=", value: filter.value }
    case "not_equals":
      return { field: filter.field, op: "!=", value: filter.value }
    case "starts_with":
      return { field: filter.field, op: "LIKE", startsWith: filter.value }
    case "is_true":
      return { field: filter.field, op: "=", value: true }
    case "is_false":
      return { field: filter.field, op: "=", value: false }
    case "is_null":
      return { field: filter.field, op: "=", value: null }
    case "is_not_null":
      return { field: filter.field, op: "!=", value: null }
  }
}

/** Same object, lookup and filters: one query gives all these facts. */
const groupKey = (source: RelatedSource) =>
  JSON.stringify([source.object.toLowerCase(), source.relationship.toLowerCase(), source.filters])

/** The task subject that marks a step done: `[SOP AD4] Send the 30-day recap` → `AD4`. */
export function stepKeyOfTaskSubject(subject: string): string | undefined {
  const match = /^\[SOP ([^\]\s]{1,10})\]/.exec(subject)
  const key = match?.[1]
  return key !== undefined && STEP_KEY_PATTERN.test(key) ? key : undefined
}

/** The prefix every SOP task subject starts with. */
export const SOP_TASK_PREFIX = "[SOP "

/**
 * The flat queries that read the related facts of these accounts (one account for a view, a
 * batch of at most IN_BATCH for the book). Each is one object; rows come newest first.
 * Throws SoqlError for a name or id that is not one (the settings schema refuses them first).
 */
export function relatedQueries(accountIds: readonly string[], salesforce: SalesforceSettings): RelatedQuery[] {
  if (accountIds.length === 0) return []
  if (accountIds.length > IN_BATCH) throw new Error(`at most ${IN_BATCH} accounts per query, got ${accountIds.length}`)
  const ids = accountIds.map((id) => {
    const id18 = toId18(id)
    if (id18 === undefined || !isAccountId(id18)) throw new Error(`not a Salesforce Account id: ${id}`)
    return soqlId(id18)
  })
  const forAccounts = (relationship: string): Condition =>
    ids.length === 1 && ids[0] !== undefined
      ? { field: relationship, op: "=", value: ids[0] }
      : { field: relationship, op: "IN", values: ids }
  const queries: RelatedQuery[] = []

  const groups = new Map<string, { source: RelatedSource; facts: { fact: MappableFact; field: string }[] }>()
  for (const source of salesforce.related) {
    const key = groupKey(source)
    const group = groups.get(key) ?? { source, facts: [] }
    group.facts.push({ fact: source.fact, field: source.field })
    groups.set(key, group)
  }
  for (const { source, facts } of groups.values()) {
    const where = forAccounts(source.relationship)
    queries.push({
      key: `q${queries.length}`,
      kind: "newest",
      object: source.object,
      relationship: source.relationship,
      facts,
      soql: buildSoql({
        select: ["Id", source.relationship, "CreatedDate", ...facts.map((f) => f.field)],
        from: source.object,
        where: source.filters.length === 0 ? where : { and: [where, ...source.filters.map(filterCondition)] },
        orderBy: [
          { field: "CreatedDate", direction: "DESC" },
          { field: "Id", direction: "DESC" }
        ],
        // One account needs only its newest row; a batch takes every row and keeps each account's newest.
        ...(ids.length === 1 ? { limit: 1 } : {})
      })
    })
  }
  const { contacts, stepTasks } = salesforce
  if (contacts.object !== "") {
    queries.push({
      key: `q${queries.length}`,
      kind: "contacts",
      object: contacts.object,
      relationship: contacts.relationship,
      facts: [],
      field: contacts.field,
      soql: buildSoql({
        select: ["Id", contacts.relationship, contacts.field],
        from: contacts.object,
        where: { and: [forAccounts(contacts.relationship), { field: contacts.field, op: "!=", value: null }] },
        orderBy: [{ field: "Id", direction: "ASC" }]
      })
    })
  }
  if (stepTasks.object !== "") {
    queries.push({
      key: `q${queries.length}`,
      kind: "tasks",
      object: stepTasks.object,
      relationship: stepTasks.relationship,
      facts: [],
      field: stepTasks.subjectField,
      soql: buildSoql({
        // Who made the task and when: the panel says who checked the step off (issue 12).
        select: ["Id", stepTasks.relationship, stepTasks.subjectField, "CreatedDate"],
        lookups: [{ relationship: "CreatedBy", field: "Name" }],
        from: stepTasks.object,
        where: {
          and: [
            forAccounts(stepTasks.relationship),
            { field: stepTasks.subjectField, op: "LIKE", startsWith: SOP_TASK_PREFIX }
          ]
        },
        orderBy: [{ field: "Id", direction: "ASC" }]
      })
    })
  }
  return queries
}

/** A query's answer: its rows, or why it failed (the facts it gives are then problems). */
export type RelatedAnswer = { ok: true; rows: Record<string, unknown>[] } | { ok: false; message: string }

export interface RelatedFacts {
  facts: Partial<AccountFactsInput>
  /** Where each fact came from: `Onboarding__c.LMS_Set_Up_Completed_Date__c (a0B…)`. */
  sources: Partial<Record<MappableFact | "contactEmails", string>>
  /** Step keys done by an `[SOP <key>]` task. */
  done: string[]
  /** Per step key: who created its task, on which (local) day, and when (ms). The oldest task counts. */
  doneBy: Record<string, { by: string; on: string; at: number }>
  problems: FieldProblem[]
  /** What was used only in part (a contact list over MAX_CONTACT_EMAILS): the fact is still set. */
  notes: { fact: "contactEmails"; field: string; message: string }[]
}

/** Contact emails kept per account: enough for any real account, and a bound on a broken one. */
export const MAX_CONTACT_EMAILS = 5_000

const same15 = (a: unknown, id18: string) => typeof a === "string" && a.slice(0, 15) === id18.slice(0, 15)

/** A row's column, found case-insensitively (Salesforce answers with its own spelling). */
function column(row: Record<string, unknown>, field: string): unknown {
  if (field in row) return row[field]
  const lower = field.toLowerCase()
  const match = Object.keys(row).find((name) => name.toLowerCase() === lower)
  return match === undefined ? undefined : row[match]
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * One account's related facts from the answers of `relatedQueries`: for each fact the newest
 * row's value (a null leaves it absent), the contacts' emails, and the steps SOP tasks mark done.
 * A failed query makes each of its facts a problem; nothing else is lost.
 */
export function factsFromRelated(
  accountId: string,
  queries: readonly RelatedQuery[],
  answers: ReadonlyMap<string, RelatedAnswer>,
  options: Pick<ConvertOptions, "timeZone"> = {}
): RelatedFacts {
  const id18 = toId18(accountId) ?? accountId
  const result: RelatedFacts = { facts: {}, sources: {}, done: [], doneBy: {}, problems: [], notes: [] }
  const facts = result.facts as Record<string, unknown>
  for (const query of queries) {
    const answer = answers.get(query.key)
    if (answer === undefined || !answer.ok) {
      const message = answer === undefined ? "not asked" : answer.message
      for (const { fact, field } of query.facts)
        result.problems.push({ fact, field: `${query.object}.${field}`, message: `could not be read: ${message}` })
      continue
    }
    const rows = answer.rows.filter((row) => same15(column(row, query.relationship), id18))
    if (query.kind === "newest") {
      // Rows come newest first (ORDER BY CreatedDate DESC).
      const newest = rows[0]
      if (newest === undefined) continue
      for (const { fact, field } of query.facts) {
        const value = column(newest, field) as RawValue | undefined
        const where = `${query.object}.${field}`
        if (value === undefined) {
          result.problems.push({ fact, field: where, message: "not in Salesforce's answer" })
          continue
        }
        if (value === null) continue
        const converted = convertFact(
          fact,
          value,
          (message) => result.problems.push({ fact, field: where, message }),
          options
        )
        if (!converted.ok) result.problems.push({ fact, field: where, message: converted.message })
        else if (converted.value !== undefined) {
          facts[fact] = converted.value
          result.sources[fact] = `${where} (${String(column(newest, "Id"))})`
        }
      }
    } else if (query.kind === "contacts") {
      const emails = [
        ...new Set(
          rows
            .map((row) => column(row, query.field ?? "Email"))
            .filter((email): email is string => typeof email === "string" && EMAIL.test(email.trim()))
            .map((email) => email.trim().toLowerCase())
        )
      ]
      if (emails.length > MAX_CONTACT_EMAILS) {
        // An account with 160,000 contacts is a data problem, not a book to match Gmail against whole.
        result.notes.push({
          fact: "contactEmails",
          field: `${query.object}.${query.field ?? "Email"}`,
          message: `has ${emails.length.toLocaleString("en-US")} contact emails; only the first ${MAX_CONTACT_EMAILS.toLocaleString("en-US")} are used to match Gmail recipients`
        })
        emails.length = MAX_CONTACT_EMAILS
      }
      if (emails.length > 0) {
        facts.contactEmails = emails
        result.sources.contactEmails = `${query.object}.${query.field ?? "Email"}`
      }
    } else {
      const keys: string[] = []
      for (const row of rows) {
        const subject = column(row, query.field ?? "Subject")
        const key = typeof subject === "string" ? stepKeyOfTaskSubject(subject) : undefined
        if (key === undefined) continue
        keys.push(key)
        const created = column(row, "CreatedDate")
        const at = typeof created === "string" ? parseSalesforceDateTime(created) : undefined
        const creator = column(row, "CreatedBy") as { Name?: unknown } | null | undefined
        const by = typeof creator?.Name === "string" ? decodeHtmlEntities(creator.Name).slice(0, 255) : ""
        const known = result.doneBy[key]
        if (at !== undefined && (known === undefined || at < known.at))
          result.doneBy[key] = { by, on: todayIn(options.timeZone, new Date(at)), at }
      }
      result.done = [...new Set([...result.done, ...keys])]
    }
  }
  return result
}
