// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"

import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { AccountSummary, AccountView, AnyRequest } from "~/src/messages/protocol"
import { Popup } from "~/src/ui/popup"
import { LIST_HEIGHT, ROW_HEIGHT } from "~/src/ui/popup/BookOfBusiness"
import { createPopupStore, filterBook, sortBook, type PopupDeps } from "~/src/ui/popup/store"
import { visibleRange } from "~/src/ui/popup/VirtualList"

const STAGES = ["onboarding", "training", "adoption_30", "adoption_90", "smb_adoption", "retention"]
const ACME_ID = "001Hs00002ABCDeIAP"
const TODAY = "2026-11-25"

function book(count: number): AccountSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    accountId: `001Hs0000${String(i).padStart(6, "0")}AAA`,
    name: `Account ${String(i).padStart(4, "0")}`,
    org: "acme",
    apiHost: i % 2 === 0 ? "https://acme.my.salesforce.com" : "https://acme--uat.sandbox.my.salesforce.com",
    stage: STAGES[i % STAGES.length] as string,
    overdue: i % 7,
    dueToday: 0,
    nextStep:
      i % 5 === 0
        ? null
        : {
            key: "ON2",
            title: "Send the welcome reminder",
            due: `2026-11-${String(10 + (i % 15)).padStart(2, "0")}`,
            status: "overdue"
          },
    situations: i % 10 === 0 ? ["at_risk"] : [],
    lastSeenAt: i
  }))
}

function view(done: string[] = []): AccountView {
  const facts = AccountFacts.parse({
    id: ACME_ID,
    name: "Acme Dental Group",
    products: ["learning"],
    mrr: 1200,
    assignedOn: "2026-11-18",
    done
  })
  return {
    accountId: ACME_ID,
    name: facts.name,
    org: "acme",
    apiHost: "https://acme.my.salesforce.com",
    today: TODAY,
    plan: buildPlan(facts, DEFAULT_SETTINGS, TODAY),
    facts: facts as Record<string, unknown>,
    sources: {},
    manual: {},
    conflicts: [],
    api: { state: "cached" }
  }
}

interface Fake {
  deps: PopupDeps
  requests: AnyRequest[]
  opened: string[]
}

function fake(
  accounts: AccountSummary[],
  tabUrl?: string,
  permissions: PopupDeps["permissions"] = { contains: async () => false, request: async () => false }
): Fake {
  const requests: AnyRequest[] = []
  const opened: string[] = []
  let done: string[] = []
  const deps: PopupDeps = {
    ask: (async (request: AnyRequest) => {
      // The book sync's status, asked at every start, is tested on its own.
      if (request.name === "book.status") return { state: "never", done: 0, total: 0 }
      requests.push(request)
      if (request.name === "accounts.list") return accounts
      if (request.name === "account.view") return view(done)
      if (request.name === "step.set") {
        done = request.done ? [...done, request.key] : done.filter((k) => k !== request.key)
        return view(done)
      }
      throw new Error(`unexpected ${request.name}`)
    }) as PopupDeps["ask"],
    currentTabUrl: async () => tabUrl,
    openTab: (url) => void opened.push(url),
    close: vi.fn(),
    permissions
  }
  return { deps, requests, opened }
}

function mount(f: Fake) {
  vi.stubGlobal("chrome", {
    runtime: { onMessage: { addListener: () => undefined, removeListener: () => undefined }, openOptionsPage: vi.fn() }
  })
  const store = createPopupStore(f.deps)
  render(<Popup store={store} />)
  return store
}

const rows = () => Array.from(document.querySelectorAll<HTMLElement>("li[data-account-id]"))

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe("popup: book of business", () => {
  it("renders 1,000 accounts virtualised: only the visible rows (plus a few) are in the DOM", async () => {
    const f = fake(book(1000))
    mount(f)
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    const visible = Math.ceil(LIST_HEIGHT / ROW_HEIGHT)
    expect(rows().length).toBeLessThanOrEqual(visible + 4 + 1)
    expect(screen.getByTestId("virtual-list").dataset.count).toBe("1000")
    const list = screen.getByRole("list", { name: /Accounts/ })
    expect(list.style.height).toBe(`${1000 * ROW_HEIGHT}px`)
    // Overdue first: the first row has the most overdue steps.
    const first = rows()[0] as HTMLElement
    expect(first.dataset.overdue).toBe("6")
    expect(first.getAttribute("aria-posinset")).toBe("1")
    expect(first.getAttribute("aria-setsize")).toBe("1000")
    expect(screen.getByTestId("total-overdue").dataset.count).toBe(
      String(book(1000).reduce((s, a) => s + a.overdue, 0))
    )

    // Scrolling far down renders the rows there, and still only a window of them.
    const viewport = screen.getByTestId("virtual-list")
    viewport.scrollTop = 500 * ROW_HEIGHT
    fireEvent.scroll(viewport)
    await waitFor(() => expect(rows().some((row) => row.getAttribute("aria-posinset") === "501")).toBe(true))
    expect(rows().length).toBeLessThanOrEqual(visible + 8 + 2)
  })

  it("filters by stage, situation and text", async () => {
    const f = fake(book(60))
    mount(f)
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    fireEvent.change(document.querySelector('[data-filter="stage"]') as HTMLSelectElement, {
      target: { value: "training" }
    })
    await waitFor(() => expect(rows().every((row) => row.dataset.stage === "training")).toBe(true))
    expect(screen.getByText("10 of 60")).toBeTruthy()
    fireEvent.change(document.querySelector('[data-filter="situation"]') as HTMLSelectElement, {
      target: { value: "at_risk" }
    })
    fireEvent.change(document.querySelector('[data-filter="stage"]') as HTMLSelectElement, { target: { value: "" } })
    await waitFor(() => expect(rows()).toHaveLength(6))
    fireEvent.change(document.querySelector('[data-filter="query"]') as HTMLInputElement, {
      target: { value: "account 0050" }
    })
    await waitFor(() => expect(rows().map((row) => row.dataset.accountId)).toEqual([book(60)[50]?.accountId]))
    fireEvent.change(document.querySelector('[data-filter="query"]') as HTMLInputElement, { target: { value: "zzz" } })
    expect(await screen.findByText("No account matches these filters.")).toBeTruthy()
  })

  it("opens an account's Lightning record page (sandboxes too), from the stored API host", async () => {
    const accounts = book(3)
    const f = fake(accounts)
    mount(f)
    await waitFor(() => expect(rows().length).toBe(3))
    const row = rows().find((r) => r.dataset.accountId === accounts[1]?.accountId) as HTMLElement
    fireEvent.click(within(row).getByRole("button"))
    expect(f.opened).toEqual([
      `https://acme--uat.sandbox.lightning.force.com/lightning/r/Account/${accounts[1]?.accountId}/view`
    ])
    expect(f.deps.close).toHaveBeenCalled()
  })

  it("moves between rows with the arrow keys (one tab stop), scrolling as needed", async () => {
    mount(fake(book(200)))
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    const buttons = () => Array.from(document.querySelectorAll<HTMLButtonElement>("li[data-account-id] button"))
    expect(buttons().filter((b) => b.tabIndex === 0)).toHaveLength(1)
    const first = buttons()[0] as HTMLButtonElement
    first.focus()
    fireEvent.keyDown(first, { key: "End" })
    await waitFor(() => expect(document.activeElement?.closest("li")?.getAttribute("aria-posinset")).toBe("200"))
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowUp" })
    await waitFor(() => expect(document.activeElement?.closest("li")?.getAttribute("aria-posinset")).toBe("199"))
  })

  it("sortBook and filterBook are pure helpers", () => {
    const accounts = book(20)
    expect(sortBook(accounts).map((a) => a.overdue)).toEqual([...accounts.map((a) => a.overdue)].sort((a, b) => b - a))
    expect(
      filterBook(accounts, { query: "", stage: "", situation: "none" }).every((a) => a.situations.length === 0)
    ).toBe(true)
    expect(visibleRange(0, 312, 52, 1000, 4)).toEqual([0, 9])
    expect(visibleRange(52 * 100, 312, 52, 1000, 4)).toEqual([96, 109])
  })
})

describe("popup: the account in the current tab", () => {
  it("shows stage, overdue count and next steps, and checks a step off", async () => {
    const f = fake(book(2), `https://acme.lightning.force.com/lightning/r/Account/${ACME_ID}/view`)
    mount(f)
    const card = await screen.findByTestId("current-account")
    await waitFor(() => expect(card.dataset.accountId).toBe(ACME_ID))
    expect(f.requests.find((r) => r.name === "account.view")).toEqual({
      name: "account.view",
      ref: { accountId: ACME_ID, apiHost: "https://acme.my.salesforce.com", org: "acme" },
      refresh: false
    })
    expect(within(card).getByTestId("current-stage").textContent).toBe("Onboarding")
    const overdue = view().plan.steps.filter((s) => s.role === "csm" && s.status === "overdue").length
    expect(within(card).getByTestId("current-overdue").textContent).toBe(String(overdue))
    const on1 = card.querySelector<HTMLInputElement>('li[data-key="ON1"] input') as HTMLInputElement
    expect(on1.checked).toBe(false)
    await act(async () => {
      fireEvent.click(on1)
    })
    await waitFor(() =>
      expect(f.requests).toContainEqual({
        name: "step.set",
        accountId: ACME_ID,
        apiHost: "https://acme.my.salesforce.com",
        key: "ON1",
        done: true,
        viewId: expect.any(String)
      })
    )
    // It stays listed, done, so a slip can be undone.
    await waitFor(() => expect(card.querySelector('li[data-key="ON1"]')?.getAttribute("data-status")).toBe("done"))
    expect(on1.checked).toBe(true)
    await act(async () => {
      fireEvent.click(on1)
    })
    await waitFor(() =>
      expect(f.requests).toContainEqual({
        name: "step.set",
        accountId: ACME_ID,
        apiHost: "https://acme.my.salesforce.com",
        key: "ON1",
        done: false,
        viewId: expect.any(String)
      })
    )
    await waitFor(() => expect(card.querySelector('li[data-key="ON1"]')?.getAttribute("data-status")).not.toBe("done"))
  })

  it("after a check-off it uses the answer for the account and the push for the book: nothing twice", async () => {
    const f = fake(book(2), `https://acme.lightning.force.com/lightning/r/Account/${ACME_ID}/view`)
    const store = mount(f)
    const card = await screen.findByTestId("current-account")
    const on1 = await waitFor(
      () => card.querySelector<HTMLInputElement>('li[data-key="ON1"] input') as HTMLInputElement
    )
    await act(async () => {
      fireEvent.click(on1)
    })
    await waitFor(() => expect(card.querySelector('li[data-key="ON1"]')?.getAttribute("data-status")).toBe("done"))
    const check = f.requests.at(-1) as Extract<AnyRequest, { name: "step.set" }>
    expect(f.requests.map((r) => r.name).sort()).toEqual(["account.view", "accounts.list", "step.set"])

    // The background's push about this check-off names this popup: the book follows, the account is not asked again.
    await act(async () => store.getState().changed(ACME_ID, check.viewId))
    expect(f.requests.map((r) => r.name).slice(3)).toEqual(["accounts.list"])
    // A change made elsewhere re-reads both.
    await act(async () => store.getState().changed(ACME_ID, "another-view"))
    expect(
      f.requests
        .map((r) => r.name)
        .slice(4)
        .sort()
    ).toEqual(["account.view", "accounts.list"])
  })

  it("shows nothing for a tab that is not a Salesforce Account", async () => {
    const f = fake(book(2), "https://example.com/")
    mount(f)
    await waitFor(() => expect(rows().length).toBe(2))
    expect(screen.queryByTestId("current-account")).toBeNull()
    expect(f.requests.some((r) => r.name === "account.view")).toBe(false)
  })
})

describe("popup: refresh from Salesforce", () => {
  it("reads the book on a click, shows the progress pushed meanwhile, and the cached copy's age when it fails", async () => {
    const f = fake(book(3))
    const inner = f.deps.ask
    let finish: (sync: unknown) => void = () => undefined
    f.deps.ask = (async (request: AnyRequest) => {
      if (request.name === "book.status")
        return { state: "ok", done: 3, total: 3, syncedAt: Date.UTC(2026, 10, 24, 15) }
      if (request.name === "book.sync") {
        f.requests.push(request)
        return new Promise((resolve) => (finish = resolve as (sync: unknown) => void))
      }
      return inner(request as never)
    }) as PopupDeps["ask"]
    const store = mount(f)
    const bar = await screen.findByTestId("book-sync")
    await waitFor(() => expect(bar.textContent).toContain("3 accounts from Salesforce"))
    await act(async () => {
      fireEvent.click(within(bar).getByRole("button", { name: "Refresh from Salesforce" }))
    })
    expect(f.requests).toContainEqual({ name: "book.sync" })
    act(() => store.getState().syncProgress({ state: "syncing", done: 312, total: 1000 }))
    expect(within(bar).getByRole("status").textContent).toBe("312 of 1,000 accounts")
    expect(within(bar).getByRole("button").hasAttribute("disabled")).toBe(true)
    await act(async () => {
      finish({
        state: "failed",
        done: 0,
        total: 0,
        syncedAt: Date.UTC(2026, 10, 24, 15),
        message: "Could not reach Salesforce. Check your internet connection, then try again."
      })
    })
    expect(bar.getAttribute("data-state")).toBe("failed")
    expect(within(bar).getByRole("status").textContent).toMatch(
      /^Could not reach Salesforce\..* Showing your accounts as of Nov 24, 2026/
    )
  })
})

describe("popup: a Salesforce domain beyond the manifest's (issue 14, item 2)", () => {
  const PROXIED = `https://acme.lightning.force.com.mcas.ms/lightning/r/Account/${ACME_ID}/view`
  const ORIGINS = ["https://*.lightning.force.com.mcas.ms/*", "https://*.my.salesforce.com.mcas.ms/*"]

  it("offers to use SOP Pilot there, asks Chrome for that domain only, and says when it is on", async () => {
    let answer: (granted: boolean) => void = () => undefined
    const asked: string[][] = []
    const f = fake([], PROXIED, {
      contains: async () => false,
      request: (origins) => {
        asked.push(origins)
        return new Promise<boolean>((resolve) => (answer = resolve))
      }
    })
    mount(f)
    const offer = await screen.findByTestId("domain-offer")
    expect(offer.dataset.host).toBe("acme.lightning.force.com.mcas.ms")
    // Nothing is read from an org the extension may not call yet.
    expect(f.requests.some((r) => r.name === "account.view")).toBe(false)
    fireEvent.click(within(offer).getByRole("button", { name: "Use SOP Pilot on this Salesforce domain" }))
    expect(asked).toEqual([ORIGINS])
    await waitFor(() => expect(offer.dataset.state).toBe("asking"))
    expect(within(offer).getByRole("button", { name: /Use SOP Pilot/ })).toHaveProperty("disabled", true)
    await act(async () => answer(true))
    await waitFor(() => expect(offer.dataset.state).toBe("granted"))
    expect(within(offer).getByRole("status").textContent).toContain("now runs on acme.lightning.force.com.mcas.ms")
  })

  it("says so when the CSM declines, and shows the account as usual once the domain is granted", async () => {
    const declined = fake([], PROXIED)
    mount(declined)
    const offer = await screen.findByTestId("domain-offer")
    fireEvent.click(within(offer).getByRole("button", { name: /Use SOP Pilot/ }))
    await waitFor(() => expect(offer.dataset.state).toBe("declined"))
    expect(within(offer).getByRole("status").textContent).toMatch(/stays off/)
    cleanup()

    const granted = fake([], PROXIED, { contains: async () => true, request: async () => true })
    mount(granted)
    await screen.findByTestId("current-account")
    expect(screen.queryByTestId("domain-offer")).toBeNull()
    expect(granted.requests.find((r) => r.name === "account.view")).toMatchObject({
      ref: { accountId: ACME_ID, apiHost: "https://acme.my.salesforce.com.mcas.ms", org: "acme" }
    })
  })

  it("never offers on the manifest's own hosts or on pages that are not Salesforce", async () => {
    const contains = vi.fn(async () => false)
    for (const url of [
      `https://acme.lightning.force.com/lightning/r/Account/${ACME_ID}/view`,
      "https://example.com/"
    ]) {
      mount(fake([], url, { contains, request: async () => true }))
      await waitFor(() => expect(screen.getByTestId("popup")).toBeTruthy())
      expect(screen.queryByTestId("domain-offer")).toBeNull()
      cleanup()
    }
    expect(contains).not.toHaveBeenCalled()
  })
})
