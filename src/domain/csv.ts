/**
 * CSV as spreadsheets read it (RFC 4180): comma-separated, CRLF between rows, a field in double
 * quotes when it holds a comma, a quote, a line break or leading/trailing spaces, its quotes
 * doubled. Account names come from Salesforce, so a text cell that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, or a tab or carriage return before one) is written
 * with a leading `'`, which Excel, Sheets and LibreOffice show as text (OWASP "CSV Injection").
 * Numbers are written as numbers, so a negative count stays a number.
 */

export type CsvCell = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/** One cell's text: guarded against formulas, quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ""
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : ""
  if (typeof value === "boolean") return value ? "true" : "false"
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The rows (the first is usually the header) as a CSV file's text, ending with a line break. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("")
}

/**
 * A CSV file's rows, as a spreadsheet reads them (quoted fields, doubled quotes, CRLF or LF). The
 * formula guard's `'` stays: that is what the cell holds. For tests and for reading files back.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ""
  let quoted = false
  let i = 0
  while (i < text.length) {
    const c = text.charAt(i)
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else cell += c
      i++
      continue
    }
    if (c === '"') quoted = true
    else if (c === ",") {
      row.push(cell)
      cell = ""
    } else if (c === "\r" || c === "\n") {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
      if (c === "\r" && text.charAt(i + 1) === "\n") i++
    } else cell += c
    i++
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
