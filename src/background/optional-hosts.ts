/**
 * Salesforce domains beyond the manifest's two (other Salesforce clouds, the Defender for Cloud
 * Apps proxy): the CSM grants one from the popup (`chrome.permissions.request`), and the
 * Salesforce content script is registered for the granted patterns here. Kept in step with the
 * grants on every start and whenever a grant is added or removed.
 */
import { OPTIONAL_SALESFORCE_ORIGINS } from "../hosts/salesforce/url"

export const OPTIONAL_SCRIPT_ID = "sop-pilot-salesforce-optional"
/** The manifest's own Salesforce content script is found by this match pattern. */
const DEFAULT_MATCH = "https://*.lightning.force.com/*"

export interface OptionalHostApis {
  granted: () => Promise<string[]>
  manifestScripts: () => { matches?: string[]; js?: string[]; css?: string[] }[]
  registered: () => Promise<string[] | undefined>
  register: (script: chrome.scripting.RegisteredContentScript) => Promise<void>
  update: (script: chrome.scripting.RegisteredContentScript) => Promise<void>
  unregister: () => Promise<void>
  /** Ids of the open tabs whose URL matches one of the patterns. */
  tabsMatching: (patterns: string[]) => Promise<number[]>
  /** Runs the content script's files in one open tab (its later pages get the registered script). */
  inject: (tabId: number, files: { js: string[]; css: string[] }) => Promise<void>
}

export const chromeOptionalHostApis = (): OptionalHostApis => ({
  granted: async () => (await chrome.permissions.getAll()).origins ?? [],
  manifestScripts: () => chrome.runtime.getManifest().content_scripts ?? [],
  registered: async () =>
    (await chrome.scripting.getRegisteredContentScripts({ ids: [OPTIONAL_SCRIPT_ID] }))[0]?.matches,
  register: (script) => chrome.scripting.registerContentScripts([script]),
  update: (script) => chrome.scripting.updateContentScripts([script]),
  unregister: () => chrome.scripting.unregisterContentScripts({ ids: [OPTIONAL_SCRIPT_ID] }),
  tabsMatching: async (patterns) =>
    (await chrome.tabs.query({ url: patterns })).flatMap((tab) => (tab.id === undefined ? [] : [tab.id])),
  inject: async (tabId, { js, css }) => {
    if (css.length > 0) await chrome.scripting.insertCSS({ target: { tabId }, files: css })
    await chrome.scripting.executeScript({ target: { tabId }, files: js })
  }
})

/** The manifest's own Salesforce content script: the files a granted domain gets. */
function salesforceScript(apis: OptionalHostApis) {
  return apis.manifestScripts().find((script) => script.matches?.includes(DEFAULT_MATCH))
}

/** Registers (or updates, or removes) the Salesforce content script for the granted optional patterns. */
export async function syncOptionalHosts(apis: OptionalHostApis): Promise<string[]> {
  const granted = (await apis.granted()).filter((origin) => OPTIONAL_SALESFORCE_ORIGINS.includes(origin))
  const current = await apis.registered()
  if (granted.length === 0) {
    if (current !== undefined) await apis.unregister()
    return granted
  }
  const base = salesforceScript(apis)
  if (!base?.js?.length) return []
  const script: chrome.scripting.RegisteredContentScript = {
    id: OPTIONAL_SCRIPT_ID,
    matches: granted,
    js: base.js,
    ...(base.css?.length ? { css: base.css } : {}),
    runAt: "document_idle",
    persistAcrossSessions: true
  }
  if (current === undefined) await apis.register(script)
  else await apis.update(script)
  return granted
}

/**
 * A domain just granted from the popup: the page the CSM is on (and any other open tab of that
 * domain) gets the panel now, without a reload that could lose an edit in progress. Later pages
 * get the registered script. Tabs that fail (a Salesforce error page) are skipped.
 */
export async function injectIntoOpenTabs(apis: OptionalHostApis, origins: string[]): Promise<number[]> {
  const added = origins.filter((origin) => OPTIONAL_SALESFORCE_ORIGINS.includes(origin))
  const base = salesforceScript(apis)
  if (added.length === 0 || !base?.js?.length) return []
  const files = { js: base.js, css: base.css ?? [] }
  const injected: number[] = []
  for (const tabId of await apis.tabsMatching(added)) {
    try {
      await apis.inject(tabId, files)
      injected.push(tabId)
    } catch (error) {
      console.warn("SOP Pilot: could not start on tab", tabId, error)
    }
  }
  return injected
}

/** Keeps the registration in step with the grants from now on. */
export function wireOptionalHosts(apis: OptionalHostApis = chromeOptionalHostApis()): void {
  let running = Promise.resolve<unknown>(undefined)
  // One at a time: a grant during a sync waits for it.
  const sync = (added?: chrome.permissions.Permissions) => {
    running = running
      .then(async () => {
        await syncOptionalHosts(apis)
        if (added?.origins?.length) await injectIntoOpenTabs(apis, added.origins)
      })
      .catch((error) => console.warn("SOP Pilot:", error))
  }
  chrome.permissions.onAdded.addListener(sync)
  chrome.permissions.onRemoved.addListener(() => sync())
  sync()
}
