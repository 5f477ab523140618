/**
 * The Salesforce panel's state: which account it shows (detected on the page or chosen by
 * hand), the background's view of it, optimistic check-offs, and the collapsed flag.
 *
 * `createPanelStore()` makes a fresh store (tests get their own). The background is the only
 * writer of account data; this store asks it and keeps its latest answer. Answers that arrive
 * after the panel moved to another account are dropped (a generation number per account).
 *
 * One answer per change: a check-off or a fact uses the answer to its own request, and the
 * background's `account.changed` push about that same change (it names this view) is skipped.
 * Only when two requests for the account were in flight at once (a check-off during the
 * Salesforce read) may each answer predate the other's write: then the account is read once
 * more from the cache when the last one is answered.
 */
import { createStore, type StoreApi } from "zustand/vanilla"

import type { ManualFact } from "~/src/domain/fact-sources"
import type { PlanStep } from "~/src/domain/plan"
import type { CsmIdentity } from "~/src/domain/profile"
import { STORAGE_KEYS } from "~/src/messages/storage-keys"
import type { DetectedAccount } from "~/src/hosts/salesforce/detect"
import { parseSalesforceHost } from "~/src/hosts/salesforce/url"
import { ask, newViewId } from "~/src/messages/client"
import {
  ALL_ACCOUNTS,
  type AccountRef,
  type AccountSummary,
  type AccountView,
  type ApiStatus
} from "~/src/messages/protocol"
import { errorText } from "~/src/domain/text"
import { personOnly, type InputPolicy } from "../input-guard"
import { sessionView } from "./memory"

/** What the panel needs from the outside world; tests may replace any of it. */
export interface PanelDeps {
  ask: typeof ask
  storageGet: (key: string) => Promise<unknown>
  storageSet: (key: string, value: unknown) => Promise<void>
  /** The CSM's name and initials (for account notes); the background reads the profile. */
  loadProfile: () => Promise<CsmIdentity>
  /** The service worker's last view of this org's account (chrome.storage.session), for the first paint. */
  rememberedView?: (org: string, accountId: string) => Promise<AccountView | undefined>
  /** Which events reach the panel's handlers (`input-guard.ts`); default: a person's only. */
  inputPolicy?: InputPolicy
}

export const defaultDeps = (): PanelDeps => ({
  ask,
  storageGet: async (key) => (await chrome.storage.local.get(key))[key],
  storageSet: async (key, value) => chrome.storage.local.set({ [key]: value }),
  loadProfile: () => ask({ name: "profile.identity" }),
  rememberedView: sessionView
})

const NO_PROFILE: CsmIdentity = { name: "", initials: "", signature: "", calendlyLink: "" }

export type PanelTarget =
  | { kind: "pending" }
  | { kind: "not_detected"; reason: string }
  /** `via: "manual"`: chosen in the search on a page where no account was detected (`url`). */
  | { kind: "account"; ref: AccountRef; via: "page" | "manual"; url: string }

export interface SearchState {
  query: string
  results: AccountSummary[]
  loading: boolean
  error: string | null
}

export interface PanelState {
  /** null until read from storage. */
  collapsed: boolean | null
  target: PanelTarget
  /** Bumped whenever the target changes: answers for an older generation are dropped. */
  generation: number
  view: AccountView | null
  /** The view shown is the remembered one (first paint), not yet an answer of the background. */
  remembered: boolean
  /** The latest Salesforce read's status (a cache-only answer does not hide a failed read). */
  api: ApiStatus | null
  refreshing: boolean
  /** A request for the view failed (the message says why). */
  loadError: string | null
  /** Step key → the done value sent and not yet confirmed. */
  pending: Record<string, boolean>
  stepErrors: Record<string, string>
  factErrors: Partial<Record<ManualFact, string>>
  factBusy: Partial<Record<ManualFact, boolean>>
  search: SearchState
  profile: CsmIdentity
  /** Which events reach the panel's handlers: `deps.inputPolicy`, else a person's only. */
  inputPolicy: InputPolicy

  loadSettings(): Promise<void>
  setCollapsed(collapsed: boolean): void
  /** The page's detection result for `url` (on start and after every navigation). */
  setDetected(detected: DetectedAccount, url: string): void
  /** Shows an account chosen in the search (cached facts only). */
  choose(summary: AccountSummary, url: string): void
  /** Back to the search after a manual choice. */
  unchoose(): void
  /** Re-reads the view (`refresh` also reads Salesforce). */
  reload(refresh: boolean): Promise<void>
  /** The background says this account changed (another tab, another view; `byViewId`: whose request changed it). */
  accountChanged(accountId: string, byViewId?: string): void
  /** Checks a step off or reopens it; `on`: the day an event step (AD3, TR1#2 …) happened. */
  toggleStep(key: string, done: boolean, on?: string): Promise<void>
  /** Writes the CSM's value of a fact to its Salesforce field (confirmed by the CSM); resolves false when refused. */
  writeFact(fact: ManualFact): Promise<boolean>
  /** Changes waiting for Salesforce: try again now (one, or all of them), or drop a refused one. */
  retryWrites(seq?: number): Promise<void>
  dropWrite(seq: number): Promise<void>
  /** Why the last write-back request failed (the outbox card shows it). */
  writeError: string | null
  /** A fact just saved here that could go to its Salesforce field: the panel asks the CSM first. */
  askWrite: ManualFact | null
  setAskWrite(fact: ManualFact | null): void
  /** Saves (or, with null, clears) a manual fact; resolves false when refused. */
  setFact(fact: ManualFact, value: unknown): Promise<boolean>
  clearFactError(fact: ManualFact): void
  runSearch(query: string): Promise<void>
}

export type PanelStore = StoreApi<PanelState>

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in record)) return record
  const next = { ...record }
  delete next[key]
  return next
}

/** Status of a step as it would be with `done` unset, from its due date and today. */
export function openStatus(step: PlanStep, today: string): PlanStep["status"] {
  if (step.due === null) return "info"
  return step.due < today ? "overdue" : step.due === today ? "due" : "upcoming"
}

/** The plan's steps with not-yet-confirmed check-offs applied (optimistic UI). */
export function stepsWithPending(view: AccountView, pending: Record<string, boolean>): PlanStep[] {
  return view.plan.steps.map((step) => {
    const want = pending[step.key]
    if (want === undefined) return step
    if (want) return step.status === "done" ? step : { ...step, status: "done" }
    return step.status === "done" ? { ...step, status: openStatus(step, view.today) } : step
  })
}

/** A remembered view says what it is: cached facts, whatever its last Salesforce read said. */
const rememberedStatus = (view: AccountView): ApiStatus =>
  view.api.fetchedAt === undefined ? { state: "cached" } : { state: "cached", fetchedAt: view.api.fetchedAt }

/** Nothing known of an account yet: the panel's state when it starts and whenever its account changes. */
const blankAccount = () =>
  ({
    view: null,
    remembered: false,
    api: null,
    refreshing: false,
    loadError: null,
    pending: {},
    stepErrors: {},
    factErrors: {},
    factBusy: {},
    askWrite: null
  }) satisfies Partial<PanelState>

export function createPanelStore(deps: PanelDeps = defaultDeps()): PanelStore {
  const viewId = newViewId()
  /** The last view of each account this page showed (org + account id): in-app navigations back paint at once. */
  const memory = new Map<string, AccountView>()
  const memoryKey = (org: string | undefined, accountId: string) => `${org ?? ""}|${accountId}`
  let viewSeq = 0
  let appliedSeq = 0
  let searchSeq = 0
  /** Requests for the current target in flight (of them, writes), and whether a write overlapped another. */
  let inFlight = 0
  let writing = 0
  let overlapped = false

  const store = createStore<PanelState>()((set, get) => {
    const current = (generation: number) => get().generation === generation

    /**
     * Runs one request that answers with the view. Reads are ordered among themselves (`viewSeq`);
     * a write overlapping another request is not, so the cache is read once more after both.
     */
    /**
     * One request about a fact (save it here, or write it to Salesforce): the fact is busy while
     * it runs, its error shows beside it with `failed` in front, and an answer for a page the
     * panel has left is dropped. True when it went through.
     */
    async function factRequest(
      fact: ManualFact,
      failed: string,
      request: (
        target: Extract<PanelTarget, { kind: "account" }>
      ) => Promise<{ view: AccountView; askWrite: ManualFact | null }>
    ): Promise<boolean> {
      const { target, generation } = get()
      if (target.kind !== "account") return false
      set((state) => ({ factBusy: { ...state.factBusy, [fact]: true }, factErrors: without(state.factErrors, fact) }))
      try {
        const { view, askWrite } = await tracked(generation, true, () => request(target))
        if (current(generation)) set({ view, remembered: false, askWrite })
        return true
      } catch (error) {
        if (current(generation))
          set((state) => ({ factErrors: { ...state.factErrors, [fact]: `${failed}: ${errorText(error)}` } }))
        return false
      } finally {
        if (current(generation)) set((state) => ({ factBusy: without(state.factBusy, fact) }))
      }
    }

    async function tracked<T>(generation: number, write: boolean, request: () => Promise<T>): Promise<T> {
      if (inFlight > 0 && (write || writing > 0)) overlapped = true
      inFlight++
      if (write) writing++
      try {
        return await request()
      } finally {
        if (current(generation)) {
          inFlight--
          if (write) writing--
          const target = get().target
          if (inFlight === 0 && overlapped && target.kind === "account") {
            overlapped = false
            void fetchView(target.ref, false, generation)
          }
        }
      }
    }

    /**
     * The first paint from memory: this page's own, at once; else the service worker's session
     * copy, unless a fresh answer came first. The fresh views replace it in place (same sections,
     * same order): no flash, no jump.
     */
    function paintFromMemory(ref: AccountRef, generation: number): void {
      const remembered = memory.get(memoryKey(ref.org, ref.accountId))
      if (remembered) {
        set({ view: remembered, remembered: true, api: rememberedStatus(remembered) })
        return
      }
      if (!ref.org || !deps.rememberedView) return
      deps
        .rememberedView(ref.org, ref.accountId)
        .then((view) => {
          if (view && current(generation) && get().view === null)
            set({ view, remembered: true, api: rememberedStatus(view) })
        })
        .catch(() => undefined)
    }

    async function fetchView(ref: AccountRef, refresh: boolean, generation: number): Promise<void> {
      const seq = ++viewSeq
      if (refresh) set({ refreshing: true })
      try {
        const view = await tracked(generation, false, () =>
          deps.ask({ name: "account.view", ref, refresh, ...(refresh ? { viewId } : {}) })
        )
        if (!current(generation)) return
        // A cache-only answer older than one already shown adds nothing.
        if (!refresh && seq < appliedSeq) return
        appliedSeq = Math.max(appliedSeq, seq)
        set((state) => ({
          view,
          remembered: false,
          api: refresh || state.api === null || state.api.state === "cached" ? view.api : state.api,
          loadError: null
        }))
      } catch (error) {
        if (!current(generation)) return
        set({ loadError: errorText(error) })
      } finally {
        if (refresh && current(generation)) set({ refreshing: false })
      }
    }

    /** Switches to a new target and forgets everything about the previous one. */
    function retarget(target: PanelTarget): number {
      const generation = get().generation + 1
      inFlight = 0
      writing = 0
      overlapped = false
      set({ ...blankAccount(), target, generation })
      return generation
    }

    return {
      collapsed: null,
      target: { kind: "pending" },
      generation: 0,
      ...blankAccount(),
      writeError: null,
      setAskWrite(fact) {
        set({ askWrite: fact })
      },
      search: { query: "", results: [], loading: false, error: null },
      profile: NO_PROFILE,
      inputPolicy: deps.inputPolicy ?? personOnly,

      async loadSettings() {
        // Each as it arrives: the panel is shown (collapsed or not) without waiting for the profile.
        await Promise.all([
          deps
            .storageGet(STORAGE_KEYS.panelCollapsed)
            .catch(() => false)
            .then((collapsed) => set({ collapsed: collapsed === true })),
          deps
            .loadProfile()
            .catch(() => NO_PROFILE)
            .then((profile) => set({ profile }))
        ])
      },

      setCollapsed(collapsed) {
        set({ collapsed })
        deps.storageSet(STORAGE_KEYS.panelCollapsed, collapsed).catch(() => undefined)
      },

      setDetected(detected, url) {
        const target = get().target
        if (detected.status === "not_detected") {
          // A hand-picked account stays while the page stays.
          if (target.kind === "account" && target.via === "manual" && target.url === url) return
          if (target.kind === "not_detected" && target.reason === detected.reason) return
          retarget({ kind: "not_detected", reason: detected.reason })
          return
        }
        const ref: AccountRef = {
          accountId: detected.accountId,
          apiHost: detected.apiHost,
          org: detected.org,
          ...(detected.name !== undefined ? { pageName: detected.name } : {})
        }
        if (target.kind === "account" && target.via === "page" && target.ref.accountId === ref.accountId) {
          // Same record; the name may have arrived with the record's DOM after the URL changed.
          if (ref.pageName !== undefined && ref.pageName !== target.ref.pageName) {
            set({ target: { ...target, ref, url } })
            void fetchView(ref, false, get().generation)
          }
          return
        }
        const generation = retarget({ kind: "account", ref, via: "page", url })
        paintFromMemory(ref, generation)
        // Both at once: the Salesforce read is asked for even when the CSM moves on before the
        // cached view answers (the first of the day can take seconds), and the background records
        // what it reads whether or not this page is still there to see it.
        void fetchView(ref, false, generation)
        void fetchView(ref, true, generation)
      },

      choose(summary, url) {
        const page = parseSalesforceHost(new URL(url).hostname)
        const apiHost = summary.apiHost ?? (page ? `https://${page.myDomainHost}` : "")
        const org = summary.org ?? page?.org ?? ""
        const ref: AccountRef = { accountId: summary.accountId, apiHost, org, pageName: summary.name }
        const generation = retarget({ kind: "account", ref, via: "manual", url })
        paintFromMemory(ref, generation)
        void fetchView(ref, false, generation)
      },

      unchoose() {
        const target = get().target
        if (target.kind === "account" && target.via === "manual") {
          retarget({ kind: "not_detected", reason: "No account chosen." })
        }
      },

      async reload(refresh) {
        const target = get().target
        if (target.kind !== "account") return
        await fetchView(target.ref, refresh, get().generation)
      },

      accountChanged(accountId, byViewId) {
        // This view's own change: the answer to its request already showed it.
        if (byViewId === viewId) return
        const target = get().target
        // "*" (ALL_ACCOUNTS): team settings, the policy or the profile changed; every plan may differ.
        if (target.kind === "account" && (target.ref.accountId === accountId || accountId === ALL_ACCOUNTS))
          void fetchView(target.ref, false, get().generation)
      },

      async toggleStep(key, done, on) {
        const { target, generation } = get()
        if (target.kind !== "account") return
        set((state) => ({ pending: { ...state.pending, [key]: done }, stepErrors: without(state.stepErrors, key) }))
        try {
          const view = await tracked(generation, true, () =>
            deps.ask({
              name: "step.set",
              accountId: target.ref.accountId,
              apiHost: target.ref.apiHost,
              key,
              done,
              ...(on === undefined ? {} : { on }),
              viewId
            })
          )
          if (!current(generation)) return
          set((state) => ({ view, remembered: false, pending: without(state.pending, key) }))
        } catch (error) {
          if (!current(generation)) return
          set((state) => ({
            pending: without(state.pending, key),
            stepErrors: { ...state.stepErrors, [key]: `Not saved: ${errorText(error)}` }
          }))
        }
      },

      async setFact(fact, value) {
        return factRequest(fact, "Not saved", (target) =>
          deps
            .ask({
              name: "fact.set",
              accountId: target.ref.accountId,
              apiHost: target.ref.apiHost,
              fact,
              value,
              viewId
            })
            .then((view) => ({
              view,
              // A value (not a clearing) of a fact with a Salesforce field: ask whether to write it there too.
              askWrite: value !== null && view.writable?.[fact] ? fact : null
            }))
        )
      },

      async writeFact(fact) {
        return factRequest(fact, "Not sent to Salesforce", (target) =>
          deps
            .ask({ name: "fact.write", accountId: target.ref.accountId, apiHost: target.ref.apiHost, fact, viewId })
            .then((view) => ({ view, askWrite: null }))
        )
      },

      async retryWrites(seq) {
        const { target, generation } = get()
        if (target.kind !== "account") return
        set({ writeError: null })
        try {
          const view = await tracked(generation, true, () =>
            deps.ask({
              name: "outbox.retry",
              accountId: target.ref.accountId,
              apiHost: target.ref.apiHost,
              ...(seq === undefined ? {} : { seq })
            })
          )
          if (current(generation)) set({ view, remembered: false })
        } catch (error) {
          if (current(generation)) set({ writeError: errorText(error) })
        }
      },

      async dropWrite(seq) {
        const { target, generation } = get()
        if (target.kind !== "account") return
        set({ writeError: null })
        try {
          const view = await tracked(generation, true, () =>
            deps.ask({ name: "outbox.drop", accountId: target.ref.accountId, apiHost: target.ref.apiHost, seq })
          )
          if (current(generation)) set({ view, remembered: false })
        } catch (error) {
          if (current(generation)) set({ writeError: errorText(error) })
        }
      },

      clearFactError(fact) {
        set((state) => ({ factErrors: without(state.factErrors, fact) }))
      },

      async runSearch(query) {
        const seq = ++searchSeq
        set((state) => ({ search: { ...state.search, query, loading: true, error: null } }))
        try {
          const results = await deps.ask({ name: "accounts.list", query })
          if (seq === searchSeq) set({ search: { query, results, loading: false, error: null } })
        } catch (error) {
          if (seq === searchSeq) set({ search: { query, results: [], loading: false, error: errorText(error) } })
        }
      }
    }
  })
  // Every view shown is remembered for this page's next visit to the account.
  store.subscribe((state, previous) => {
    if (state.view && state.view !== previous.view)
      memory.set(memoryKey(state.view.org, state.view.accountId), state.view)
  })
  return store
}
