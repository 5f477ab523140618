export { ComposePanels } from "./ComposePanels"
export { COMPOSE_PANEL_CSS } from "./styles"
