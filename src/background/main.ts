import { readAllAccounts } from "../data/accounts"
import { database, DatabaseBlockedError, openDatabase } from "../data/db"
import { cachedSettings } from "../data/settings-store"
import { BookSync, type AccountChanged, type AccountView, type BookProgress } from "../messages/protocol"
import { sessionViewKey } from "../messages/storage-keys"
import { ALL_ACCOUNTS } from "../messages/protocol"
import { OPTIONAL_SALESFORCE_ORIGINS } from "../hosts/salesforce/url"
import { createAccountService } from "./account-service"
import { createBookSync } from "./book-sync"
import { createTeamService } from "./team-service"
import { createTodayService } from "./today-service"
import { createComposeService } from "./compose-service"
import { createMappingService } from "./mapping-check"
import { chromeReminderApis, createReminders, wireReminders } from "./reminders"
import { chromeSettingsStorage, createSettingsService } from "./settings-service"
import { route, type Sender } from "./router"
import { wireOptionalHosts } from "./optional-hosts"
import { runCommand } from "./commands"
import { createOutbox } from "./outbox"
import { connect, readAccountFromSalesforce, salesforceTimeoutMs, storeIdOfTab } from "./salesforce"

/** Pages where our content scripts run: where an account change is pushed (optional domains once granted). */
const VIEW_URLS = [
  "https://*.lightning.force.com/*",
  "https://*.my.salesforce.com/*",
  "https://mail.google.com/*",
  ...OPTIONAL_SALESFORCE_ORIGINS
]

async function notifyAccountChanged(accountId: string, byViewId?: string): Promise<void> {
  const message: AccountChanged = {
    name: "account.changed",
    accountId,
    ...(byViewId === undefined ? {} : { byViewId })
  }
  const tabs = await chrome.tabs.query({ url: VIEW_URLS })
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : chrome.tabs.sendMessage(tab.id, message).catch(() => undefined)
    )
  )
  // Extension pages (popup, options) listen on the runtime; none open is not an error.
  await chrome.runtime.sendMessage(message).catch(() => undefined)
}

/**
 * Content scripts are known by the page they run in (`tabUrl`); our own pages (popup, options —
 * even when opened in a tab) have none, and may ask about any account.
 */
function senderOf(sender: chrome.runtime.MessageSender): Sender {
  const extensionPage = sender.url?.startsWith(chrome.runtime.getURL("")) ?? false
  if (extensionPage) return { id: sender.id }
  const tabId = sender.tab?.id
  return { id: sender.id, tabUrl: sender.url ?? sender.tab?.url ?? "", ...(tabId === undefined ? {} : { tabId }) }
}

/**
 * The last view of each account, in chrome.storage.session for the Salesforce panel's first
 * paint (memory.ts reads it). Only views with an org are kept, under that org's key: a page
 * reads only its own org's entries. Gone when the browser closes; a full area only loses speed.
 */
function rememberView(view: AccountView): void {
  if (!view.org) return
  chrome.storage.session.set({ [sessionViewKey(view.org, view.accountId)]: view }).catch(() => undefined)
}

/** chrome.storage.local key of the last book sync's state (its age is shown when offline). */
const BOOK_SYNC_KEY = "bookSync"
const BOOK_SYNC_ALARM = "sop-pilot-book-sync"
/** Wakes the outbox when its next retry is due (issue 12). */
const OUTBOX_ALARM = "sop-pilot-outbox"

/** Wires the service worker: one validated router for every message. */
export function startBackground(): void {
  // Content scripts may read the session area (the remembered views); host pages never can.
  chrome.storage.session.setAccessLevel({ accessLevel: "TRUSTED_AND_UNTRUSTED_CONTEXTS" }).catch(() => undefined)
  // Plans start with the policy as last read; the live read re-plans every view if it differs.
  const stored = cachedSettings({ policyApplied: () => void notifyAccountChanged(ALL_ACCOUNTS) })
  // Start reading settings now: the page that woke this worker is about to ask for a plan, and
  // the policy read (~2 s the first time in a browser session) starts with it, unwaited for.
  void stored.settingsState().catch(() => undefined)
  // Changes for Salesforce: sent now, retried by alarm, and on every start of this worker.
  const outbox = createOutbox({
    db: database(),
    settings: stored.teamSettings,
    connect: async (apiHost, settings) =>
      connect({ apiHost, apiVersion: settings.salesforce.apiVersion }, { timeoutMs: await salesforceTimeoutMs() }),
    now: () => Date.now(),
    schedule: (when) => {
      if (when === undefined) void chrome.alarms.clear(OUTBOX_ALARM)
      // Chrome wakes alarms no sooner than 30 s from now.
      else void chrome.alarms.create(OUTBOX_ALARM, { when: Math.max(when, Date.now() + 30_000) })
    },
    changed: (accountId) => void notifyAccountChanged(accountId)
  })
  const sendOutbox = () => void outbox.run().catch((error: unknown) => console.warn("SOP Pilot: outbox:", error))
  const accounts = createAccountService({
    db: database(),
    outbox,
    settings: stored.teamSettings,
    timeZone: async () => (await stored.profile()).timeZone,
    readSalesforce: async (ref, from) => {
      const [settings, profile, storeId, timeoutMs] = await Promise.all([
        stored.teamSettings(),
        stored.profile(),
        storeIdOfTab(from?.tabId).catch(() => undefined),
        salesforceTimeoutMs()
      ])
      const read = await readAccountFromSalesforce(ref.apiHost, ref.accountId, settings, {
        timeoutMs,
        ...(storeId === undefined ? {} : { storeId }),
        ...(from?.pageOrigin === undefined ? {} : { pageOrigin: from.pageOrigin }),
        ...(profile.timeZone ? { timeZone: profile.timeZone } : {})
      })
      // Salesforce answers again: what waited for it goes now.
      if (read.ok) sendOutbox()
      return read
    },
    now: () => Date.now(),
    notify: (accountId, byViewId) => void notifyAccountChanged(accountId, byViewId),
    remember: rememberView
  })
  const compose = createComposeService({
    db: database(),
    viewById: accounts.viewById,
    settings: stored.teamSettings,
    profile: stored.profile,
    now: () => Date.now()
  })
  const settings = createSettingsService({
    storage: chromeSettingsStorage(),
    now: () => Date.now(),
    notify: () => {
      stored.invalidate()
      void notifyAccountChanged(ALL_ACCOUNTS)
    }
  })
  const reminders = createReminders({
    list: () => accounts.list(""),
    profile: stored.profile,
    now: () => Date.now(),
    apis: chromeReminderApis()
  })
  wireReminders(reminders)
  const book = createBookSync({
    db: database(),
    settings: stored.teamSettings,
    timeZone: async () => (await stored.profile()).timeZone,
    now: () => Date.now(),
    load: async () => {
      const parsed = BookSync.safeParse((await chrome.storage.local.get(BOOK_SYNC_KEY))[BOOK_SYNC_KEY])
      return parsed.success ? parsed.data : undefined
    },
    save: (state) => chrome.storage.local.set({ [BOOK_SYNC_KEY]: state }),
    report: (sync) => {
      const message: BookProgress = { name: "book.progress", sync }
      void chrome.runtime.sendMessage(message).catch(() => undefined)
    },
    changed: () => {
      accounts.forgetAll()
      void notifyAccountChanged(ALL_ACCOUNTS)
      reminders.refreshSoon()
    }
  })
  const team = createTeamService({
    db: database(),
    settings: stored.teamSettings,
    timeZone: async () => (await stored.profile()).timeZone,
    now: () => Date.now(),
    version: chrome.runtime.getManifest().version
  })
  const today = createTodayService({
    db: database(),
    accounts,
    role: async () => (await stored.profile()).role,
    now: () => Date.now()
  })
  const mapping = createMappingService({
    settings: stored.teamSettings,
    timeZone: async () => (await stored.profile()).timeZone,
    accounts: () => readAllAccounts(database()),
    client: async () => ({ timeoutMs: await salesforceTimeoutMs() })
  })
  // The whole book from Salesforce: when the browser starts, then hourly.
  const syncBook = () => void book.sync().catch((error: unknown) => console.warn("SOP Pilot: book not read:", error))
  chrome.runtime.onStartup.addListener(syncBook)
  void chrome.alarms.get(BOOK_SYNC_ALARM).then((alarm) => {
    if (!alarm) void chrome.alarms.create(BOOK_SYNC_ALARM, { periodInMinutes: 60, delayInMinutes: 60 })
  })
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BOOK_SYNC_ALARM) syncBook()
    if (alarm.name === OUTBOX_ALARM) sendOutbox()
  })
  // A restarted worker carries on with what the last one left in the outbox.
  void openDatabase(database()).then(sendOutbox, () => undefined)
  wireOptionalHosts()
  chrome.commands.onCommand.addListener((command, tab) => void runCommand(command, tab))
  // The organisation's policy changed (chrome://policy reload, a new policy file): every view re-reads.
  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area !== "managed") return
    void notifyAccountChanged(ALL_ACCOUNTS)
    reminders.refreshSoon()
  })

  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Pushes from the background itself come back here too; they are not requests.
    const name = typeof message === "object" && message !== null ? (message as { name?: unknown }).name : undefined
    if (name === "account.changed" || name === "book.progress" || name === "panel.focus") return false
    // A blocked upgrade (an old version open elsewhere) would hold every request without end: say so.
    openDatabase(database())
      .then(() =>
        route(message, senderOf(sender), chrome.runtime.id, accounts, {
          settings,
          compose,
          book,
          mapping,
          team,
          today,
          outbox,
          openTab: async (path) => {
            await chrome.tabs.create({ url: chrome.runtime.getURL(path) })
          }
        })
      )
      .then(
        (envelope) => {
          if (envelope.ok) reminders.afterRequest((message as { name: string }).name)
          sendResponse(envelope)
        },
        (error: unknown) =>
          sendResponse({
            ok: false,
            error:
              error instanceof DatabaseBlockedError
                ? { code: "db_blocked", message: error.message }
                : { code: "internal", message: String(error) }
          })
      )
    return true // answered asynchronously
  })
}
