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

import { formatIsoDate, isoDateParts } from "./iso-date"
import type { IsoDate } from "./validation"

/**
 * Calendar dates as `YYYY-MM-DD` strings. They are parsed to local midnight and formatted back,
 * so no time zone can shift a day; callers pass "today" in the CSM's own zone.
 */
export const toDate = (iso: IsoDate): Date => {
  // Fast path for the plain `YYYY-MM-DD` the engine reads thousands of times per book: date-fns'
  // parseISO is general and slow (this halved buildPlan's time, see bench/). It does what
  // parseISO does for that shape, step for step: an impossible day (2026-02-30) is an Invalid
  // Date, else local midnight set the same way (so a day a time zone skipped, or a year < 100,
  // comes out the same). Anything else goes to parseISO (test/unit/reliability/dates.test.ts).
  const parts = isoDateParts(iso)
  if (parts === undefined) return parseISO(iso)
  if (parts === "impossible") return new Date(Number.NaN)
  const date = new Date(0)
  date.setFullYear(parts.year, parts.month, parts.day)
  date.setHours(0, 0, 0, 0)
  return date
}
export const toIso = (date: Date): IsoDate => formatIsoDate(date)

export const plusDays = (iso: IsoDate, days: number): IsoDate => toIso(addDays(toDate(iso), days))

/** Skips Saturdays and Sundays; negative counts go back. A weekend start counts from the next/previous weekday. */
export const plusBusinessDays = (iso: IsoDate, days: number): IsoDate => toIso(addBusinessDays(toDate(iso), days))

export const daysBetween = (from: IsoDate, to: IsoDate): number => differenceInCalendarDays(toDate(to), toDate(from))

export const compareIso = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0)

/** D7: the last day of the quarter that contains `today` (the upsell close date, UP2). */
export const quarterEnd = (today: IsoDate): IsoDate => toIso(lastDayOfQuarter(toDate(today)))

const firstThursdayOf = (month: Date): Date => {
  const first = startOfMonth(month)
  return first.getDay() === 4 ? first : nextThursday(first)
}

/** D8: the first Thursday of the month on or after `today` (the Compliance Open Forum, SM2). */
export const nextFirstThursday = (today: IsoDate): IsoDate => {
  const day = toDate(today)
  const thisMonth = firstThursdayOf(day)
  return toIso(isBefore(thisMonth, day) ? firstThursdayOf(addMonths(startOfMonth(day), 1)) : thisMonth)
}

/** Today's date in a given IANA time zone (the CSM's), as `YYYY-MM-DD`. */
export const todayIn = (timeZone?: string, now: Date = new Date()): IsoDate => {
  if (!timeZone) return toIso(now)
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now)
}

/** `MM/DD/YY` as used in Salesforce notes and case directives (spec §7). */
export const shortUsDate = (iso: IsoDate): string => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(2, 4)}`
