/**
 * The background side of the Gmail compose panel (issue #5): which cached accounts a compose's
 * recipients belong to, the account remembered per Gmail thread (Dexie v2 `threads`), and what
 * the panel drafts with (the account's view, the CSM's profile fields, the team's links and
 * template wording). Only the background reads Dexie and settings; the panel asks.
 */
import { mergeFacts } from "../domain/fact-sources"
import { identityOf, type CsmIdentity } from "../domain/profile"
import { matchAccounts, type MatchableAccount } from "../domain/recipients"
import type { TeamSettings } from "../domain/settings"
import { manualOf, readAccount, readAllAccounts, snapshotOf } from "../data/accounts"
import { ThreadAccountRow, type SopPilotDb } from "../data/db"
import type { AccountView, ComposeContext, ComposeMatch } from "../messages/protocol"
import { InputError } from "./account-service"

export interface ComposeServiceDeps {
  db: SopPilotDb
  viewById: (accountId: string) => Promise<AccountView | undefined>
  settings: () => Promise<TeamSettings>
  /** The CSM's profile; only its merge fields leave the background. */
  profile: () => Promise<CsmIdentity>
  now: () => number
}

const NOT_CACHED = "This account is not known to SOP Pilot yet: open it in Salesforce first."

export function createComposeService(deps: ComposeServiceDeps) {
  const { db } = deps

  /** Every cached account as matching sees it: merged facts (Salesforce ⊕ manual). */
  async function matchable(): Promise<MatchableAccount[]> {
    const accounts = await readAllAccounts(db)
    return accounts.map((account) => {
      const { facts } = mergeFacts({
        accountId: account.id,
        pageName: account.name,
        salesforce: snapshotOf(account),
        manual: manualOf(account),
        done: []
      })
      return { accountId: account.id, name: facts.name, website: facts.website, contactEmails: facts.contactEmails }
    })
  }

  return {
    /** The accounts `emails` belong to, best first, and the one remembered for `threadId` (when still cached). */
    async accounts(
      emails: readonly string[],
      threadId?: string
    ): Promise<{ matches: ComposeMatch[]; remembered?: string }> {
      const candidates = await matchable()
      const matches = matchAccounts(emails, candidates).map(({ accountId, name, kind, email, reason }) => ({
        accountId,
        name,
        kind,
        email,
        reason
      }))
      if (!threadId) return { matches }
      const row = ThreadAccountRow.safeParse(await db.threads.get(threadId))
      const remembered =
        row.success && candidates.some((a) => a.accountId === row.data.accountId) ? row.data.accountId : undefined
      return remembered ? { matches, remembered } : { matches }
    },

    /** Remembers the account chosen for a thread (the last choice wins). */
    async remember(threadId: string, accountId: string): Promise<{ ok: true }> {
      if (!(await readAccount(db, accountId))) throw new InputError(NOT_CACHED, ["accountId"])
      await db.threads.put({ threadId, accountId, at: deps.now() })
      return { ok: true }
    },

    /** What the compose panel merges for this account. */
    async context(accountId: string): Promise<ComposeContext> {
      const [view, settings, profile] = await Promise.all([deps.viewById(accountId), deps.settings(), deps.profile()])
      if (!view) throw new InputError(NOT_CACHED, ["accountId"])
      return {
        view,
        profile: identityOf(profile),
        links: { ...settings.links },
        templates: { ...settings.templates }
      }
    }
  }
}
export type ComposeService = ReturnType<typeof createComposeService>
