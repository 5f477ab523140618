/**
 * The last view of each account the panel showed, so that a cached account paints its checklist
 * in the first frame and reconciles with the fresh view after. Two memories: this content
 * script's own (kept while the page lives: in-app navigations back and forth), and the service
 * worker's copy in chrome.storage.session (survives reloads, gone when the browser closes),
 * keyed by org + account: a page reads only its own org's entries.
 */
import { AccountView } from "~/src/messages/protocol"
import { sessionViewKey } from "~/src/messages/storage-keys"

/** The service worker's last view of this org's account, validated; undefined when none (or no session area). */
export async function sessionView(org: string, accountId: string): Promise<AccountView | undefined> {
  const key = sessionViewKey(org, accountId)
  try {
    const stored = (await chrome.storage.session.get(key))[key]
    if (stored === undefined) return undefined
    const parsed = AccountView.safeParse(stored)
    return parsed.success && parsed.data.accountId === accountId && parsed.data.org === org ? parsed.data : undefined
  } catch {
    // No session area (an older Chromium, the extension reloaded under the page): no memory, no harm.
    return undefined
  }
}
