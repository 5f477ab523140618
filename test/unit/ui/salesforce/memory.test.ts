// @vitest-environment happy-dom
/**
 * Issue 15, item 1: a cached account paints from memory. The panel shows the last view it had
 * of the account (this page's own memory across in-app navigations, else the service worker's
 * copy in chrome.storage.session, read under the page's own org only) at once, and the fresh
 * answer replaces it; a remembered view never overrides a fresher answer.
 */
import { afterEach, describe, expect, it, vi } from "vitest"

import type { DetectedAccount } from "~/src/hosts/salesforce/detect"
import type { AccountView, AnyRequest } from "~/src/messages/protocol"
import { sessionViewKey } from "~/src/messages/storage-keys"
import { sessionView } from "~/src/ui/salesforce/memory"
import { createPanelStore, type PanelDeps } from "~/src/ui/salesforce/store"

import { ACME_ID, ACME_URL, deferred, GLOBEX_ID, GLOBEX_URL, makeView } from "./harness"

const detected = (accountId: string, name: string): DetectedAccount => ({
  status: "detected",
  kind: "lightning",
  org: "acme",
  apiHost: "https://acme.my.salesforce.com",
  accountId,
  name
})

function depsWith(answers: (request: AnyRequest) => Promise<AccountView>, remembered?: AccountView): PanelDeps {
  return {
    ask: ((request: AnyRequest) => answers(request)) as PanelDeps["ask"],
    storageGet: async () => undefined,
    storageSet: async () => undefined,
    loadProfile: async () => ({ name: "", initials: "", signature: "", calendlyLink: "" }),
    rememberedView: async (org, accountId) =>
      remembered && remembered.org === org && remembered.accountId === accountId ? remembered : undefined
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => vi.unstubAllGlobals())

describe("paint from memory", () => {
  it("shows the service worker's remembered view before the background answers, then the fresh one", async () => {
    const remembered = makeView({ api: { state: "ok", fetchedAt: 1 } })
    const cached = deferred<AccountView>()
    const store = createPanelStore(depsWith(() => cached.promise, remembered))
    store.getState().setDetected(detected(ACME_ID, "Acme Health"), ACME_URL)
    await tick()
    expect(store.getState().view).toBe(remembered)
    expect(store.getState().remembered).toBe(true)
    // Remembered facts say they are cached, whatever their last read said.
    expect(store.getState().api).toEqual({ state: "cached", fetchedAt: 1 })

    const fresh = makeView({ api: { state: "cached" } })
    cached.resolve(fresh)
    await tick()
    expect(store.getState().view).toBe(fresh)
    expect(store.getState().remembered).toBe(false)
  })

  it("does not put a remembered view over a fresher answer", async () => {
    const fresh = makeView()
    const remembered = deferred<AccountView | undefined>()
    const deps = depsWith(async () => fresh)
    deps.rememberedView = () => remembered.promise
    const store = createPanelStore(deps)
    store.getState().setDetected(detected(ACME_ID, "Acme Health"), ACME_URL)
    await tick()
    remembered.resolve(makeView({ api: { state: "cached" } }))
    await tick()
    expect(store.getState().view).toBe(fresh)
  })

  it("paints an account shown before on this page in the same update that switches to it", async () => {
    const acme = makeView()
    const globex = { ...makeView(), accountId: GLOBEX_ID, name: "Globex" }
    const never = new Promise<AccountView>(() => undefined)
    let answer: (request: AnyRequest) => Promise<AccountView> = async (r) =>
      r.name === "account.view" && r.ref.accountId === GLOBEX_ID ? globex : acme
    const store = createPanelStore(depsWith((r) => answer(r)))
    store.getState().setDetected(detected(ACME_ID, "Acme Health"), ACME_URL)
    await tick()
    store.getState().setDetected(detected(GLOBEX_ID, "Globex"), GLOBEX_URL)
    await tick()
    expect(store.getState().view?.accountId).toBe(GLOBEX_ID)

    answer = () => never // the background is slow now: the panel does not wait for it
    store.getState().setDetected(detected(ACME_ID, "Acme Health"), ACME_URL)
    expect(store.getState().view).toBe(acme)
    expect(store.getState().remembered).toBe(true)
  })

  it("reads the session copy under the page's own org only, and validates it", async () => {
    const view = makeView()
    const area: Record<string, unknown> = {
      [sessionViewKey("acme", ACME_ID)]: view,
      [sessionViewKey("globex", ACME_ID)]: { ...view, org: "globex" },
      [sessionViewKey("acme", GLOBEX_ID)]: { ...view, accountId: GLOBEX_ID, plan: "not a plan" }
    }
    const get = vi.fn(async (key: string) => (key in area ? { [key]: area[key] } : {}))
    vi.stubGlobal("chrome", { storage: { session: { get } } })

    expect(await sessionView("acme", ACME_ID)).toEqual(view)
    expect(get).toHaveBeenCalledWith(sessionViewKey("acme", ACME_ID))
    // An entry whose content is another org's, or not a view, is no memory.
    area[sessionViewKey("acme", ACME_ID)] = { ...view, org: "globex" }
    expect(await sessionView("acme", ACME_ID)).toBeUndefined()
    expect(await sessionView("acme", GLOBEX_ID)).toBeUndefined()
    vi.stubGlobal("chrome", {})
    expect(await sessionView("acme", ACME_ID)).toBeUndefined()
  })
})
