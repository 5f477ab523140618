export { PanelPerCompose } from "./PanelPerCompose"
export { COMPOSE_PANEL_CSS } from "./styles"
