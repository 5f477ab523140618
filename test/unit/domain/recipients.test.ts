import { describe, expect, it } from "vitest"

import {
  autoSelect,
  emailDomain,
  isFreeMailDomain,
  matchAccounts,
  normaliseEmail,
  registrableDomain,
  websiteHost,
  type MatchableAccount
} from "~/src/domain/recipients"

const acme: MatchableAccount = {
  accountId: "001Hs00002ABCDeIAP",
  name: "Acme Dental Group",
  website: "https://www.acmedental.example/",
  contactEmails: ["Dana.Whitfield@AcmeDental.example", "billing@acme-billing.example"]
}
const globex: MatchableAccount = {
  accountId: "001Hs00002GLBXaIAP",
  name: "Globex Health",
  website: "globexhealth.example",
  contactEmails: []
}
const gmailSite: MatchableAccount = {
  accountId: "001Hs00002GMAILIAP",
  name: "Solo Practice",
  website: "https://gmail.com",
  contactEmails: ["drsolo@gmail.com"]
}

describe("addresses and domains", () => {
  it.each([
    ["dana@acme.example", "dana@acme.example"],
    ["  Dana@ACME.example ", "dana@acme.example"],
    ["Dana Whitfield <Dana@Acme.Example>", "dana@acme.example"],
    ["mailto:dana@acme.example", "dana@acme.example"],
    ["dana@mail.acme.example.", "dana@mail.acme.example"]
  ])("normalises %j", (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected)
  })

  it.each([
    "",
    "dana",
    "dana@",
    "@acme.example",
    "dana@localhost",
    "dana@10.0.0.1",
    "a b@acme.example",
    "dana@acme..example"
  ])("rejects %j", (input) => {
    expect(normaliseEmail(input)).toBeUndefined()
  })

  it.each([
    ["https://www.acmedental.example/", "www.acmedental.example"],
    ["acmedental.example", "acmedental.example"],
    ["WWW.AcmeDental.Example/about?x=1", "www.acmedental.example"],
    ["http://clinic.acme.co.uk", "clinic.acme.co.uk"],
    ["", undefined],
    ["not a website", undefined],
    ["https://192.168.0.1/", undefined]
  ])("reads the host of website %j", (input, expected) => {
    expect(websiteHost(input)).toBe(expected)
  })

  it.each([
    ["acme.com", "acme.com"],
    ["mail.acme.com", "acme.com"],
    ["www.acmedental.example", "acmedental.example"],
    ["a.b.c.acme.com", "acme.com"],
    ["clinic.acme.co.uk", "acme.co.uk"],
    ["acme.com.au", "acme.com.au"],
    ["x.acme.org.uk", "acme.org.uk"],
    ["co.uk", "co.uk"],
    // Only under two-letter country codes: "co" of a generic TLD is an ordinary name.
    ["mail.co.com", "co.com"]
  ])("registrable domain of %s is %s", (host, expected) => {
    expect(registrableDomain(host)).toBe(expected)
  })

  it("knows free mail domains, subdomains included", () => {
    expect(isFreeMailDomain("gmail.com")).toBe(true)
    expect(isFreeMailDomain("GMAIL.COM")).toBe(true)
    expect(isFreeMailDomain("outlook.com")).toBe(true)
    expect(isFreeMailDomain("yahoo.com")).toBe(true)
    expect(isFreeMailDomain("mail.yahoo.com")).toBe(true)
    expect(isFreeMailDomain("acmedental.example")).toBe(false)
    expect(emailDomain("Dana <dana@Mail.Acme.com>")).toBe("mail.acme.com")
  })
})

describe("matchAccounts", () => {
  const accounts = [acme, globex, gmailSite]

  it("matches a contact email exactly, case-insensitively", () => {
    expect(matchAccounts(["DANA.WHITFIELD@acmedental.EXAMPLE"], accounts)).toEqual([
      {
        accountId: acme.accountId,
        name: acme.name,
        kind: "contact",
        email: "dana.whitfield@acmedental.example",
        reason: "dana.whitfield@acmedental.example is a contact of this account"
      }
    ])
  })

  it("matches the website's domain, subdomains of it too", () => {
    expect(matchAccounts(["frontdesk@acmedental.example"], accounts).map((m) => [m.accountId, m.kind])).toEqual([
      [acme.accountId, "domain"]
    ])
    expect(matchAccounts(["it@mail.acmedental.example"], accounts).map((m) => m.accountId)).toEqual([acme.accountId])
    expect(matchAccounts(["priya@globexhealth.example"], accounts)[0]?.reason).toBe(
      "priya@globexhealth.example is at globexhealth.example, the account's website"
    )
  })

  it("a contact address at a different domain matches by contact only", () => {
    expect(matchAccounts(["billing@acme-billing.example"], accounts).map((m) => [m.accountId, m.kind])).toEqual([
      [acme.accountId, "contact"]
    ])
  })

  it("never matches by a free mail domain, but still by an exact contact address", () => {
    expect(matchAccounts(["someone@gmail.com"], accounts)).toEqual([])
    expect(matchAccounts(["drsolo@gmail.com"], accounts).map((m) => [m.accountId, m.kind])).toEqual([
      [gmailSite.accountId, "contact"]
    ])
  })

  it("does not take a look-alike domain for the account's", () => {
    expect(
      matchAccounts(["x@acmedental.example.evil.test", "y@notacmedental.example", "z@acmedental.examples"], accounts)
    ).toEqual([])
  })

  it("lists each account once, with its best reason, contacts first, in recipient order", () => {
    const sameDomain: MatchableAccount = {
      accountId: "001Hs00002ACM2aIAP",
      name: "Acme Dental – North",
      website: "acmedental.example",
      contactEmails: []
    }
    const matches = matchAccounts(
      ["frontdesk@acmedental.example", "Dana.Whitfield@acmedental.example", "priya@globexhealth.example"],
      [...accounts, sameDomain]
    )
    expect(matches.map((m) => [m.name, m.kind, m.email])).toEqual([
      ["Acme Dental Group", "contact", "dana.whitfield@acmedental.example"],
      ["Acme Dental – North", "domain", "frontdesk@acmedental.example"],
      ["Globex Health", "domain", "priya@globexhealth.example"]
    ])
  })

  it("ignores blank and malformed addresses, and accounts without website or contacts", () => {
    expect(matchAccounts(["", "nobody", "@@"], accounts)).toEqual([])
    expect(matchAccounts(["a@b.example"], [{ accountId: "x", name: "X", contactEmails: [] }])).toEqual([])
  })
})

describe("autoSelect", () => {
  const m = (accountId: string, kind: "contact" | "domain", email: string) => ({
    accountId,
    name: accountId,
    kind,
    email,
    reason: ""
  })

  it("takes the account remembered for the thread first", () => {
    expect(autoSelect([], "B")).toBe("B")
    expect(autoSelect([m("A", "domain", "a@x.example")], "B")).toBe("B")
    expect(autoSelect([m("A", "contact", "a@x.example"), m("B", "domain", "a@x.example")], "B")).toBe("B")
  })
  it("but not over a recipient who is a listed contact of another account", () => {
    expect(autoSelect([m("A", "contact", "a@x.example")], "B")).toBe("A")
  })
  it("takes a single best match", () => {
    expect(autoSelect([m("A", "contact", "a@x.example"), m("B", "domain", "a@x.example")])).toBe("A")
    expect(autoSelect([m("A", "domain", "a@x.example")])).toBe("A")
  })
  it("asks when the best matches tie (two accounts on one domain)", () => {
    expect(autoSelect([m("A", "domain", "a@x.example"), m("B", "domain", "a@x.example")])).toBeUndefined()
  })
  it("has nothing to select without matches", () => {
    expect(autoSelect([])).toBeUndefined()
  })
})
