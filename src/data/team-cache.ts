/**
 * The Team Lead's cache (Dexie v4): who is on the team, and the team's accounts as Salesforce
 * last gave them, so the team page works without a session and says since when. Every row is
 * validated when read; a row that no longer fits is skipped (the next refresh writes it again:
 * nothing here is entered by hand).
 */
import * as z from "zod"

import { TeamMember } from "../domain/team"
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

/** The team of the org last read (the newest), with its accounts; undefined before the first read. */
export async function readTeam(db: SopPilotDb): Promise<{ team: TeamRow; accounts: TeamAccountRow[] } | undefined> {
  const teams = (await db.teams.toArray()).flatMap((row) => {
    const parsed = TeamRow.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
  const team = teams.sort((a, b) => b.syncedAt - a.syncedAt)[0]
  if (!team) return undefined
  const rows = await db.teamAccounts.where("apiHost").equals(team.apiHost).toArray()
  const accounts = rows.flatMap((row) => {
    const parsed = TeamAccountRow.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
  return { team, accounts }
}

/** Replaces the org's team and its accounts at once: an account that left the team leaves the cache. */
export async function writeTeam(db: SopPilotDb, team: TeamRow, accounts: readonly TeamAccountRow[]): Promise<void> {
  await db.transaction("rw", db.teams, db.teamAccounts, async () => {
    await db.teamAccounts.where("apiHost").equals(team.apiHost).delete()
    await db.teamAccounts.bulkPut([...accounts])
    await db.teams.put(team)
  })
}
