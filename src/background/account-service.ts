import { todayIn, type IsoDate } from "../domain/dates"
import { buildPlan } from "../domain/engine"
import { keepLastGood, nextSnapshot, parseManualValue, type ManualFact, type MergedFacts } from "../domain/fact-sources"
import type { Plan } from "../domain/plan"
import type { AccountFacts } from "../domain/facts"
import type { TeamSettings } from "../domain/settings"
import { isCsmStep } from "../domain/plan"
import type { TodayItem } from "../domain/today"
import { todayItemsOf } from "../domain/today-items"
import {
  doneByOf,
  keyOf,
  keyText,
  mergedFactsOf,
  readAccount,
  readAllAccounts,
  readAllProgress,
  readProgress,
  setStepDone,
  snapshotOf,
  updateAccount,
  type StepProgress
} from "../data/accounts"
import type { AccountKey, CachedAccount, SopPilotDb } from "../data/db"
import type { AccountRef, AccountSummary, AccountView, ApiStatus } from "../messages/protocol"
import type { OutboxService } from "./outbox"
import type { SalesforceRead } from "./salesforce"
import { howToFor } from "./how-to"
import { newRecordsFor, writeBackStep, writableFacts, writeBackFact, recordEvent } from "./write-back"

/** Everything the account service needs from the outside world, so tests can supply fakes. */
export interface AccountServiceDeps {
  db: SopPilotDb
  settings: () => Promise<TeamSettings>
  timeZone: () => Promise<string | undefined>
  /** Reads Salesforce for the asking tab (`from`: its cookie store holds the session). */
  readSalesforce: (ref: AccountRef, from?: AskedFrom) => Promise<SalesforceRead>
  now: () => number
  /** Tells every open view that an account changed (`byViewId`: the view whose request changed it). */
  notify: (accountId: string, byViewId?: string) => void
  /** Keeps the latest view of an account for the next page's first paint (chrome.storage.session). */
  remember?: (view: AccountView) => void
  /** Issue 12: changes for Salesforce go here; absent, nothing is written back. */
  outbox?: Pick<OutboxService, "add" | "summary">
}

/** Where a view was asked from: the tab (its cookie store), the page's origin, the asking view. */
export interface AskedFrom {
  tabId?: number
  pageOrigin?: string
  viewId?: string
}

/**
 * What other views show of a cached account, to tell whether a Salesforce read changed it (not
 * when it was last seen: every visit changes that). A new row always differs from the blank one.
 */
const shownOf = (account: CachedAccount) =>
  JSON.stringify([account.name, account.org, account.apiHost, account.salesforce?.facts ?? null])

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export class InputError extends Error {
  constructor(
    message: string,
    readonly paths: string[]
  ) {
    super(message)
  }
}

const NO_PROGRESS: StepProgress = { checked: [], reopened: new Map() }

/** A cached account's merged facts and its plan: what a view and a row of the book show. */
function planOf(
  account: CachedAccount,
  checked: string[],
  settings: TeamSettings,
  today: string,
  pageName?: string,
  reopened?: ReadonlyMap<string, number>
): { merged: MergedFacts; plan: Plan } {
  const merged = mergedFactsOf(account, checked, pageName, reopened)
  return { merged, plan: buildPlan(merged.facts, settings, today) }
}

/** One row of the book of business (stage, what is next, how much is overdue) and its steps for Today. */
function summaryOf(
  account: CachedAccount,
  progress: StepProgress,
  settings: TeamSettings,
  today: string
): { summary: AccountSummary; due: TodayItem[] } {
  const { merged, plan } = planOf(account, progress.checked, settings, today, undefined, progress.reopened)
  const next = plan.steps.find((s) => isCsmStep(s) && s.status !== "done")
  const summary: AccountSummary = {
    accountId: account.id,
    name: merged.facts.name,
    org: account.org,
    apiHost: account.apiHost,
    stage: plan.stage,
    situations: plan.situations,
    // The CSM's own steps: a Team Lead step is not the CSM's to be behind on (issue 16, defect 4).
    overdue: plan.steps.filter((s) => isCsmStep(s) && s.status === "overdue").length,
    dueToday: plan.steps.filter((s) => isCsmStep(s) && s.status === "due").length,
    nextStep: next ? { key: next.key, title: next.title, due: next.due, status: next.status } : null,
    lastSeenAt: account.lastSeenAt
  }
  const due = todayItemsOf(
    plan,
    {
      apiHost: account.apiHost,
      accountId: account.id,
      name: merged.facts.name,
      ...(account.org ? { org: account.org } : {})
    },
    today
  )
  return { summary, due }
}

/** The background's account logic: Salesforce ⊕ cache ⊕ manual facts ⊕ progress → a view. */
export function createAccountService(deps: AccountServiceDeps) {
  const { db } = deps
  /**
   * The book of business, one summary per account, kept between calls: a popup over 1,000
   * accounts must not plan them all each time it opens. Every write here forgets its account;
   * a new day or new settings forget them all.
   */
  const summaries = new Map<string, { summary: AccountSummary; due: TodayItem[] }>()
  let summariesFor: { today: string; settings: TeamSettings } | undefined

  async function viewOf(account: CachedAccount, api: ApiStatus, pageName?: string): Promise<AccountView> {
    const [settings, timeZone, progress, writes] = await Promise.all([
      deps.settings(),
      deps.timeZone(),
      readProgress(db, keyOf(account)),
      deps.outbox?.summary(keyOf(account))
    ])
    const today = todayIn(timeZone || undefined)
    const { merged, plan } = planOf(account, progress.checked, settings, today, pageName, progress.reopened)
    const view: AccountView = {
      accountId: account.id,
      name: merged.facts.name,
      org: account.org,
      apiHost: account.apiHost,
      today,
      plan,
      facts: merged.facts as Record<string, unknown>,
      sources: merged.sources,
      manual: Object.fromEntries(Object.entries(account.manual).map(([fact, entry]) => [fact, entry.value])),
      conflicts: merged.conflicts,
      api
    }
    if (writes) view.writes = writes
    const doneBy = doneByOf(account)
    if (Object.keys(doneBy).length > 0)
      view.doneBy = Object.fromEntries(Object.entries(doneBy).map(([key, { by, on }]) => [key, { by, on }]))
    if (deps.outbox && settings.salesforce.writeBack) view.writable = writableFacts(settings.salesforce)
    const newRecords = newRecordsFor(plan, settings.salesforce)
    if (newRecords) view.newRecords = newRecords
    view.howTo = howToFor(plan, settings.documents)
    deps.remember?.(view)
    return view
  }

  const cachedStatus = (account: CachedAccount): ApiStatus =>
    account.salesforce ? { state: "cached", fetchedAt: account.salesforce.fetchedAt } : { state: "cached" }

  /**
   * The kept plan of every cached account (of `apiHost` only, when given), planning those not
   * kept. One at a time: the popup asks for the book and for Today at once, and a cold worker
   * must plan 1,000 accounts once, not twice.
   */
  let planning: Promise<unknown> = Promise.resolve()
  function planned(apiHost?: string): ReturnType<typeof plannedNow> {
    const run = planning.then(() => plannedNow(apiHost))
    planning = run.catch(() => undefined)
    return run
  }

  async function plannedNow(
    apiHost?: string
  ): Promise<{ today: IsoDate; entries: { summary: AccountSummary; due: TodayItem[] }[] }> {
    const [settings, timeZone] = await Promise.all([deps.settings(), deps.timeZone()])
    const today = todayIn(timeZone || undefined)
    // A new day or new settings change every plan; settings come from a cache that keeps the
    // same object until they change.
    if (summariesFor?.today !== today || summariesFor.settings !== settings) {
      summaries.clear()
      summariesFor = { today, settings }
    }
    const keys = (
      apiHost === undefined
        ? await db.orgAccounts.toCollection().primaryKeys()
        : await db.orgAccounts.where("apiHost").equals(apiHost).primaryKeys()
    ).map(([host, accountId]) => ({ apiHost: host, accountId }))
    const ids = keys.map(keyText)
    const missing = keys.filter((key) => !summaries.has(keyText(key)))
    if (missing.length > 0) {
      // Many missing (the first list after the worker woke): two bulk reads beat one per account.
      const [accounts, progressByAccount] =
        missing.length > 20
          ? await Promise.all([readAllAccounts(db), readAllProgress(db)])
          : await Promise.all([
              Promise.all(missing.map((key) => readAccount(db, key))).then((rows) =>
                rows.filter((row): row is CachedAccount => row !== undefined)
              ),
              Promise.all(missing.map(async (key) => [keyText(key), await readProgress(db, key)] as const)).then(
                (pairs) => new Map(pairs)
              )
            ])
      for (const account of accounts) {
        const id = keyText(keyOf(account))
        if (!summaries.has(id))
          summaries.set(id, summaryOf(account, progressByAccount.get(id) ?? NO_PROGRESS, settings, today))
      }
    }
    return { today, entries: ids.flatMap((id) => summaries.get(id) ?? []) }
  }

  return {
    /** The cached view of an account, no Salesforce read (the Gmail panel); undefined when not cached. */
    async viewById(key: AccountKey): Promise<AccountView | undefined> {
      const account = await readAccount(db, key)
      return account && viewOf(account, cachedStatus(account))
    },

    /** A view from the cache only (fast first paint), or after reading Salesforce (`refresh`). */
    async view(ref: AccountRef, refresh: boolean, from?: AskedFrom): Promise<AccountView> {
      const key: AccountKey = { apiHost: ref.apiHost, accountId: ref.accountId }
      if (!refresh) {
        // The fast first paint: a read, no write (the Salesforce read that follows records the visit).
        const cached = await readAccount(db, key)
        if (cached) return viewOf(cached, cachedStatus(cached), ref.pageName)
      }
      const now = deps.now()
      let api: ApiStatus = { state: "cached" }
      let fresh: SalesforceRead | undefined
      if (refresh) {
        fresh = await deps.readSalesforce(ref, from)
        if (!fresh.ok) api = fresh.status
      }
      summaries.delete(keyText(key))
      let changed = false
      const account = await updateAccount(db, key, (current) => {
        const next: CachedAccount = { ...current, org: ref.org, lastSeenAt: now }
        if (fresh?.ok) {
          const previous = snapshotOf(current)
          const problems = fresh.fieldProblems ?? []
          const read = keepLastGood(
            previous,
            fresh.facts,
            problems.map((p) => p.fact)
          )
          const facts =
            fresh.done === undefined ? read.facts : { ...read.facts, done: fresh.done, doneBy: fresh.doneBy ?? {} }
          next.salesforce = nextSnapshot(previous, facts, {
            stamp: fresh.stamp,
            fetchedAt: now
          }) as CachedAccount["salesforce"]
          api = { state: "ok", fetchedAt: now }
          if (problems.length > 0)
            api.problems = problems.slice(0, 60).map((p) => ({
              fact: p.fact,
              field: clip(p.field, 300),
              message: clip(p.message, 500),
              kept: read.kept.has(p.fact)
            }))
        } else if (!refresh) {
          api = cachedStatus(current)
        }
        const name = (next.salesforce?.facts.name as string | undefined) ?? ref.pageName
        if (name) next.name = name
        changed = shownOf(current) !== shownOf(next)
        return next
      })
      // Other open views (the popup's book, a Gmail panel, another tab) learn of what this read
      // brought; the asking view has it in this answer. The cache-only first paint of a new
      // account only makes the row its Salesforce read right after fills in.
      if (refresh && changed) deps.notify(ref.accountId, from?.viewId)
      return viewOf(account, api, ref.pageName)
    },

    /** Checks a step off (`on`: the day an event step happened) or reopens it; an event step records its fact. */
    async setStep(
      account: AccountKey,
      key: string,
      done: boolean,
      byViewId?: string,
      on?: IsoDate
    ): Promise<AccountView> {
      const cached = await readAccount(db, account)
      if (!cached)
        throw new InputError("This account is not known to SOP Pilot yet: open it in Salesforce first.", ["accountId"])
      // The step as planned before the change (a wrap-up leaves the plan once done): its title names the Task.
      const before = deps.outbox ? await viewOf(cached, cachedStatus(cached)) : undefined
      const day = on ?? todayIn((await deps.timeZone()) || undefined)
      const recorded = await recordEvent(db, account, key, done, day, deps.now())
      await setStepDone(db, account, key, done, deps.now())
      summaries.delete(keyText(account))
      if (deps.outbox && before) {
        const settings = await deps.settings()
        const title = before.plan.steps.find((step) => step.key === key)?.title ?? key
        await writeBackStep(deps.outbox, settings, account, { key, done, title, on: day, recorded })
      }
      deps.notify(account.accountId, byViewId)
      const after = (await readAccount(db, account)) ?? cached
      return viewOf(after, cachedStatus(after))
    },

    /** Writes the CSM's value of a fact to its Salesforce field (the panel asked the CSM first). */
    async writeFact(key: AccountKey, fact: ManualFact, byViewId?: string): Promise<AccountView> {
      const account = await readAccount(db, key)
      if (!account)
        throw new InputError("This account is not known to SOP Pilot yet: open it in Salesforce first.", ["accountId"])
      if (!deps.outbox) throw new InputError("Writing back to Salesforce is not running.", ["fact"])
      const problem = await writeBackFact(deps.outbox, await deps.settings(), key, fact, account)
      if (problem) throw new InputError(problem, ["fact"])
      deps.notify(key.accountId, byViewId)
      return viewOf(account, cachedStatus(account))
    },

    async setFact(key: AccountKey, fact: ManualFact, value: unknown, byViewId?: string): Promise<AccountView> {
      let parsedValue: unknown
      if (value !== null && value !== undefined) {
        const parsed = parseManualValue(fact, value)
        if (!parsed.ok)
          throw new InputError(
            parsed.errors.map((e) => `${e.path}: ${e.message}`).join("\n"),
            parsed.errors.map((e) => e.path)
          )
        parsedValue = parsed.value
      }
      const exists = await readAccount(db, key)
      if (!exists)
        throw new InputError("This account is not known to SOP Pilot yet: open it in Salesforce first.", ["accountId"])
      summaries.delete(keyText(key))
      const account = await updateAccount(db, key, (current) => {
        const manual = { ...current.manual }
        if (parsedValue === undefined) delete manual[fact]
        else {
          // Made against what Salesforce said when it was entered: only a later Salesforce change beats it.
          const stamp = current.salesforce?.stamp
          manual[fact] = {
            value: parsedValue,
            enteredAt: deps.now(),
            ...(stamp === undefined ? {} : { against: stamp })
          }
        }
        return { ...current, manual }
      })
      deps.notify(key.accountId, byViewId)
      return viewOf(account, cachedStatus(account))
    },

    /** Every cached account's facts as the engine takes them (progress included), and the CSM's today. */
    async book(): Promise<{ today: IsoDate; facts: AccountFacts[] }> {
      const [timeZone, accounts, progressByAccount] = await Promise.all([
        deps.timeZone(),
        readAllAccounts(db),
        readAllProgress(db)
      ])
      const facts = accounts.map((account) => {
        const { checked, reopened } = progressByAccount.get(keyText(keyOf(account))) ?? NO_PROGRESS
        return mergedFactsOf(account, checked, undefined, reopened).facts
      })
      return { today: todayIn(timeZone || undefined), facts }
    },

    /** Forgets every kept summary: the cache was written elsewhere (a book sync). */
    forgetAll(): void {
      summaries.clear()
    },

    /** The book of business: every cached account (of `apiHost` only, when given) with stage, next step and overdue count. */
    async list(query: string, apiHost?: string): Promise<AccountSummary[]> {
      const { entries } = await planned(apiHost)
      const needle = query.trim().toLowerCase()
      return entries
        .map((entry) => entry.summary)
        .filter(
          (a) => needle === "" || a.name.toLowerCase().includes(needle) || a.accountId.toLowerCase().startsWith(needle)
        )
        .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name))
    },

    /**
     * Every step due or overdue across the book (issue 16, item 9), from the same kept plans as
     * `list`: a 1,000-account book is planned once for both.
     */
    async dueSteps(): Promise<{ today: IsoDate; items: TodayItem[] }> {
      const { today, entries } = await planned()
      return { today, items: entries.flatMap((entry) => entry.due) }
    }
  }
}
export type AccountService = ReturnType<typeof createAccountService>
