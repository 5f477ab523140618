/**
 * The Team Lead's cache (Dexie v5): who is on the team, and the team's accounts as Salesforce
 * last gave them, so the team page works without a session and says since when; and (v8) each
 * account's summary as the team page shows it, so a worker that just started reads 1,000
 * summaries instead of planning 1,000 accounts. Every row is validated when read; a row that no
 * longer fits is skipped (the next refresh writes it again: nothing here is entered by hand).
 */
import * as z from "zod"

import { TeamAccount, TeamMember } from "../domain/team"
import type { SopPilotDb } from "./db"

export const TeamRow = z.strictObject({
  /** The org (its API origin), the row's key. */
  apiHost: z.string(),
  org: z.string(),
  /** The signed-in user: the lead. */
  leadId: z.string(),
  /** Where the team came from: the users whose manager is the lead, or the team settings' list. */
  source: z.enum(["managers", "settings"]),
  members: z.array(TeamMember),
  /** When the team's book was last read in full (ms). */
  syncedAt: z.number()
})
export type TeamRow = z.infer<typeof TeamRow>

export const TeamAccountRow = z.strictObject({
  apiHost: z.string(),
  /** 18-char Account id. */
  id: z.string(),
  name: z.string(),
  /** The Account's CSM (User id, 18 chars). */
  csmId: z.string(),
  /** The facts as read (through the field mapping), `done` from `[SOP …]` Tasks. */
  facts: z.record(z.string(), z.unknown()),
  fetchedAt: z.number()
})
export type TeamAccountRow = z.infer<typeof TeamAccountRow>

/**
 * v8: the team's accounts as the team page shows them (`TeamAccount`), one row per org. They
 * hold while three things are as they were when they were made: the day, the settings
 * (`settings`: a fingerprint of the settings in force and the summary's format) and the cached
 * accounts, which change only through `writeTeam`: it counts its writes (`writes`), and the
 * summaries are of the accounts as of write `madeAt`. Each account's summary also carries a
 * fingerprint of the row it was made from (`source`), so after a refresh only the accounts
 * Salesforce changed (facts, a new `[SOP …]` Task, another CSM) are planned again.
 */
export const TeamSummaryRow = z.strictObject({
  apiHost: z.string(),
  writes: z.number().int().nonnegative(),
  madeAt: z.number().int().nonnegative(),
  day: z.string(),
  settings: z.string(),
  accounts: z.array(z.strictObject({ source: z.string(), account: TeamAccount }))
})
export type TeamSummaryRow = z.infer<typeof TeamSummaryRow>

const newestTeam = (rows: unknown[]): TeamRow | undefined =>
  rows
    .flatMap((row) => {
      const parsed = TeamRow.safeParse(row)
      return parsed.success ? [parsed.data] : []
    })
    .sort((a, b) => b.syncedAt - a.syncedAt)[0]

const summaryOf = (row: unknown): TeamSummaryRow | undefined => {
  if (row === undefined) return undefined
  const parsed = TeamSummaryRow.safeParse(row)
  return parsed.success ? parsed.data : undefined
}

/** The team of the org last read (the newest), with its accounts; undefined before the first read. */
export async function readTeam(db: SopPilotDb): Promise<{ team: TeamRow; accounts: TeamAccountRow[] } | undefined> {
  const team = newestTeam(await db.teams.toArray())
  if (!team) return undefined
  const rows = await db.teamAccounts.where("apiHost").equals(team.apiHost).toArray()
  const accounts = rows.flatMap((row) => {
    const parsed = TeamAccountRow.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
  return { team, accounts }
}

/** The team of the org last read (the newest), without its accounts. */
export async function readNewestTeam(db: SopPilotDb): Promise<TeamRow | undefined> {
  return newestTeam(await db.teams.toArray())
}

/** The org's summaries; undefined when none were made or they no longer fit the schema. */
export async function readTeamSummary(db: SopPilotDb, apiHost: string): Promise<TeamSummaryRow | undefined> {
  return summaryOf(await db.teamSummaries.get(apiHost))
}

/** The newest team, its accounts and its summaries, as of one moment (no write between the reads). */
export async function readTeamToSummarise(
  db: SopPilotDb
): Promise<{ team: TeamRow; accounts: TeamAccountRow[]; summary: TeamSummaryRow | undefined } | undefined> {
  return db.transaction("r", db.teams, db.teamAccounts, db.teamSummaries, async () => {
    const read = await readTeam(db)
    if (!read) return undefined
    return { ...read, summary: summaryOf(await db.teamSummaries.get(read.team.apiHost)) }
  })
}

/**
 * Keeps summaries made from the accounts of write `writes` (what `readTeamToSummarise` gave):
 * false, keeping nothing, when `writeTeam` has written the accounts again since.
 */
export async function writeTeamSummaries(db: SopPilotDb, summary: Omit<TeamSummaryRow, "madeAt">): Promise<boolean> {
  return db.transaction("rw", db.teamSummaries, async () => {
    const now = summaryOf(await db.teamSummaries.get(summary.apiHost))
    if ((now?.writes ?? 0) !== summary.writes) return false
    await db.teamSummaries.put({ ...summary, madeAt: summary.writes })
    return true
  })
}

/**
 * Replaces the org's team and its accounts at once: an account that left the team leaves the
 * cache. The org's summaries stop holding (their accounts' fingerprints stay, for the next).
 */
export async function writeTeam(db: SopPilotDb, team: TeamRow, accounts: readonly TeamAccountRow[]): Promise<void> {
  await db.transaction("rw", db.teams, db.teamAccounts, db.teamSummaries, async () => {
    await db.teamAccounts.where("apiHost").equals(team.apiHost).delete()
    await db.teamAccounts.bulkPut([...accounts])
    await db.teams.put(team)
    const old = summaryOf(await db.teamSummaries.get(team.apiHost))
    await db.teamSummaries.put({
      apiHost: team.apiHost,
      writes: (old?.writes ?? 0) + 1,
      madeAt: old?.madeAt ?? 0,
      day: old?.day ?? "",
      settings: old?.settings ?? "",
      accounts: old?.accounts ?? []
    })
  })
}
