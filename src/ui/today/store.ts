/**
 * The Today list's state (issue 16, item 9), shared by the popup and its full page: every step
 * due or overdue across the book as the background answered it, the steps checked off here (kept
 * in place, done, with Undo), snoozes, and the one form open below the list (snooze until a day,
 * or when an event step happened). The background is the only writer.
 *
 * `createTodayStore()` makes a fresh store; tests give it fake deps.
 */
import { createStore, type StoreApi } from "zustand/vanilla"

import { sortToday, todayCsv, todayItemId, type TodayItem } from "~/src/domain/today"
import { errorText } from "~/src/domain/text"
import { createAsk, newViewId } from "~/src/messages/client"
import { REQUESTS } from "~/src/messages/protocol"
import { TODAY_REQUESTS, type TodayList } from "~/src/messages/today-protocol"
import { downloadCsv } from "../download"

/** The messages the Today views send: the list's own, and `step.set` for a check-off. */
export const askToday = createAsk({ "step.set": REQUESTS["step.set"], ...TODAY_REQUESTS })

export interface TodayDeps {
  ask: typeof askToday
  /** Offers `text` as a file download named `fileName`. */
  download: (fileName: string, text: string) => void
  openTab: (url: string) => void
}

export const defaultTodayDeps = (): TodayDeps => ({
  ask: askToday,
  download: downloadCsv,
  openTab: (url) => void chrome.tabs.create({ url })
})

/** A row as shown: open, or checked off here (kept, with Undo, until it expires). */
export type TodayRow = TodayItem & { done: boolean }

/** The form below the list: snooze a row until a day, or ask when an event step happened. */
export type TodayForm = { kind: "snooze"; id: string } | { kind: "when"; id: string } | null

export interface TodayState {
  loading: boolean
  error: string | null
  list: TodayList | null
  /** Rows checked off here, by id: they stay listed (done), so a slip can be undone. */
  kept: Record<string, TodayRow>
  /** Row id → a request on its way. */
  pending: Record<string, true>
  rowErrors: Record<string, string>
  form: TodayForm
  showSnoozed: boolean

  load(): Promise<void>
  /** Checks a row off (`on`: the day an event step happened) or, with Undo, reopens it. */
  check(id: string, done: boolean, on?: string): Promise<void>
  /** The Undo's time is up: the row leaves the list. */
  expire(id: string): void
  snooze(id: string, until: string | null): Promise<void>
  openForm(form: TodayForm): void
  toggleSnoozed(): void
  exportCsv(): void
  /** The printable checklist of the row's account, in a tab. */
  printAccount(id: string): void
}

export type TodayStore = StoreApi<TodayState>

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const next = { ...record }
  delete next[key]
  return next
}

/** What the list shows: the background's rows and those checked here, most urgent first. */
export function todayRows(list: TodayList | null, kept: Record<string, TodayRow>): TodayRow[] {
  const open = (list?.items ?? [])
    .filter((item) => !(todayItemId(item) in kept))
    .map((item) => ({ ...item, done: false }))
  return sortToday([...open, ...Object.values(kept)])
}

/**
 * Steps still to do, in all: the background's total, less those checked off here it still lists,
 * plus those being reopened here it no longer lists.
 */
export function openCount(list: TodayList | null, kept: Record<string, TodayRow>): number {
  if (!list) return 0
  const listed = new Set(list.items.map(todayItemId))
  let count = list.total
  for (const [id, row] of Object.entries(kept)) {
    if (row.done && listed.has(id)) count--
    if (!row.done && !listed.has(id)) count++
  }
  return count
}

/** The printable checklist page of one account. */
export function checklistUrl(row: { apiHost: string; accountId: string }): string {
  const query = new URLSearchParams({ apiHost: row.apiHost, accountId: row.accountId })
  return `${chrome.runtime.getURL("tabs/checklist.html")}?${query.toString()}`
}

/** How many of the most urgent rows the popup asks for: a 1,000-account book has thousands. */
export const POPUP_LIMIT = 100

/** `limit`: rows asked for (the popup's `POPUP_LIMIT`); absent, every row (the full page). */
export function createTodayStore(deps: TodayDeps = defaultTodayDeps(), limit?: number): TodayStore {
  const limited = limit === undefined ? {} : { limit }
  const viewId = newViewId()
  let seq = 0
  const find = (id: string): TodayRow | undefined => {
    const state = store.getState()
    return (
      state.kept[id] ??
      [...(state.list?.items ?? []), ...(state.list?.snoozed ?? [])]
        .map((item) => ({ ...item, done: false }))
        .find((item) => todayItemId(item) === id)
    )
  }
  const store: TodayStore = createStore<TodayState>()((set, get) => {
    return {
      loading: true,
      error: null,
      list: null,
      kept: {},
      pending: {},
      rowErrors: {},
      form: null,
      showSnoozed: false,

      async load() {
        const mine = ++seq
        set({ loading: true })
        try {
          const list = await deps.ask({ name: "today.list", ...limited })
          if (mine === seq) set({ list, loading: false, error: null })
        } catch (error) {
          if (mine === seq) set({ loading: false, error: errorText(error) })
        }
      },

      async check(id, done, on) {
        const row = find(id)
        if (!row || id in get().pending) return
        set((state) => ({
          pending: { ...state.pending, [id]: true },
          rowErrors: without(state.rowErrors, id),
          form: null,
          // Shown done at once; the answer confirms it (or the error puts it back).
          kept: { ...state.kept, [id]: { ...row, done } }
        }))
        try {
          await deps.ask({
            name: "step.set",
            accountId: row.accountId,
            apiHost: row.apiHost,
            key: row.key,
            done,
            viewId,
            ...(on === undefined ? {} : { on })
          })
          // Undone: the row is an open row of the list again.
          set((state) => ({ pending: without(state.pending, id), kept: done ? state.kept : without(state.kept, id) }))
          await get().load()
        } catch (error) {
          set((state) => ({
            pending: without(state.pending, id),
            kept: done ? without(state.kept, id) : { ...state.kept, [id]: { ...row, done: true } },
            rowErrors: { ...state.rowErrors, [id]: errorText(error) }
          }))
        }
      },

      expire(id) {
        set((state) => (id in state.kept && state.kept[id]?.done ? { kept: without(state.kept, id) } : {}))
      },

      async snooze(id, until) {
        const row = find(id)
        if (!row) return
        set((state) => ({ pending: { ...state.pending, [id]: true }, rowErrors: without(state.rowErrors, id) }))
        try {
          const list = await deps.ask({
            name: "today.snooze",
            accountId: row.accountId,
            apiHost: row.apiHost,
            key: row.key,
            until,
            ...limited
          })
          seq++
          set((state) => ({ list, pending: without(state.pending, id), form: null, error: null }))
        } catch (error) {
          set((state) => ({
            pending: without(state.pending, id),
            rowErrors: { ...state.rowErrors, [id]: errorText(error) }
          }))
        }
      },

      openForm(form) {
        set({ form })
      },

      toggleSnoozed() {
        set((state) => ({ showSnoozed: !state.showSnoozed }))
      },

      exportCsv() {
        const { list, kept } = get()
        if (!list) return
        const rows = todayRows(list, kept).filter((row) => !row.done)
        deps.download(`sop-pilot-today-${list.today}.csv`, todayCsv(rows))
      },

      printAccount(id) {
        const row = find(id)
        if (row) deps.openTab(checklistUrl(row))
      }
    }
  })
  return store
}
