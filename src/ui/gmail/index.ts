import composePanelCss from "data-text:./compose-panel.css"

import { surfaceCss } from "../styles"

export { PanelPerCompose } from "./PanelPerCompose"

/** The compose panels' stylesheet for their shadow root (Plasmo `getStyle`). */
export const COMPOSE_PANEL_CSS = surfaceCss(composePanelCss)
