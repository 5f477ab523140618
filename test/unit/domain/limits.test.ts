/**
 * Issue 17 item 11, the limits: a 160,000-item contact list was accepted whole, and policy
 * flattening recursed without a depth limit.
 */
import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { leavesOf, MAX_LEAF_DEPTH } from "~/src/domain/settings-diff"
import { applyManaged } from "~/src/domain/settings-policy"
import { factsFromRelated, MAX_CONTACT_EMAILS, relatedQueries } from "~/src/hosts/salesforce/related-facts"

const ACME = "0015e00000AcmeQAAR"

describe("a contact list", () => {
  it("is capped at 5,000 emails per account, with a note", () => {
    const queries = relatedQueries([ACME], DEFAULT_SETTINGS.salesforce)
    const contacts = queries.find((q) => q.kind === "contacts")!
    const rows = Array.from({ length: 160_000 }, (_, i) => ({
      Id: `003${i}`,
      AccountId: ACME,
      Email: `p${i}@acme.example`
    }))
    const result = factsFromRelated(ACME, [contacts], new Map([[contacts.key, { ok: true, rows }]]))
    expect(result.facts.contactEmails).toHaveLength(MAX_CONTACT_EMAILS)
    expect(result.notes).toEqual([
      {
        fact: "contactEmails",
        field: "Contact.Email",
        message: "has 160,000 contact emails; only the first 5,000 are used to match Gmail recipients"
      }
    ])
  })
})

describe("policy flattening", () => {
  const deep = (levels: number): unknown => {
    let value: unknown = 1
    for (let i = 0; i < levels; i++) value = { a: value }
    return value
  }

  it("stops at a depth limit: a deeply nested policy is one leaf, refused by its path", () => {
    expect(leavesOf(deep(100_000))).toHaveLength(1)
    expect(leavesOf(deep(100_000))[0]?.[0].split(".")).toHaveLength(MAX_LEAF_DEPTH)
    const merged = applyManaged(DEFAULT_SETTINGS, { thresholds: deep(50_000), timing: { adoption30Days: 28 } })
    expect(merged.settings.timing.adoption30Days).toBe(28)
    expect(merged.settings.thresholds).toEqual(DEFAULT_SETTINGS.thresholds)
    expect(merged.ignored.length).toBeGreaterThan(0)
  })
})
