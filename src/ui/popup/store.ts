/**
 * The popup's state: the account in the current tab (when it is a Salesforce Account page) and
 * the book of business. The background is the only writer; the popup asks and listens.
 *
 * `createPopupStore()` makes a fresh store; tests give it fake deps.
 */
import { createStore, type StoreApi } from "zustand/vanilla"

import type { PlanStep } from "~/src/domain/plan"
import { isCsmStep } from "~/src/domain/plan"
import { lightningAccountUrl, optionalOriginsFor, parseSalesforceUrl } from "~/src/hosts/salesforce/url"
import { ask, newViewId } from "~/src/messages/client"
import {
  ALL_ACCOUNTS,
  type AccountRef,
  type AccountSummary,
  type AccountView,
  type BookSync
} from "~/src/messages/protocol"
import { errorText } from "~/src/domain/text"

export interface PopupDeps {
  ask: typeof ask
  /** The URL of the tab the popup was opened over (readable on our hosts, and on any tab through `activeTab`). */
  currentTabUrl: () => Promise<string | undefined>
  openTab: (url: string) => void
  /** Closes the popup after opening a tab. */
  close: () => void
  /** Host permissions beyond the manifest's: asked for one Salesforce domain at a time. */
  permissions: {
    contains: (origins: string[]) => Promise<boolean>
    /** Chrome's own prompt; must run inside the click that asked for it. */
    request: (origins: string[]) => Promise<boolean>
  }
}

/** The active tab of the current window, or the tab named by `?tab=<id>` (a popup opened in a tab for one). */
export async function activeTabUrl(): Promise<string | undefined> {
  const wanted = Number(new URLSearchParams(location.search).get("tab"))
  if (Number.isInteger(wanted) && wanted > 0) {
    const tab = await chrome.tabs.get(wanted).catch(() => undefined)
    return tab?.url
  }
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true })
  return tab?.url
}

export const defaultPopupDeps = (): PopupDeps => ({
  ask,
  currentTabUrl: activeTabUrl,
  openTab: (url) => void chrome.tabs.create({ url }),
  close: () => window.close(),
  permissions: {
    contains: (origins) => chrome.permissions.contains({ origins }),
    request: (origins) => chrome.permissions.request({ origins })
  }
})

export type CurrentState =
  | { kind: "loading" }
  /** The tab is not a Salesforce Account page (or we may not read its URL). */
  | { kind: "none" }
  | { kind: "account"; ref: AccountRef; view: AccountView | null; error: string | null }
  /**
   * A Salesforce page on a domain the CSM has not granted yet (another Salesforce cloud, a
   * Defender for Cloud Apps proxy): the popup offers to use SOP Pilot there.
   */
  | { kind: "domain"; host: string; origins: string[]; request: DomainRequest }

/** Where the offer for a new Salesforce domain stands. */
export type DomainRequest =
  | { state: "offer" }
  | { state: "asking" }
  | { state: "granted" }
  | { state: "declined" }
  | { state: "failed"; error: string }

export interface BookFilters {
  query: string
  /** "" = every stage. */
  stage: string
  /** "" = any, "none" = no situation. */
  situation: string
}

export interface PopupState {
  current: CurrentState
  /** Step key → the done value sent and not yet confirmed. */
  pending: Record<string, boolean>
  /** Steps checked or unchecked in this popup: they stay listed (done), so a slip can be undone. */
  touched: Record<string, true>
  stepErrors: Record<string, string>
  book: { loading: boolean; error: string | null; accounts: AccountSummary[] }
  /** The last (or running) read of the whole book from Salesforce; null until known. */
  sync: BookSync | null
  /** A refresh the CSM asked for failed to start (the background's answer). */
  syncError: string | null
  filters: BookFilters

  init(): Promise<void>
  loadCurrent(): Promise<void>
  loadBook(): Promise<void>
  /** "Refresh from Salesforce": reads the whole book now. */
  refreshBook(): Promise<void>
  /** The background reports the sync's progress. */
  syncProgress(sync: BookSync): void
  toggleStep(key: string, done: boolean): Promise<void>
  /** "Use SOP Pilot on this Salesforce domain": Chrome asks the CSM; the background starts the panel in the tab. */
  grantDomain(): Promise<void>
  setFilters(filters: Partial<BookFilters>): void
  open(account: Pick<AccountSummary, "accountId" | "apiHost" | "org">): void
  /** The background says an account (or, with "*", every account) changed; `byViewId`: whose request changed it. */
  changed(accountId: string, byViewId?: string): void
}

export type PopupStore = StoreApi<PopupState>

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const next = { ...record }
  delete next[key]
  return next
}

/** Overdue first, then the soonest next due date, then by name. */
export function sortBook(accounts: readonly AccountSummary[]): AccountSummary[] {
  return [...accounts].sort(
    (a, b) =>
      b.overdue - a.overdue ||
      (a.nextStep?.due ?? "9999-12-31").localeCompare(b.nextStep?.due ?? "9999-12-31") ||
      a.name.localeCompare(b.name)
  )
}

export function filterBook(accounts: readonly AccountSummary[], filters: BookFilters): AccountSummary[] {
  const needle = filters.query.trim().toLowerCase()
  return accounts.filter(
    (a) =>
      (filters.stage === "" || a.stage === filters.stage) &&
      (filters.situation === "" ||
        (filters.situation === "none" ? a.situations.length === 0 : a.situations.includes(filters.situation))) &&
      (needle === "" || a.name.toLowerCase().includes(needle) || a.accountId.toLowerCase().startsWith(needle))
  )
}

const STATUS_ORDER: Record<PlanStep["status"], number> = { overdue: 0, due: 1, upcoming: 2, info: 3, done: 4 }

/**
 * The steps the popup offers to check off: open ones with a date, most urgent first, plus those
 * checked in this popup (kept in place, so a slip can be undone).
 */
export function nextSteps(view: AccountView, touched: Record<string, unknown>, limit = 5): PlanStep[] {
  const open = view.plan.steps
    // The CSM's own: a Team Lead step is not for the CSM to check off (issue 16, defect 4).
    .filter((step) => isCsmStep(step) && step.status !== "done" && step.status !== "info" && !(step.key in touched))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.due ?? "").localeCompare(b.due ?? ""))
  const kept = view.plan.steps.filter((step) => step.key in touched)
  return [...kept, ...open].slice(0, Math.max(limit, kept.length))
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname
  } catch {
    return undefined
  }
}

export function createPopupStore(deps: PopupDeps = defaultPopupDeps()): PopupStore {
  const viewId = newViewId()
  let bookSeq = 0
  return createStore<PopupState>()((set, get) => ({
    current: { kind: "loading" },
    pending: {},
    touched: {},
    stepErrors: {},
    book: { loading: true, error: null, accounts: [] },
    sync: null,
    syncError: null,
    filters: { query: "", stage: "", situation: "" },

    async init() {
      const status = deps
        .ask({ name: "book.status" })
        .then((sync) => {
          // A progress push that came first is newer.
          if (get().sync === null) set({ sync })
        })
        .catch(() => undefined)
      await Promise.all([get().loadCurrent(), get().loadBook(), status])
    },

    async refreshBook() {
      set({ syncError: null })
      try {
        set({ sync: await deps.ask({ name: "book.sync" }) })
      } catch (error) {
        set({ syncError: errorText(error) })
      }
    },

    syncProgress(sync) {
      set({ sync })
    },

    async loadCurrent() {
      const url = await deps.currentTabUrl().catch(() => undefined)
      const host = url === undefined ? undefined : hostOf(url)
      const origins = host === undefined ? undefined : optionalOriginsFor(host)
      if (host !== undefined && origins !== undefined) {
        const granted = await deps.permissions.contains(origins).catch(() => false)
        if (!granted) {
          set({ current: { kind: "domain", host, origins, request: { state: "offer" } } })
          return
        }
      }
      const page = url ? parseSalesforceUrl(url) : undefined
      if (!page) {
        set({ current: { kind: "none" } })
        return
      }
      const ref: AccountRef = { accountId: page.accountId, apiHost: page.apiHost, org: page.org }
      const before = get().current
      const keep = before.kind === "account" && before.ref.accountId === ref.accountId ? before.view : null
      set({ current: { kind: "account", ref, view: keep, error: null } })
      try {
        const view = await deps.ask({ name: "account.view", ref, refresh: false })
        set({ current: { kind: "account", ref, view, error: null } })
      } catch (error) {
        set({ current: { kind: "account", ref, view: keep, error: errorText(error) } })
      }
    },

    async loadBook() {
      const seq = ++bookSeq
      set((state) => ({ book: { ...state.book, loading: true, error: null } }))
      try {
        const accounts = sortBook(await deps.ask({ name: "accounts.list", query: "" }))
        if (seq === bookSeq) set({ book: { loading: false, error: null, accounts } })
      } catch (error) {
        if (seq === bookSeq) set((state) => ({ book: { ...state.book, loading: false, error: errorText(error) } }))
      }
    },

    async toggleStep(key, done) {
      const current = get().current
      if (current.kind !== "account") return
      set((state) => ({
        pending: { ...state.pending, [key]: done },
        touched: { ...state.touched, [key]: true },
        stepErrors: without(state.stepErrors, key)
      }))
      try {
        const view = await deps.ask({
          name: "step.set",
          accountId: current.ref.accountId,
          apiHost: current.ref.apiHost,
          key,
          done,
          viewId
        })
        // The book's counts follow with the background's `account.changed` push; the account's view is this answer.
        set((state) => ({
          current: state.current.kind === "account" ? { ...state.current, view } : state.current,
          pending: without(state.pending, key)
        }))
      } catch (error) {
        set((state) => ({
          pending: without(state.pending, key),
          stepErrors: { ...state.stepErrors, [key]: errorText(error) }
        }))
      }
    },

    async grantDomain() {
      const current = get().current
      if (current.kind !== "domain" || current.request.state === "asking") return
      const asked = deps.permissions.request(current.origins)
      set({ current: { ...current, request: { state: "asking" } } })
      let request: DomainRequest
      try {
        request = (await asked) ? { state: "granted" } : { state: "declined" }
      } catch (error) {
        request = { state: "failed", error: errorText(error) }
      }
      set((state) => (state.current.kind === "domain" ? { current: { ...state.current, request } } : {}))
    },

    setFilters(filters) {
      set((state) => ({ filters: { ...state.filters, ...filters } }))
    },

    open(account) {
      const url = lightningAccountUrl(account)
      if (!url) return
      deps.openTab(url)
      deps.close()
    },

    changed(accountId, byViewId) {
      const current = get().current
      if (
        byViewId !== viewId &&
        current.kind === "account" &&
        (accountId === ALL_ACCOUNTS || accountId === current.ref.accountId) &&
        Object.keys(get().pending).length === 0
      ) {
        void get().loadCurrent()
      }
      void get().loadBook()
    }
  }))
}
