/**
 * What each sender may ask (issue #17): every message × every kind of sender, from the URL Chrome
 * reports for the sending frame. A Salesforce page asks about its own org only; a Gmail page only
 * about the accounts its recipients match; settings are SOP Pilot's own pages'. Each cell is
 * "allowed" (the handler ran: an answer, or a refusal that is not `forbidden`) or "forbidden".
 */
import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAccountService } from "~/src/background/account-service"
import { createComposeService } from "~/src/background/compose-service"
import { route, senderKind, type Sender } from "~/src/background/router"
import { chromeSettingsStorage, createSettingsService } from "~/src/background/settings-service"
import { createTodayService } from "~/src/background/today-service"
import { SopPilotDb } from "~/src/data/db"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { RequestName } from "~/src/messages/protocol"

import { installFakeChromeStorage } from "../data/fake-chrome"

const OWN = "ownextensionid"
const ACME_API = "https://acme.my.salesforce.com"
const GLOBEX_API = "https://globex.my.salesforce.com"
const ACME = "001Hs00002ABCDeIAP"
const GLOBEX = "001Hs00002GLBXaIAP"
const DANA = "dana@acmedental.example"
const PRIYA = "priya@globexhealth.example"

const SENDERS = {
  extension: { id: OWN },
  "salesforce acme": { id: OWN, tabUrl: `https://acme.lightning.force.com/lightning/r/Account/${ACME}/view` },
  "salesforce globex": { id: OWN, tabUrl: `https://globex.my.salesforce.com/${GLOBEX}` },
  gmail: { id: OWN, tabUrl: "https://mail.google.com/mail/u/0/#inbox" },
  "other site": { id: OWN, tabUrl: "https://evil.example/lightning/r/Account/x/view" },
  "plain http": { id: OWN, tabUrl: "http://acme.lightning.force.com/" },
  "another extension": { id: "someoneelse" }
} satisfies Record<string, Sender>
type From = keyof typeof SENDERS

/** One request per message, about acme's account; Gmail's name acme's contact as recipient. */
const acme = { accountId: ACME, apiHost: ACME_API }
const REQUESTS: Record<RequestName, object> = {
  ping: { name: "ping" },
  "account.view": { name: "account.view", ref: { ...acme, org: "acme" } },
  "step.set": { name: "step.set", ...acme, key: "ON1", done: true, recipients: [DANA] },
  "fact.set": { name: "fact.set", ...acme, fact: "riskSignals", value: ["low_usage"] },
  "fact.write": { name: "fact.write", ...acme, fact: "adoption30MeetingOn" },
  "outbox.retry": { name: "outbox.retry", ...acme },
  "outbox.drop": { name: "outbox.drop", ...acme, seq: 1 },
  "accounts.list": { name: "accounts.list" },
  "book.sync": { name: "book.sync" },
  "book.status": { name: "book.status" },
  "sop.open": { name: "sop.open", rule: "AD1" },
  "mapping.check": { name: "mapping.check", accountId: ACME },
  "mapping.fields": { name: "mapping.fields", objects: ["Account", "Onboarding__c"] },
  "compose.accounts": { name: "compose.accounts", emails: [DANA] },
  "compose.remember": { name: "compose.remember", threadId: "t1", ...acme, recipients: [DANA] },
  "compose.context": { name: "compose.context", ...acme, recipients: [DANA] },
  "compose.profile": { name: "compose.profile", profile: { calendlyLink: "https://calendly.com/morgan" } },
  "compose.snippets": { name: "compose.snippets" },
  "profile.identity": { name: "profile.identity" },
  "settings.get": { name: "settings.get" },
  "settings.save": { name: "settings.save", settings: { disabledRules: [] } },
  "profile.save": { name: "profile.save", profile: { name: "Morgan" } },
  "settings.export": { name: "settings.export" },
  "settings.import": { name: "settings.import", text: "{}", apply: false },
  "settings.impact": { name: "settings.impact", change: { kind: "edit", settings: { disabledRules: [] } } },
  "team.view": { name: "team.view" },
  "team.sync": { name: "team.sync" },
  "today.list": { name: "today.list" },
  "today.snooze": { name: "today.snooze", ...acme, key: "ON1", until: "2099-01-01" },
  "today.plan": { name: "today.plan", ...acme }
}

const A = "allowed"
const F = "forbidden"
type Cell = typeof A | typeof F
/** The table: rows are messages, columns senders (in SENDERS' order). */
const TABLE: Record<RequestName, Record<From, Cell>> = {
  //                  extension  sf acme  sf globex  gmail  other  http  other ext
  ping: row(A, A, A, A, A, A, F),
  "account.view": row(A, A, F, F, F, F, F),
  "step.set": row(A, A, F, A, F, F, F),
  "fact.set": row(A, A, F, F, F, F, F),
  "fact.write": row(A, A, F, F, F, F, F),
  "outbox.retry": row(A, A, F, F, F, F, F),
  "outbox.drop": row(A, A, F, F, F, F, F),
  "accounts.list": row(A, A, A, F, F, F, F),
  "book.sync": row(A, F, F, F, F, F, F),
  "book.status": row(A, A, A, A, A, A, F),
  "sop.open": row(A, A, A, F, F, F, F),
  "mapping.check": row(A, F, F, F, F, F, F),
  "mapping.fields": row(A, F, F, F, F, F, F),
  "compose.accounts": row(A, F, F, A, F, F, F),
  "compose.remember": row(A, F, F, A, F, F, F),
  "compose.context": row(A, F, F, A, F, F, F),
  "compose.profile": row(A, F, F, A, F, F, F),
  "compose.snippets": row(A, F, F, A, F, F, F),
  "profile.identity": row(A, A, A, F, F, F, F),
  "settings.get": row(A, F, F, F, F, F, F),
  "settings.save": row(A, F, F, F, F, F, F),
  "profile.save": row(A, F, F, F, F, F, F),
  "settings.export": row(A, F, F, F, F, F, F),
  "settings.import": row(A, F, F, F, F, F, F),
  "settings.impact": row(A, F, F, F, F, F, F),
  "team.view": row(A, F, F, F, F, F, F),
  "team.sync": row(A, F, F, F, F, F, F),
  "today.list": row(A, F, F, F, F, F, F),
  "today.snooze": row(A, F, F, F, F, F, F),
  "today.plan": row(A, F, F, F, F, F, F)
}
function row(...cells: Cell[]): Record<From, Cell> {
  return Object.fromEntries((Object.keys(SENDERS) as From[]).map((from, i) => [from, cells[i] as Cell])) as never
}

let db: SopPilotDb
function services() {
  const accounts = createAccountService({
    db,
    settings: async () => DEFAULT_SETTINGS,
    timeZone: async () => "UTC",
    readSalesforce: async () => ({ ok: false, status: { state: "no_session" } }),
    now: () => 1,
    notify: () => undefined
  })
  const compose = createComposeService({
    db,
    viewById: accounts.viewById,
    settings: async () => DEFAULT_SETTINGS,
    profile: async () => ({ name: "M", initials: "M", signature: "", calendlyLink: "" }),
    now: () => 1
  })
  const settings = createSettingsService({
    storage: chromeSettingsStorage(),
    now: () => 1,
    notify: () => undefined,
    warn: () => undefined
  })
  const today = createTodayService({ db, accounts, role: async () => "csm", now: () => 1 })
  return { accounts, compose, settings, today }
}

beforeEach(async () => {
  installFakeChromeStorage()
  db = new SopPilotDb(`access-${Math.random()}`)
  const { accounts } = services()
  await accounts.view({ ...acme, org: "acme", pageName: "Acme Dental Group" }, false)
  await accounts.setFact(acme, "contactEmails", [DANA])
  await accounts.view({ accountId: GLOBEX, apiHost: GLOBEX_API, org: "globex", pageName: "Globex Health" }, false)
  await accounts.setFact({ accountId: GLOBEX, apiHost: GLOBEX_API }, "website", "globexhealth.example")
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await db.delete()
})

async function ask(request: object, from: From): Promise<Cell> {
  const { accounts, compose, settings, today } = services()
  const answer = await route(request, SENDERS[from], OWN, accounts, { compose, settings, today })
  if (!answer.ok && answer.error.code === "invalid_request") throw new Error(`malformed: ${answer.error.message}`)
  return !answer.ok && answer.error.code === "forbidden" ? F : A
}

describe("message × sender", () => {
  for (const name of Object.keys(TABLE) as RequestName[]) {
    it(`${name}`, async () => {
      const got: Record<string, Cell> = {}
      for (const from of Object.keys(SENDERS) as From[]) got[from] = await ask(REQUESTS[name], from)
      expect(got).toEqual(TABLE[name])
    })
  }
})

describe("what a page gets within what it may ask", () => {
  it("a Gmail page asks only about accounts its recipients match: naming another recipient is refused", async () => {
    for (const name of ["step.set", "compose.remember", "compose.context"] as const) {
      // Acme's account, named with Globex's contact as the recipient.
      expect(await ask({ ...REQUESTS[name], recipients: [PRIYA] }, "gmail")).toBe(F)
      // Globex's own account through its recipient: allowed.
      expect(
        await ask({ ...REQUESTS[name], accountId: GLOBEX, apiHost: GLOBEX_API, recipients: [PRIYA] }, "gmail")
      ).toBe(A)
    }
    // step.set from Gmail without recipients at all.
    const { recipients: _dropped, ...bare } = REQUESTS["step.set"] as { recipients: string[] }
    expect(await ask(bare, "gmail")).toBe(F)
  })

  it("a Salesforce page's book lists its own org's accounts only", async () => {
    const { accounts, compose, settings } = services()
    const answer = await route({ name: "accounts.list" }, SENDERS["salesforce globex"], OWN, accounts, {
      compose,
      settings
    })
    expect(answer.ok && (answer.data as { accountId: string }[]).map((a) => a.accountId)).toEqual([GLOBEX])
    const all = await route({ name: "accounts.list" }, SENDERS.extension, OWN, accounts, { compose, settings })
    expect(all.ok && (all.data as unknown[]).length).toBe(2)
  })

  it("an account of the same id in another org is another account: its facts and check-offs stay apart", async () => {
    const { accounts } = services()
    // A page on org `evil` pushes acme's account id.
    const evil = { accountId: ACME, apiHost: "https://evil.my.salesforce.com", org: "evil", pageName: "Evil" }
    const view = await accounts.view(evil, false)
    expect(view).toMatchObject({ name: "Evil", apiHost: evil.apiHost })
    expect(view.facts.contactEmails ?? []).toEqual([])
    await accounts.setStep(evil, "ON1", true)
    const acmeView = await accounts.viewById(acme)
    expect(acmeView).toMatchObject({ name: "Acme Dental Group", apiHost: ACME_API })
    expect(acmeView?.facts.contactEmails).toEqual([DANA])
    expect(acmeView?.plan.steps.find((s) => s.key === "ON1")?.status).not.toBe("done")
  })

  it("knows senders by the frame's URL", () => {
    expect(senderKind({ tabUrl: "https://acme--uat.sandbox.lightning.force.com/x" })).toEqual({
      kind: "salesforce",
      apiHost: "https://acme--uat.sandbox.my.salesforce.com"
    })
    expect(senderKind({ tabUrl: "https://mail.google.com.evil.example/" })).toEqual({ kind: "other" })
    expect(senderKind({ tabUrl: "https://acme.lightning.force.com:8443/" })).toEqual({ kind: "other" })
    expect(senderKind({ tabUrl: "" })).toEqual({ kind: "other" })
    expect(senderKind({})).toEqual({ kind: "extension" })
  })
})
