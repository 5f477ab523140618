/**
 * Gmail content-script UI: one SOP Pilot panel beside each compose (new message, full screen,
 * inline reply), in a closed shadow root. Thin entry: detection lives in src/hosts/gmail/, the
 * panels in src/ui/gmail/. No anchor functions on purpose: Plasmo would then observe the whole
 * document and poll every 142 ms; `watchComposes` does it with one narrow MutationObserver.
 */
import "~/src/setup/zod-csp" // first: before any zod schema is built
import type { PlasmoCreateShadowRoot, PlasmoCSConfig, PlasmoGetShadowHostId, PlasmoGetStyle } from "plasmo"

import { COMPOSE_PANEL_CSS, PanelPerCompose } from "~/src/ui/gmail"
import { attachPanelShadowRoot, readShadowRootMode } from "~/src/ui/shadow-root"

void readShadowRootMode() // while Plasmo starts

export const config: PlasmoCSConfig = {
  matches: ["https://mail.google.com/mail/*"],
  run_at: "document_idle"
}

// Closed: the page's scripts cannot read or reach the panel (src/ui/shadow-root.ts).
export const createShadowRoot: PlasmoCreateShadowRoot = attachPanelShadowRoot

export const getShadowHostId: PlasmoGetShadowHostId = () => "sop-pilot-gmail"

export const getStyle: PlasmoGetStyle = () => {
  const style = document.createElement("style")
  style.textContent = COMPOSE_PANEL_CSS
  return style
}

export default function GmailContent() {
  return <PanelPerCompose />
}
