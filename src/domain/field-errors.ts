import type { $ZodError } from "zod/v4/core"

/**
 * Zod errors as one line per offending field, named by its path. Free of the schema library
 * itself, so views validating with zod/mini use it too.
 */

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
export function fieldErrors(error: Pick<$ZodError, "issues">, root = ""): FieldError[] {
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
