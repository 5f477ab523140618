/**
 * Parsing with zod into `Parsed` results whose errors name each field's path (field-errors.ts),
 * and the `isoDate` schema every date fact uses.
 */
import * as z from "zod"

import { isIsoDateInRange, isRealIsoDate, MAX_ISO_DATE, MIN_ISO_DATE, type IsoDate } from "./dates"

/**
 * A calendar date `YYYY-MM-DD` that exists (no 2025-02-29, no 2026-13-01), from 1900-01-01 to
 * 2200-12-31 (dates.ts: a year 9999 never enters).
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD", abort: true })
  .refine(isRealIsoDate, { error: "not a real calendar date", abort: true })
  .refine(isIsoDateInRange, `must be between ${MIN_ISO_DATE} and ${MAX_ISO_DATE}`)

export type { IsoDate }

export { describeFieldErrors, fieldErrors, formatPath, type FieldError } from "./field-errors"
import { fieldErrors, type FieldError } from "./field-errors"

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, root = ""): Parsed<z.infer<S>> {
  const result = schema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error, root) }
}
