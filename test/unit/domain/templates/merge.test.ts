import { describe, expect, it } from "vitest"

import {
  escapeHtml,
  gapMarkersIn,
  joinList,
  mergeTemplate,
  toPlainText,
  toSafeHtml,
  type MergedText
} from "~/src/domain/templates/merge"

const T = (subject: string, body: string) => ({ subject, body })

describe("mergeTemplate", () => {
  it("splits text into text, value and gap segments", () => {
    const merged = mergeTemplate(T("Recap – {{accountName}}", "Hi {{adminName}}, on {{meetingDate}}."), {
      accountName: "Acme",
      adminName: "Dana"
    })
    expect(merged.subject).toEqual([
      { kind: "text", text: "Recap – " },
      { kind: "value", field: "accountName", text: "Acme" }
    ])
    expect(merged.body).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "value", field: "adminName", text: "Dana" },
      { kind: "text", text: ", on " },
      { kind: "gap", reason: "missing", field: "meetingDate", label: "Meeting date" },
      { kind: "text", text: "." }
    ])
    expect(merged.gaps).toEqual(["meetingDate"])
    expect(toPlainText(merged.body)).toBe("Hi Dana, on [missing: Meeting date].")
  })

  it("tolerates whitespace inside braces", () => {
    const merged = mergeTemplate(T("", "{{ accountName }}|{{\taccountName\n}}"), { accountName: "Acme" })
    expect(toPlainText(merged.body)).toBe("Acme|Acme")
  })

  it("lists gaps in order of first use (subject first), without duplicates", () => {
    const merged = mergeTemplate(
      T("{{meetingDate}} {{accountName}}", "{{adminName}} {{meetingDate}} {{participants}} {{adminName}} {{csmName}}"),
      { csmName: "Maria" }
    )
    expect(merged.gaps).toEqual(["meetingDate", "accountName", "adminName", "participants"])
  })

  it("treats blank strings and empty lists as gaps", () => {
    const merged = mergeTemplate(T("", "{{adminName}}{{participants}}{{modulesCovered}}"), {
      adminName: "   \n ",
      participants: [],
      modulesCovered: ["", "  "]
    })
    expect(merged.gaps).toEqual(["adminName", "participants", "modulesCovered"])
  })

  it("reports an unknown field as a gap of reason unknown, never raw", () => {
    const merged = mergeTemplate(T("{{ Firstname }}", "Hi {{firstName}} {{}} {{constructor}} {{__proto__}}"), {})
    expect(merged.unknown).toEqual(["Firstname", "firstName", "", "constructor", "__proto__"])
    expect(merged.gaps).toEqual([])
    expect(merged.body[1]).toEqual({
      kind: "gap",
      reason: "unknown",
      field: "firstName",
      label: 'Unknown field "firstName"'
    })
    const text = toPlainText(merged.body)
    expect(text).toBe(
      "Hi [unknown field: firstName] [unknown field: ] [unknown field: constructor] [unknown field: __proto__]"
    )
    expect(text).not.toContain("{{")
  })

  it("joins list values as a readable list", () => {
    const body = "{{participants}}"
    const text = (participants: string[], conjunction?: string) =>
      toPlainText(mergeTemplate(T("", body), { participants }, conjunction ? { conjunction } : {}).body)
    expect(text(["Ann"])).toBe("Ann")
    expect(text(["Ann", "Bo"])).toBe("Ann and Bo")
    expect(text(["Ann", "Bo", "Cy"])).toBe("Ann, Bo and Cy")
    expect(text([" Ann ", "", "Bo"])).toBe("Ann and Bo")
    expect(text(["Ann", "Bo", "Cy"], "y")).toBe("Ann, Bo y Cy")
    expect(joinList([])).toBe("")
  })

  it("trims values and normalises line breaks; the subject stays on one line", () => {
    const merged = mergeTemplate(T("Re: {{mainPoints}}\r\nx", "A\r\nB\rC\n{{mainPoints}}"), {
      mainPoints: "  one\r\ntwo  "
    })
    expect(toPlainText(merged.subject)).toBe("Re: one two x")
    expect(toPlainText(merged.body)).toBe("A\nB\nC\none\ntwo")
  })

  it("is single-pass: {{…}} inside a value is not merged", () => {
    const merged = mergeTemplate(T("{{mainPoints}}", "{{mainPoints}} / {{accountName}}"), {
      mainPoints: "{{accountName}} and {{ csmName }}",
      accountName: "Acme"
    })
    expect(merged.body[0]).toEqual({ kind: "value", field: "mainPoints", text: "{{accountName}} and {{ csmName }}" })
    const text = toPlainText(merged.body)
    expect(text.replace(/\u200B/g, "")).toBe("{{accountName}} and {{ csmName }} / Acme")
    expect(text).not.toContain("{{")
    expect(merged.gaps).toEqual([])
  })

  it("never renders {{ even where a value and the template meet, or from a stray {{", () => {
    const merged = mergeTemplate(T("{{{accountName}}", "{{accountName}}{ and {{ unclosed"), { accountName: "{x" })
    expect(toPlainText(merged.subject)).not.toContain("{{")
    expect(toPlainText(merged.body)).not.toContain("{{")
    expect(toSafeHtml(merged.body)).not.toContain("{{")
  })

  it("handles 100k-character values", () => {
    const big = "<b>".repeat(33_334)
    const merged = mergeTemplate(T("{{accountName}}", "{{mainPoints}}"), { accountName: big, mainPoints: big })
    const html = toSafeHtml(merged.body)
    expect(html).toBe("&lt;b&gt;".repeat(33_334))
    expect(toPlainText(merged.subject)).toHaveLength(big.length)
  })
})

describe("toPlainText / toSafeHtml", () => {
  const hostile = {
    accountName: `<img src=x onerror=alert(1)>`,
    adminName: `<script>alert("x")</script>`,
    mainPoints: `Tom & Jerry's "plan"\n<a href='javascript:alert(1)'>click</a>`
  }

  it("escapes every text and value, and turns line breaks into <br>", () => {
    const merged = mergeTemplate(
      T("", "<p>Hi {{adminName}},\n\n{{accountName}}\n{{mainPoints}}\n{{meetingDate}}</p>"),
      hostile
    )
    const html = toSafeHtml(merged.body)
    expect(html).toBe(
      "&lt;p&gt;Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,<br><br>" +
        "&lt;img src=x onerror=alert(1)&gt;<br>" +
        "Tom &amp; Jerry&#39;s &quot;plan&quot;<br>&lt;a href=&#39;javascript:alert(1)&#39;&gt;click&lt;/a&gt;<br>" +
        "[missing: Meeting date]&lt;/p&gt;"
    )
    expect(html.match(/</g)?.length).toBe(html.match(/<br>/g)?.length)
  })

  it("plain text keeps values as typed (no escaping) and marks gaps", () => {
    const merged = mergeTemplate(T("", "{{adminName}} {{meetingDate}}"), hostile)
    expect(toPlainText(merged.body)).toBe(`<script>alert("x")</script> [missing: Meeting date]`)
  })

  it("uses a custom gap marker, escaped in HTML", () => {
    const merged: MergedText = mergeTemplate(T("", "{{meetingDate}} {{nope}}"), {}).body
    const gapMarker = (gap: { label: string }) => `<<${gap.label}>>`
    expect(toPlainText(merged, { gapMarker })).toBe('<<Meeting date>> <<Unknown field "nope">>')
    expect(toSafeHtml(merged, { gapMarker })).toBe(
      "&lt;&lt;Meeting date&gt;&gt; &lt;&lt;Unknown field &quot;nope&quot;&gt;&gt;"
    )
  })

  it("escapeHtml escapes & < > \" '", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;")
    expect(escapeHtml("&amp;")).toBe("&amp;amp;")
    expect(escapeHtml("plain")).toBe("plain")
  })
})

describe("gapMarkersIn", () => {
  it("finds the markers still in a text, in order, and nothing else", () => {
    expect(
      gapMarkersIn("Hi [missing: First name],\nsee [unknown field: foo] and [missing: Meeting date]. [not a gap]")
    ).toEqual(["[missing: First name]", "[unknown field: foo]", "[missing: Meeting date]"])
    expect(gapMarkersIn("all filled in")).toEqual([])
  })
})
