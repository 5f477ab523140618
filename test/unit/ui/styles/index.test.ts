// The stylesheets' conventions: one class prefix, every token read is defined once in
// tokens.css (or by the surface that overrides it), and each surface's text starts with them.
import { describe, expect, it } from "vitest"

import { COMPOSE_PANEL_CSS } from "~/src/ui/gmail"
import { PANEL_CSS } from "~/src/ui/salesforce"
import { pageCss, SHARED_CSS } from "~/src/ui/styles"
import composePanelCss from "data-text:~/src/ui/gmail/compose-panel.css"
import optionsCss from "data-text:~/src/ui/options/options.css"
import popupCss from "data-text:~/src/ui/popup/popup.css"
import panelCss from "data-text:~/src/ui/salesforce/panel.css"
import tokensCss from "data-text:~/src/ui/styles/tokens.css"

const SURFACES = { salesforce: panelCss, gmail: composePanelCss, popup: popupCss, options: optionsCss }

const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, "")
/** Class names in selectors (the text before each `{`). */
const classesOf = (css: string) =>
  [...withoutComments(css).matchAll(/([^{}]+)\{/g)].flatMap(([, selector]) =>
    [...selector!.matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map(([, name]) => name!)
  )
const defined = (css: string) => new Set([...withoutComments(css).matchAll(/(--sop-[\w-]+)\s*:/g)].map(([, n]) => n))
const read = (css: string) => new Set([...css.matchAll(/var\((--[\w-]+)/g)].map(([, n]) => n!))

describe("stylesheets", () => {
  it.each(Object.entries(SURFACES))("%s: every class starts with sop-", (_, css) => {
    const classes = classesOf(css)
    expect(classes.length).toBeGreaterThan(10)
    expect(classes.filter((c) => !c.startsWith("sop-"))).toEqual([])
  })

  it.each(Object.entries(SURFACES))("%s: reads only tokens that are defined", (_, css) => {
    const known = new Set([...defined(tokensCss), ...defined(css)])
    expect([...read(css)].filter((name) => !known.has(name))).toEqual([])
  })

  it("declares the colours once: no surface repeats a token's hex value as a token", () => {
    for (const css of [panelCss, popupCss, optionsCss]) {
      expect([...defined(css)].filter((name) => defined(tokensCss).has(name))).toEqual([])
    }
  })

  it("gives each content script the tokens and base first, then its own rules", () => {
    expect(PANEL_CSS.startsWith(SHARED_CSS)).toBe(true)
    expect(PANEL_CSS.endsWith(panelCss)).toBe(true)
    expect(COMPOSE_PANEL_CSS.startsWith(SHARED_CSS)).toBe(true)
    expect(SHARED_CSS).toContain("--sop-focus")
  })

  it("gives an extension page the shared sheets, the page base once, then its own rules", () => {
    const css = pageCss(".sop-own { margin: 0; }")
    expect(css.startsWith(SHARED_CSS)).toBe(true)
    expect(css.endsWith(".sop-own { margin: 0; }")).toBe(true)
    expect(withoutComments(css).match(/^html,\s*body\s*\{/gm)).toHaveLength(1)
  })
})
