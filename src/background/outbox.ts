/**
 * The outbox (issue 12): every write to Salesforce — a check-off's `[SOP <key>]` Task, its
 * removal, a fact written to its field — is a row in Dexie first, then sent by this worker.
 *
 * - In order per account (`seq`); a change Salesforce has not taken yet holds back the account's
 *   later ones, so a check-off and its undo never arrive swapped.
 * - Failures that pass (no answer, 503, 429, `REQUEST_LIMIT_EXCEEDED`, an expired session) are
 *   tried again after 30 s, doubling to 30 min, woken by chrome.alarms (never polling); the rows
 *   are in Dexie, so a restarted service worker carries on where the last one stopped.
 * - A change Salesforce refuses for good (a validation rule, a read-only field, a 400, a record
 *   changed since it was read) stays, refused, with Salesforce's words, until the CSM drops it
 *   or tries it again.
 * - Idempotent: a step's Task is looked for before one is created, and a related row before one
 *   is made, so an attempt whose answer was lost creates nothing twice.
 */
import { isSalesforceId } from "../domain/ids"
import type { TeamSettings } from "../domain/settings"
import { isPassing, retryDelayMs, taskPrefix, waitingReason } from "../domain/write-back"
import type { AccountKey, SopPilotDb } from "../data/db"
import {
  enqueue,
  outboxRow,
  readAllOutbox,
  readOutbox,
  removeOutboxRow,
  updateOutboxRow,
  type OutboxChange,
  type StoredOutboxRow
} from "../data/outbox"
import { buildSoql, isApiName, soqlId } from "../hosts/salesforce/soql"
import type { AccountWrites } from "../messages/protocol"
import { SalesforceError, type SalesforceConnection } from "./salesforce"

export interface OutboxDeps {
  db: SopPilotDb
  settings: () => Promise<TeamSettings>
  /** Opens the org with the CSM's session (the default cookie store's). */
  connect: (apiHost: string, settings: TeamSettings) => Promise<SalesforceConnection>
  now: () => number
  /** Wakes `run` at this time (chrome.alarms); undefined: nothing waits. */
  schedule: (when: number | undefined) => void
  /** The account's changes moved (sent, refused, waiting): its views re-read. */
  changed: (accountId: string) => void
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** Salesforce took the change, or refused it for good, or it should be tried again later. */
type Outcome = { ok: true } | { ok: false; passing: boolean; kind: string; message: string; detail: string }

const RECORD_CHANGED =
  "Someone changed this record in Salesforce after SOP Pilot read it, so it was not overwritten. Read Salesforce again, then decide."

function outcomeOf(error: unknown): Outcome {
  if (error instanceof SalesforceError) {
    if (error.status === 412)
      return { ok: false, passing: false, kind: "conflict", message: RECORD_CHANGED, detail: error.detail }
    return {
      ok: false,
      passing: isPassing(error.kind),
      kind: error.kind,
      message: error.message,
      detail: error.detail
    }
  }
  return {
    ok: false,
    passing: false,
    kind: "server",
    message: "SOP Pilot could not send this change.",
    detail: clip(String(error), 1000)
  }
}

/** An HTTP date a whole second after `ms`: a record changed within the same second is not called changed. */
const httpDate = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000).toUTCString()

const checkName = (name: string) => {
  if (!isApiName(name)) throw new Error(`not an API name: ${clip(name, 80)}`)
  return name
}
const checkId = (id: unknown): string => {
  if (typeof id !== "string" || !isSalesforceId(id)) throw new Error(`not a Salesforce id: ${clip(String(id), 40)}`)
  return id
}

/** What a change does, in the CSM's words (the panel lists waiting and refused changes). */
export function describeChange(change: OutboxChange): string {
  if (change.kind === "task")
    return change.done ? `Task “${change.subject}”` : `Delete the task of ${change.key} (reopened)`
  const value = change.value === null ? "(empty)" : String(change.value)
  return change.onlyIfStill === undefined
    ? `${change.object}.${change.field} = ${value}`
    : `${change.object}.${change.field} = ${value}, if it still holds ${String(change.onlyIfStill)} (reopened)`
}

/**
 * The record a field change goes to: the account itself (no relationship), else the account's
 * newest related row (the one the org's own pages show as current).
 */
function writtenRecordSoql(object: string, relationship: string | undefined, accountId: string, select: string[]) {
  return buildSoql({
    select,
    from: object,
    where: { field: relationship ?? "Id", op: "=", value: soqlId(accountId) },
    ...(relationship === undefined
      ? {}
      : {
          orderBy: [
            { field: "CreatedDate", direction: "DESC" as const },
            { field: "Id", direction: "DESC" as const }
          ]
        }),
    limit: 1
  })
}

/** Whether a field read back holds the value written: a date field may come back as a date-time. */
const holds = (current: unknown, written: string | number): boolean =>
  current === written ||
  (typeof current === "string" &&
    typeof written === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(written) &&
    current.startsWith(`${written}T`))

export function createOutbox(deps: OutboxDeps) {
  const { db } = deps
  /** The signed-in user's id per org: a Task's owner. */
  const users = new Map<string, string>()
  let running: Promise<void> | undefined
  let again = false

  async function userOf(org: SalesforceConnection): Promise<string | undefined> {
    const known = users.get(org.apiHost)
    if (known) return known
    const me = (await org.request("GET", "/chatter/users/me")) as { id?: unknown } | undefined
    const id = typeof me?.id === "string" && isSalesforceId(me.id) ? me.id : undefined
    if (id) users.set(org.apiHost, id)
    return id
  }

  async function applyTask(
    org: SalesforceConnection,
    settings: TeamSettings,
    row: StoredOutboxRow,
    change: Extract<OutboxChange, { kind: "task" }>
  ): Promise<void> {
    const { stepTasks } = settings.salesforce
    if (stepTasks.object === "") return // the team keeps no SOP Tasks: nothing to write
    const object = checkName(stepTasks.object)
    const subjectField = checkName(stepTasks.subjectField)
    const relationship = checkName(stepTasks.relationship)
    const existing = await org.query(
      buildSoql({
        select: ["Id", subjectField],
        from: object,
        where: {
          and: [
            { field: relationship, op: "=", value: soqlId(row.accountId) },
            { field: subjectField, op: "LIKE", startsWith: taskPrefix(change.key) }
          ]
        },
        orderBy: [{ field: "Id", direction: "ASC" }]
      })
    )
    if (change.done) {
      if (existing.length > 0) return // created before (by an attempt whose answer was lost, or by anyone)
      const fields: Record<string, unknown> = { [subjectField]: change.subject, [relationship]: row.accountId }
      if (object === "Task") {
        fields.Status = "Completed"
        fields.ActivityDate = change.on
        const owner = await userOf(org)
        if (owner) fields.OwnerId = owner
      }
      await org.request("POST", `/sobjects/${object}`, fields)
      return
    }
    for (const task of existing) {
      try {
        await org.request("DELETE", `/sobjects/${object}/${checkId(task.Id)}`)
      } catch (error) {
        // Deleted already (by someone else, or by an attempt whose answer was lost).
        if (!(error instanceof SalesforceError && error.kind === "not_found")) throw error
      }
    }
  }

  async function applyField(
    org: SalesforceConnection,
    row: StoredOutboxRow,
    change: Extract<OutboxChange, { kind: "field" }>
  ): Promise<void> {
    const field = checkName(change.field)
    const object = checkName(change.object)
    const headers =
      change.unmodifiedSince === undefined ? undefined : { "If-Unmodified-Since": httpDate(change.unmodifiedSince) }
    if (change.onlyIfStill !== undefined) {
      await undoField(org, row, change, change.onlyIfStill)
      return
    }
    if (object === "Account" || change.relationship === undefined) {
      await org.request(
        "PATCH",
        `/ui-api/records/${checkId(row.accountId)}`,
        { fields: { [field]: change.value } },
        headers
      )
      return
    }
    const relationship = checkName(change.relationship)
    const [newest] = await org.query(writtenRecordSoql(object, relationship, row.accountId, ["Id"]))
    if (newest) {
      await org.request(
        "PATCH",
        `/ui-api/records/${checkId(newest.Id)}`,
        { fields: { [field]: change.value } },
        headers
      )
      return
    }
    // No row yet: make the account's first one (the read finds it next time, so a retry patches it).
    await org.request("POST", "/ui-api/records", {
      apiName: object,
      fields: { [relationship]: row.accountId, [field]: change.value }
    })
  }

  /**
   * Clears (sets to `change.value`) the field of the record a check-off wrote to, if it still
   * holds what was written: read, compare, write. Nothing to do when it changed or is gone.
   */
  async function undoField(
    org: SalesforceConnection,
    row: StoredOutboxRow,
    change: Extract<OutboxChange, { kind: "field" }>,
    written: string | number
  ): Promise<void> {
    const field = checkName(change.field)
    const object = checkName(change.object)
    const related = object === "Account" ? undefined : change.relationship
    // The same record the check-off wrote to: the account, or its newest related row.
    const [record] = await org.query(
      writtenRecordSoql(object, related === undefined ? undefined : checkName(related), row.accountId, ["Id", field])
    )
    if (!record || !holds(record[field], written)) return
    await org.request("PATCH", `/ui-api/records/${checkId(record.Id)}`, { fields: { [field]: change.value } })
  }

  async function apply(org: SalesforceConnection, settings: TeamSettings, row: StoredOutboxRow): Promise<Outcome> {
    try {
      if (row.change.kind === "task") await applyTask(org, settings, row, row.change)
      else await applyField(org, row, row.change)
      return { ok: true }
    } catch (error) {
      return outcomeOf(error)
    }
  }

  /** Every waiting row of one org waits until `nextAt` (a failure that passes is the org's, not one row's). */
  async function holdOrg(rows: StoredOutboxRow[], failed: StoredOutboxRow, outcome: Outcome & { ok: false }) {
    const attempts = failed.attempts + 1
    const nextAt = deps.now() + retryDelayMs(attempts)
    const error = { kind: outcome.kind, message: clip(outcome.message, 1000), detail: clip(outcome.detail, 1000) }
    for (const row of rows) {
      if (row.state !== "waiting") continue
      await updateOutboxRow(db, { ...row, nextAt, error, attempts: row.seq === failed.seq ? attempts : row.attempts })
    }
  }

  async function runOnce(): Promise<void> {
    const settings = await deps.settings()
    const all = await readAllOutbox(db)
    const touched = new Set<string>()
    if (settings.salesforce.writeBack) {
      const byOrg = new Map<string, StoredOutboxRow[]>()
      for (const row of all) byOrg.set(row.apiHost, [...(byOrg.get(row.apiHost) ?? []), row])
      for (const [apiHost, rows] of byOrg) {
        const now = deps.now()
        const due = rows.filter((row) => row.state === "waiting" && row.nextAt <= now)
        if (due.length === 0) continue
        let org: SalesforceConnection
        try {
          org = await deps.connect(apiHost, settings)
        } catch (error) {
          const outcome = outcomeOf(error)
          if (!outcome.ok) await holdOrg(rows, due[0] as StoredOutboxRow, { ...outcome, passing: true })
          for (const row of rows) touched.add(row.accountId)
          continue
        }
        const blocked = new Set<string>()
        for (const row of rows) {
          if (row.state !== "waiting") continue
          // In order per account: a row still waiting holds back the account's later ones.
          if (blocked.has(row.accountId) || row.nextAt > now) {
            blocked.add(row.accountId)
            continue
          }
          touched.add(row.accountId)
          const outcome = await apply(org, settings, row)
          if (outcome.ok) {
            await removeOutboxRow(db, row.seq)
            continue
          }
          if (outcome.passing) {
            await holdOrg(await readAllOutbox(db).then((r) => r.filter((x) => x.apiHost === apiHost)), row, outcome)
            for (const other of rows) touched.add(other.accountId)
            break
          }
          await updateOutboxRow(db, {
            ...row,
            state: "refused",
            attempts: row.attempts + 1,
            error: { kind: outcome.kind, message: clip(outcome.message, 1000), detail: clip(outcome.detail, 1000) }
          })
        }
      }
    }
    // Each account's first waiting change decides when it goes on (the later ones follow it).
    const heads = new Map<string, number>()
    for (const row of await readAllOutbox(db)) {
      const account = `${row.apiHost} ${row.accountId}`
      if (row.state === "waiting" && !heads.has(account)) heads.set(account, row.nextAt)
    }
    deps.schedule(settings.salesforce.writeBack && heads.size > 0 ? Math.min(...heads.values()) : undefined)
    for (const accountId of touched) deps.changed(accountId)
  }

  /** Sends what is due; one run at a time (a call during a run runs once more after it). */
  function run(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await runOnce()
        } while (again)
      } finally {
        running = undefined
      }
    })()
    return running
  }

  return {
    /** Queues a change for an account and sends it now (if Salesforce answers). */
    async add(key: AccountKey, change: OutboxChange): Promise<void> {
      await enqueue(db, key, change, deps.now())
      void run().catch((error: unknown) => console.warn("SOP Pilot: outbox:", error))
    },

    run,

    /** Tries again now: one change (a refused one too), or every waiting change of the account's org. */
    async retry(key: AccountKey, seq?: number): Promise<void> {
      const now = deps.now()
      if (seq !== undefined) {
        const row = await outboxRow(db, seq)
        if (!row || row.apiHost !== key.apiHost || row.accountId !== key.accountId) return
        await updateOutboxRow(db, { ...row, state: "waiting", nextAt: now })
      } else {
        for (const row of await readAllOutbox(db))
          if (row.apiHost === key.apiHost && row.state === "waiting") await updateOutboxRow(db, { ...row, nextAt: now })
      }
      await run()
    },

    /** Drops a change (the local state stays as it is). */
    async drop(key: AccountKey, seq: number): Promise<void> {
      const row = await outboxRow(db, seq)
      if (!row || row.apiHost !== key.apiHost || row.accountId !== key.accountId) return
      await removeOutboxRow(db, seq)
      deps.changed(key.accountId)
    },

    /** What the account's view says of its changes: how many wait and why, and each refused one. */
    async summary(key: AccountKey): Promise<AccountWrites | undefined> {
      const rows = await readOutbox(db, key)
      if (rows.length === 0) return undefined
      const settings = await deps.settings()
      const waiting = rows.filter((row) => row.state === "waiting")
      const last = waiting.find((row) => row.error !== undefined)?.error
      const nextAt = waiting[0]?.nextAt
      const reason = !settings.salesforce.writeBack
        ? "Writing back to Salesforce is turned off in the team settings."
        : last === undefined
          ? waitingReason(undefined)
          : `${waitingReason(last.kind as Parameters<typeof waitingReason>[0])} ${clip(last.detail, 300)}`
      return {
        waiting: waiting.length,
        reason: clip(reason, 1000),
        ...(nextAt === undefined || last === undefined ? {} : { nextAt }),
        refused: rows
          .filter((row) => row.state === "refused")
          .slice(0, 20)
          .map((row) => ({
            seq: row.seq,
            what: clip(describeChange(row.change), 500),
            message: clip(row.error?.message ?? "Salesforce refused this change.", 1000),
            detail: clip(row.error?.detail ?? "", 1000)
          }))
      }
    }
  }
}
export type OutboxService = ReturnType<typeof createOutbox>
