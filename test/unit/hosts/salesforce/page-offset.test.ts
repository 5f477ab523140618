// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest"

import { PAGE_OFFSET_ID, reservePageSpace } from "~/src/hosts/salesforce/page-offset"

afterEach(() => document.getElementById(PAGE_OFFSET_ID)?.remove())

describe("reservePageSpace", () => {
  it("narrows the page's body by the panel's width, and gives the space back", () => {
    const release = reservePageSpace(document, 360)
    const style = document.getElementById(PAGE_OFFSET_ID)
    expect(style?.parentElement).toBe(document.head)
    expect(style?.textContent).toBe("html body { margin-right: 360px !important; }")
    release()
    expect(document.getElementById(PAGE_OFFSET_ID)).toBeNull()
  })

  it("keeps one reservation: a second one replaces the first", () => {
    reservePageSpace(document, 360)
    reservePageSpace(document, 48)
    expect(document.querySelectorAll(`#${PAGE_OFFSET_ID}`)).toHaveLength(1)
    expect(document.getElementById(PAGE_OFFSET_ID)?.textContent).toContain("48px")
  })
})
