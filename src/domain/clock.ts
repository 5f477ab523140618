/**
 * The clock: instants seen in a time zone. Today's date in the CSM's zone, and wall-clock times
 * for reminders ("08:30 in America/Chicago, every day"). Pure: `Intl` only, no timers;
 * `timeZone` undefined (or "") means the runtime's own zone. Calendar dates themselves: dates.ts.
 */
import { toIso, type IsoDate } from "./dates"

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
