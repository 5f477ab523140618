// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { STORAGE_KEYS } from "~/src/data/settings-store"
import type { AccountView, AnyRequest } from "~/src/messages/protocol"
import { SalesforcePanel } from "~/src/ui/salesforce"
import { createPanelStore } from "~/src/ui/salesforce/store"
import { PAGE_OFFSET_ID } from "~/src/hosts/salesforce/page-offset"

import {
  ACME_ID,
  ACME_URL,
  deferred,
  GLOBEX_ID,
  GLOBEX_URL,
  HOME_URL,
  makeView,
  scriptedInputStore,
  setPageUrl,
  stubChrome
} from "./harness"

const panel = () => screen.getByTestId("sop-panel")
const step = (key: string) => panel().querySelector<HTMLElement>(`[data-key="${key}"]`)

function mount() {
  return render(<SalesforcePanel store={scriptedInputStore()} />)
}

/** Answers account.view with `view` (both reads); other requests fail unless handled. */
function viewAnswers(view: AccountView, extra: (request: AnyRequest) => unknown = () => undefined) {
  return (request: AnyRequest) => {
    if (request.name === "account.view") return view
    const other = extra(request)
    if (other === undefined) throw new Error(`unexpected ${request.name}`)
    return other
  }
}

beforeEach(() => {
  document.head.innerHTML = "<title>Acme Health | Account | Salesforce</title>"
  document.body.innerHTML = ""
  setPageUrl(ACME_URL)
})

afterEach(() => {
  cleanup()
  document.getElementById(PAGE_OFFSET_ID)?.remove()
})

describe("Salesforce panel: an account's plan", () => {
  it("reads cached facts first, then Salesforce, and renders stage, steps and status", async () => {
    const chrome = stubChrome(viewAnswers(makeView()))
    mount()

    await waitFor(() => expect(panel().dataset.stage).toBe("adoption_30"))
    expect(panel().dataset.accountId).toBe(ACME_ID)
    await waitFor(() => expect(chrome.requests.filter((r) => r.name === "account.view")).toHaveLength(2))
    const [first, second] = chrome.requests
    expect(first).toMatchObject({
      name: "account.view",
      refresh: false,
      ref: { accountId: ACME_ID, apiHost: "https://acme.my.salesforce.com", org: "acme" }
    })
    expect(second).toMatchObject({ name: "account.view", refresh: true })

    expect(screen.getByRole("heading", { name: "Acme Health" })).toBeTruthy()
    // The record page shows the account id already: the panel does not repeat it (issue 16).
    expect(screen.queryByText(ACME_ID)).toBeNull()
    expect(screen.getByTestId("stage").textContent).toBe("Adoption · 30 days")
    expect(panel().querySelector('[data-situation="at_risk"]')?.textContent).toBe("At risk")
    await waitFor(() => expect(screen.getByTestId("api-status").dataset.state).toBe("ok"))
    expect(screen.getByTestId("api-status").getAttribute("role")).toBe("status")
    expect(screen.getByTestId("overdue-count").dataset.count).toBe("2")

    // Every step: hooks, one checkbox labelled by its title, due date as <time>.
    const view = makeView()
    for (const s of view.plan.steps) {
      const el = step(s.key)
      expect(el, s.key).not.toBeNull()
      expect(el?.dataset.rule).toBe(s.rule)
      expect(el?.dataset.status).toBe(s.status)
      expect(el?.dataset.due).toBe(s.due ?? "")
      const boxes = el?.querySelectorAll('input[type="checkbox"]')
      expect(boxes).toHaveLength(1)
      expect(screen.getByRole("checkbox", { name: s.title })).toBe(boxes?.[0])
      expect((boxes?.[0] as HTMLInputElement).checked).toBe(s.status === "done")
    }
    const overdue = step("AD2")!
    expect(overdue.dataset.status).toBe("overdue")
    expect(overdue.querySelector("time")?.getAttribute("datetime")).toBe("2026-11-13")
    expect(overdue.querySelector("time")?.textContent).toBe("Nov 13")
    expect(within(overdue).getByText(/Overdue · 7 days/)).toBeTruthy()
    expect(step("RK1")?.dataset.due).toBe("")
    expect(within(step("TL1")!).getByText("Team Lead")).toBeTruthy()
    expect(within(step("AD4")!).getByText("30-day Adoption Recap")).toBeTruthy()
    expect(within(step("AD4")!).getByText(view.plan.steps.find((s) => s.key === "AD4")!.why)).toBeTruthy()

    // Groups in order, with the training plan and the derived dates: the running situation's
    // steps first (at risk: RK1–RK3), then the stage's (issue 16, item 6).
    // A Team Lead step sits apart for a CSM, not theirs to check off (issue 16, defect 4).
    expect([...panel().querySelectorAll("[data-group]")].map((g) => (g as HTMLElement).dataset.group)).toEqual([
      "situation",
      "overdue",
      "due",
      "done",
      "team_lead"
    ])
    expect(step("TL1")?.closest("[data-group]")?.getAttribute("data-group")).toBe("team_lead")
    expect(step("RK1")?.closest("[data-group]")?.getAttribute("data-for-situation")).toBe("at_risk")
    expect(within(step("TL1")!).getByRole("checkbox")).toHaveProperty("disabled", true)
    expect(within(step("AD2")!).getByRole("checkbox")).toHaveProperty("disabled", false)
    expect(panel().querySelectorAll('[data-session][data-held="true"]')).toHaveLength(4)
    expect(screen.getByTestId("upsell-close-date").getAttribute("datetime")).toBe("2026-12-31")
    expect(screen.getByTestId("next-open-forum").getAttribute("datetime")).toBe("2026-12-03")
  })

  it("explains an expired session in plain words, with cached facts still shown", async () => {
    const cached = makeView({ api: { state: "cached" } })
    const expired = makeView({
      api: { state: "unauthorized", message: "Your Salesforce session has expired or was signed out." }
    })
    stubChrome((request) => (request.name === "account.view" && request.refresh ? expired : cached))
    mount()
    await waitFor(() => expect(screen.getByTestId("api-status").dataset.state).toBe("unauthorized"))
    expect(screen.getByTestId("api-status").textContent).toMatch(
      /Salesforce session expired.*showing cached and manual facts/
    )
    expect(panel().dataset.stage).toBe("adoption_30")
  })

  it("ignores a late answer for the account the page has left", async () => {
    const slow = deferred<AccountView>()
    const globex = makeView({
      facts: {
        id: GLOBEX_ID,
        name: "Globex Corporation",
        onboardingCallCompletedOn: undefined,
        trainingsCompletedOn: [],
        done: []
      }
    })
    stubChrome((request) => {
      if (request.name !== "account.view") throw new Error("unexpected")
      return request.ref.accountId === ACME_ID ? slow.promise : globex
    })
    mount()
    await act(async () => {
      setPageUrl(GLOBEX_URL)
      window.dispatchEvent(new PopStateEvent("popstate"))
      await new Promise((r) => setTimeout(r, 80))
    })
    await waitFor(() => expect(panel().dataset.accountId).toBe(GLOBEX_ID))
    await waitFor(() => expect(screen.getByRole("heading", { name: "Globex Corporation" })).toBeTruthy())
    await act(async () => slow.resolve(makeView()))
    expect(screen.queryByRole("heading", { name: "Acme Health" })).toBeNull()
    expect(panel().dataset.stage).toBe("onboarding")
  })

  it("re-reads the view when another tab changes this account", async () => {
    const chrome = stubChrome(viewAnswers(makeView()))
    mount()
    await waitFor(() => expect(chrome.requests).toHaveLength(2))
    await act(async () => chrome.push({ name: "account.changed", accountId: GLOBEX_ID }))
    expect(chrome.requests).toHaveLength(2)
    await act(async () => chrome.push({ name: "account.changed", accountId: ACME_ID }))
    await waitFor(() => expect(chrome.requests).toHaveLength(3))
    expect(chrome.requests[2]).toMatchObject({ name: "account.view", refresh: false })
  })

  it("stops listening on unmount", async () => {
    const chrome = stubChrome(viewAnswers(makeView()))
    const { unmount } = mount()
    // The account's pushes and the focus-panel shortcut.
    await waitFor(() => expect(chrome.listenerCount()).toBe(2))
    unmount()
    expect(chrome.listenerCount()).toBe(0)
  })
})

describe("Salesforce panel: only a person's input (issue 17)", () => {
  it("the shipped store ignores script-dispatched clicks and typing: nothing is sent, nothing changes", async () => {
    const chrome = stubChrome(viewAnswers(makeView()))
    render(<SalesforcePanel store={createPanelStore()} />)
    const box = (await screen.findByRole("checkbox", { name: /Schedule the 30-day meeting/ })) as HTMLInputElement
    await waitFor(() => expect(chrome.requests.filter((r) => r.name === "account.view")).toHaveLength(2))
    const sent = chrome.requests.length

    fireEvent.click(box)
    box.click()
    fireEvent.click(screen.getByRole("button", { name: "Collapse SOP Pilot panel" }))
    const date = screen.getByLabelText("Add a training held")
    fireEvent.change(date, { target: { value: "2026-11-18" } })
    fireEvent.click(within(date.closest("form")!).getByRole("button", { name: "Add" }))
    date.closest("form")!.requestSubmit()
    await act(async () => undefined)

    expect(chrome.requests).toHaveLength(sent)
    expect(box.checked).toBe(false)
    expect(step("AD2")?.dataset.status).not.toBe("done")
    expect(panel().dataset.collapsed).toBe("false")
  })
})

describe("Salesforce panel: checking steps", () => {
  it("checking a step sends step.set and shows it done at once", async () => {
    const before = makeView()
    const after = makeView({ facts: { done: ["AD1", "AD2"] } })
    const saved = deferred<AccountView>()
    const chrome = stubChrome(
      viewAnswers(before, (request) => (request.name === "step.set" ? saved.promise : undefined))
    )
    mount()
    const box = await screen.findByRole("checkbox", { name: /Schedule the 30-day meeting/ })
    fireEvent.click(box)

    expect(chrome.requests.at(-1)).toEqual({
      name: "step.set",
      accountId: ACME_ID,
      apiHost: "https://acme.my.salesforce.com",
      key: "AD2",
      done: true,
      viewId: expect.any(String)
    })
    expect(step("AD2")?.dataset.status).toBe("done")
    expect((screen.getByRole("checkbox", { name: /Schedule the 30-day meeting/ }) as HTMLInputElement).checked).toBe(
      true
    )
    await act(async () => saved.resolve(after))
    expect(step("AD2")?.dataset.status).toBe("done")
    expect(screen.getByTestId("overdue-count").dataset.count).toBe("1")
  })

  it("keeps a checked step in its group with an Undo, which unchecks it (issue 16)", async () => {
    const chrome = stubChrome(
      viewAnswers(makeView(), (request) =>
        request.name === "step.set"
          ? makeView({ facts: { done: (request as { done: boolean }).done ? ["AD1", "AD2"] : ["AD1"] } })
          : undefined
      )
    )
    mount()
    const box = await screen.findByRole("checkbox", { name: /Schedule the 30-day meeting/ })
    fireEvent.click(box)
    await waitFor(() => expect(step("AD2")?.dataset.status).toBe("done"))
    // Still in the Overdue group, not moved to Done.
    expect(step("AD2")?.closest("[data-group]")?.getAttribute("data-group")).toBe("overdue")
    const undo = within(step("AD2")!).getByRole("button", { name: /Undo/ })
    fireEvent.click(undo)
    expect(chrome.requests.at(-1)).toMatchObject({ name: "step.set", key: "AD2", done: false })
    await waitFor(() => expect(step("AD2")?.dataset.status).toBe("overdue"))
    expect(step("AD2")?.querySelector('[data-action="undo-step"]')).toBeNull()
  })

  it("rolls back with a visible error when the background refuses", async () => {
    stubChrome(
      viewAnswers(makeView(), (request) => {
        if (request.name === "step.set") throw new Error("This account is not known to SOP Pilot yet")
        return undefined
      })
    )
    mount()
    const box = await screen.findByRole("checkbox", { name: /Schedule the 30-day meeting/ })
    fireEvent.click(box)
    const alert = await screen.findByRole("alert")
    expect(alert.textContent).toContain("This account is not known to SOP Pilot yet")
    expect(step("AD2")?.dataset.status).toBe("overdue")
    expect((screen.getByRole("checkbox", { name: /Schedule the 30-day meeting/ }) as HTMLInputElement).checked).toBe(
      false
    )
    expect(step("AD2")?.contains(alert)).toBe(true)
  })

  it("uses the answer to a check-off: the push about it is skipped, nothing is asked again", async () => {
    const chrome = stubChrome(
      viewAnswers(makeView(), (request) =>
        request.name === "step.set" ? makeView({ facts: { done: ["AD1", "AD2"] } }) : undefined
      )
    )
    mount()
    await waitFor(() => expect(chrome.requests).toHaveLength(2))
    await act(async () => undefined) // both reads answered
    fireEvent.click(await screen.findByRole("checkbox", { name: /Schedule the 30-day meeting/ }))
    await waitFor(() => expect(screen.getByTestId("overdue-count").dataset.count).toBe("1"))
    const check = chrome.requests.at(-1) as Extract<AnyRequest, { name: "step.set" }>

    // The background pushes the change to every view; this one made it, and skips it.
    await act(async () => chrome.push({ name: "account.changed", accountId: ACME_ID, byViewId: check.viewId }))
    expect(chrome.requests.map((r) => r.name)).toEqual(["account.view", "account.view", "step.set"])
    expect(step("AD2")?.dataset.status).toBe("done")

    // The same push from another view's change is read once.
    await act(async () => chrome.push({ name: "account.changed", accountId: ACME_ID, byViewId: "another-view" }))
    await waitFor(() => expect(chrome.requests).toHaveLength(4))
    expect(chrome.requests[3]).toMatchObject({ name: "account.view", refresh: false })
  })

  it("a check-off during the Salesforce read reads the cache once more, after both answers", async () => {
    const before = makeView()
    const after = makeView({ facts: { done: ["AD1", "AD2"] } })
    let cached = before
    const read = deferred<AccountView>()
    const chrome = stubChrome((request) => {
      if (request.name === "account.view") return request.refresh ? read.promise : cached
      if (request.name === "step.set") return (cached = after)
      throw new Error(`unexpected ${request.name}`)
    })
    mount()
    await waitFor(() => expect(chrome.requests).toHaveLength(2))
    fireEvent.click(await screen.findByRole("checkbox", { name: /Schedule the 30-day meeting/ }))
    await waitFor(() => expect(chrome.requests).toHaveLength(3))
    // The Salesforce read was planned before the check-off was written: its answer may not have it.
    await act(async () => read.resolve(before))
    await waitFor(() => expect(chrome.requests).toHaveLength(4))
    expect(chrome.requests.map((r) => r.name)).toEqual(["account.view", "account.view", "step.set", "account.view"])
    expect(chrome.requests[3]).toMatchObject({ refresh: false })
    await waitFor(() => expect(step("AD2")?.dataset.status).toBe("done"))
    await act(async () => undefined)
    expect(chrome.requests).toHaveLength(4)
  })

  it("unchecking a done step sends done: false", async () => {
    const chrome = stubChrome(
      viewAnswers(makeView(), (request) =>
        request.name === "step.set" ? makeView({ facts: { done: [] } }) : undefined
      )
    )
    mount()
    const box = await screen.findByRole("checkbox", { name: /Collect usage data/ })
    expect((box as HTMLInputElement).checked).toBe(true)
    fireEvent.click(box)
    expect(chrome.requests.at(-1)).toEqual({
      name: "step.set",
      accountId: ACME_ID,
      apiHost: "https://acme.my.salesforce.com",
      key: "AD1",
      done: false,
      viewId: expect.any(String)
    })
    await waitFor(() => expect(step("AD1")?.dataset.status).toBe("overdue"))
  })
})

describe("Salesforce panel: hostile values", () => {
  it("renders markup in an account name as text", async () => {
    const hostile = "<img src=x onerror=alert(1)>"
    stubChrome(
      viewAnswers(
        makeView({
          facts: { name: hostile, website: "javascript:alert(1)" },
          sources: { name: "page", website: "salesforce" }
        })
      )
    )
    mount()
    expect((await screen.findByRole("heading", { name: hostile })).textContent).toBe(hostile)
    expect(document.querySelector("img")).toBeNull()
    expect(panel().querySelector("a")).toBeNull()
    expect(screen.getByText("javascript:alert(1)")).toBeTruthy()
  })
})

describe("Salesforce panel: no account on the page", () => {
  it("says so, keeps the root hooks, and lets the CSM pick a cached account", async () => {
    setPageUrl(HOME_URL)
    const summary = {
      accountId: GLOBEX_ID,
      name: "Globex Corporation",
      org: "acme",
      apiHost: "https://acme.my.salesforce.com",
      stage: "training",
      overdue: 2,
      nextStep: null,
      situations: [],
      lastSeenAt: 1
    }
    const globex = makeView({ facts: { id: GLOBEX_ID, name: "Globex Corporation" } })
    const chrome = stubChrome((request) => {
      if (request.name === "accounts.list")
        return request.query === "" || "globex".includes(request.query.toLowerCase()) ? [summary] : []
      if (request.name === "account.view") return globex
      throw new Error("unexpected")
    })
    mount()
    expect(await screen.findByTestId("not-detected")).toBeTruthy()
    // No account here: only the small tab, until the CSM opens it (issue 16, item 8).
    expect(panel().dataset.collapsed).toBe("true")
    expect(screen.queryByRole("searchbox")).toBeNull()
    fireEvent.click(screen.getByRole("button", { name: /SOP Pilot/ }))
    expect(panel().dataset.collapsed).toBe("false")
    expect(screen.getByText("Account not detected")).toBeTruthy()
    expect(panel().dataset.accountId).toBe("")
    expect(panel().dataset.stage).toBe("")

    fireEvent.change(screen.getByRole("searchbox", { name: "Find an account" }), { target: { value: "glob" } })
    await waitFor(() =>
      expect(chrome.requests.some((r) => r.name === "accounts.list" && r.query === "glob")).toBe(true)
    )
    const result = await screen.findByRole("button", { name: /Globex Corporation/ })
    fireEvent.click(result)

    await waitFor(() => expect(panel().dataset.accountId).toBe(GLOBEX_ID))
    await waitFor(() => expect(panel().dataset.stage).toBe("adoption_30"))
    const viewRequests = chrome.requests.filter((r) => r.name === "account.view")
    expect(viewRequests).toEqual([
      {
        name: "account.view",
        refresh: false,
        ref: {
          accountId: GLOBEX_ID,
          apiHost: "https://acme.my.salesforce.com",
          org: "acme",
          pageName: "Globex Corporation"
        }
      }
    ])
    expect(screen.queryByTestId("not-detected")).toBeNull()
  })

  it("shows not-detected on markup it does not know", async () => {
    setPageUrl("https://acme.lightning.force.com/lightning/o/Account/list")
    stubChrome((request) => (request.name === "accounts.list" ? [] : undefined))
    mount()
    expect(await screen.findByTestId("not-detected")).toBeTruthy()
    expect(await screen.findByText("0 accounts found")).toBeTruthy()
  })
})

describe("Salesforce panel: collapse", () => {
  it("reserves page space while expanded and remembers a collapse", async () => {
    const chrome = stubChrome(viewAnswers(makeView()))
    mount()
    const collapse = await screen.findByRole("button", { name: "Collapse SOP Pilot panel" })
    expect(collapse.getAttribute("aria-expanded")).toBe("true")
    expect(collapse.getAttribute("aria-controls")).toBe("sop-panel-body")
    expect(document.getElementById(PAGE_OFFSET_ID)?.textContent).toContain("margin-right: 360px")

    fireEvent.click(collapse)
    await waitFor(() => expect(chrome.storage.get(STORAGE_KEYS.panelCollapsed)).toBe(true))
    expect(document.getElementById(PAGE_OFFSET_ID)).toBeNull()
    expect(panel().dataset.collapsed).toBe("true")
    const tab = screen.getByRole("button", { name: /SOP Pilot/ })
    expect(tab.getAttribute("aria-expanded")).toBe("false")
    expect(document.getElementById("sop-panel-body")?.hidden).toBe(true)

    // A new page load starts collapsed.
    cleanup()
    mount()
    const reopened = await screen.findByRole("button", { name: /SOP Pilot/ })
    expect(reopened.getAttribute("aria-expanded")).toBe("false")
    expect(document.getElementById(PAGE_OFFSET_ID)).toBeNull()
    fireEvent.click(reopened)
    await waitFor(() => expect(chrome.storage.get(STORAGE_KEYS.panelCollapsed)).toBe(false))
    expect(document.getElementById(PAGE_OFFSET_ID)).not.toBeNull()
  })

  it("gives the page its space back on unmount", async () => {
    stubChrome(viewAnswers(makeView()))
    const { unmount } = mount()
    await waitFor(() => expect(document.getElementById(PAGE_OFFSET_ID)).not.toBeNull())
    unmount()
    expect(document.getElementById(PAGE_OFFSET_ID)).toBeNull()
  })
})
