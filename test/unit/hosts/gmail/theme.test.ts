// @vitest-environment happy-dom
import { describe, expect, it } from "vitest"

import { readComposeTheme, themeOfTextColour } from "~/src/hosts/gmail/theme"

describe("themeOfTextColour", () => {
  it.each([
    // Gmail's default theme: compose text #222 / #1f1f1f
    ["rgb(34, 34, 34)", "light"],
    ["rgb(31, 31, 31)", "light"],
    // Gmail's dark theme: compose text #e3e3e3 / white
    ["rgb(227, 227, 227)", "dark"],
    ["rgb(255, 255, 255)", "dark"],
    ["rgba(232, 234, 237, 1)", "dark"],
    ["rgb(232 234 237 / 0.9)", "dark"],
    ["rgba(0, 0, 0, 0)", undefined],
    ["transparent", undefined],
    ["", undefined],
    ["color(srgb 1 1 1)", undefined]
  ] as const)("%s → %s", (colour, theme) => {
    expect(themeOfTextColour(colour)).toBe(theme)
  })
})

describe("readComposeTheme", () => {
  it("reads the compose's computed text colour", () => {
    const dialog = document.createElement("div")
    dialog.style.color = "rgb(227, 227, 227)"
    document.body.append(dialog)
    expect(readComposeTheme(dialog)).toBe("dark")
    dialog.style.color = "rgb(31, 31, 31)"
    expect(readComposeTheme(dialog)).toBe("light")
    dialog.remove()
  })
})
