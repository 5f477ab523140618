import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { TEMPLATE_IDS } from "~/src/domain/templates/catalog"
import { DEFAULT_TEMPLATES } from "~/src/domain/templates/defaults"
import { MERGE_FIELD_NAMES, type MergeFieldName } from "~/src/domain/templates/fields"
import { mergeTemplate, toPlainText, toSafeHtml, type MergeValues } from "~/src/domain/templates/merge"

/** Strings rich in the characters that matter: braces, markup, quotes, line breaks. */
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom("{", "}", "<", ">", "&", '"', "'", "\n", "\r", " ", "a", "b", "/", "=") }),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("{{accountName}}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{", "{{", "<br>", "")
)
const value = fc.oneof(nasty, fc.array(nasty, { maxLength: 4 }))
const values: fc.Arbitrary<MergeValues> = fc.dictionary(fc.constantFrom(...MERGE_FIELD_NAMES), value) as fc.Arbitrary<
  Record<MergeFieldName, string | string[]>
>

const templateText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("{{", "}}", "{", "}", "<", "\n", " ", "x"),
    fc.constantFrom(...MERGE_FIELD_NAMES.map((name) => `{{${name}}}`), "{{ adminName }}", "{{nope}}")
  )
})

const onlyBrTags = (html: string) => html.replace(/<br>/g, "").includes("<") === false

describe("merge properties", () => {
  it("default templates: any values give HTML whose only tag is <br>, and plain text with no {{", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_IDS), values, (id, vals) => {
        const merged = mergeTemplate(DEFAULT_TEMPLATES[id], vals)
        for (const part of [merged.subject, merged.body]) {
          expect(onlyBrTags(toSafeHtml(part))).toBe(true)
          expect(toPlainText(part)).not.toContain("{{")
          expect(toSafeHtml(part)).not.toContain("{{")
        }
      })
    )
  })

  it("any template and values: same guarantees, and gaps are unique catalogue fields", () => {
    fc.assert(
      fc.property(templateText, templateText, values, (subject, body, vals) => {
        const merged = mergeTemplate({ subject, body }, vals)
        for (const part of [merged.subject, merged.body]) {
          expect(onlyBrTags(toSafeHtml(part))).toBe(true)
          expect(toPlainText(part)).not.toContain("{{")
        }
        expect(new Set(merged.gaps).size).toBe(merged.gaps.length)
        for (const gap of merged.gaps) expect(MERGE_FIELD_NAMES).toContain(gap)
        expect(toPlainText(merged.subject)).not.toMatch(/[\r\n]/)
      })
    )
  })

  it("a value's text appears verbatim in the plain text (apart from brace breaking)", () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const merged = mergeTemplate({ subject: "", body: "[{{mainPoints}}]" }, { mainPoints: text })
        const expected = text.trim().replace(/\r\n?/g, "\n")
        const shown = toPlainText(merged.body).replace(/\u200B/g, "")
        expect(shown).toBe(expected === "" ? "[[missing: Main points]]" : `[${expected}]`)
      })
    )
  })
})
