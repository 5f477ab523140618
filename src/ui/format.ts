/**
 * Display formatting for views: dates as the CSM reads them (`Nov 24`), clock times, fact values.
 * Dates are the engine's `YYYY-MM-DD` calendar dates, read by string slicing so no time zone can
 * move a day; counting with them is domain/dates.ts.
 */
import { DATE_FACTS } from "~/src/domain/fact-names"

import { valueLabel } from "./labels"

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** `2026-11-24` → `Nov 24`; with the year when it differs from `today`'s (`Jan 5, 2027`). */
export function shortDate(iso: string, today?: string): string {
  const match = ISO.exec(iso)
  if (!match) return iso
  const [, year, month, day] = match
  const text = `${MONTHS[Number(month) - 1] ?? month} ${Number(day)}`
  return today !== undefined && today.slice(0, 4) === year ? text : `${text}, ${year}`
}

const LONG_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
]

/** `2026-11-28` → `28 November`, for sentences read aloud; with the year when it differs from `today`'s. */
export function longDate(iso: string, today?: string): string {
  const match = ISO.exec(iso)
  if (!match) return iso
  const [, year, month, day] = match
  const text = `${Number(day)} ${LONG_MONTHS[Number(month) - 1] ?? month}`
  return today !== undefined && today.slice(0, 4) === year ? text : `${text} ${year}`
}

/** Clock time of a timestamp, for "read at 10:42". */
export function clockTime(ms: number): string {
  const date = new Date(ms)
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`
}

const DATE_FACT_NAMES = new Set<string>(DATE_FACTS)

/** A fact's value as text: dates, lists, money, yes/no, enum labels. */
export function factValueText(fact: string, value: unknown, today?: string): string {
  if (value === undefined || value === null) return "—"
  if (DATE_FACT_NAMES.has(fact) && typeof value === "string") return shortDate(value, today)
  if (fact === "mrr" && typeof value === "number") return `$${value.toLocaleString("en-US")}/month`
  if (typeof value === "boolean") return value ? "Yes" : "No"
  if (Array.isArray(value)) {
    if (value.length === 0) return "none"
    return value
      .map((item) =>
        typeof item === "string" ? (ISO.test(item) ? shortDate(item, today) : valueLabel(item)) : String(item)
      )
      .join(", ")
  }
  if (typeof value === "string") return valueLabel(value)
  if (typeof value === "number") return value.toLocaleString("en-US")
  return JSON.stringify(value)
}
