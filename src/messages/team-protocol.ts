import * as z from "zod"

import { TeamAccount, TeamMember } from "../domain/team"

/**
 * Messages of the Team Lead's page (issue 13), classic zod, kept out of the content scripts
 * like `settings-protocol.ts`. Only SOP Pilot's own pages may send them (the router's access
 * table): a host page must neither read the team's book nor spend the org's API requests.
 */

/** The team's book as the lead's page shows it: from the cache, planned now. */
export const TeamView = z.strictObject({
  /** `never`: not read yet; `ok`: the last read worked; `failed`: it did not (`message` says why; the cache stays). */
  state: z.enum(["never", "ok", "failed"]),
  message: z.string().max(1000).optional(),
  /** When the team's book was last read in full (ms): the cache's age. */
  syncedAt: z.number().optional(),
  /** The org's API origin (its Lightning host is where an account opens). */
  apiHost: z.string().optional(),
  /** The team came from the users whose manager is the lead, or from the team settings' list. */
  source: z.enum(["managers", "settings"]).optional(),
  /** REST requests the last read sent. */
  requests: z.number().int().nonnegative().optional(),
  today: z.string(),
  members: z.array(TeamMember),
  accounts: z.array(TeamAccount)
})
export type TeamView = z.infer<typeof TeamView>

export const TEAM_REQUESTS = {
  /** The team's book from the cache, planned with today's settings. Extension pages only. */
  "team.view": {
    request: z.strictObject({ name: z.literal("team.view") }),
    response: TeamView
  },
  /** Reads the team and its accounts from Salesforce, then answers as `team.view`. Extension pages only. */
  "team.sync": {
    request: z.strictObject({ name: z.literal("team.sync") }),
    response: TeamView
  }
} as const
