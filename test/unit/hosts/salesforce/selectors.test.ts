// @vitest-environment happy-dom
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

import { beforeEach, describe, expect, it } from "vitest"

import {
  AURA_HIGHLIGHTS_NAME,
  CLASSIC_PAGE_DESCRIPTION,
  CONSOLE_ACTIVE_TAB_LINK,
  ENTITY_LABEL,
  ENTITY_NAME_TITLE,
  PRIMARY_FIELD,
  PRIMARY_FIELD_SLOT,
  SelectorError,
  getActiveConsoleRecordId,
  getClassicRecordName,
  getMaybeActiveConsoleRecordId,
  getMaybeClassicObjectLabel,
  getMaybeClassicRecordName,
  getMaybeEntityLabel,
  getMaybeRecordName,
  getMaybeTitleRecordName,
  getRecordName,
  isConsole,
  isOnScreen,
  recordNameFromTitle
} from "~/src/hosts/salesforce/selectors"

// happy-dom replaces the global URL, so fixture paths are built with node:path.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../../fixtures/salesforce")
const fixture = (name: string) => readFileSync(join(FIXTURES, `2026-11-25-${name}.html`), "utf8")

function load(name: string): Document {
  document.documentElement.innerHTML = fixture(name)
  return document
}

const HOSTILE = "<img src=x onerror=alert(1)>"

beforeEach(() => {
  document.documentElement.innerHTML = "<head></head><body></body>"
})

describe("fixtures", () => {
  it.each([
    "lightning-account-record-acme",
    "lightning-account-record-globex",
    "lightning-console-two-tabs",
    "classic-account-detail",
    "lightning-unknown-markup",
    "lightning-hostile-name"
  ])("%s is small and inert", (name) => {
    const html = fixture(name)
    expect(html.length).toBeLessThanOrEqual(30 * 1024)
    expect(html).not.toMatch(/<script|<link|<iframe|\bsrc=["']?https?:|url\(/i)
  })
})

describe("Lightning: the object label as text in div.entityNameTitle (2026-12-02, real-derived)", () => {
  const load1202 = () => {
    document.documentElement.innerHTML = readFileSync(
      join(FIXTURES, "2026-12-02-lightning-highlights-entity-name-title.html"),
      "utf8"
    )
    return document
  }

  it("is small and inert", () => {
    const html = readFileSync(join(FIXTURES, "2026-12-02-lightning-highlights-entity-name-title.html"), "utf8")
    expect(html.length).toBeLessThanOrEqual(30 * 1024)
    expect(html).not.toMatch(/<script|<link|<iframe|\bsrc=["']?https?:|url\(/i)
  })

  it("reads the on-screen label from div.entityNameTitle, not the cached Contact page's", () => {
    const doc = load1202()
    expect(doc.querySelector(ENTITY_LABEL)).toBeNull()
    expect(doc.querySelectorAll(ENTITY_NAME_TITLE)).toHaveLength(2)
    expect(getMaybeEntityLabel(doc)).toBe("Account")
    expect(getMaybeRecordName(doc)).toBe("Birchwood Clinic")
  })
})

describe("Lightning standard app: Acme (a cached Initech page behind it)", () => {
  it("pins every Lightning selector", () => {
    const doc = load("lightning-account-record-acme")
    expect(doc.title).toBe("Acme Health | Account | Salesforce")
    expect(doc.querySelectorAll(PRIMARY_FIELD)).toHaveLength(2) // Initech (cached) and Acme
    expect(doc.querySelectorAll(PRIMARY_FIELD_SLOT)).toHaveLength(2)
    expect(doc.querySelector(ENTITY_LABEL)).not.toBeNull()
    expect(doc.querySelector(AURA_HIGHLIGHTS_NAME)).toBeNull()
  })

  it("reads the name on screen, not the cached page's", () => {
    const doc = load("lightning-account-record-acme")
    expect(getMaybeRecordName(doc)).toBe("Acme Health")
    expect(getRecordName(doc)).toBe("Acme Health")
    expect(getMaybeEntityLabel(doc)).toBe("Account")
    const [cached, active] = Array.from(doc.querySelectorAll(PRIMARY_FIELD))
    expect(cached?.textContent).toBe("Initech")
    expect(isOnScreen(cached as Element)).toBe(false)
    expect(isOnScreen(active as Element)).toBe(true)
  })

  it("is not a console, so has no console record id", () => {
    const doc = load("lightning-account-record-acme")
    expect(isConsole(doc)).toBe(false)
    expect(getMaybeActiveConsoleRecordId(doc)).toBeUndefined()
    expect(() => getActiveConsoleRecordId(doc)).toThrow(SelectorError)
  })

  it("falls back to the name slot when the name is another component (person account)", () => {
    const doc = load("lightning-account-record-acme")
    for (const field of Array.from(doc.querySelectorAll(PRIMARY_FIELD))) {
      const formattedName = doc.createElement("lightning-formatted-name")
      formattedName.textContent = field.textContent === "Initech" ? "Cached Person" : "Dr. Ada Lovelace"
      field.replaceWith(formattedName)
    }
    expect(getMaybeRecordName(doc)).toBe("Dr. Ada Lovelace")
  })

  it("finds nothing when every page host is inactive (mid-navigation)", () => {
    const doc = load("lightning-account-record-acme")
    doc.querySelector("div.lafPageHost.active")?.classList.remove("active")
    expect(getMaybeRecordName(doc)).toBeUndefined()
  })

  it("ignores a hidden page host", () => {
    const doc = load("lightning-account-record-acme")
    doc.querySelector("div.lafPageHost.active")?.setAttribute("hidden", "")
    expect(getMaybeRecordName(doc)).toBeUndefined()
  })
})

describe("Lightning standard app: Globex", () => {
  it("reads the one record on the page", () => {
    const doc = load("lightning-account-record-globex")
    expect(getRecordName(doc)).toBe("Globex Corporation")
    expect(getMaybeTitleRecordName(doc)).toBe("Globex Corporation")
    expect(getMaybeClassicRecordName(doc)).toBeUndefined()
  })

  it("reads the Aura highlights panel when the LWC one is absent", () => {
    const doc = load("lightning-account-record-globex")
    doc.querySelector("records-highlights2")?.replaceWith(
      Object.assign(doc.createElement("div"), {
        className: "slds-page-header forceHighlightsStencilDesktop",
        innerHTML: '<h1><span class="uiOutputText">Globex (Aura)</span></h1>'
      })
    )
    expect(getMaybeRecordName(doc)).toBe("Globex (Aura)")
  })
})

describe("Lightning console: two workspace tabs, the second (Acme) active", () => {
  it("pins the console selectors", () => {
    const doc = load("lightning-console-two-tabs")
    expect(isConsole(doc)).toBe(true)
    // Selected links: Acme's workspace tab, and each workspace's own selected subtab (Globex too).
    expect(doc.querySelectorAll(CONSOLE_ACTIVE_TAB_LINK)).toHaveLength(3)
    // The naive selector picks the cached workspace: why isOnScreen walks every container.
    expect(doc.querySelector("section.tabContent.active.oneConsoleTab " + PRIMARY_FIELD)?.textContent).toBe(
      "Globex Corporation"
    )
  })

  it("reads the active tab's record and name", () => {
    const doc = load("lightning-console-two-tabs")
    expect(getMaybeActiveConsoleRecordId(doc)).toBe("0015e00000AcmeQAAR")
    expect(getActiveConsoleRecordId(doc)).toBe("0015e00000AcmeQAAR")
    expect(getRecordName(doc)).toBe("Acme Health")
  })

  it("follows a switch to the first tab", () => {
    const doc = load("lightning-console-two-tabs")
    const [globexTab, acmeTab] = Array.from(doc.querySelectorAll(".tabsetHeader li.oneConsoleTabItem"))
    acmeTab?.classList.remove("slds-is-active", "active")
    acmeTab?.querySelector("a")?.setAttribute("aria-selected", "false")
    globexTab?.classList.add("slds-is-active", "active")
    globexTab?.querySelector("a")?.setAttribute("aria-selected", "true")
    const [globexWorkspace, acmeWorkspace] = Array.from(doc.querySelectorAll("div.oneWorkspace"))
    acmeWorkspace?.classList.remove("active")
    globexWorkspace?.classList.add("active")
    expect(getMaybeActiveConsoleRecordId(doc)).toBe("0015e00000GlbxZAAR")
    expect(getMaybeRecordName(doc)).toBe("Globex Corporation")
  })

  it("reports a selected subtab that is not a record as no record", () => {
    const doc = load("lightning-console-two-tabs")
    const subtabLink = doc.querySelector("div.oneWorkspace.active li.oneConsoleTabItem > a")
    subtabLink?.setAttribute("href", "/lightning/o/Contact/list?filterName=Recent")
    expect(getMaybeActiveConsoleRecordId(doc)).toBeUndefined()
  })

  it("reads a Contact subtab's id (the caller decides it is not an Account)", () => {
    const doc = load("lightning-console-two-tabs")
    doc
      .querySelector("div.oneWorkspace.active li.oneConsoleTabItem > a")
      ?.setAttribute("href", "/lightning/r/Contact/0035e00000CtctAAAR/view")
    expect(getMaybeActiveConsoleRecordId(doc)).toBe("0035e00000CtctAAAR")
  })
})

describe("Classic Account detail", () => {
  it("pins the Classic selectors", () => {
    const doc = load("classic-account-detail")
    expect(doc.querySelectorAll(CLASSIC_PAGE_DESCRIPTION)).toHaveLength(1)
    expect(getClassicRecordName(doc)).toBe("Acme Health")
    expect(getMaybeClassicObjectLabel(doc)).toBe("Account")
    expect(getMaybeTitleRecordName(doc)).toBe("Acme Health")
  })

  it("has no Lightning markup", () => {
    const doc = load("classic-account-detail")
    expect(getMaybeRecordName(doc)).toBeUndefined()
    expect(isConsole(doc)).toBe(false)
    expect(() => getRecordName(doc)).toThrow(SelectorError)
  })
})

describe("unknown markup", () => {
  it("finds no record markup, and says which lookup failed without page text", () => {
    const doc = load("lightning-unknown-markup")
    expect(getMaybeRecordName(doc)).toBeUndefined()
    expect(getMaybeEntityLabel(doc)).toBeUndefined()
    expect(getMaybeClassicRecordName(doc)).toBeUndefined()
    expect(getMaybeActiveConsoleRecordId(doc)).toBeUndefined()
    let error: unknown
    try {
      getRecordName(doc)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SelectorError)
    expect((error as SelectorError).name).toBe("SelectorError")
    expect((error as SelectorError).lookup).toBe("record name")
    expect((error as SelectorError).message).not.toContain("Acme")
    expect(() => getClassicRecordName(doc)).toThrow(/Classic record name/)
  })

  it("still has the title", () => {
    expect(getMaybeTitleRecordName(load("lightning-unknown-markup"))).toBe("Acme Health")
  })

  it("finds nothing in an empty document", () => {
    expect(getMaybeRecordName(document)).toBeUndefined()
    expect(getMaybeTitleRecordName(document)).toBeUndefined()
  })
})

describe("hostile name", () => {
  it("reads markup-looking text as text, and the fixture stays inert", () => {
    const doc = load("lightning-hostile-name")
    expect(getRecordName(doc)).toBe(HOSTILE)
    expect(getMaybeTitleRecordName(doc)).toBe(HOSTILE)
    expect(doc.querySelector("img")).toBeNull()
    expect(doc.querySelector("b")).toBeNull()
  })
})

describe("recordNameFromTitle", () => {
  it.each([
    ["Acme Health | Account | Salesforce", "Acme Health"],
    ["Acme | Health | Account | Salesforce", "Acme | Health"],
    ["Acme Santé | Compte | Salesforce", "Acme Santé"],
    ["  Acme   Health | Account | Salesforce ", "Acme Health"],
    ["Account: Acme Health ~ Salesforce - Enterprise Edition", "Acme Health"],
    ["Account: Acme: East ~ Salesforce - Unlimited Edition", "Acme: East"]
  ])("%s → %s", (title, name) => {
    expect(recordNameFromTitle(title)).toBe(name)
  })

  it.each([
    "Home | Salesforce",
    "Salesforce",
    "",
    " | Account | Salesforce",
    "Acme Health | Account | Gmail",
    "Recently Viewed | Accounts"
  ])("%s → undefined", (title) => {
    expect(recordNameFromTitle(title)).toBeUndefined()
  })
})
