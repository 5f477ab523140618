/**
 * The background side of the Gmail compose panel (issue #5): which cached accounts a compose's
 * recipients belong to, the account remembered per Gmail thread (Dexie v2 `threads`), and what
 * the panel drafts with (the account's view, the CSM's profile fields, the team's links and
 * template wording). Only the background reads Dexie and settings; the panel asks.
 */
import { identityOf, type CsmIdentity } from "../domain/profile"
import { matchAccounts, type MatchableAccount } from "../domain/recipients"
import type { TeamSettings } from "../domain/settings"
import { keyText, mergedFactsOf, readAccount, readAllAccounts } from "../data/accounts"
import { ThreadAccountRow, type AccountKey, type SopPilotDb } from "../data/db"
import type { AccountView, ComposeContext, ComposeMatch } from "../messages/protocol"
import { InputError } from "./account-service"

export interface ComposeServiceDeps {
  db: SopPilotDb
  viewById: (key: AccountKey) => Promise<AccountView | undefined>
  settings: () => Promise<TeamSettings>
  /** The CSM's profile; only its merge fields leave the background. */
  profile: () => Promise<CsmIdentity>
  now: () => number
}

const NOT_CACHED = "This account is not known to SOP Pilot yet: open it in Salesforce first."

export function createComposeService(deps: ComposeServiceDeps) {
  const { db } = deps

  /** Every cached account as matching sees it: merged facts (Salesforce ⊕ manual). */
  async function matchable(): Promise<(MatchableAccount & { apiHost: string })[]> {
    const accounts = await readAllAccounts(db)
    return accounts.map((account) => {
      const { facts } = mergedFactsOf(account, [])
      return {
        accountId: account.id,
        apiHost: account.apiHost,
        name: facts.name,
        website: facts.website,
        contactEmails: facts.contactEmails
      }
    })
  }

  /** The accounts `emails` belong to, best first, each with its org. */
  async function matchesOf(emails: readonly string[]): Promise<ComposeMatch[]> {
    const candidates = await matchable()
    // matchAccounts knows accounts by id; the same id in two orgs is two candidates.
    const byKey = new Map(candidates.map((a) => [keyText(a), a]))
    const keyed = candidates.map((a) => ({ ...a, accountId: keyText(a) }))
    return matchAccounts(emails, keyed).flatMap(({ accountId: id, name, kind, email, reason }) => {
      const account = byKey.get(id)
      return account ? [{ accountId: account.accountId, apiHost: account.apiHost, name, kind, email, reason }] : []
    })
  }

  return {
    /** The accounts `emails` belong to, best first, and the one remembered for `threadId` (when still cached). */
    async accounts(
      emails: readonly string[],
      threadId?: string
    ): Promise<{ matches: ComposeMatch[]; remembered?: string }> {
      const matches = await matchesOf(emails)
      if (!threadId) return { matches }
      const row = ThreadAccountRow.safeParse(await db.threads.get(threadId))
      // Only an account the recipients still match: the panel may ask about no other.
      const remembered =
        row.success &&
        matches.some((m) => m.accountId === row.data.accountId && (row.data.apiHost ?? m.apiHost) === m.apiHost)
          ? row.data.accountId
          : undefined
      return remembered ? { matches, remembered } : { matches }
    },

    /** True when `emails` match the account: what a Gmail tab must show before it may ask about it. */
    async matches(emails: readonly string[], key: AccountKey): Promise<boolean> {
      return (await matchesOf(emails)).some((m) => m.accountId === key.accountId && m.apiHost === key.apiHost)
    },

    /** Remembers the account chosen for a thread (the last choice wins). */
    async remember(threadId: string, key: AccountKey): Promise<{ ok: true }> {
      if (!(await readAccount(db, key))) throw new InputError(NOT_CACHED, ["accountId"])
      await db.threads.put({ threadId, accountId: key.accountId, apiHost: key.apiHost, at: deps.now() })
      return { ok: true }
    },

    /** The team's snippet short names (`;recap` …). */
    async snippets(): Promise<Record<string, string>> {
      return { ...(await deps.settings()).snippets }
    },

    /** What the compose panel merges for this account. */
    async context(key: AccountKey): Promise<ComposeContext> {
      const [view, settings, profile] = await Promise.all([deps.viewById(key), deps.settings(), deps.profile()])
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
