import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import { createComposeService } from "~/src/background/compose-service"
import { route } from "~/src/background/router"
import { SopPilotDb } from "~/src/data/db"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { AccountRef } from "~/src/messages/protocol"

const OWN = "ownextensionid"
const ACME = "001Hs00002ABCDeIAP"
const UNKNOWN = toId18("001Hs00002ZZZZZ") as string
const GLOBEX = "001Hs00002GLBXaIAP"
const refOf = (accountId: string, pageName: string): AccountRef => ({
  accountId,
  apiHost: "https://acme.my.salesforce.com",
  org: "acme",
  pageName
})
const GMAIL = "https://mail.google.com/mail/u/0/#inbox"
const API = "https://acme.my.salesforce.com"
const DANA = "dana.whitfield@acmedental.example"
const PRIYA = "priya@globexhealth.example"
const PROFILE = {
  name: "Morgan Miles",
  initials: "MM",
  signature: "CSM",
  calendlyLink: "https://calendly.com/mm",
  timeZone: "UTC"
}

let db: SopPilotDb
let clock: number

function services() {
  const accounts = createAccountService({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "UTC",
    readSalesforce: async () => ({ ok: false, status: { state: "no_session" } }),
    now: () => clock,
    notify: () => undefined
  })
  const compose = createComposeService({
    db,
    viewById: accounts.viewById,
    settings: async () => DEFAULT_SETTINGS,
    profile: async () => PROFILE,
    now: () => clock
  })
  /** From a Gmail tab, or from one of SOP Pilot's own pages. */
  const send = (message: unknown, from: "gmail" | "extension" = "gmail") =>
    route(message, from === "gmail" ? { id: OWN, tabUrl: GMAIL } : { id: OWN }, OWN, accounts, { compose })
  return { accounts, compose, send }
}

beforeEach(async () => {
  db = new SopPilotDb(`compose-${Math.random()}`)
  clock = 1_000
  vi.useFakeTimers({ now: new Date("2026-11-25T12:00:00Z"), toFake: ["Date"] })
  const { accounts } = services()
  await accounts.view(refOf(ACME, "Acme Dental Group"), false)
  const acme = { apiHost: API, accountId: ACME }
  await accounts.setFact(acme, "website", "https://www.acmedental.example/")
  await accounts.setFact(acme, "contactEmails", ["dana.whitfield@acmedental.example"])
  await accounts.view(refOf(GLOBEX, "Globex Health"), false)
  await accounts.setFact({ apiHost: API, accountId: GLOBEX }, "website", "globexhealth.example")
})
afterEach(async () => {
  vi.useRealTimers()
  await db.delete()
})

describe("compose.accounts", () => {
  it("matches recipients to cached accounts by contact email and website domain", async () => {
    const { send } = services()
    const answer = await send({
      name: "compose.accounts",
      emails: ["Dana.Whitfield@acmedental.example", "priya@globexhealth.example", "someone@gmail.com"]
    })
    expect(answer).toEqual({
      ok: true,
      data: {
        matches: [
          {
            accountId: ACME,
            apiHost: API,
            name: "Acme Dental Group",
            kind: "contact",
            email: "dana.whitfield@acmedental.example",
            reason: "dana.whitfield@acmedental.example is a contact of this account"
          },
          {
            accountId: GLOBEX,
            apiHost: API,
            name: "Globex Health",
            kind: "domain",
            email: "priya@globexhealth.example",
            reason: "priya@globexhealth.example is at globexhealth.example, the account's website"
          }
        ]
      }
    })
  })

  it("answers no match with an empty list", async () => {
    const { send } = services()
    expect(await send({ name: "compose.accounts", emails: ["someone@elsewhere.example"], threadId: "t1" })).toEqual({
      ok: true,
      data: { matches: [] }
    })
  })

  it("remembers the account chosen for a thread (Dexie v2), the last choice winning", async () => {
    const { send } = services()
    const recipients = [DANA, PRIYA]
    const thread = "193a5c0e2b7f4d11"
    expect(
      await send({ name: "compose.remember", threadId: thread, accountId: GLOBEX, apiHost: API, recipients })
    ).toEqual({ ok: true, data: { ok: true } })
    clock = 2_000
    await send({ name: "compose.remember", threadId: thread, accountId: ACME, apiHost: API, recipients })
    const answer = await send({ name: "compose.accounts", emails: recipients, threadId: thread })
    expect(answer).toMatchObject({ ok: true, data: { remembered: ACME } })
    expect(await db.threads.get(thread)).toEqual({ threadId: thread, accountId: ACME, apiHost: API, at: 2_000 })
    // Remembered, but not matched by these recipients: the page is not told of it.
    const other = (await send({ name: "compose.accounts", emails: [PRIYA], threadId: thread })) as { data: object }
    expect(other.data).not.toHaveProperty("remembered")
  })

  it("forgets a remembered account that is no longer cached, and refuses to remember an unknown one", async () => {
    const { send } = services()
    await db.threads.put({ threadId: "t2", accountId: UNKNOWN, at: 1 })
    expect(await send({ name: "compose.accounts", emails: [], threadId: "t2" })).toEqual({
      ok: true,
      data: { matches: [] }
    })
    const refused = await send(
      { name: "compose.remember", threadId: "t3", accountId: UNKNOWN, apiHost: API, recipients: [] },
      "extension"
    )
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid_input", paths: ["accountId"] } })
  })

  it("validates requests at the boundary", async () => {
    const { send } = services()
    expect(await send({ name: "compose.accounts", emails: "dana@acme.example" })).toMatchObject({
      ok: false,
      error: { code: "invalid_request" }
    })
    expect(
      await send({ name: "compose.remember", threadId: "", accountId: ACME, apiHost: API, recipients: [] })
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_request" }
    })
    expect(await send({ name: "compose.context", accountId: "not-an-id", apiHost: API, recipients: [] })).toMatchObject(
      {
        ok: false,
        error: { code: "invalid_request", paths: ["accountId"] }
      }
    )
  })
})

describe("compose.context", () => {
  it("gives the account's view with the profile's merge fields, the team's links and templates", async () => {
    const { send } = services()
    const answer = await send({
      name: "compose.context",
      accountId: ACME.slice(0, 15),
      apiHost: API,
      recipients: [DANA]
    })
    expect(answer.ok).toBe(true)
    const data = (
      answer as {
        data: {
          view: { accountId: string; name: string }
          profile: object
          links: object
          templates: Record<string, unknown>
        }
      }
    ).data
    expect(data.view).toMatchObject({ accountId: ACME, name: "Acme Dental Group" })
    expect(data.profile).toEqual({
      name: "Morgan Miles",
      initials: "MM",
      signature: "CSM",
      calendlyLink: "https://calendly.com/mm"
    })
    expect(data.links).toEqual(DEFAULT_SETTINGS.links)
    expect(Object.keys(data.templates)).toContain("training_recap")
  })

  it("refuses an account that is not cached", async () => {
    const { send } = services()
    expect(
      await send({ name: "compose.context", accountId: UNKNOWN, apiHost: API, recipients: [] }, "extension")
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_input" }
    })
  })

  it("answers `internal` when the compose service is not running", async () => {
    const { accounts } = services()
    const answer = await route(
      { name: "compose.context", accountId: ACME, apiHost: API, recipients: [] },
      { id: OWN },
      OWN,
      accounts
    )
    expect(answer).toMatchObject({ ok: false, error: { code: "internal" } })
  })
})
