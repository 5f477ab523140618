/** Keys in chrome.storage.local. Settings are small and must reach every context at once. */
export const STORAGE_KEYS = {
  teamSettings: "teamSettings",
  profile: "profile",
  panelCollapsed: "panel.collapsed",
  /** The organisation's policy as last read: plans start with it while the (slow) first read runs. */
  lastPolicy: "policy.lastKnown"
} as const

/**
 * chrome.storage.session: the service worker's last view of each account, read by the
 * Salesforce content script for its first paint. Keyed by org and account, so that a page reads
 * only its own org's entries.
 */
export const sessionViewKey = (org: string, accountId: string): string => `view.${org}.${accountId}`
