/**
 * Issue 17 item 11: one recipient over the limits (more than 100 recipients, an address over 320
 * characters) failed the whole lookup's message schema, so nothing matched and the panel showed
 * raw zod text. The lookup now uses what fits, and says what it left out.
 */
import { describe, expect, it } from "vitest"

import { MAX_RECIPIENTS, usableRecipients } from "~/src/domain/recipients"
import { REQUESTS } from "~/src/messages/protocol"
import { type ask as realAsk } from "~/src/ui/gmail/messages"
import { createComposeStore } from "~/src/ui/gmail/store"

const match = {
  accountId: "001Hs00002ABCDeIAP",
  apiHost: "https://acme.my.salesforce.com",
  name: "Acme Dental Group",
  kind: "contact",
  email: "dana@acmedental.example",
  reason: "dana@acmedental.example is a contact of this account"
}

/** Answers like the background would, after validating the request with the real schema. */
const strictAsk = (async (name: string, body: Record<string, unknown>) => {
  const request = REQUESTS[name as "compose.accounts"].request.safeParse({ name, ...body })
  if (!request.success) throw new Error(request.error.message)
  if (name === "compose.accounts") return { matches: [match] }
  throw new Error(`unexpected ${name}`)
}) as unknown as typeof realAsk

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `person${i}@example.org` }))

describe("recipients over the limits", () => {
  it("an address over 320 characters is left out, the others still match", async () => {
    const store = createComposeStore({ ask: strictAsk })
    await store
      .getState()
      .setRecipients([{ email: `${"x".repeat(330)}@example.org` }, { email: "dana@acmedental.example" }], undefined)
    expect(store.getState().lookup).toBe("done")
    expect(store.getState().lookupError).toBeUndefined()
    expect(store.getState().matches).toHaveLength(1)
    expect(store.getState().recipientsNote).toBe("1 address is longer than 320 characters and left out.")
  })

  it("more than 100 recipients: the first 100 are matched, with a note", async () => {
    const store = createComposeStore({ ask: strictAsk })
    await store.getState().setRecipients([{ email: "dana@acmedental.example" }, ...many(150)], undefined)
    expect(store.getState().lookup).toBe("done")
    expect(store.getState().recipients).toHaveLength(MAX_RECIPIENTS)
    expect(store.getState().recipientsNote).toBe("Only the first 100 recipients are matched (51 more left out).")
  })

  it("within the limits nothing is left out and there is no note", () => {
    expect(usableRecipients(many(100))).toEqual({ kept: many(100) })
  })
})
