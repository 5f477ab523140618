// date-fns by sub-module: Parcel's scope hoisting cannot follow the package index's re-exports.
import { isValid } from "date-fns/isValid"
import { parseISO } from "date-fns/parseISO"
import * as z from "zod"

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-29, no 2026-13-01). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD", abort: true })
  .refine((value) => {
    const parsed = parseISO(value)
    return isValid(parsed) && formatIsoDate(parsed) === value
  }, "not a real calendar date")

export type IsoDate = z.infer<typeof isoDate>

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/**
 * A local date as `YYYY-MM-DD`. Written out rather than with date-fns `format`, which Parcel's
 * scope hoisting cannot bundle (its token tables go missing and every call throws).
 */
export function formatIsoDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** `accounts[3].mrr` style path, the way a person reads it. */
export function formatPath(path: ReadonlyArray<PropertyKey>, root = ""): string {
  let out = root
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`
    else out += out === "" ? String(part) : `.${String(part)}`
  }
  return out === "" ? "(root)" : out
}

export interface FieldError {
  path: string
  message: string
}

/** Flattens a zod error into one line per offending field, naming unknown keys one by one. */
export function fieldErrors(error: z.ZodError, root = ""): FieldError[] {
  const errors: FieldError[] = []
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ path: formatPath([...issue.path, key], root), message: "unknown field" })
      }
    } else {
      errors.push({ path: formatPath(issue.path, root), message: issue.message })
    }
  }
  return errors
}

export function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join("\n")
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, root = ""): Parsed<z.infer<S>> {
  const result = schema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error, root) }
}
