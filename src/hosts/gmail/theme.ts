/**
 * Gmail's own theme, so the compose panels match it: a CSM on Gmail's dark theme with a light
 * system gets a dark panel, and the other way round. Gmail says it nowhere in its markup (its
 * themes swap stylesheets), so the reading is the colour Gmail gives a compose's text: light text
 * means a dark theme. `undefined` when it cannot tell — the panel then follows the system.
 */

export type HostTheme = "dark" | "light"

/** The theme a CSS text colour (`rgb(…)` / `rgba(…)`, as `getComputedStyle` gives) implies. */
export function themeOfTextColour(colour: string): HostTheme | undefined {
  const match =
    /^rgba?\(\s*(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)(?:[\s,/]+(\d*\.?\d+))?\s*\)$/.exec(
      colour.trim()
    )
  if (!match) return undefined
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => Number(part) / 255) as [number, number, number]
  if (match[4] !== undefined && Number(match[4]) === 0) return undefined // transparent text says nothing
  // Relative luminance (WCAG 2): light text sits on a dark theme.
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
  return luminance > 0.4 ? "dark" : "light"
}

/** The theme of the Gmail page a compose sits in, read from the compose's text colour. */
export function readComposeTheme(compose: Element): HostTheme | undefined {
  const view = compose.ownerDocument.defaultView
  return view ? themeOfTextColour(view.getComputedStyle(compose).color) : undefined
}
