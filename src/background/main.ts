import { database } from "../data/db"
import { loadProfile, loadTeamSettings } from "../data/settings-store"
import type { AccountChanged } from "../messages/protocol"
import { createAccountService } from "./account-service"
import { route } from "./router"
import { readAccountFromSalesforce } from "./salesforce"

/** Pages where our content scripts run: where an account change is pushed. */
const VIEW_URLS = ["https://*.lightning.force.com/*", "https://*.my.salesforce.com/*", "https://mail.google.com/*"]

async function notifyAccountChanged(accountId: string): Promise<void> {
  const message: AccountChanged = { name: "account.changed", accountId }
  const tabs = await chrome.tabs.query({ url: VIEW_URLS })
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : chrome.tabs.sendMessage(tab.id, message).catch(() => undefined))))
  // Extension pages (popup, options) listen on the runtime; none open is not an error.
  await chrome.runtime.sendMessage(message).catch(() => undefined)
}

/** Wires the service worker: one validated router for every message. */
export function startBackground(): void {
  const accounts = createAccountService({
    db: database(),
    settings: loadTeamSettings,
    timeZone: async () => (await loadProfile()).timeZone,
    readSalesforce: async (ref) => readAccountFromSalesforce(ref.apiHost, ref.accountId, await loadTeamSettings()),
    now: () => Date.now(),
    notify: (accountId) => void notifyAccountChanged(accountId)
  })

  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Pushes from the background itself come back here too; they are not requests.
    if (typeof message === "object" && message !== null && (message as { name?: unknown }).name === "account.changed") return false
    route(message, { id: sender.id, tabUrl: sender.tab?.url }, chrome.runtime.id, accounts).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: { code: "internal", message: String(error) } })
    )
    return true // answered asynchronously
  })
}
