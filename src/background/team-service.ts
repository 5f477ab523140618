/**
 * The Team Lead's page, background side (issue 13): who is on the team (the users whose
 * `ManagerId` is the signed-in user, or the team settings' list), their accounts (the book
 * sync's read with the CSM field `IN (team)`), progress from `[SOP …]` Tasks, cached in Dexie
 * (`team-cache.ts`) and planned by the engine on every view, so the page works from the cache
 * without a session and says since when. Requests: 1 (the user) + 1 (the team) + the book
 * read's (`readBook`: 1,000 accounts → 3).
 */
import { todayIn } from "../domain/dates"
import { mergeFacts } from "../domain/fact-sources"
import { toId18 } from "../domain/ids"
import type { TeamSettings } from "../domain/settings"
import { teamAccountOf, type TeamAccount, type TeamMember } from "../domain/team"
import { buildPlan } from "../domain/engine"
import { buildSoql, soqlId } from "../hosts/salesforce/soql"
import { readAllAccounts } from "../data/accounts"
import type { SopPilotDb } from "../data/db"
import { readTeam, writeTeam, type TeamAccountRow, type TeamRow } from "../data/team-cache"
import type { TeamView } from "../messages/team-protocol"
import { orgOf, readBook } from "./book-sync"
import { connect, SalesforceError, statusOfThrown, type SalesforceClientDeps } from "./salesforce"

export interface TeamServiceDeps {
  db: SopPilotDb
  settings: () => Promise<TeamSettings>
  timeZone: () => Promise<string | undefined>
  now: () => number
  client?: SalesforceClientDeps
}

/** A team is at most one `IN` batch of users. */
export const MAX_TEAM = 200

const userId = (value: unknown): string | undefined =>
  typeof value === "string" && /^005/.test(value) ? toId18(value) : undefined

export function createTeamService(deps: TeamServiceDeps) {
  let running: Promise<TeamView> | undefined
  /** The last read's failure, until a read works (not kept across worker restarts: the cache's age is). */
  let failure: { message: string; requests: number } | undefined
  /** Each account's summary, kept while the settings, the day and the row are the same. */
  const kept = new Map<string, { row: TeamAccountRow; account: TeamAccount }>()
  let keptFor: { settings: TeamSettings; today: string } | undefined
  /** REST requests the last read that worked sent. */
  let lastRequests: number | undefined

  async function view(): Promise<TeamView> {
    const [settings, timeZone, cached] = await Promise.all([deps.settings(), deps.timeZone(), readTeam(deps.db)])
    const today = todayIn(timeZone || undefined)
    const status = failure
      ? { state: "failed" as const, message: failure.message, requests: failure.requests }
      : {
          state: cached ? ("ok" as const) : ("never" as const),
          ...(lastRequests === undefined ? {} : { requests: lastRequests })
        }
    if (!cached) return { ...status, today, members: [], accounts: [] }
    if (keptFor?.settings !== settings || keptFor.today !== today) {
      kept.clear()
      keptFor = { settings, today }
    }
    const accounts = cached.accounts.map((row) => {
      const key = `${row.apiHost} ${row.id}`
      const old = kept.get(key)
      // Every read rewrites every row with its own time: the same time is the same row.
      if (old && old.row.fetchedAt === row.fetchedAt && old.row.csmId === row.csmId) return old.account
      const done = Array.isArray(row.facts.done) ? row.facts.done.filter((k): k is string => typeof k === "string") : []
      const merged = mergeFacts({
        accountId: row.id,
        pageName: row.name,
        salesforce: { facts: row.facts, stamps: {}, stamp: 0, fetchedAt: row.fetchedAt },
        manual: {},
        done
      })
      const account = teamAccountOf(buildPlan(merged.facts, settings, today), row.csmId, today)
      kept.set(key, { row, account })
      return account
    })
    return {
      ...status,
      syncedAt: cached.team.syncedAt,
      apiHost: cached.team.apiHost,
      source: cached.team.source,
      today,
      members: cached.team.members,
      accounts
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
