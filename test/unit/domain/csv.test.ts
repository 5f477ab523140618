import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { csvCell, csvText, parseCsv } from "~/src/domain/csv"

describe("csvText", () => {
  it("quotes commas, quotes and line breaks, and parses back to the same cells", () => {
    const rows = [
      ["Account", "CSM", "Overdue"],
      ["Grand Hotels, Resorts & Spas", 'Jo "JJ" Park', 3],
      ["Two\nlines", "Back\r\nslash \\", 0],
      [" padded ", "", null]
    ]
    const text = csvText(rows)
    expect(text).toBe(
      'Account,CSM,Overdue\r\n"Grand Hotels, Resorts & Spas","Jo ""JJ"" Park",3\r\n"Two\nlines","Back\r\nslash \\",0\r\n" padded ",,\r\n'
    )
    expect(parseCsv(text)).toEqual(rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell)))))
  })

  it("guards cells a spreadsheet would run as a formula; numbers stay numbers", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"')
    expect(csvCell("+1 555")).toBe("'+1 555")
    expect(csvCell("-2+3")).toBe("'-2+3")
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)")
    expect(csvCell("\t=1")).toBe("'\t=1")
    expect(csvCell(-3)).toBe("-3")
    expect(csvCell("Acme = good")).toBe("Acme = good")
    expect(parseCsv(csvText([["=1+1", "a"]]))).toEqual([["'=1+1", "a"]])
  })

  it("any cells: one row each, the text back (with the guard's quote on formula-like cells)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { maxLength: 8 }), (rows) => {
        const back = parseCsv(csvText(rows))
        expect(back).toEqual(rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))))
      })
    )
  })
})
