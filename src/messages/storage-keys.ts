/** Keys in chrome.storage.local. Settings are small and must reach every context at once. */
export const STORAGE_KEYS = {
  teamSettings: "teamSettings",
  profile: "profile",
  panelCollapsed: "panel.collapsed",
  /** The organisation's policy as last read: plans start with it while the (slow) first read runs. */
  lastPolicy: "policy.lastKnown",
  /**
   * Test seam, never set by the extension: `true` mounts the panels in OPEN shadow roots, for the
   * e2e tests' locators (`shadow-root.ts`). Only extension contexts can write this area.
   */
  openShadowRootsForTests: "test.openShadowRoots"
} as const

/**
 * chrome.storage.session: the service worker's last view of each account, read by the
 * Salesforce content script for its first paint. Keyed by org and account, so that a page reads
 * only its own org's entries.
 */
export const sessionViewKey = (org: string, accountId: string): string => `view.${org}.${accountId}`
