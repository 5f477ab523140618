// @vitest-environment happy-dom
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

import { beforeEach, describe, expect, it } from "vitest"

import { detectAccount } from "~/src/hosts/salesforce/detect"

// happy-dom replaces the global URL, so fixture paths are built with node:path.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../../fixtures/salesforce")

function load(name: string): Document {
  document.documentElement.innerHTML = readFileSync(join(FIXTURES, `2026-11-25-${name}.html`), "utf8")
  return document
}

const ACME = "0015e00000AcmeQAAR"
const GLOBEX = "0015e00000GlbxZAAR"
const LIGHTNING = "https://acme.lightning.force.com/lightning/r/Account"
const PROD = { org: "acme", apiHost: "https://acme.my.salesforce.com" }

beforeEach(() => {
  document.documentElement.innerHTML = "<head></head><body></body>"
})

describe("detectAccount", () => {
  it("detects a Lightning record with its name", () => {
    expect(detectAccount(`${LIGHTNING}/${ACME}/view`, load("lightning-account-record-acme"))).toEqual({
      status: "detected",
      kind: "lightning",
      ...PROD,
      accountId: ACME,
      name: "Acme Health"
    })
  })

  it("detects Globex from the 15-char id", () => {
    expect(detectAccount(`${LIGHTNING}/0015e00000GlbxZ/view`, load("lightning-account-record-globex"))).toMatchObject({
      status: "detected",
      accountId: GLOBEX,
      name: "Globex Corporation"
    })
  })

  it("lets the console's active tab win over a lagging URL", () => {
    expect(
      detectAccount(
        `${LIGHTNING}/${GLOBEX}/view?ws=%2Flightning%2Fr%2FAccount%2F${GLOBEX}%2Fview`,
        load("lightning-console-two-tabs")
      )
    ).toEqual({
      status: "detected",
      kind: "lightning",
      ...PROD,
      accountId: ACME,
      name: "Acme Health"
    })
  })

  it("agrees with the console when the URL is right", () => {
    expect(detectAccount(`${LIGHTNING}/${ACME}/view`, load("lightning-console-two-tabs"))).toMatchObject({
      accountId: ACME,
      name: "Acme Health"
    })
  })

  it("refuses an Account URL while the console shows a Contact", () => {
    const doc = load("lightning-console-two-tabs")
    doc
      .querySelector("div.oneWorkspace.active li.oneConsoleTabItem > a")
      ?.setAttribute("href", "/lightning/r/Contact/0035e00000CtctAAAR/view")
    expect(detectAccount(`${LIGHTNING}/${ACME}/view`, doc)).toEqual({
      status: "not_detected",
      reason: "The console tab on screen is not an Account record."
    })
  })

  it("detects a Classic detail page with its name", () => {
    expect(detectAccount("https://acme.my.salesforce.com/0015e00000ClsCA", load("classic-account-detail"))).toEqual({
      status: "detected",
      kind: "classic",
      ...PROD,
      accountId: "0015e00000ClsCAAAZ",
      name: "Acme Health"
    })
  })

  it("falls back to the title when the markup is unknown", () => {
    expect(detectAccount(`${LIGHTNING}/${ACME}/view`, load("lightning-unknown-markup"))).toMatchObject({
      status: "detected",
      accountId: ACME,
      name: "Acme Health"
    })
  })

  it("detects without a name when neither markup nor title names the record", () => {
    const doc = load("lightning-unknown-markup")
    doc.title = "Salesforce"
    const detected = detectAccount(`${LIGHTNING}/${ACME}/view`, doc)
    expect(detected).toEqual({ status: "detected", kind: "lightning", ...PROD, accountId: ACME })
    expect("name" in detected).toBe(false)
  })

  it("passes a hostile name on as plain text", () => {
    const detected = detectAccount(`${LIGHTNING}/0015e00000HstlXAAR/view`, load("lightning-hostile-name"))
    expect(detected).toMatchObject({ status: "detected", name: "<img src=x onerror=alert(1)>" })
  })

  it("drops a name longer than Salesforce allows", () => {
    const doc = load("lightning-account-record-globex")
    const field = doc.querySelector('lightning-formatted-text[slot="primaryField"]')
    if (field) field.textContent = "x".repeat(300)
    doc.title = "Salesforce"
    expect(detectAccount(`${LIGHTNING}/${GLOBEX}/view`, doc)).not.toHaveProperty("name")
  })

  it("works on a sandbox", () => {
    expect(
      detectAccount(
        `https://acme--uat.sandbox.lightning.force.com/lightning/r/Account/${ACME}/view`,
        load("lightning-account-record-acme")
      )
    ).toMatchObject({
      org: "acme--uat",
      apiHost: "https://acme--uat.sandbox.my.salesforce.com"
    })
  })

  it.each([
    ["https://acme.lightning.force.com/lightning/page/home", "lightning-account-record-acme"],
    ["https://acme.lightning.force.com/lightning/r/Contact/0035e00000CtctAAAR/view", "lightning-account-record-acme"],
    ["https://acme.lightning.force.com/lightning/o/Account/list", "lightning-console-two-tabs"],
    ["https://mail.google.com/mail/u/0/#inbox", "lightning-account-record-acme"]
  ])("does not detect %s", (url, fixture) => {
    expect(detectAccount(url, load(fixture))).toEqual({
      status: "not_detected",
      reason: "This page is not a Salesforce Account record."
    })
  })

  it("never throws, even when the DOM does", () => {
    const hostile = new Proxy(document, {
      get(target, property) {
        if (property === "querySelectorAll" || property === "querySelector" || property === "title") {
          throw new Error("boom")
        }
        const value = Reflect.get(target, property, target) as unknown
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value
      }
    })
    expect(detectAccount(`${LIGHTNING}/${ACME}/view`, hostile)).toEqual({
      status: "detected",
      kind: "lightning",
      ...PROD,
      accountId: ACME
    })
  })
})
