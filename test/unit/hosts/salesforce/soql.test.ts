import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { buildSoql, quote, soqlId, SoqlError, startsWith } from "~/src/hosts/salesforce/soql"
import { orgDataFor, parseSoql, runQuery } from "~/tools/salesforce-data"

const ACME = "0015e00000AcmeQAAR"

describe("buildSoql", () => {
  it("builds the flat queries the extension sends", () => {
    expect(
      buildSoql({
        select: ["Id", "Account__c", "CreatedDate", "LMS_Set_Up_Completed_Date__c"],
        from: "Onboarding__c",
        where: { field: "Account__c", op: "=", value: soqlId(ACME) },
        orderBy: [{ field: "CreatedDate", direction: "DESC" }],
        limit: 1
      })
    ).toBe(
      "SELECT Id, Account__c, CreatedDate, LMS_Set_Up_Completed_Date__c FROM Onboarding__c WHERE Account__c = '0015e00000AcmeQAAR' ORDER BY CreatedDate DESC LIMIT 1"
    )
    expect(
      buildSoql({
        select: ["Id"],
        from: "Case",
        where: {
          and: [
            { field: "AccountId", op: "IN", values: [soqlId(ACME), soqlId("0015e00000GlbxZAAR")] },
            {
              or: [
                { field: "Type", op: "=", value: "Failed to OB" },
                { field: "Subject", op: "LIKE", startsWith: "Cancelation Request" }
              ]
            },
            { field: "IsClosed", op: "=", value: false },
            { field: "ClosedDate", op: "=", value: null },
            { field: "Priority", op: "!=", value: 3 }
          ]
        }
      })
    ).toBe(
      "SELECT Id FROM Case WHERE (AccountId IN ('0015e00000AcmeQAAR', '0015e00000GlbxZAAR') AND (Type = 'Failed to OB' OR Subject LIKE 'Cancelation Request%') AND IsClosed = false AND ClosedDate = null AND Priority != 3)"
    )
  })

  it("escapes every literal: quotes, backslashes, control characters, and LIKE wildcards in a prefix", () => {
    expect(quote("O'Brien")).toBe("'O\\'Brien'")
    expect(quote("a\\' OR Name != '")).toBe("'a\\\\\\' OR Name != \\''")
    expect(quote('say "hi"\nbye\t')).toBe("'say \\\"hi\\\"\\nbye\\t'")
    expect(startsWith("100%_done")).toBe("'100\\%\\_done%'")
    expect(startsWith("[SOP ")).toBe("'[SOP %'")
  })

  it.each([
    [{ select: ["Id"], from: "Account WHERE Name != null" }],
    [{ select: ["Id, (SELECT Id FROM Contacts)"], from: "Account" }],
    [{ select: ["Owner.Email"], from: "Account" }],
    [{ select: [], from: "Account" }],
    [{ select: ["Id"], from: "Account", where: { field: "Name = 'x' OR Id", op: "!=", value: null } }],
    [{ select: ["Id"], from: "Account", where: { field: "Id", op: "IN", values: [] } }],
    [{ select: ["Id"], from: "Account", where: { and: [] } }],
    [{ select: ["Id"], from: "Account", where: { field: "MRR__c", op: "=", value: Number.NaN } }],
    [{ select: ["Id"], from: "Account", limit: 0 }],
    [{ select: ["Id"], from: "Account", limit: 1.5 }],
    [{ select: ["Id"], from: "Account", orderBy: [{ field: "Name", direction: "DESC; DELETE" }] }]
  ])("refuses a hostile or broken part (%#)", (query) => {
    expect(() => buildSoql(query as never)).toThrow(SoqlError)
  })

  it.each(["001' OR Id != '", "0015e00000AcmeQAAR'", "0015e00000AcmeQ\\", "", "0015e00000AcmeQAAR OR", "../001"])(
    "refuses the id %j",
    (id) => expect(() => soqlId(id)).toThrow(SoqlError)
  )

  it("keeps any text a literal: against the fake org's evaluator, a hostile value matches only itself (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), (name, prefix) => {
        const data = orgDataFor([], {
          extra: {
            Account: [
              { Name: name, Website: `${prefix}tail`, CreatedDate: "2026-01-01T00:00:00.000+0000" },
              { Name: `${name}x`, Website: `x${prefix}`, CreatedDate: "2026-01-01T00:00:00.000+0000" }
            ]
          }
        })
        const eq = buildSoql({
          select: ["Id", "Name"],
          from: "Account",
          where: { field: "Name", op: "=", value: name }
        })
        expect(runQuery(data, eq, { apiVersion: "62.0" }).map((row) => row.Name)).toEqual(
          // SOQL's = on text ignores case: "a" and "ax" never collide, so exactly one row.
          [name]
        )
        const like = buildSoql({
          select: ["Id", "Website"],
          from: "Account",
          where: { field: "Website", op: "LIKE", startsWith: prefix }
        })
        expect(runQuery(data, like, { apiVersion: "62.0" }).map((row) => row.Website)).toContain(`${prefix}tail`)
        expect(parseSoql(eq).where).toEqual({ op: "=", field: "Name", value: name })
      })
    )
  })
})
