import { useMemo } from "react"

import { SITUATIONS, STAGES } from "~/src/domain/plan"
import type { AccountSummary } from "~/src/messages/protocol"

import { shortDate } from "../format"
import { situationLabel, stageLabel } from "../labels"
import { usePopup } from "../store-context"
import { filterBook } from "./store"
import { VirtualList } from "./VirtualList"

export const ROW_HEIGHT = 52
export const LIST_HEIGHT = 312

const number = new Intl.NumberFormat("en-US")

function since(at: number): string {
  return new Date(at).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })
}

/** "Refresh from Salesforce", with the sync's progress and the cached copy's age. */
function BookSyncBar() {
  const sync = usePopup((s) => s.sync)
  const syncError = usePopup((s) => s.syncError)
  const refresh = usePopup((s) => s.refreshBook)
  const syncing = sync?.state === "syncing"
  let text = ""
  if (syncing)
    text =
      sync.total === 0
        ? "Reading your accounts from Salesforce…"
        : `${number.format(sync.done)} of ${number.format(sync.total)} accounts`
  else if (sync?.state === "ok" && sync.syncedAt !== undefined)
    text = `${number.format(sync.total)} accounts from Salesforce, ${since(sync.syncedAt)}${sync.message ? `. ${sync.message}` : ""}`
  else if (sync?.state === "failed")
    text = `${sync.message ?? "Salesforce could not be read."}${
      sync.syncedAt === undefined ? "" : ` Showing your accounts as of ${since(sync.syncedAt)}.`
    }`
  return (
    <div className="sop-sync" data-testid="book-sync" data-state={sync?.state ?? "unknown"}>
      <button type="button" onClick={() => void refresh()} disabled={syncing} data-action="book-sync">
        {syncing ? "Refreshing…" : "Refresh from Salesforce"}
      </button>
      <span
        className="sop-sync-text"
        role="status"
        aria-live="polite"
        data-done={sync?.done ?? 0}
        data-total={sync?.total ?? 0}
      >
        {syncError ?? text}
      </span>
    </div>
  )
}

function nextText(account: AccountSummary, today: string | undefined): string {
  const stage = stageLabel(account.stage)
  if (!account.nextStep) return `${stage} · nothing open`
  const due = account.nextStep.due ? ` · ${shortDate(account.nextStep.due, today)}` : ""
  return `${stage} · ${account.nextStep.key} ${account.nextStep.title}${due}`
}

/** Every account SOP Pilot has seen, overdue first, filterable; opening one opens its Salesforce record. */
export function BookOfBusiness({ today }: { today?: string }) {
  const book = usePopup((s) => s.book)
  const filters = usePopup((s) => s.filters)
  const setFilters = usePopup((s) => s.setFilters)
  const open = usePopup((s) => s.open)
  const shown = useMemo(() => filterBook(book.accounts, filters), [book.accounts, filters])
  const filtered = shown.length !== book.accounts.length

  return (
    <section className="sop-book" aria-labelledby="sop-book-title" data-testid="book">
      <div className="sop-book-head">
        <h2 id="sop-book-title">
          Book of business{" "}
          <span className="sop-count" data-testid="book-count">
            {filtered ? `${shown.length} of ${book.accounts.length}` : book.accounts.length}
          </span>
        </h2>
        <BookSyncBar />
        <div className="sop-filters" role="search" aria-label="Filter the book of business">
          <label className="sop-search">
            <span className="sop-visually-hidden">Find an account</span>
            <input
              type="search"
              placeholder="Find an account…"
              value={filters.query}
              onChange={(e) => setFilters({ query: e.target.value })}
              data-filter="query"
            />
          </label>
          <label>
            <span className="sop-visually-hidden">Stage</span>
            <select value={filters.stage} onChange={(e) => setFilters({ stage: e.target.value })} data-filter="stage">
              <option value="">All stages</option>
              {STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {stageLabel(stage)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sop-visually-hidden">Situation</span>
            <select
              value={filters.situation}
              onChange={(e) => setFilters({ situation: e.target.value })}
              data-filter="situation"
            >
              <option value="">Any situation</option>
              <option value="none">No situation</option>
              {SITUATIONS.map((situation) => (
                <option key={situation} value={situation}>
                  {situationLabel(situation)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {book.error ? (
        <p className="sop-empty" role="alert">
          {book.error}
        </p>
      ) : book.loading && book.accounts.length === 0 ? (
        <p className="sop-empty" aria-busy="true">
          Loading your accounts…
        </p>
      ) : book.accounts.length === 0 ? (
        <p className="sop-empty">
          No accounts yet: open an Account in Salesforce, then “Refresh from Salesforce” reads your whole book.
        </p>
      ) : shown.length === 0 ? (
        <p className="sop-empty">No account matches these filters.</p>
      ) : (
        <VirtualList
          items={shown}
          rowHeight={ROW_HEIGHT}
          height={Math.min(LIST_HEIGHT, shown.length * ROW_HEIGHT)}
          getKey={(a) => a.accountId}
          label="Accounts, most overdue first"
          rowProps={(a) => ({ "data-account-id": a.accountId, "data-overdue": a.overdue, "data-stage": a.stage })}
          renderRow={(a, _index, focusable) => (
            <button
              type="button"
              className="sop-row"
              onClick={() => open(a)}
              title={`Open ${a.name} in Salesforce`}
              {...focusable}
            >
              <span className="sop-row-name">{a.name}</span>
              <span className="sop-row-next">{nextText(a, today)}</span>
              <span className="sop-count" data-count={a.overdue} aria-label={`${a.overdue} overdue`}>
                {a.overdue}
              </span>
            </button>
          )}
        />
      )}
    </section>
  )
}
