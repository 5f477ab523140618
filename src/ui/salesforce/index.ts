export { SalesforcePanel } from "./SalesforcePanel"
export { PANEL_CSS } from "./styles"
export { createPanelStore } from "./store"
