import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { ALL_REQUESTS, parseRequest } from "~/src/messages/registry"

describe("bad messages, fuzzed", () => {
  it("messages: anything that is not a declared request is refused", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = parseRequest(value)
        if (parsed.ok) expect(Object.keys(ALL_REQUESTS)).toContain(parsed.request.name)
        else expect(parsed.errors.length).toBeGreaterThan(0)
      }),
      { numRuns: 500 }
    )
  })
})
