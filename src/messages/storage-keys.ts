/** Keys in chrome.storage.local. Settings are small and must reach every context at once. */
export const STORAGE_KEYS = {
  teamSettings: "teamSettings",
  profile: "profile",
  panelCollapsed: "panel.collapsed"
} as const
