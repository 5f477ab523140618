// @vitest-environment happy-dom
import { act, cleanup, render } from "@testing-library/react"
import { useRef, useState } from "react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { usePanelKeyboard } from "~/src/ui/panel-keyboard"

const shortcut = vi.hoisted(() => ({ listeners: new Set<() => void>() }))
vi.mock("~/src/messages/client", () => ({
  onPanelFocus: (listener: () => void, signal: AbortSignal) => {
    shortcut.listeners.add(listener)
    signal.addEventListener("abort", () => shortcut.listeners.delete(listener))
  }
}))
const pressShortcut = () => act(() => shortcut.listeners.forEach((listener) => listener()))

function Panel({ listening = true, onCollapse }: { listening?: boolean; onCollapse?: () => void }) {
  const root = useRef<HTMLElement>(null)
  const [open, setOpen] = useState(false)
  usePanelKeyboard(root, {
    listening,
    expanded: open,
    expand: () => setOpen(true),
    collapse: () => {
      setOpen(false)
      onCollapse?.()
    },
    focusTarget: (panel) => panel.querySelector<HTMLElement>("[data-first-gap]"),
    focusAfterCollapse: (panel) => panel.querySelector<HTMLElement>("[data-tab]")
  })
  return (
    <section ref={root} data-open={open}>
      <button type="button" data-tab>
        tab
      </button>
      <div hidden={!open}>
        <button type="button">account</button>
        <input aria-label="gap" data-first-gap />
        <form
          onKeyDown={(event) => {
            if (event.key === "Escape") event.preventDefault()
          }}
        >
          <input aria-label="own escape" data-own-escape />
        </form>
      </div>
    </section>
  )
}

/** The panel in a shadow root under a page with a field of its own, as on the hosts. */
function mountOnPage(ui: React.ReactElement) {
  const pageField = document.createElement("input")
  pageField.setAttribute("aria-label", "page field")
  const host = document.createElement("div")
  document.body.append(pageField, host)
  const shadow = host.attachShadow({ mode: "open" })
  const container = document.createElement("div")
  shadow.append(container)
  render(ui, { container })
  const panel = shadow.querySelector("section") as HTMLElement
  return { pageField, shadow, panel, find: (selector: string) => shadow.querySelector(selector) as HTMLElement }
}

const keydown = (target: HTMLElement, key: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true, cancelable: true }))
  })

beforeEach(() => shortcut.listeners.clear())
afterEach(() => {
  cleanup()
  document.body.replaceChildren()
})

describe("usePanelKeyboard", () => {
  it("the shortcut opens the panel and focuses what it names first", async () => {
    const { panel, shadow, find } = mountOnPage(<Panel />)
    await pressShortcut()
    expect(panel.dataset.open).toBe("true")
    expect(shadow.activeElement).toBe(find("[data-first-gap]"))
  })

  it("only the panel the shortcut is for listens", async () => {
    const { panel } = mountOnPage(<Panel listening={false} />)
    await pressShortcut()
    expect(panel.dataset.open).toBe("false")
  })

  it("Escape collapses the panel and gives the focus back to the page's field", async () => {
    const { pageField, panel, find } = mountOnPage(<Panel />)
    pageField.focus()
    await pressShortcut()
    const gap = find("[data-first-gap]")
    // happy-dom does not retarget relatedTarget across the shadow root: give it as Chromium does.
    await act(() => {
      gap.dispatchEvent(new FocusEvent("focusin", { bubbles: true, composed: true, relatedTarget: pageField }))
    })
    await keydown(gap, "Escape")
    expect(panel.dataset.open).toBe("false")
    expect(document.activeElement).toBe(pageField)
  })

  it("with nothing on the page to go back to, Escape leaves the focus on the panel's tab", async () => {
    const { panel, shadow, find } = mountOnPage(<Panel />)
    await pressShortcut()
    await keydown(find("[data-first-gap]"), "Escape")
    expect(panel.dataset.open).toBe("false")
    expect(shadow.activeElement).toBe(find("[data-tab]"))
  })

  it("a control that uses Escape itself keeps it; a collapsed panel ignores it", async () => {
    const collapsed = vi.fn()
    const { find } = mountOnPage(<Panel onCollapse={collapsed} />)
    await keydown(find("[data-tab]"), "Escape")
    await pressShortcut()
    await keydown(find("[data-own-escape]"), "Escape")
    expect(collapsed).not.toHaveBeenCalled()
  })

  it("keys typed in the panel never reach the page's own shortcuts", async () => {
    const pageKeys: string[] = []
    const listening = new AbortController()
    document.addEventListener("keydown", (event) => pageKeys.push(event.key), { signal: listening.signal })
    const { pageField, find } = mountOnPage(<Panel />)
    await pressShortcut()
    for (const key of ["c", "e", "#", "Escape"]) await keydown(find("[data-first-gap]"), key)
    await keydown(pageField, "j")
    expect(pageKeys).toEqual(["j"])
    listening.abort()
  })
})
