/**
 * The team page's kept summaries (issue 13, speed): a worker that just started reads them
 * instead of planning every account, and they stop holding when the day, the settings or the
 * cached accounts change (a refresh that reads a new `[SOP …]` Task).
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createTeamService } from "~/src/background/team-service"
import { SopPilotDb } from "~/src/data/db"
import {
  readTeamSummary,
  readTeamToSummarise,
  writeTeam,
  writeTeamSummaries,
  type TeamAccountRow
} from "~/src/data/team-cache"
import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS, TeamSettings } from "~/src/domain/settings"
import { teamAccountOf } from "~/src/domain/team"
import { fakeId } from "~/tools/salesforce-data"

const API = "https://acme.my.salesforce.com"
const DAY = "2026-12-02"
const MEMBERS = [
  { id: fakeId("005", 901), name: "Avery Chen" },
  { id: fakeId("005", 902), name: "Blake Ortiz" }
]

let db: SopPilotDb
beforeEach(() => {
  db = new SopPilotDb(`team-summaries-${Math.random()}`)
  vi.useFakeTimers({ toFake: ["Date"] })
  vi.setSystemTime(new Date(`${DAY}T15:00:00Z`))
})
afterEach(async () => {
  vi.useRealTimers()
  db.close()
  await db.delete()
})

const book = () => demoBook(DAY)
const rowsOf = (done: Record<string, string[]> = {}, at = 1): TeamAccountRow[] =>
  book().map((account, i) => {
    const id = toId18(account.id) as string
    return {
      apiHost: API,
      id,
      name: account.name,
      csmId: (MEMBERS[i % 2] as { id: string }).id,
      facts: { ...orgFactsOf(account), done: [...(account.done ?? []), ...(done[id] ?? [])] },
      fetchedAt: at
    }
  })
const team = (syncedAt: number) => ({
  apiHost: API,
  org: "acme",
  leadId: fakeId("005", 900),
  source: "managers" as const,
  members: MEMBERS,
  syncedAt
})
const service = (settings: TeamSettings = DEFAULT_SETTINGS, version?: string) =>
  createTeamService({
    db,
    settings: async () => settings,
    timeZone: async () => "UTC",
    now: () => 9,
    ...(version === undefined ? {} : { version })
  })
/** What the engine gives for the account, planned now. */
const expected = (row: TeamAccountRow, settings: TeamSettings, today: string) =>
  teamAccountOf(buildPlan(AccountFacts.parse({ id: row.id, ...row.facts }), settings, today), row.csmId, today)
const overdueOf = (accounts: { csmId: string; overdue: number }[], csmId: string) =>
  accounts.filter((a) => a.csmId === csmId).reduce((n, a) => n + a.overdue, 0)

/** Changes a cached account behind the service's back (no `writeTeam`): only a replan shows it. */
async function tamper(row: TeamAccountRow): Promise<void> {
  await db.teamAccounts.put({ ...row, facts: { ...row.facts, done: [...(row.facts.done as string[]), "ON1"] } })
}

describe("the team page's kept summaries", () => {
  it("a worker that just started shows the summaries, without the cached accounts", async () => {
    await writeTeam(db, team(1), rowsOf())
    const first = await service().view()
    expect(first.accounts).toHaveLength(book().length)
    for (const row of rowsOf())
      expect(first.accounts.find((a) => a.id === row.id)).toEqual(expected(row, DEFAULT_SETTINGS, DAY))
    // The accounts gone (never so without writeTeam): a fresh service still shows the team.
    await db.teamAccounts.clear()
    const fresh = await service().view()
    expect(fresh.accounts).toEqual(first.accounts)
    expect((await readTeamSummary(db, API))?.day).toBe(DAY)
  })

  it("a new day plans again", async () => {
    const rows = rowsOf()
    await writeTeam(db, team(1), rows)
    const same = service()
    const today = await same.view()
    await tamper(rows[0] as TeamAccountRow)
    // The same day: the summary holds, in memory and in Dexie.
    expect((await same.view()).accounts).toEqual(today.accounts)
    expect((await service().view()).accounts).toEqual(today.accounts)
    vi.setSystemTime(new Date("2026-12-03T15:00:00Z"))
    const tomorrow = await same.view()
    expect(tomorrow.today).toBe("2026-12-03")
    const tampered = (await db.teamAccounts.get([API, (rows[0] as TeamAccountRow).id])) as TeamAccountRow
    expect(tomorrow.accounts.find((a) => a.id === tampered.id)).toEqual(
      expected(tampered, DEFAULT_SETTINGS, "2026-12-03")
    )
    for (const row of rows.slice(1))
      expect(tomorrow.accounts.find((a) => a.id === row.id)).toEqual(expected(row, DEFAULT_SETTINGS, "2026-12-03"))
  })

  it("other settings plan again (a fresh worker too); the settings back, the same summaries", async () => {
    const rows = rowsOf()
    await writeTeam(db, team(1), rows)
    const before = await service().view()
    const behind = before.accounts.find((a) => a.oldestOverdue !== null)
    if (!behind?.oldestOverdue) throw new Error("no overdue account")
    const off = TeamSettings.parse({ ...DEFAULT_SETTINGS, disabledRules: [behind.oldestOverdue.rule] })
    const after = await service(off).view()
    const now = after.accounts.find((a) => a.id === behind.id)
    expect(now?.steps.some((s) => s.rule === behind.oldestOverdue?.rule)).toBe(false)
    for (const row of rows) expect(after.accounts.find((a) => a.id === row.id)).toEqual(expected(row, off, DAY))
    // Equal settings in another object are the same settings.
    const again = TeamSettings.parse(structuredClone(off))
    await tamper(rows[0] as TeamAccountRow)
    expect((await service(again).view()).accounts).toEqual(after.accounts)
  })

  it("another version of SOP Pilot plans again", async () => {
    const rows = rowsOf()
    await writeTeam(db, team(1), rows)
    await service(DEFAULT_SETTINGS, "1.0.0").view()
    await tamper(rows[0] as TeamAccountRow)
    const tampered = (await db.teamAccounts.get([API, (rows[0] as TeamAccountRow).id])) as TeamAccountRow
    const newer = await service(DEFAULT_SETTINGS, "1.0.1").view()
    expect(newer.accounts.find((a) => a.id === tampered.id)).toEqual(expected(tampered, DEFAULT_SETTINGS, DAY))
  })

  it("a refresh with a new [SOP …] Task moves that CSM's count, for a fresh worker too; other accounts keep theirs", async () => {
    const rows = rowsOf()
    await writeTeam(db, team(1), rows)
    const before = await service().view()
    const behind = before.accounts.find((a) => a.oldestOverdue !== null)
    if (!behind?.oldestOverdue) throw new Error("no overdue account")
    // The next read: the account's Task for its oldest overdue step, every row read again.
    await writeTeam(db, team(2), rowsOf({ [behind.id]: [behind.oldestOverdue.key] }, 2))
    for (const view of [await service().view(), await service().view()]) {
      expect(view.syncedAt).toBe(2)
      expect(view.accounts.find((a) => a.id === behind.id)?.overdue).toBe(behind.overdue - 1)
      expect(overdueOf(view.accounts, behind.csmId)).toBe(overdueOf(before.accounts, behind.csmId) - 1)
      const other = MEMBERS.find((m) => m.id !== behind.csmId)?.id ?? ""
      expect(overdueOf(view.accounts, other)).toBe(overdueOf(before.accounts, other))
    }
  })

  it("a summary made from accounts written again meanwhile is not kept", async () => {
    await writeTeam(db, team(1), rowsOf())
    const read = await readTeamToSummarise(db)
    if (!read) throw new Error("no team")
    const writes = read.summary?.writes ?? 0
    await writeTeam(db, team(2), rowsOf())
    const stale = { apiHost: API, writes, day: DAY, settings: "x", accounts: [] }
    expect(await writeTeamSummaries(db, stale)).toBe(false)
    expect((await readTeamSummary(db, API))?.writes).toBe(writes + 1)
    expect(await writeTeamSummaries(db, { ...stale, writes: writes + 1 })).toBe(true)
    expect(await readTeamSummary(db, API)).toMatchObject({ madeAt: writes + 1, writes: writes + 1, settings: "x" })
  })
})
