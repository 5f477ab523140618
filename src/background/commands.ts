/**
 * Keyboard shortcuts (`chrome.commands`, the manifest's `commands`; issue 16, item 12). One for
 * now: `focus-panel` (Alt+Shift+S) tells the active tab's SOP Pilot panel to open and take the
 * focus (Gmail: the compose panel's first missing field; Salesforce: the first open step).
 */
import type { PanelFocus } from "../messages/protocol"

export const FOCUS_PANEL_COMMAND = "focus-panel"

export interface CommandDeps {
  /** The active tab of the focused window, when Chrome did not pass one. */
  activeTab(): Promise<{ id?: number } | undefined>
  sendToTab(tabId: number, message: PanelFocus): Promise<unknown>
}

export const chromeCommandDeps: CommandDeps = {
  activeTab: async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0],
  // The top frame only: that is where the panels are (Gmail's and Salesforce's inner frames have none).
  sendToTab: (tabId, message) => chrome.tabs.sendMessage(tabId, message, { frameId: 0 })
}

/** What `chrome.commands.onCommand` runs. A tab without SOP Pilot's panel is not an error. */
export async function runCommand(
  command: string,
  tab: { id?: number } | undefined,
  deps: CommandDeps = chromeCommandDeps
): Promise<boolean> {
  if (command !== FOCUS_PANEL_COMMAND) return false
  const target = tab?.id !== undefined ? tab : await deps.activeTab()
  if (target?.id === undefined) return false
  const message: PanelFocus = { name: "panel.focus" }
  return deps.sendToTab(target.id, message).then(
    () => true,
    () => false
  )
}
