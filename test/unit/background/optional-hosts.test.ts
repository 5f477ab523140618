/**
 * Issue 14, item 2: Salesforce domains beyond the manifest's two are optional host permissions;
 * the Salesforce content script is registered for the granted ones only.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { describe, expect, it } from "vitest"

import {
  injectIntoOpenTabs,
  OPTIONAL_SCRIPT_ID,
  syncOptionalHosts,
  type OptionalHostApis
} from "~/src/background/optional-hosts"
import { OPTIONAL_SALESFORCE_ORIGINS } from "~/src/hosts/salesforce/url"

const MANIFEST_SCRIPTS = [
  { matches: ["https://mail.google.com/mail/*"], js: ["gmail.1a2b.js"] },
  {
    matches: ["https://*.lightning.force.com/*", "https://*.my.salesforce.com/*"],
    js: ["salesforce.3c4d.js"],
    css: ["salesforce.3c4d.css"]
  }
]

function fakeApis(granted: string[], registered?: string[], openTabs: Record<number, string[]> = {}) {
  const calls: {
    op: string
    script?: chrome.scripting.RegisteredContentScript
    tabId?: number
    files?: { js: string[]; css: string[] }
  }[] = []
  let current = registered
  const apis: OptionalHostApis = {
    granted: async () => granted,
    manifestScripts: () => MANIFEST_SCRIPTS,
    registered: async () => current,
    register: async (script) => {
      calls.push({ op: "register", script })
      current = script.matches
    },
    update: async (script) => {
      calls.push({ op: "update", script })
      current = script.matches
    },
    unregister: async () => {
      calls.push({ op: "unregister" })
      current = undefined
    },
    // A tab matches when one of its (pattern) origins was asked for.
    tabsMatching: async (patterns) =>
      Object.entries(openTabs)
        .filter(([, origins]) => origins.some((o) => patterns.includes(o)))
        .map(([id]) => Number(id)),
    inject: async (tabId, files) => {
      if (tabId === 13) throw new Error("Cannot access contents of the page")
      calls.push({ op: "inject", tabId, files })
    }
  }
  return { apis, calls }
}

const PROXY = ["https://*.lightning.force.com.mcas.ms/*", "https://*.my.salesforce.com.mcas.ms/*"]

describe("optional Salesforce domains", () => {
  it("the manifest asks for the two default hosts and offers exactly the others as optional", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")) as {
      manifest: { host_permissions: string[]; optional_host_permissions: string[]; permissions: string[] }
    }
    expect(pkg.manifest.host_permissions).toEqual([
      "https://*.lightning.force.com/*",
      "https://*.my.salesforce.com/*",
      "https://mail.google.com/*"
    ])
    expect([...pkg.manifest.optional_host_permissions].sort()).toEqual([...OPTIONAL_SALESFORCE_ORIGINS].sort())
    expect(pkg.manifest.permissions).toContain("scripting")
  })

  it("registers the Salesforce content script for a granted proxy domain, with the manifest's files", async () => {
    const { apis, calls } = fakeApis([...PROXY, "https://*.lightning.force.com/*", "https://evil.example/*"])
    expect(await syncOptionalHosts(apis)).toEqual(PROXY)
    expect(calls).toEqual([
      {
        op: "register",
        script: {
          id: OPTIONAL_SCRIPT_ID,
          matches: PROXY,
          js: ["salesforce.3c4d.js"],
          css: ["salesforce.3c4d.css"],
          runAt: "document_idle",
          persistAcrossSessions: true
        }
      }
    ])
  })

  it("updates the registration when another domain is granted, and removes it when none is left", async () => {
    const more = [...PROXY, "https://*.lightning.crmforce.mil/*", "https://*.my.salesforce.mil/*"]
    const updated = fakeApis(more, PROXY)
    await syncOptionalHosts(updated.apis)
    expect(updated.calls.map((c) => [c.op, c.script?.matches])).toEqual([["update", more]])

    const revoked = fakeApis(["https://*.lightning.force.com/*"], PROXY)
    await syncOptionalHosts(revoked.apis)
    expect(revoked.calls).toEqual([{ op: "unregister" }])

    const nothing = fakeApis([])
    await syncOptionalHosts(nothing.apis)
    expect(nothing.calls).toEqual([])
  })

  it("starts the panel in the open tabs of a domain just granted, without reloading them", async () => {
    const { apis, calls } = fakeApis(PROXY, PROXY, {
      7: ["https://*.lightning.force.com.mcas.ms/*"],
      9: ["https://*.lightning.force.com/*"],
      13: ["https://*.my.salesforce.com.mcas.ms/*"]
    })
    expect(await injectIntoOpenTabs(apis, PROXY)).toEqual([7])
    expect(calls).toEqual([
      { op: "inject", tabId: 7, files: { js: ["salesforce.3c4d.js"], css: ["salesforce.3c4d.css"] } }
    ])
    // A grant of anything else (not one of our optional Salesforce patterns) starts nothing.
    expect(await injectIntoOpenTabs(apis, ["https://evil.example/*"])).toEqual([])
  })
})
