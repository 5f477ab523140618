import { describe, expect, it } from "vitest"

import { anyInput, personOnly } from "~/src/ui/input-guard"

const event = (type: string, isTrusted: boolean) => ({ type, isTrusted }) as Event
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

describe("personOnly: the shipped input policy", () => {
  it("refuses every script-dispatched event, accepts a person's", () => {
    const accepts = personOnly()
    for (const type of ["click", "input", "change", "keydown", "submit"])
      expect(accepts(event(type, false))).toBe(false)
    for (const type of ["click", "input", "change", "keydown"]) expect(accepts(event(type, true))).toBe(true)
  })

  it("lets a submit through only in the task of a person's click or key (a script's requestSubmit() is trusted too)", async () => {
    const accepts = personOnly()
    expect(accepts(event("submit", true))).toBe(false)
    expect(accepts(event("click", true))).toBe(true)
    expect(accepts(event("submit", true))).toBe(true)
    await nextTask()
    expect(accepts(event("submit", true))).toBe(false)
    expect(accepts(event("keydown", true))).toBe(true)
    expect(accepts(event("submit", true))).toBe(true)
    await nextTask()
    expect(accepts(event("click", false))).toBe(false)
    expect(accepts(event("submit", true))).toBe(false)
  })

  it("each panel root has its own: one panel's click does not let another's submit through", () => {
    const [a, b] = [personOnly(), personOnly()]
    a(event("click", true))
    expect(b(event("submit", true))).toBe(false)
  })
})

describe("anyInput: for unit tests", () => {
  it("accepts untrusted events", () => {
    expect(anyInput()(event("click", false))).toBe(true)
  })
})
