import panelCss from "data-text:./panel.css"

import { surfaceCss } from "../styles"

export { primePanel, SalesforcePanel } from "./SalesforcePanel"
export { createPanelStore } from "./store"

/** The panel's stylesheet for its shadow root (Plasmo `getStyle`). */
export const PANEL_CSS = surfaceCss(panelCss)
