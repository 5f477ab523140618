/**
 * Spec §7 formats for text the CSM pastes into Salesforce. Pure.
 *
 * Errors are returned, not thrown: both functions give `Parsed<string>` (the project's result
 * type, `{ ok: true, value } | { ok: false, errors: [{ path, message }] }`), because their input
 * is typed by a person and the UI shows every problem next to its field.
 *
 * - `date`: a real calendar date `YYYY-MM-DD`, written `MM/DD/YY` (string slicing: no time zones).
 * - `initials`: trimmed, 1–4 letters (any alphabet), written in upper case.
 * - `note` / `action`: must not be blank; written on one line (line breaks and runs of spaces
 *   become one space), since each note or directive is one entry of a running log.
 *
 * The SOP's own example (`04/20/23MM: Customer called…`) drops the underscore; the spec's
 * `MM/DD/YY_Initials:Action` is followed to the letter.
 */
import type { FieldError } from "../field-errors"
import type { Parsed } from "../parse"
import { isRealIsoDate, type IsoDate } from "../dates"

const INITIALS = /^\p{L}{1,4}$/u

/** `MM/DD/YY` as used in Salesforce notes and case directives (spec §7). */
export const shortUsDate = (iso: IsoDate): string => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(2, 4)}`

function shortDate(date: string, errors: FieldError[]): string {
  if (!isRealIsoDate(date)) {
    errors.push({ path: "date", message: "expected a real date as YYYY-MM-DD" })
    return ""
  }
  return shortUsDate(date)
}

function cleanInitials(initials: string, errors: FieldError[]): string {
  const trimmed = initials.trim()
  if (!INITIALS.test(trimmed)) errors.push({ path: "initials", message: "expected 1 to 4 letters, like MM" })
  return trimmed.toUpperCase()
}

function oneLine(text: string, path: string, errors: FieldError[]): string {
  const line = text.replace(/\s+/g, " ").trim()
  if (line === "") errors.push({ path, message: "must not be empty" })
  return line
}

function build(parts: (errors: FieldError[]) => string): Parsed<string> {
  const errors: FieldError[] = []
  const value = parts(errors)
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors }
}

/** Account note (RK3): `MM/DD/YY-Initials-Note`, e.g. `04/20/23-MM-Called the admin about renewal`. */
export function accountNote(date: string, initials: string, note: string): Parsed<string> {
  return build((errors) => {
    const d = shortDate(date, errors)
    const i = cleanInitials(initials, errors)
    const n = oneLine(note, "note", errors)
    return `${d}-${i}-${n}`
  })
}

/** Case description / escalation directive (CX1): `MM/DD/YY_Initials:Action`, e.g. `04/20/23_MM:One more week`. */
export function caseDirective(date: string, initials: string, action: string): Parsed<string> {
  return build((errors) => {
    const d = shortDate(date, errors)
    const i = cleanInitials(initials, errors)
    const a = oneLine(action, "action", errors)
    return `${d}_${i}:${a}`
  })
}
