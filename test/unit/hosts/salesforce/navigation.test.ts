// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { watchNavigation } from "~/src/hosts/salesforce/navigation"

/** Lets MutationObserver callbacks run, then the debounce elapse. */
const settle = async (ms = 60) => {
  await Promise.resolve()
  await vi.advanceTimersByTimeAsync(ms)
}

beforeEach(() => {
  vi.useFakeTimers()
  document.head.innerHTML = "<title>Home | Salesforce</title>"
})

afterEach(() => {
  vi.useRealTimers()
  delete (window as { navigation?: unknown }).navigation
})

describe("watchNavigation", () => {
  it("fires at once on popstate, and once more when the burst is over", async () => {
    const onChange = vi.fn()
    const controller = new AbortController()
    watchNavigation(onChange, controller.signal)
    window.dispatchEvent(new PopStateEvent("popstate"))
    expect(onChange).toHaveBeenCalledTimes(1)
    window.dispatchEvent(new PopStateEvent("popstate"))
    window.dispatchEvent(new PopStateEvent("popstate"))
    await settle(20)
    expect(onChange).toHaveBeenCalledTimes(1)
    await settle(40)
    expect(onChange).toHaveBeenCalledTimes(2)
    // A lone signal is not repeated.
    window.dispatchEvent(new PopStateEvent("popstate"))
    await settle()
    expect(onChange).toHaveBeenCalledTimes(3)
    controller.abort()
  })

  it("fires when the title changes (a record loaded), and when the title element is replaced", async () => {
    const onChange = vi.fn()
    const controller = new AbortController()
    watchNavigation(onChange, controller.signal)
    document.title = "Acme Health | Account | Salesforce"
    await settle()
    expect(onChange).toHaveBeenCalledTimes(1)

    const fresh = document.createElement("title")
    fresh.textContent = "Globex Corporation | Account | Salesforce"
    document.head.querySelector("title")?.replaceWith(fresh)
    await settle()
    expect(onChange).toHaveBeenCalledTimes(2)

    fresh.textContent = "Initech | Account | Salesforce"
    await settle()
    expect(onChange).toHaveBeenCalledTimes(3)
    controller.abort()
  })

  it("ignores other changes in <head>", async () => {
    const onChange = vi.fn()
    const controller = new AbortController()
    watchNavigation(onChange, controller.signal)
    document.head.appendChild(document.createElement("style"))
    await settle()
    expect(onChange).not.toHaveBeenCalled()
    controller.abort()
  })

  it("listens to the Navigation API where present", async () => {
    const navigation = new EventTarget()
    ;(window as { navigation?: unknown }).navigation = navigation
    const onChange = vi.fn()
    const controller = new AbortController()
    watchNavigation(onChange, controller.signal)
    navigation.dispatchEvent(new Event("navigatesuccess"))
    await settle()
    expect(onChange).toHaveBeenCalledTimes(1)
    navigation.dispatchEvent(new Event("currententrychange"))
    await settle()
    expect(onChange).toHaveBeenCalledTimes(2)
    controller.abort()
    navigation.dispatchEvent(new Event("navigatesuccess"))
    await settle()
    expect(onChange).toHaveBeenCalledTimes(2)
  })

  it("stops after abort, including a call already scheduled", async () => {
    const onChange = vi.fn()
    const controller = new AbortController()
    watchNavigation(onChange, controller.signal)
    window.dispatchEvent(new PopStateEvent("popstate"))
    window.dispatchEvent(new PopStateEvent("popstate")) // schedules the end-of-burst call
    expect(onChange).toHaveBeenCalledTimes(1)
    controller.abort()
    await settle()
    window.dispatchEvent(new PopStateEvent("popstate"))
    document.title = "Somewhere else"
    await settle()
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it("does nothing with an already aborted signal", async () => {
    const onChange = vi.fn()
    watchNavigation(onChange, AbortSignal.abort())
    window.dispatchEvent(new PopStateEvent("popstate"))
    await settle()
    expect(onChange).not.toHaveBeenCalled()
  })
})
