import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from "react"

import { isRealIsoDate, plusDays } from "~/src/domain/dates"
import { plural } from "~/src/domain/text"
import { todayItemId } from "~/src/domain/today"
import { onAccountChanged } from "~/src/messages/client"

import { longDate, shortDate } from "../format"
import { situationLabel } from "../labels"
import { VirtualList } from "../popup/VirtualList"
import { TodayStoreContext, useToday } from "../store-context"
import { useUndoHold } from "../undo-hold"
import { openCount, todayRows, type TodayRow, type TodayStore } from "./store"

/** How long a check-off can be undone from its row (paused while the pointer or focus is on it), as in the panel. */
export { UNDO_MS } from "../undo-hold"
export const TODAY_ROW_HEIGHT = 56

/** What a screen reader reads for a row: one sentence, "Acme: Send the recap, overdue by 3 days, due 28 November". */
export function todaySentence(row: TodayRow, today: string): string {
  if (row.done) return `${row.name}: ${row.title}, checked off`
  const when =
    row.status === "overdue"
      ? `overdue by ${plural(row.overdueDays, "day")}, due ${longDate(row.due, today)}`
      : "due today"
  const situation = row.situation ? `, ${situationLabel(row.situation).toLowerCase()}` : ""
  const lead = row.role === "team_lead" ? ", a Team Lead step" : ""
  return `${row.name}: ${row.title}, ${when}${situation}${lead}`
}

const NONE: never[] = []

const rowSelector = (id: string) => `li[data-row-id="${CSS.escape(id)}"]`

/** Back to the row's check box once a form below the list closes (when the row is still rendered). */
function focusRow(id: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`${rowSelector(id)} input[type="checkbox"]`)?.focus())
}

function dueText(row: TodayRow, today: string): string {
  if (row.status === "due") return "Today"
  return `${plural(row.overdueDays, "day")} late · ${shortDate(row.due, today)}`
}

interface RowProps {
  row: TodayRow
  today: string
  full: boolean
  focusable: { tabIndex: number; "data-row-focus": true }
}

function Row({ row, today, full, focusable }: RowProps) {
  const id = todayItemId(row)
  const check = useToday((s) => s.check)
  const expire = useToday((s) => s.expire)
  const openForm = useToday((s) => s.openForm)
  const printAccount = useToday((s) => s.printAccount)
  const saving = useToday((s) => id in s.pending)
  const error = useToday((s) => s.rowErrors[id])
  const sentence = todaySentence(row, today)
  // Undo stays while the CSM points at or works in the row, then goes after UNDO_MS. Nothing in the
  // row is ever disabled: a focused control that is disabled loses focus without a blur event, and
  // Undo would never expire (a click while a request is on its way is ignored by the store instead).
  const hold = useUndoHold(row.done && !saving, expire, id)
  const tab = focusable.tabIndex

  return (
    <div className="sop-today-row" aria-busy={saving || undefined} {...hold}>
      <label className="sop-today-main">
        <input
          type="checkbox"
          checked={row.done}
          aria-label={sentence}
          aria-describedby={error ? `sop-today-error-${row.accountId}-${row.key}` : undefined}
          data-action="today-check"
          {...focusable}
          onChange={(event) => {
            const checked = event.currentTarget.checked
            // An event step asks when it happened (the plan dates its next steps from it), as the panel does.
            if (checked && row.event) openForm({ kind: "when", id })
            else void check(id, checked)
          }}
        />
        <span className="sop-today-text" aria-hidden="true">
          <span className="sop-today-line">
            <span className="sop-today-name">{row.name}</span>
            {row.situation ? (
              <span className="sop-chip sop-chip-situation">{situationLabel(row.situation)}</span>
            ) : null}
          </span>
          <span className="sop-today-line sop-today-step">
            <span className="sop-rule">{row.key}</span>
            <span className="sop-today-title">{row.title}</span>
            <span className="sop-due" data-status={row.done ? "done" : row.status}>
              {row.done ? "Done" : dueText(row, today)}
            </span>
          </span>
        </span>
      </label>
      <span className="sop-today-actions">
        {row.done ? (
          <span role="status">
            <span className="sop-visually-hidden">Checked off. </span>
            <button
              type="button"
              className="sop-link"
              data-action="today-undo"
              tabIndex={tab}
              aria-label={`Undo: uncheck “${row.title}” for ${row.name}`}
              onClick={() => void check(id, false)}
            >
              Undo
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="sop-link"
            data-action="today-snooze"
            tabIndex={tab}
            aria-label={`Snooze ${row.name}: ${row.title}`}
            onClick={() => openForm({ kind: "snooze", id })}
          >
            Snooze
          </button>
        )}
        {full ? (
          <button
            type="button"
            className="sop-link"
            data-action="today-print"
            tabIndex={tab}
            aria-label={`Printable checklist of ${row.name}`}
            onClick={() => printAccount(id)}
          >
            Checklist
          </button>
        ) : null}
      </span>
      {error ? (
        <p className="sop-error" id={`sop-today-error-${row.accountId}-${row.key}`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** The form below the list: "Snooze until …" or "When did it happen?", keyboard first (Escape cancels). */
function RowForm({ rows, today }: { rows: TodayRow[]; today: string }) {
  const form = useToday((s) => s.form)
  const openForm = useToday((s) => s.openForm)
  const check = useToday((s) => s.check)
  const snooze = useToday((s) => s.snooze)
  const row = form ? rows.find((r) => todayItemId(r) === form.id) : undefined
  const tomorrow = plusDays(today, 1)
  const [value, setValue] = useState("")
  useEffect(() => setValue(form?.kind === "snooze" ? plusDays(today, 7) : today), [form, today])
  if (!form || !row) return null
  const id = form.id
  const close = () => {
    openForm(null)
    focusRow(id)
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!isRealIsoDate(value)) return
    if (form.kind === "snooze") {
      if (value < tomorrow) return
      void snooze(id, value).then(() => focusRow(id))
    } else {
      if (value > today) return
      void check(id, true, value).then(() => focusRow(id))
    }
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation()
      close()
    }
  }
  const inputId = `sop-today-${form.kind}-date`
  return (
    <form
      className="sop-today-form"
      data-testid={form.kind === "snooze" ? "today-snooze" : "step-when"}
      aria-label={
        form.kind === "snooze" ? `Snooze ${row.name}: ${row.title}` : `When did it happen? ${row.name}: ${row.title}`
      }
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      <p className="sop-today-form-what">
        <span className="sop-rule">{row.key}</span> {row.title} · {row.name}
      </p>
      <label htmlFor={inputId}>{form.kind === "snooze" ? "Snooze until" : "When did it happen?"}</label>
      <input
        id={inputId}
        type="date"
        className="sop-input"
        value={value}
        {...(form.kind === "snooze" ? { min: tomorrow } : { max: today })}
        autoFocus
        required
        onChange={(event) => setValue(event.currentTarget.value)}
      />
      <button type="submit" className="sop-btn" data-action={form.kind === "snooze" ? "snooze-step" : "record-event"}>
        {form.kind === "snooze" ? "Snooze" : "Check off"}
      </button>
      <button type="button" className="sop-link" onClick={close}>
        Cancel
      </button>
    </form>
  )
}

function Snoozed({ today }: { today: string }) {
  const snoozed = useToday((s) => s.list?.snoozed ?? NONE)
  const total = useToday((s) => s.list?.snoozedTotal ?? 0)
  const open = useToday((s) => s.showSnoozed)
  const toggle = useToday((s) => s.toggleSnoozed)
  const snooze = useToday((s) => s.snooze)
  if (total === 0) return null
  return (
    <div className="sop-today-snoozed" data-testid="today-snoozed" data-count={total}>
      <button
        type="button"
        className="sop-link"
        aria-expanded={open}
        aria-controls="sop-today-snoozed-list"
        data-action="show-snoozed"
        onClick={toggle}
      >
        {plural(total, "step")} snoozed
      </button>
      {open ? (
        <ul id="sop-today-snoozed-list" aria-label="Snoozed steps">
          {snoozed.map((item) => {
            const sentence = `${todaySentence({ ...item, done: false }, today)}, snoozed until ${longDate(item.until, today)}`
            return (
              <li key={todayItemId(item)} data-row-id={todayItemId(item)} data-key={item.key} data-until={item.until}>
                <span aria-hidden="true">
                  <span className="sop-rule">{item.key}</span> {item.name}: {item.title} · until{" "}
                  {shortDate(item.until, today)}
                </span>
                <span className="sop-visually-hidden">{sentence}</span>
                <button
                  type="button"
                  className="sop-link"
                  data-action="unsnooze"
                  aria-label={`Show again now: ${item.name}: ${item.title}`}
                  onClick={() => void snooze(todayItemId(item), null)}
                >
                  Show again
                </button>
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}

function TodayContent({ full, height }: { full: boolean; height: number }) {
  const list = useToday((s) => s.list)
  const kept = useToday((s) => s.kept)
  const loading = useToday((s) => s.loading)
  const error = useToday((s) => s.error)
  const exportCsv = useToday((s) => s.exportCsv)
  const rows = useMemo(() => todayRows(list, kept), [list, kept])
  const open = openCount(list, kept)
  const more = list ? list.total - list.items.length : 0
  const today = list?.today ?? ""

  return (
    <section className="sop-today" aria-labelledby="sop-today-title" data-testid="today" data-count={open}>
      <div className="sop-today-head">
        <h2 id="sop-today-title">
          Today{" "}
          <span className="sop-count" data-testid="today-count" data-count={open}>
            {open}
          </span>
          <span className="sop-visually-hidden"> steps due or overdue</span>
        </h2>
        <span className="sop-today-tools">
          {full ? (
            <button type="button" className="sop-btn" data-action="today-export" onClick={exportCsv} disabled={!list}>
              Export CSV
            </button>
          ) : (
            <button
              type="button"
              className="sop-link"
              data-action="open-today"
              onClick={() => void chrome.tabs.create({ url: chrome.runtime.getURL("tabs/today.html") })}
            >
              Full page
            </button>
          )}
        </span>
      </div>
      {error ? (
        <p className="sop-empty" role="alert">
          {error}
        </p>
      ) : loading && !list ? (
        <p className="sop-empty" aria-busy="true">
          Loading today’s steps…
        </p>
      ) : rows.length === 0 ? (
        <p className="sop-empty">Nothing due or overdue across your accounts.</p>
      ) : (
        <VirtualList
          items={rows}
          rowHeight={TODAY_ROW_HEIGHT}
          height={Math.min(height, rows.length * TODAY_ROW_HEIGHT)}
          getKey={todayItemId}
          label="Steps due or overdue across your accounts, most urgent first"
          testId="today-list"
          className="sop-today-list"
          rowProps={(row) => ({
            "data-row-id": todayItemId(row),
            "data-today-account": row.accountId,
            "data-key": row.key,
            "data-rule": row.rule,
            "data-status": row.done ? "done" : row.status,
            "data-situation": row.situation ?? undefined
          })}
          renderRow={(row, _index, focusable) => <Row row={row} today={today} full={full} focusable={focusable} />}
        />
      )}
      {more > 0 ? (
        <p className="sop-today-more" data-testid="today-more">
          The {list?.items.length} most urgent of {open}: “Full page” lists them all.
        </p>
      ) : null}
      <RowForm rows={rows} today={today} />
      <Snoozed today={today} />
    </section>
  )
}

/**
 * "Today, across the book": every step due or overdue in every account, most urgent first, with
 * check-off (and Undo) and snooze in place. In the popup (`full` false) and on its own page.
 */
export function Today({ store, full = false, height = 280 }: { store: TodayStore; full?: boolean; height?: number }) {
  useEffect(() => {
    const controller = new AbortController()
    void store.getState().load()
    // Any change (a check-off elsewhere, a sync, new settings) may move the list: ask again.
    onAccountChanged(() => void store.getState().load(), controller.signal)
    return () => controller.abort()
  }, [store])
  return (
    <TodayStoreContext.Provider value={store}>
      <TodayContent full={full} height={height} />
    </TodayStoreContext.Provider>
  )
}
