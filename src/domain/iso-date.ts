/** Calendar dates as `YYYY-MM-DD` text, without the schema library: every context may use these. */

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

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/**
 * A local date as `YYYY-MM-DD`. Written out rather than with date-fns `format`, which Parcel's
 * scope hoisting cannot bundle (its token tables go missing and every call throws).
 */
export function formatIsoDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
