// @vitest-environment happy-dom
/**
 * Issue 14, item 4: a visit that leaves the page before the Salesforce read finishes still has
 * its facts read and recorded. A real first visit of the day waits seconds for the cached view
 * (the worker wakes, managed settings load); a CSM who moves on in that time used to get no
 * Salesforce read at all, because it was only asked for after the cached view answered.
 */
import { describe, expect, it } from "vitest"

import type { DetectedAccount } from "~/src/hosts/salesforce/detect"
import type { AccountView, AnyRequest } from "~/src/messages/protocol"
import { createPanelStore, type PanelDeps } from "~/src/ui/salesforce/store"

import { ACME_ID, ACME_URL, deferred, HOME_URL, makeView } from "./harness"

const ACME: DetectedAccount = {
  status: "detected",
  kind: "lightning",
  org: "acme",
  apiHost: "https://acme.my.salesforce.com",
  accountId: ACME_ID,
  name: "Acme Health"
}

describe("a short visit", () => {
  it("asks for the Salesforce read even when the page is left before the cached view answers", async () => {
    const requests: AnyRequest[] = []
    const cached = deferred<AccountView>()
    const read = deferred<AccountView>()
    const deps: PanelDeps = {
      ask: (async (request: AnyRequest) => {
        requests.push(request)
        if (request.name !== "account.view") throw new Error(`unexpected ${request.name}`)
        return request.refresh ? read.promise : cached.promise
      }) as PanelDeps["ask"],
      storageGet: async () => undefined,
      storageSet: async () => undefined,
      loadProfile: async () => ({ name: "", initials: "", signature: "", calendlyLink: "" })
    }
    const store = createPanelStore(deps)
    store.getState().setDetected(ACME, ACME_URL)
    // The CSM goes on to the home page at once.
    store.getState().setDetected({ status: "not_detected", reason: "Not an Account." }, HOME_URL)
    cached.resolve(makeView({ api: { state: "cached" } }))
    read.resolve(makeView())
    await Promise.resolve()

    expect(requests.map((r) => r.name === "account.view" && { refresh: r.refresh, id: r.ref.accountId })).toEqual([
      { refresh: false, id: ACME_ID },
      { refresh: true, id: ACME_ID }
    ])
    // The answers for the page left behind are not shown on the new one.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.getState().target.kind).toBe("not_detected")
    expect(store.getState().view).toBeNull()
  })
})
