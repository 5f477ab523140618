/**
 * `toDate`'s fast path for `YYYY-MM-DD` (src/domain/dates.ts) gives exactly what date-fns'
 * parseISO gives, in time zones with midnight DST changes too: the engine's dates did not move.
 */
import { parseISO } from "date-fns/parseISO"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"

import { toDate } from "~/src/domain/dates"

const ZONES = [
  "UTC",
  "America/New_York",
  "America/Santiago",
  "America/Sao_Paulo",
  "Asia/Beirut",
  "Pacific/Apia",
  "Australia/Lord_Howe",
  "Asia/Kolkata"
]
const originalTz = process.env.TZ

afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ
  else process.env.TZ = originalTz
})

const pad = (n: number, width: number) => String(n).padStart(width, "0")
/** Any `YYYY-MM-DD` shape, impossible months and days included. */
const isoShaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
const near = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const other = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("2026-1-5", "2026-11-25T10:00", "20261125", "+002026-11-25", " 2026-11-25", "2026-W48")
)

const same = (a: Date, b: Date) => Object.is(a.getTime(), b.getTime())

describe("toDate (fast path) = parseISO", () => {
  it.each(ZONES)("in %s, for any YYYY-MM-DD string, valid or not, and anything else", (zone) => {
    process.env.TZ = zone
    fc.assert(
      fc.property(fc.oneof(isoShaped, near, other), (text) => {
        expect(same(toDate(text), parseISO(text)), `${text} in ${zone}`).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  it("switches zones for real (else the zone runs above prove nothing)", () => {
    process.env.TZ = "Asia/Kolkata"
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-330)
    process.env.TZ = "UTC"
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(0)
  })

  it.each(["2026-02-30", "2026-13-01", "2026-00-10", "2027-02-29"])(
    "%s is an Invalid Date, as parseISO says",
    (text) => {
      expect(Number.isNaN(toDate(text).getTime())).toBe(true)
      expect(Number.isNaN(parseISO(text).getTime())).toBe(true)
    }
  )

  it("reads a day the zone skipped (Samoa, 30 Dec 2011) as parseISO does", () => {
    process.env.TZ = "Pacific/Apia"
    expect(same(toDate("2011-12-30"), parseISO("2011-12-30"))).toBe(true)
    expect(Number.isNaN(toDate("2011-12-30").getTime())).toBe(false)
    process.env.TZ = "UTC"
  })

  it("reads a leap day as local midnight", () => {
    expect(toDate("2028-02-29").getTime()).toBe(new Date(2028, 1, 29).getTime())
  })

  it("keeps years below 100 as given (no 19xx)", () => {
    process.env.TZ = "UTC"
    expect(toDate("0042-03-04").getFullYear()).toBe(42)
    expect(same(toDate("0042-03-04"), parseISO("0042-03-04"))).toBe(true)
  })
})
