import { describe, expect, it } from "vitest"

import {
  isDefaultSalesforceHost,
  isMyDomainApiOrigin,
  OPTIONAL_SALESFORCE_ORIGINS,
  optionalOriginsFor,
  lightningAccountUrl,
  myDomainHostFor,
  parseSalesforceHost,
  parseSalesforceUrl,
  recordFromLightningPath
} from "~/src/hosts/salesforce/url"

// Real checksums (see src/domain/ids.ts): 15-char id → 18-char id.
const ACME_15 = "0015e00000AcmeQ"
const ACME_18 = "0015e00000AcmeQAAR"
const SANDBOX_18 = "001Dn00000SbxAcIAJ"
const CONTACT_18 = "0035e00000CtctAAAR"
const OPPORTUNITY_18 = "0065e00000OppyBAAR"

const PROD = { org: "acme", apiHost: "https://acme.my.salesforce.com" }
const SANDBOX = { org: "acme--uat", apiHost: "https://acme--uat.sandbox.my.salesforce.com" }
const DEV = { org: "acme", apiHost: "https://acme.develop.my.salesforce.com" }

// [url, kind, org/apiHost, accountId]
const ACCOUNT_PAGES: [string, "lightning" | "classic", typeof PROD, string][] = [
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/view`, "lightning", PROD, ACME_18],
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_15}/view`, "lightning", PROD, ACME_18],
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_18.toLowerCase()}/view`, "lightning", PROD, ACME_18],
  [`https://acme.lightning.force.com/lightning/r/${ACME_18}/view`, "lightning", PROD, ACME_18],
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/related/Contacts/view`, "lightning", PROD, ACME_18],
  [
    `https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/related/Opportunities/view?ws=x`,
    "lightning",
    PROD,
    ACME_18
  ],
  [
    `https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/view?ws=%2Flightning%2Fr%2FAccount%2F${ACME_18}%2Fview`,
    "lightning",
    PROD,
    ACME_18
  ],
  [
    `https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/view?0.source=alohaHeader#details`,
    "lightning",
    PROD,
    ACME_18
  ],
  [`https://ACME.Lightning.Force.com/lightning/r/Account/${ACME_18}/view`, "lightning", PROD, ACME_18],
  [
    `https://acme--uat.sandbox.lightning.force.com/lightning/r/Account/${SANDBOX_18}/view`,
    "lightning",
    SANDBOX,
    SANDBOX_18
  ],
  [`https://acme.develop.lightning.force.com/lightning/r/Account/${ACME_18}/view`, "lightning", DEV, ACME_18],
  [
    `https://acme-health-inc.lightning.force.com/lightning/r/Account/${ACME_18}/view`,
    "lightning",
    { org: "acme-health-inc", apiHost: "https://acme-health-inc.my.salesforce.com" },
    ACME_18
  ],
  // Issue 14: record pages under a modal or an editor, in the shapes real orgs use (2026-12-02):
  // - New Opportunity from the Account's related list: the URL an LWC in a public repository builds
  //   for a real sandbox (`yg--yodadev1.lightning.force.com/lightning/o/Opportunity/new?nooverride=1
  //   &useRecordTypeCheck=1&backgroundContext=%2Flightning%2Fr%2FAccount%2F0011s000001xpe3AAA%2Fview
  //   &ws=…&count=9`) and Selenium tests' quick actions (`/lightning/action/quick/Account.PB_Opportunity
  //   ?objectApiName=Opportunity&recordId=…&backgroundContext=…`), found with the `find_string` index;
  // - `/one/one.app#/sObject/<id>/view`: Salesforce Inspector Reloaded reads it
  //   (tprouvot/Salesforce-Inspector-reloaded addon/popup.js, commit f0bc8f3), and public Selenium
  //   tests open `https://iunigodev--dev.lightning.force.com/one/one.app#/sObject/001q000000m92EgAAI/view`;
  // - `/edit` and no action: what Lightning's `standard__recordPage` navigation with `actionName: "edit"`
  //   and a bare record link give.
  [
    `https://acme.lightning.force.com/lightning/o/Opportunity/new?nooverride=1&useRecordTypeCheck=1&backgroundContext=%2Flightning%2Fr%2FAccount%2F${ACME_18}%2Fview&ws=%2Flightning%2Fr%2FAccount%2F${ACME_18}%2Fview&count=9`,
    "lightning",
    PROD,
    ACME_18
  ],
  [
    `https://acme.lightning.force.com/lightning/o/Opportunity/new?count=1&nooverride=1&navigationLocation=RELATED_LIST&backgroundContext=%2Flightning%2Fr%2FAccount%2F${ACME_15}%2Fview`,
    "lightning",
    PROD,
    ACME_18
  ],
  [
    `https://acme--uat.sandbox.lightning.force.com/lightning/action/quick/Account.PB_Opportunity?objectApiName=Opportunity&recordId=${SANDBOX_18}&backgroundContext=%2Flightning%2Fr%2FAccount%2F${SANDBOX_18}%2Fview`,
    "lightning",
    SANDBOX,
    SANDBOX_18
  ],
  [
    `https://acme.lightning.force.com/lightning/r/Contact/${CONTACT_18}/edit?count=1&backgroundContext=%2Flightning%2Fr%2FAccount%2F${ACME_18}%2Fview`,
    "lightning",
    PROD,
    ACME_18
  ],
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/edit`, "lightning", PROD, ACME_18],
  [
    `https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/edit?backgroundContext=%2Flightning%2Fr%2FAccount%2F${ACME_18}%2Fview`,
    "lightning",
    PROD,
    ACME_18
  ],
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}`, "lightning", PROD, ACME_18],
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/`, "lightning", PROD, ACME_18],
  [`https://acme.lightning.force.com/one/one.app#/sObject/${ACME_18}/view`, "lightning", PROD, ACME_18],
  [
    `https://acme--uat.sandbox.lightning.force.com/one/one.app#/sObject/${SANDBOX_18}`,
    "lightning",
    SANDBOX,
    SANDBOX_18
  ],
  [
    `https://acme.lightning.force.com/one/one.app#/sObject/${ACME_15}/view?a:t=1700000000000`,
    "lightning",
    PROD,
    ACME_18
  ],
  // Issue 14: other Salesforce clouds and the Defender for Cloud Apps proxy (host pairs below).
  [
    `https://acme.lightning.force.com.mcas.ms/lightning/r/Account/${ACME_18}/view`,
    "lightning",
    { org: "acme", apiHost: "https://acme.my.salesforce.com.mcas.ms" },
    ACME_18
  ],
  [
    `https://acme--uat.sandbox.lightning.crmforce.mil/lightning/r/Account/${SANDBOX_18}/view`,
    "lightning",
    { org: "acme--uat", apiHost: "https://acme--uat.sandbox.my.salesforce.mil" },
    SANDBOX_18
  ],
  [`https://acme.my.salesforce.com/${ACME_15}`, "classic", PROD, ACME_18],
  [`https://acme.my.salesforce.com/${ACME_18}`, "classic", PROD, ACME_18],
  [`https://acme.my.salesforce.com/${ACME_15}?srPos=0&srKp=001`, "classic", PROD, ACME_18],
  [`https://acme.my.salesforce.com/${ACME_15}/e?retURL=%2F${ACME_15}`, "classic", PROD, ACME_18],
  [`https://acme--uat.sandbox.my.salesforce.com/${SANDBOX_18}`, "classic", SANDBOX, SANDBOX_18]
]

const NOT_ACCOUNT_PAGES: [string, string][] = [
  [`https://acme.lightning.force.com/lightning/r/Contact/${CONTACT_18}/view`, "Contact record"],
  [`https://acme.lightning.force.com/lightning/r/Opportunity/${OPPORTUNITY_18}/view`, "Opportunity record"],
  [`https://acme.lightning.force.com/lightning/r/${CONTACT_18}/view`, "Contact id without object segment"],
  [`https://acme.lightning.force.com/lightning/r/Contact/${ACME_18}/view`, "object segment and id disagree"],
  [`https://acme.lightning.force.com/lightning/r/Account/${CONTACT_18}/view`, "Account segment with a Contact id"],
  [`https://acme.lightning.force.com/lightning/r/Account__c/${ACME_18}/view`, "custom object named like Account"],
  ["https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent", "Account list view"],
  ["https://acme.lightning.force.com/lightning/o/Account/home", "Account tab home"],
  ["https://acme.lightning.force.com/lightning/o/Account/new", "new Account form"],
  ["https://acme.lightning.force.com/lightning/o/Opportunity/new?count=1", "New Opportunity with nothing beneath"],
  [
    `https://acme.lightning.force.com/lightning/o/Opportunity/new?backgroundContext=%2Flightning%2Fr%2FContact%2F${CONTACT_18}%2Fview`,
    "New Opportunity over a Contact"
  ],
  [
    `https://acme.lightning.force.com/lightning/o/Opportunity/new?backgroundContext=https%3A%2F%2Fevil.example%2Flightning%2Fr%2FAccount%2F${ACME_18}%2Fview`,
    "backgroundContext on another host"
  ],
  [
    `https://acme.lightning.force.com/lightning/o/Opportunity/new?backgroundContext=%2F%2Fevil.example%2Flightning%2Fr%2FAccount%2F${ACME_18}%2Fview`,
    "protocol-relative backgroundContext"
  ],
  [`https://acme.lightning.force.com/one/one.app#/sObject/${CONTACT_18}/view`, "one.app Contact"],
  ["https://acme.lightning.force.com/one/one.app#/sObject/001/home", "one.app Accounts tab"],
  [`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/clone`, "clone action"],
  ["https://acme.lightning.force.com/lightning/page/home", "Lightning home"],
  ["https://acme.lightning.force.com/lightning/page/recentlyViewed", "console app page"],
  ["https://acme.lightning.force.com/lightning/setup/SetupOneHome/home", "Setup"],
  [`https://acme.lightning.force.com/lightning/r/Account/0015e00000AcmeQAAA/view`, "18-char id with a wrong checksum"],
  [`https://acme.lightning.force.com/lightning/r/Account/0015e00000Acme/view`, "14-char id"],
  [`https://acme.lightning.force.com/${ACME_15}`, "Classic path on a Lightning host"],
  [
    `https://acme.my.salesforce.com/lightning/r/Account/${ACME_18}/view`,
    "Lightning path on the my.salesforce.com host"
  ],
  ["https://acme.my.salesforce.com/001/o", "Classic Accounts tab"],
  ["https://acme.my.salesforce.com/001?fcf=00B5e00000AbCdE", "Classic list view"],
  [`https://acme.my.salesforce.com/${CONTACT_18}`, "Classic Contact"],
  ["https://acme.my.salesforce.com/home/home.jsp", "Classic home"],
  [`https://acme.my.salesforce.com/apex/AccountPlan?id=${ACME_18}`, "Visualforce page"],
  [`http://acme.lightning.force.com/lightning/r/Account/${ACME_18}/view`, "plain http"],
  [`https://acme.lightning.force.com:8443/lightning/r/Account/${ACME_18}/view`, "non-default port"],
  [`https://acme.lightning.force.com.evil.example/lightning/r/Account/${ACME_18}/view`, "look-alike host"],
  [`https://evil.example/acme.lightning.force.com/lightning/r/Account/${ACME_18}/view`, "Salesforce host in the path"],
  [`https://lightning.force.com/lightning/r/Account/${ACME_18}/view`, "no My Domain name"],
  [`https://na42.salesforce.com/${ACME_15}`, "legacy instance host"],
  [`https://acme--uat.cs42.my.salesforce.com/${ACME_15}`, "legacy sandbox instance host"],
  [`https://acme.my.site.com/s/account/${ACME_18}`, "Experience Cloud site"],
  [`https://mail.google.com/mail/u/0/#inbox`, "Gmail"],
  ["not a url", "garbage"],
  ["", "empty string"]
]

describe("parseSalesforceUrl", () => {
  it.each(ACCOUNT_PAGES)("detects %s", (url, kind, org, accountId) => {
    expect(parseSalesforceUrl(url)).toEqual({ kind, ...org, objectType: "Account", accountId })
  })

  it.each(NOT_ACCOUNT_PAGES)("rejects %s (%s)", (url) => {
    expect(parseSalesforceUrl(url)).toBeUndefined()
  })

  it("has big enough tables", () => {
    expect(ACCOUNT_PAGES.length + NOT_ACCOUNT_PAGES.length).toBeGreaterThanOrEqual(25)
  })
})

describe("myDomainHostFor", () => {
  it.each([
    ["acme.lightning.force.com", "acme.my.salesforce.com"],
    ["acme--uat.sandbox.lightning.force.com", "acme--uat.sandbox.my.salesforce.com"],
    ["acme.develop.lightning.force.com", "acme.develop.my.salesforce.com"],
    ["acme.scratch.lightning.force.com", "acme.scratch.my.salesforce.com"],
    ["Acme.Lightning.Force.Com", "acme.my.salesforce.com"],
    ["acme.my.salesforce.com", "acme.my.salesforce.com"],
    ["acme--uat.sandbox.my.salesforce.com", "acme--uat.sandbox.my.salesforce.com"]
  ])("maps %s → %s", (from, to) => {
    expect(myDomainHostFor(from)).toBe(to)
  })

  it.each([
    "lightning.force.com",
    "acme.lightning.force.com.evil.example",
    "acme.cs42.my.salesforce.com",
    "acme.visual.force.com",
    "acme--c.vf.force.com",
    "acme.my.site.com",
    "-acme.lightning.force.com",
    "mail.google.com"
  ])("gives undefined for %s", (host) => {
    expect(myDomainHostFor(host)).toBeUndefined()
  })

  it("names the org and family", () => {
    expect(parseSalesforceHost("acme--uat.sandbox.lightning.force.com")).toEqual({
      family: "lightning",
      org: "acme--uat",
      myDomainHost: "acme--uat.sandbox.my.salesforce.com",
      lightningHost: "acme--uat.sandbox.lightning.force.com"
    })
  })
})

/**
 * Real host pairs, 2026-12-02: the My Domain → Lightning pairs Salesforce's CLI tests pin
 * (forcedotcom/sfdx-core test/unit/util/sfdcUrl.test.ts, `toLightningDomain`, commit cd4bdcb:
 * enhanced domains, `.mil`, alternative domains, `cnEdition`), and the Defender for Cloud Apps
 * proxy hosts Salesforce Inspector Reloaded asks for (tprouvot/Salesforce-Inspector-reloaded
 * addon/manifest.json: `https://*.lightning.force.com.mcas.ms/*`, commit f0bc8f3).
 */
describe("host pairs of every Salesforce cloud (sfdx-core's, and the mcas.ms proxy)", () => {
  it.each([
    ["org62.my.salesforce.com", "org62.lightning.force.com"],
    ["org62--sbox1.sandbox.my.salesforce.com", "org62--sbox1.sandbox.lightning.force.com"],
    ["org62.develop.my.salesforce.com", "org62.develop.lightning.force.com"],
    ["org62.scratch.my.salesforce.com", "org62.scratch.lightning.force.com"],
    ["org62.my.salesforce.mil", "org62.lightning.crmforce.mil"],
    ["org62--sbox1.sandbox.my.salesforce.mil", "org62--sbox1.sandbox.lightning.crmforce.mil"],
    ["org62.my-salesforce.com", "org62.my-lightning.com"],
    ["foo.my.sfcrmproducts.cn", "foo.lightning.sfcrmapps.cn"],
    ["foo--sbox1.sandbox.my.sfcrmproducts.cn", "foo--sbox1.sandbox.lightning.sfcrmapps.cn"],
    ["acme.my.salesforce.com.mcas.ms", "acme.lightning.force.com.mcas.ms"],
    ["acme--uat.sandbox.my.salesforce.com.mcas.ms", "acme--uat.sandbox.lightning.force.com.mcas.ms"]
  ])("%s ↔ %s", (myDomain, lightning) => {
    expect(parseSalesforceHost(lightning)).toMatchObject({ family: "lightning", myDomainHost: myDomain })
    expect(parseSalesforceHost(myDomain)).toMatchObject({ family: "my_domain", lightningHost: lightning })
    expect(myDomainHostFor(lightning)).toBe(myDomain)
    expect(isMyDomainApiOrigin(`https://${myDomain}`)).toBe(true)
    expect(isMyDomainApiOrigin(`https://${lightning}`)).toBe(false)
  })

  it("asks for the defaults in the manifest and offers the rest as optional grants, Lightning and My Domain together", () => {
    expect(isDefaultSalesforceHost("acme.lightning.force.com")).toBe(true)
    expect(isDefaultSalesforceHost("acme--uat.sandbox.my.salesforce.com")).toBe(true)
    expect(isDefaultSalesforceHost("acme.lightning.force.com.mcas.ms")).toBe(false)
    expect(optionalOriginsFor("acme.lightning.force.com")).toBeUndefined()
    expect(optionalOriginsFor("acme.lightning.force.com.mcas.ms")).toEqual([
      "https://*.lightning.force.com.mcas.ms/*",
      "https://*.my.salesforce.com.mcas.ms/*"
    ])
    expect(optionalOriginsFor("org62.lightning.crmforce.mil")).toEqual([
      "https://*.lightning.crmforce.mil/*",
      "https://*.my.salesforce.mil/*"
    ])
    expect(optionalOriginsFor("evil.example")).toBeUndefined()
    expect(optionalOriginsFor("acme.lightning.force.com.evil.example")).toBeUndefined()
    for (const host of ["acme.lightning.force.com.mcas.ms", "org62.my.sfcrmproducts.cn", "org62.my-lightning.com"])
      for (const origin of optionalOriginsFor(host) ?? []) expect(OPTIONAL_SALESFORCE_ORIGINS).toContain(origin)
    expect(OPTIONAL_SALESFORCE_ORIGINS).not.toContain("https://*.lightning.force.com/*")
  })

  it("refuses look-alikes of the other clouds and the proxy", () => {
    for (const host of [
      "acme.lightning.force.com.mcas.ms.evil.example",
      "mcas.ms",
      "lightning.force.com.mcas.ms",
      "acme.lightning.crmforce.mil.evil.example",
      "acme.my.salesforce.mil.mcas.ms.example"
    ])
      expect(parseSalesforceHost(host), host).toBeUndefined()
  })
})

describe("isMyDomainApiOrigin", () => {
  it.each(["https://acme.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com"])("accepts %s", (origin) => {
    expect(isMyDomainApiOrigin(origin)).toBe(true)
  })

  it.each([
    "http://acme.my.salesforce.com",
    "https://acme.my.salesforce.com/",
    "https://acme.my.salesforce.com:443",
    "https://acme.lightning.force.com",
    "https://acme.my.salesforce.com.evil.example",
    "https://user@acme.my.salesforce.com"
  ])("refuses %s", (origin) => {
    expect(isMyDomainApiOrigin(origin)).toBe(false)
  })
})

describe("recordFromLightningPath", () => {
  it("reads any object's record", () => {
    expect(recordFromLightningPath(`/lightning/r/Contact/${CONTACT_18}/view`)).toEqual({
      objectType: "Contact",
      id: CONTACT_18
    })
    expect(recordFromLightningPath(`/lightning/r/${ACME_15}/view`)).toEqual({ id: ACME_18 })
  })

  it("ignores non-record paths", () => {
    expect(recordFromLightningPath("/lightning/o/Account/list")).toBeUndefined()
    expect(recordFromLightningPath("/lightning/page/home")).toBeUndefined()
  })
})

describe("lightningAccountUrl", () => {
  type Seen = Parameters<typeof lightningAccountUrl>[0]
  const page = (host: string, id = ACME_18) => `https://${host}/lightning/r/Account/${id}/view`

  // [where SOP Pilot last saw the account, the record page it opens]
  it.each<[Seen, string]>([
    [{ accountId: ACME_18, apiHost: "https://acme.my.salesforce.com" }, page("acme.lightning.force.com")],
    [
      { accountId: SANDBOX_18, apiHost: "https://acme--uat.sandbox.my.salesforce.com" },
      page("acme--uat.sandbox.lightning.force.com", SANDBOX_18)
    ],
    [
      { accountId: ACME_18, apiHost: "https://acme.develop.my.salesforce.com" },
      page("acme.develop.lightning.force.com")
    ],
    [{ accountId: ACME_18, apiHost: "https://acme.lightning.force.com" }, page("acme.lightning.force.com")],
    [{ accountId: ACME_18, apiHost: "https://ACME.my.salesforce.com" }, page("acme.lightning.force.com")],
    [{ accountId: ACME_15, apiHost: "https://acme.my.salesforce.com" }, page("acme.lightning.force.com", ACME_15)],
    [{ accountId: ACME_18, org: "acme" }, page("acme.lightning.force.com")],
    [{ accountId: ACME_18, org: "Acme-Health" }, page("acme-health.lightning.force.com")],
    // The API host wins over the org name; a foreign API host falls back to the org.
    [
      { accountId: ACME_18, apiHost: "https://globex.my.salesforce.com", org: "acme" },
      page("globex.lightning.force.com")
    ],
    [{ accountId: ACME_18, apiHost: "https://evil.example.com", org: "acme" }, page("acme.lightning.force.com")]
  ])("opens %o at %s", (account, url) => {
    expect(lightningAccountUrl(account)).toBe(url)
  })

  it.each<[Seen, string]>([
    [{ accountId: ACME_18 }, "nothing to say where"],
    [{ accountId: ACME_18, apiHost: "https://evil.example.com" }, "a foreign API host"],
    [{ accountId: ACME_18, apiHost: "https://acme.my.salesforce.com.evil.example" }, "a look-alike API host"],
    [{ accountId: ACME_18, apiHost: "not a url" }, "an API host that is not a URL"],
    [{ accountId: ACME_18, org: "evil.example.com/x" }, "an org name that is not a host label"],
    [{ accountId: ACME_18, org: "-acme" }, "an org name starting with a hyphen"],
    [{ accountId: "001/../../x", apiHost: "https://acme.my.salesforce.com" }, "an id that is not a record id"],
    [{ accountId: "0015e00000Acme", org: "acme" }, "a 14-char id"]
  ])("gives undefined for %o (%s)", (account) => {
    expect(lightningAccountUrl(account)).toBeUndefined()
  })
})
