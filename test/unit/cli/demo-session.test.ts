/** The demo signs in to its fake org with DEMO_SESSION: the extension must take it for a session id. */
import { describe, expect, it } from "vitest"

import { orgIdOfSession } from "~/src/background/salesforce"
import { DEMO_SESSION } from "~/cli/demo-browser"

describe("the demo's session", () => {
  it("is shaped like a Salesforce session id, so the panel reads the demo org instead of saying 'not signed in'", () => {
    expect(orgIdOfSession(DEMO_SESSION)).toBe("00Dxx0000001gER")
  })
})
