import { describe, expect, it } from "vitest"

import { SALESFORCE_ERROR_KINDS, SALESFORCE_ERROR_MESSAGES } from "~/src/domain/salesforce-errors"
import { ApiStatus } from "~/src/messages/protocol"
import { apiStatusText } from "~/src/ui/salesforce/Summary"

describe("the API status the panel shows", () => {
  it.each(SALESFORCE_ERROR_KINDS)("names a %s failure by its kind, with what to do", (kind) => {
    const parsed = ApiStatus.safeParse({ state: kind, message: SALESFORCE_ERROR_MESSAGES[kind] })
    expect(parsed.success).toBe(true)
    if (!parsed.success) return
    const text = apiStatusText(parsed.data, false)
    expect(text.tone).toBe("warn")
    expect(text.headline).toMatch(/showing cached and manual facts\.$/)
    expect(text.detail).toBe(SALESFORCE_ERROR_MESSAGES[kind])
  })

  it("knows no state beyond ok, cached and the client's error kinds", () => {
    expect(ApiStatus.safeParse({ state: "forbidden" }).success).toBe(true)
    expect(ApiStatus.safeParse({ state: "on_fire" }).success).toBe(false)
  })
})
