/**
 * The Team Lead's page, background side (issue 13): who is on the team (the users whose
 * `ManagerId` is the signed-in user, or the team settings' list), their accounts (the book
 * sync's read with the CSM field `IN (team)`), progress from `[SOP …]` Tasks, cached in Dexie
 * (`team-cache.ts`), so the page works from the cache without a session and says since when.
 * Each account's plan is summarised once and kept in Dexie with the day, the settings and the
 * row it came from: a view reads the summaries, and plans only what changed (a refresh, a new
 * day, other settings). Requests: 1 (the user) + 1 (the team) + the book read's (`readBook`:
 * 1,000 accounts → 3).
 */
import { todayIn } from "../domain/dates"
import { mergeFacts } from "../domain/fact-sources"
import { fingerprint } from "../domain/fingerprint"
import { toId18 } from "../domain/ids"
import type { TeamSettings } from "../domain/settings"
import { teamAccountOf, type TeamAccount, type TeamMember } from "../domain/team"
import { buildPlan } from "../domain/engine"
import { buildSoql, soqlId } from "../hosts/salesforce/soql"
import { readAllAccounts } from "../data/accounts"
import {
  readNewestTeam,
  readTeam,
  readTeamSummary,
  readTeamToSummarise,
  writeTeam,
  writeTeamSummaries,
  type TeamAccountRow,
  type TeamRow,
  type TeamSummaryRow
} from "../data/team-cache"
import type { TeamView } from "../messages/team-protocol"
import { orgOf, readBook, type OrgReadDeps } from "./book-sync"
import { connect, SalesforceError, statusOfThrown, type SalesforceClientDeps } from "./salesforce"

export interface TeamServiceDeps extends OrgReadDeps {
  /** The extension's version: summaries made by another version's engine are made again. */
  version?: string
}

/** Bump when what a summary holds, or how the engine makes it, changes within a version. */
export const SUMMARY_FORMAT = 1

/** The fingerprint of the settings a summary is planned with (and the summary's format). */
const settingsKeys = new WeakMap<TeamSettings, string>()
function settingsKeyOf(settings: TeamSettings, version: string): string {
  // Settings come from a cache that keeps the same object until they change.
  let key = settingsKeys.get(settings)
  if (key === undefined) {
    key = fingerprint(JSON.stringify(settings))
    settingsKeys.set(settings, key)
  }
  return `${SUMMARY_FORMAT} ${version} ${key}`
}

/** What an account's summary is made from besides the day and the settings: its row as read. */
const sourceOf = (row: TeamAccountRow): string => fingerprint(JSON.stringify([row.id, row.name, row.csmId, row.facts]))

function summarise(row: TeamAccountRow, settings: TeamSettings, today: string): TeamAccount {
  const done = Array.isArray(row.facts.done) ? row.facts.done.filter((k): k is string => typeof k === "string") : []
  const merged = mergeFacts({
    accountId: row.id,
    pageName: row.name,
    salesforce: { facts: row.facts, stamps: {}, stamp: 0, fetchedAt: row.fetchedAt },
    manual: {},
    done
  })
  return teamAccountOf(buildPlan(merged.facts, settings, today), row.csmId, today)
}

/** A team is at most one `IN` batch of users. */
export const MAX_TEAM = 200

const userId = (value: unknown): string | undefined =>
  typeof value === "string" && /^005/.test(value) ? toId18(value) : undefined

export function createTeamService(deps: TeamServiceDeps) {
  let running: Promise<TeamView> | undefined
  /** The last read's failure, until a read works (not kept across worker restarts: the cache's age is). */
  let failure: { message: string; requests: number } | undefined
  /**
   * The summaries last read or made, while they hold (a worker still up: no Dexie read of them).
   * This service is the one writer of the team's cache: `run` forgets them before it writes.
   */
  let kept: { apiHost: string; syncedAt: number; day: string; settings: string; accounts: TeamAccount[] } | undefined
  /** REST requests the last read that worked sent. */
  let lastRequests: number | undefined

  /** Summaries made of the accounts as they are now (no `writeTeam` since), today, with these settings. */
  const holds = (summary: TeamSummaryRow, day: string, settings: string) =>
    summary.madeAt === summary.writes && summary.day === day && summary.settings === settings

  /** The team's accounts summarised: kept ones where their row, the day and the settings are the same. */
  async function summaries(settings: TeamSettings, day: string, key: string): Promise<TeamAccount[] | undefined> {
    const cached = await readTeamToSummarise(deps.db)
    if (!cached) return undefined
    if (cached.summary && holds(cached.summary, day, key)) return cached.summary.accounts.map((a) => a.account)
    const old = cached.summary
    const reusable =
      old && old.day === day && old.settings === key ? new Map(old.accounts.map((a) => [a.account.id, a])) : undefined
    const made = cached.accounts.map((row) => {
      const source = sourceOf(row)
      const before = reusable?.get(row.id)
      return before?.source === source ? before : { source, account: summarise(row, settings, day) }
    })
    const writes = old?.writes ?? 0
    const accounts = made.map((m) => m.account)
    const apiHost = cached.team.apiHost
    if (await writeTeamSummaries(deps.db, { apiHost, writes, day, settings: key, accounts: made }))
      kept = { apiHost, syncedAt: cached.team.syncedAt, day, settings: key, accounts }
    return accounts
  }

  async function view(): Promise<TeamView> {
    const [settings, timeZone, team] = await Promise.all([deps.settings(), deps.timeZone(), readNewestTeam(deps.db)])
    const today = todayIn(timeZone || undefined)
    const status = failure
      ? { state: "failed" as const, message: failure.message, requests: failure.requests }
      : {
          state: team ? ("ok" as const) : ("never" as const),
          ...(lastRequests === undefined ? {} : { requests: lastRequests })
        }
    if (!team) return { ...status, today, members: [], accounts: [] }
    const key = settingsKeyOf(settings, deps.version ?? "")
    let accounts: TeamAccount[] | undefined
    // The summaries hold (the same day and settings, no write of the accounts since they were
    // made): kept in memory, else as Dexie has them; else made again from the cached accounts.
    if (
      kept?.apiHost === team.apiHost &&
      kept.syncedAt === team.syncedAt &&
      kept.day === today &&
      kept.settings === key
    )
      accounts = kept.accounts
    else {
      const summary = await readTeamSummary(deps.db, team.apiHost)
      if (summary && holds(summary, today, key)) {
        accounts = summary.accounts.map((a) => a.account)
        kept = { apiHost: team.apiHost, syncedAt: team.syncedAt, day: today, settings: key, accounts }
      } else accounts = await summaries(settings, today, key)
    }
    return {
      ...status,
      syncedAt: team.syncedAt,
      apiHost: team.apiHost,
      source: team.source,
      today,
      members: team.members,
      accounts: accounts ?? []
    }
  }

  async function run(): Promise<TeamView> {
    let requests = 0
    const client: SalesforceClientDeps = {
      ...deps.client,
      onRequest: (method, url) => {
        requests++
        deps.client?.onRequest?.(method, url)
      }
    }
    const [settings, timeZone, cachedBook, cachedTeam] = await Promise.all([
      deps.settings(),
      deps.timeZone(),
      readAllAccounts(deps.db),
      readTeam(deps.db)
    ])
    const target =
      orgOf(cachedBook) ?? (cachedTeam ? { apiHost: cachedTeam.team.apiHost, org: cachedTeam.team.org } : undefined)
    if (!target) {
      failure = {
        message: "Open an Account in Salesforce once: SOP Pilot then knows your org and reads your team's book.",
        requests: 0
      }
      return view()
    }
    try {
      const { salesforce } = settings
      const org = await connect({ apiHost: target.apiHost, apiVersion: salesforce.apiVersion }, client)
      const me = userId(((await org.request("GET", "/chatter/users/me")) as { id?: unknown } | undefined)?.id)
      if (me === undefined) throw new Error("chatter/users/me did not give a user id")
      const listed = salesforce.teamMembers
      const users = await org.query(
        buildSoql({
          select: ["Id", "Name"],
          from: "User",
          where:
            listed.length > 0
              ? { field: "Id", op: "IN", values: listed.slice(0, MAX_TEAM).map(soqlId) }
              : { field: "ManagerId", op: "=", value: soqlId(me) },
          orderBy: [{ field: "Name", direction: "ASC" }],
          limit: MAX_TEAM
        })
      )
      const members: TeamMember[] = users.flatMap((user) => {
        const id = userId(user.Id)
        return id ? [{ id, name: typeof user.Name === "string" && user.Name !== "" ? user.Name : id }] : []
      })
      const now = deps.now()
      const previous = new Map((cachedTeam?.accounts ?? []).map((row) => [`${row.apiHost} ${row.id}`, row]))
      const rows: TeamAccountRow[] = []
      if (members.length > 0) {
        const { accounts: fresh } = await readBook(
          org,
          salesforce,
          { field: salesforce.csmField, op: "IN", values: members.map((m) => soqlId(m.id)) },
          timeZone ? { timeZone } : {},
          async () => undefined
        )
        for (const [id, read] of fresh) {
          const facts: Record<string, unknown> = { ...read.facts, done: read.done }
          // A value that could not be used keeps the last good one, as the CSM's own book does.
          const last = previous.get(`${target.apiHost} ${id}`)?.facts
          for (const fact of read.problems)
            if (facts[fact] === undefined && last?.[fact] !== undefined) facts[fact] = last[fact]
          const name = typeof read.facts.name === "string" && read.facts.name !== "" ? read.facts.name : id
          rows.push({ apiHost: target.apiHost, id, name, csmId: read.csmId, facts, fetchedAt: now })
        }
      }
      const team: TeamRow = {
        apiHost: target.apiHost,
        org: target.org,
        leadId: me,
        source: listed.length > 0 ? "settings" : "managers",
        members,
        syncedAt: now
      }
      kept = undefined
      await writeTeam(deps.db, team, rows)
      failure = undefined
      lastRequests = requests
      return view()
    } catch (error) {
      const status = statusOfThrown(error)
      failure = {
        message: error instanceof SalesforceError ? error.message : (status.message ?? String(error)),
        requests
      }
      return view()
    }
  }

  return {
    /** The team's book from the cache, planned now. */
    view,
    /** Reads the team's book from Salesforce now; a read already running is joined. */
    sync(): Promise<TeamView> {
      running ??= run().finally(() => {
        running = undefined
      })
      return running
    }
  }
}
export type TeamService = ReturnType<typeof createTeamService>
