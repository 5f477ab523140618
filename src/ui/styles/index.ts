/**
 * The stylesheet text every surface starts with: the design tokens, the shared base rules, then
 * the controls every surface draws alike (buttons, cards, status tones).
 * Each surface appends its own `.css` (imported as text, Plasmo's `data-text:`), so a shadow
 * root or extension page gets one `<style>` and nothing is fetched.
 */
import baseCss from "data-text:./base.css"
import componentsCss from "data-text:./components.css"
import pageBaseCss from "data-text:./page.css"
import tokensCss from "data-text:./tokens.css"

export const SHARED_CSS = `${tokensCss}\n${baseCss}\n${componentsCss}`

/** One surface's full stylesheet. */
export const surfaceCss = (own: string): string => `${SHARED_CSS}\n${own}`

/** The full stylesheet of an extension page of its own (a tab, not the popup or a host page). */
export const pageCss = (own: string): string => `${SHARED_CSS}\n${pageBaseCss}\n${own}`
