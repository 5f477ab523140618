/**
 * The shadow root each content-script UI mounts in (Plasmo's `createShadowRoot` export): CLOSED,
 * so the host page's scripts cannot read the panel or reach its elements — for them
 * `host.shadowRoot` is null, and the account names, plans and contacts inside are not in any DOM
 * they can query. (Events from inside are retargeted to the host; `input-guard.ts` is the second
 * wall.) The host element itself carries no account data: a fixed id, nothing else.
 *
 * One test seam: `STORAGE_KEYS.openShadowRootsForTests` set to `true` in chrome.storage.local
 * mounts an OPEN root, so that the e2e tests' locators and `shadowRoot` reads keep working. A
 * page cannot set it: only extension contexts (the service worker, our pages, our content
 * scripts) can write that area, and the extension itself never does; the e2e harness does,
 * through the service worker (`launchExtension`, `openShadowRoots`).
 */
import { STORAGE_KEYS } from "~/src/messages/storage-keys"

let mode: Promise<ShadowRootMode> | undefined

/** Starts reading the mode: call it as the content script starts, so the mount need not wait. */
export function readShadowRootMode(): Promise<ShadowRootMode> {
  mode ??= chrome.storage.local
    .get(STORAGE_KEYS.openShadowRootsForTests)
    .then((items): ShadowRootMode => (items[STORAGE_KEYS.openShadowRootsForTests] === true ? "open" : "closed"))
    .catch((): ShadowRootMode => "closed")
  return mode
}

/** Plasmo's `createShadowRoot`: a closed root, unless the e2e seam asks for an open one. */
export async function attachPanelShadowRoot(host: HTMLElement): Promise<ShadowRoot> {
  return host.attachShadow({ mode: await readShadowRootMode() })
}
