/**
 * Salesforce content-script UI: the SOP Pilot side panel, in a closed shadow root. Thin entry:
 * the panel, its store and its styles live in src/ui/salesforce/.
 */
import "~/src/setup/zod-csp" // first: before any zod schema is built
import type { PlasmoCreateShadowRoot, PlasmoCSConfig, PlasmoGetShadowHostId, PlasmoGetStyle } from "plasmo"

import { createPanelStore, PANEL_CSS, primePanel, SalesforcePanel } from "~/src/ui/salesforce"
import { attachPanelShadowRoot, readShadowRootMode } from "~/src/ui/shadow-root"

performance.mark("sop-pilot:cs-start") // npm run bench: content script start → sop-pilot:panel-painted

// The account and its remembered view are looked up now, while Plasmo mounts the shadow root.
const store = createPanelStore()
primePanel(store)
void readShadowRootMode()

export const config: PlasmoCSConfig = {
  matches: ["https://*.lightning.force.com/*", "https://*.my.salesforce.com/*"],
  run_at: "document_idle"
}

// Closed: the page's scripts cannot read or reach the panel (src/ui/shadow-root.ts).
export const createShadowRoot: PlasmoCreateShadowRoot = attachPanelShadowRoot

export const getShadowHostId: PlasmoGetShadowHostId = () => "sop-pilot-salesforce"

export const getStyle: PlasmoGetStyle = () => {
  const style = document.createElement("style")
  style.textContent = PANEL_CSS
  return style
}

export default function SalesforceContent() {
  return <SalesforcePanel store={store} />
}
