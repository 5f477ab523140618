/**
 * The domain's date math, pure (no display text: that is ui/format.ts):
 * - calendar dates: `YYYY-MM-DD` text, checked, taken apart, and counted with (plus days,
 *   business days, days between, the spec's D7 quarter end and D8 first Thursday), with no
 *   instants and no time zones;
 * - the clock: instants seen in a time zone, `todayIn` (the CSM's today, which callers pass to
 *   the engine) and the next daily reminder time (`nextDailyAt`). `Intl` only, no timers;
 *   `timeZone` undefined (or "") means the runtime's own zone.
 * No zod either, so content scripts and zod/mini schemas use these checks as they are.
 */
// date-fns by sub-module: Parcel's scope hoisting cannot follow the package index's re-exports.
import { addBusinessDays } from "date-fns/addBusinessDays"
import { addDays } from "date-fns/addDays"
import { addMonths } from "date-fns/addMonths"
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays"
import { isBefore } from "date-fns/isBefore"
import { lastDayOfQuarter } from "date-fns/lastDayOfQuarter"
import { nextThursday } from "date-fns/nextThursday"
import { parseISO } from "date-fns/parseISO"
import { startOfMonth } from "date-fns/startOfMonth"

/** A calendar date `YYYY-MM-DD` (checked by `isoDate` in parse.ts where it enters). */
export type IsoDate = string

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export interface IsoDateParts {
  year: number
  /** 0-based, as `Date` counts months. */
  month: number
  day: number
}

/**
 * The parts of a `YYYY-MM-DD` text: undefined when it has another shape, `"impossible"` for a
 * day the calendar does not have (2027-02-29, 2026-13-01).
 */
export function isoDateParts(value: string): IsoDateParts | "impossible" | undefined {
  const match = ISO_DAY.exec(value)
  if (!match) return undefined
  const year = Number(match[1])
  const month = Number(match[2]) - 1
  const day = Number(match[3])
  const leap = year % 400 === 0 || (year % 4 === 0 && year % 100 !== 0)
  const days = month === 1 && leap ? 29 : DAYS_IN_MONTH[month]
  return days !== undefined && day >= 1 && day <= days ? { year, month, day } : "impossible"
}

/** Whether `value` is a calendar date `YYYY-MM-DD` that exists. */
export function isRealIsoDate(value: string): boolean {
  const parts = isoDateParts(value)
  return parts !== undefined && parts !== "impossible"
}

/**
 * The dates SOP Pilot accepts anywhere (issue 17): a mistyped year 9999 in Salesforce or a file
 * would give due dates like "10000-01-03" that no view can show and that sort as text wrongly.
 * Every date that enters (the facts schema, Salesforce values, imports, manual entry) is checked
 * against these, so every date kept has a 4-digit year and text order is date order.
 */
export const MIN_ISO_DATE = "1900-01-01"
export const MAX_ISO_DATE = "2200-12-31"

/** Whether `value` is a real calendar date `YYYY-MM-DD` from MIN_ISO_DATE to MAX_ISO_DATE. */
export function isIsoDateInRange(value: string): boolean {
  const parts = isoDateParts(value)
  return parts !== undefined && parts !== "impossible" && parts.year >= 1900 && parts.year <= 2200
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/**
 * A local date as `YYYY-MM-DD`. Written out rather than with date-fns `format`, which Parcel's
 * scope hoisting cannot bundle (its token tables go missing and every call throws).
 */
export function formatIsoDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * As `Date`: parsed to local midnight and formatted back, so no time zone can shift a day.
 */
export const toDate = (iso: IsoDate): Date => {
  // Fast path for the plain `YYYY-MM-DD` the engine reads thousands of times per book: date-fns'
  // parseISO is general and slow (this halved buildPlan's time, see bench/). It does what
  // parseISO does for that shape, step for step: an impossible day (2026-02-30) is an Invalid
  // Date, else local midnight set the same way (so a day a time zone skipped, or a year < 100,
  // comes out the same). Anything else goes to parseISO (test/unit/domain/dates.property.test.ts).
  const parts = isoDateParts(iso)
  if (parts === undefined) return parseISO(iso)
  if (parts === "impossible") return new Date(Number.NaN)
  const date = new Date(0)
  date.setFullYear(parts.year, parts.month, parts.day)
  date.setHours(0, 0, 0, 0)
  return date
}
export const toIso = (date: Date): IsoDate => formatIsoDate(date)

/**
 * The engine asks the same few dates thousands of times per book (every account's today, its
 * quarter end, the same anchors plus the same offsets), and each answer is date-fns work on a
 * `Date`. Answers are kept per text of the question: a calendar date plus days is the same in
 * every zone but on a day a zone skipped whole (Samoa, 30 Dec 2011), where date-fns' answer is
 * kept as it first came. Bounded: a book's dates are few; past the bound it starts over.
 */
const MEMO_LIMIT = 50_000
function memo<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  const kept = new Map<string, R>()
  return (...args: A) => {
    const key = args.join("|")
    const hit = kept.get(key)
    if (hit !== undefined || kept.has(key)) return hit as R
    const value = compute(...args)
    if (kept.size >= MEMO_LIMIT) kept.clear()
    kept.set(key, value)
    return value
  }
}

export const plusDays: (iso: IsoDate, days: number) => IsoDate = memo((iso: IsoDate, days: number) =>
  toIso(addDays(toDate(iso), days))
)

/** Skips Saturdays and Sundays; negative counts go back. A weekend start counts from the next/previous weekday. */
export const plusBusinessDays: (iso: IsoDate, days: number) => IsoDate = memo((iso: IsoDate, days: number) =>
  toIso(addBusinessDays(toDate(iso), days))
)

export const daysBetween: (from: IsoDate, to: IsoDate) => number = memo((from: IsoDate, to: IsoDate) =>
  differenceInCalendarDays(toDate(to), toDate(from))
)

export const compareIso = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0)

/** D7: the last day of the quarter that contains `today` (the upsell close date, UP2). */
export const quarterEnd: (today: IsoDate) => IsoDate = memo((today: IsoDate) => toIso(lastDayOfQuarter(toDate(today))))

const firstThursdayOf = (month: Date): Date => {
  const first = startOfMonth(month)
  return first.getDay() === 4 ? first : nextThursday(first)
}

/** D8: the first Thursday of the month on or after `today` (the Compliance Open Forum, SM2). */
export const nextFirstThursday: (today: IsoDate) => IsoDate = memo((today: IsoDate) => {
  const day = toDate(today)
  const thisMonth = firstThursdayOf(day)
  return toIso(isBefore(thisMonth, day) ? firstThursdayOf(addMonths(startOfMonth(day), 1)) : thisMonth)
})

// ── The clock: instants in a time zone ─────────────────────────────────────────────────────

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? ""
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timeZone || undefined,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit"
    })
    formatters.set(key, formatter)
  }
  return formatter
}

interface Wall {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function wallAt(instant: number, timeZone: string | undefined): Wall {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value])
  )
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second)
  }
}

const wallMs = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)

/** How far `timeZone`'s clock is ahead of UTC at `instant`, in ms (−6 h → −21 600 000). */
export function zoneOffsetMs(instant: number, timeZone?: string): number {
  const whole = Math.floor(instant / 1000) * 1000
  return wallMs(wallAt(whole, timeZone)) - whole
}

/** The instant the wall clock in `timeZone` shows `wall` (given as if it were UTC). In a DST gap, the moment just after. */
function instantOfWall(wall: number, timeZone: string | undefined): number {
  const first = wall - zoneOffsetMs(wall, timeZone)
  return wall - zoneOffsetMs(first, timeZone)
}

/** The first instant after `now` when the clock in `timeZone` shows `hhmm` (`"08:30"`). */
export function nextDailyAt(now: number, hhmm: string, timeZone?: string): number {
  const [hour = 0, minute = 0] = hhmm.split(":").map(Number)
  const today = wallAt(now, timeZone)
  for (let days = 0; days <= 2; days++) {
    const candidate = instantOfWall(Date.UTC(today.year, today.month - 1, today.day + days, hour, minute), timeZone)
    if (candidate > now) return candidate
  }
  return now + 86_400_000
}

/** Today's date in a given IANA time zone (the CSM's), as `YYYY-MM-DD`. */
export const todayIn = (timeZone?: string, now: Date = new Date()): IsoDate => {
  if (!timeZone) return toIso(now)
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now)
}
