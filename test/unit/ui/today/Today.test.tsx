// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { todayItemId, type TodayItem } from "~/src/domain/today"
import type { AnyRequest } from "~/src/messages/protocol"
import type { TodayList } from "~/src/messages/today-protocol"
import { createTodayStore, todayRows, type TodayDeps } from "~/src/ui/today/store"
import { Today, todaySentence, UNDO_MS } from "~/src/ui/today/Today"

const TODAY = "2026-11-25"
const item = (over: Partial<TodayItem>): TodayItem => ({
  apiHost: "https://acme.my.salesforce.com",
  accountId: "001Hs00002ABCDeIAP",
  name: "Acme Corp",
  key: "AD4",
  rule: "AD4",
  title: "Send the 30-day recap",
  due: "2026-11-22",
  status: "overdue",
  role: "csm",
  overdueDays: 3,
  situation: null,
  event: false,
  ...over
})
const RECAP = item({})
const CALL = item({
  key: "FO2",
  rule: "FO2",
  title: "Mark onboarding complete",
  situation: "failed_to_onboard",
  event: true,
  overdueDays: 1,
  due: "2026-11-24"
})

function fake(items: TodayItem[]) {
  const requests: AnyRequest[] = []
  let list: TodayList = { today: TODAY, role: "csm", items, total: items.length, snoozed: [], snoozedTotal: 0 }
  const answer = (): TodayList => ({ ...list, total: list.items.length, snoozedTotal: list.snoozed.length })
  const deps: TodayDeps = {
    ask: (async (request: AnyRequest) => {
      requests.push(request)
      if (request.name === "today.list") return answer()
      if (request.name === "step.set") {
        const id = `${request.apiHost} ${request.accountId} ${request.key}`
        list = {
          ...list,
          items: request.done
            ? list.items.filter((i) => todayItemId(i) !== id)
            : items.filter((i) => todayItemId(i) === id || list.items.includes(i))
        }
        return {}
      }
      if (request.name === "today.snooze") {
        const id = `${request.apiHost} ${request.accountId} ${request.key}`
        const target = items.find((i) => todayItemId(i) === id) as TodayItem
        list =
          request.until === null
            ? { ...list, items: [...list.items, target], snoozed: list.snoozed.filter((i) => todayItemId(i) !== id) }
            : {
                ...list,
                items: list.items.filter((i) => todayItemId(i) !== id),
                snoozed: [{ ...target, until: request.until }]
              }
        return answer()
      }
      throw new Error(`unexpected ${request.name}`)
    }) as TodayDeps["ask"],
    download: vi.fn(),
    openTab: vi.fn()
  }
  return { deps, requests }
}

beforeEach(() => {
  vi.stubGlobal("chrome", {
    runtime: {
      onMessage: { addListener: () => undefined, removeListener: () => undefined },
      getURL: (path: string) => `chrome-extension://id/${path}`
    }
  })
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe("todaySentence", () => {
  it("reads a row as one sentence", () => {
    expect(todaySentence({ ...RECAP, done: false }, TODAY)).toBe(
      "Acme Corp: Send the 30-day recap, overdue by 3 days, due 22 November"
    )
    expect(todaySentence({ ...CALL, done: false }, TODAY)).toBe(
      "Acme Corp: Mark onboarding complete, overdue by 1 day, due 24 November, failed to onboard"
    )
    expect(todaySentence({ ...RECAP, status: "due", overdueDays: 0, due: TODAY, done: false }, TODAY)).toBe(
      "Acme Corp: Send the 30-day recap, due today"
    )
    expect(todaySentence({ ...RECAP, role: "team_lead", done: false }, TODAY)).toMatch(/, a Team Lead step$/)
  })
})

describe("the Today list", () => {
  it("lists each step as a check box named by its sentence, most urgent first", async () => {
    const { deps } = fake([RECAP, CALL])
    render(<Today store={createTodayStore(deps)} />)
    const boxes = await screen.findAllByRole("checkbox")
    expect(boxes.map((b) => b.getAttribute("aria-label"))).toEqual([
      todaySentence({ ...CALL, done: false }, TODAY),
      todaySentence({ ...RECAP, done: false }, TODAY)
    ])
    expect(screen.getByTestId("today-count").dataset.count).toBe("2")
  })

  it("says when the popup shows only the most urgent rows of a longer list", async () => {
    const { deps, requests } = fake([RECAP, CALL])
    const ask = deps.ask
    deps.ask = (async (request: AnyRequest) => {
      const answer = (await ask(request as never)) as TodayList
      return request.name === "today.list" ? { ...answer, items: answer.items.slice(0, 1) } : answer
    }) as TodayDeps["ask"]
    render(<Today store={createTodayStore(deps, 1)} />)
    expect((await screen.findByTestId("today-more")).textContent).toBe(
      "The 1 most urgent of 2: “Full page” lists them all."
    )
    expect(screen.getByTestId("today-count").dataset.count).toBe("2")
    expect(requests[0]).toMatchObject({ name: "today.list", limit: 1 })
  })

  it("checks a step off in place, offers Undo, and drops the row once Undo's time is up", async () => {
    const { deps, requests } = fake([RECAP])
    const store = createTodayStore(deps)
    render(<Today store={store} />)
    const box = await screen.findByRole("checkbox")
    fireEvent.click(box)
    await waitFor(() => expect(document.querySelector("li[data-status]")?.getAttribute("data-status")).toBe("done"))
    expect(requests.find((r) => r.name === "step.set")).toMatchObject({ key: "AD4", done: true })
    fireEvent.click(screen.getByRole("button", { name: "Undo: uncheck “Send the 30-day recap” for Acme Corp" }))
    await waitFor(() => expect(document.querySelector("li[data-status]")?.getAttribute("data-status")).toBe("overdue"))
    expect(requests.filter((r) => r.name === "step.set").at(-1)).toMatchObject({ done: false })

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] })
    fireEvent.click(screen.getByRole("checkbox"))
    await act(async () => {
      await Promise.resolve()
      await Promise.resolve()
    })
    await vi.waitFor(() => expect(store.getState().pending).toEqual({}))
    act(() => vi.advanceTimersByTime(UNDO_MS + 10))
    expect(todayRows(store.getState().list, store.getState().kept)).toEqual([])
  })

  it("asks when an event step happened before checking it off", async () => {
    const { deps, requests } = fake([CALL])
    render(<Today store={createTodayStore(deps)} />)
    fireEvent.click(await screen.findByRole("checkbox"))
    const when = await screen.findByLabelText("When did it happen?")
    expect(requests.some((r) => r.name === "step.set")).toBe(false)
    fireEvent.change(when, { target: { value: "2026-11-23" } })
    fireEvent.click(screen.getByRole("button", { name: "Check off" }))
    await waitFor(() =>
      expect(requests.find((r) => r.name === "step.set")).toMatchObject({ key: "FO2", done: true, on: "2026-11-23" })
    )
  })

  it("snoozes a row until a later day, counts it, and shows it again", async () => {
    const { deps, requests } = fake([RECAP, CALL])
    render(<Today store={createTodayStore(deps)} />)
    fireEvent.click(await screen.findByRole("button", { name: "Snooze Acme Corp: Send the 30-day recap" }))
    const until = screen.getByLabelText("Snooze until") as HTMLInputElement
    expect(until.min).toBe("2026-11-26")
    fireEvent.change(until, { target: { value: "2026-12-01" } })
    fireEvent.submit(until.form as HTMLFormElement)
    await waitFor(() => expect(screen.getByTestId("today-snoozed").dataset.count).toBe("1"))
    expect(requests.find((r) => r.name === "today.snooze")).toMatchObject({ key: "AD4", until: "2026-12-01" })
    expect(screen.getAllByRole("checkbox")).toHaveLength(1)
    fireEvent.click(screen.getByRole("button", { name: "1 step snoozed" }))
    fireEvent.click(screen.getByRole("button", { name: "Show again now: Acme Corp: Send the 30-day recap" }))
    await waitFor(() => expect(screen.getAllByRole("checkbox")).toHaveLength(2))
    expect(requests.filter((r) => r.name === "today.snooze").at(-1)).toMatchObject({ until: null })
  })

  it("exports the open rows as CSV, and opens an account's checklist on the full page", async () => {
    const { deps } = fake([RECAP, CALL])
    render(<Today store={createTodayStore(deps)} full />)
    fireEvent.click(await screen.findByRole("button", { name: "Export CSV" }))
    expect(deps.download).toHaveBeenCalledWith(`sop-pilot-today-${TODAY}.csv`, expect.stringContaining("FO2"))
    fireEvent.click(screen.getAllByRole("button", { name: "Printable checklist of Acme Corp" })[0] as HTMLElement)
    expect(deps.openTab).toHaveBeenCalledWith(
      "chrome-extension://id/tabs/checklist.html?apiHost=https%3A%2F%2Facme.my.salesforce.com&accountId=001Hs00002ABCDeIAP"
    )
  })
})
