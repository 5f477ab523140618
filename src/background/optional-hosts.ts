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
}

export const chromeOptionalHostApis = (): OptionalHostApis => ({
  granted: async () => (await chrome.permissions.getAll()).origins ?? [],
  manifestScripts: () => chrome.runtime.getManifest().content_scripts ?? [],
  registered: async () =>
    (await chrome.scripting.getRegisteredContentScripts({ ids: [OPTIONAL_SCRIPT_ID] }))[0]?.matches,
  register: (script) => chrome.scripting.registerContentScripts([script]),
  update: (script) => chrome.scripting.updateContentScripts([script]),
  unregister: () => chrome.scripting.unregisterContentScripts({ ids: [OPTIONAL_SCRIPT_ID] })
})

/** Registers (or updates, or removes) the Salesforce content script for the granted optional patterns. */
export async function syncOptionalHosts(apis: OptionalHostApis): Promise<string[]> {
  const granted = (await apis.granted()).filter((origin) => OPTIONAL_SALESFORCE_ORIGINS.includes(origin))
  const current = await apis.registered()
  if (granted.length === 0) {
    if (current !== undefined) await apis.unregister()
    return granted
  }
  const base = apis.manifestScripts().find((script) => script.matches?.includes(DEFAULT_MATCH))
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

/** Keeps the registration in step with the grants from now on. */
export function wireOptionalHosts(apis: OptionalHostApis = chromeOptionalHostApis()): void {
  let running = Promise.resolve<unknown>(undefined)
  // One at a time: a grant during a sync waits for it.
  const sync = () => {
    running = running.then(() => syncOptionalHosts(apis)).catch((error) => console.warn("SOP Pilot:", error))
  }
  chrome.permissions.onAdded.addListener(sync)
  chrome.permissions.onRemoved.addListener(sync)
  sync()
}
