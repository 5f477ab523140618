/** Issue 17 item 11: a 160,000-item contact list was accepted whole. */
import { describe, expect, it } from "vitest"

import { DEFAULT_SETTINGS } from "~/src/domain/settings"
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
