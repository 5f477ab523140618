import { describe, expect, it, vi } from "vitest"

import { ALARMS, BADGE_COLOR, createReminders, digestOf, type ReminderApis } from "~/src/background/reminders"
import { DEFAULT_PROFILE, type Profile } from "~/src/domain/profile"
import type { AccountSummary } from "~/src/messages/protocol"

const summary = (name: string, overdue: number, dueToday = 0, next = "Send the recap"): AccountSummary => ({
  accountId: `001Hs00002${name.slice(0, 5).padEnd(5, "X")}AAA`,
  apiHost: "https://acme.my.salesforce.com",
  name,
  stage: "onboarding",
  overdue,
  dueToday,
  nextStep: { key: "ON2", title: next, due: "2026-11-25", status: "due" },
  situations: [],
  lastSeenAt: 0
})

function fakeApis() {
  const calls: Array<[string, unknown]> = []
  const alarms = new Map<string, unknown>()
  const apis: ReminderApis = {
    action: {
      setBadgeText: vi.fn(async (details) => void calls.push(["text", details.text])),
      setBadgeBackgroundColor: vi.fn(async (details) => void calls.push(["color", details.color])),
      setTitle: vi.fn(async (details) => void calls.push(["title", details.title]))
    } as unknown as ReminderApis["action"],
    alarms: {
      get: vi.fn(async (name: string) => alarms.get(name)),
      create: vi.fn(async (name: string, info: unknown) => void alarms.set(name, info)),
      clear: vi.fn(async (name: string) => alarms.delete(name))
    } as unknown as ReminderApis["alarms"],
    notifications: { create: vi.fn(async () => "id") } as unknown as ReminderApis["notifications"],
    iconUrl: () => "chrome-extension://x/icon128.png"
  }
  return { apis, calls, alarms }
}

describe("reminders", () => {
  it("the badge shows the total overdue count on red, empty at zero", async () => {
    const { apis, calls } = fakeApis()
    let book = [summary("Acme", 2), summary("Beta", 3), summary("Cedar", 0)]
    const reminders = createReminders({
      list: async () => book,
      profile: async () => DEFAULT_PROFILE,
      now: () => 0,
      apis
    })
    expect(await reminders.refreshBadge()).toBe(5)
    expect(calls).toContainEqual(["text", "5"])
    expect(calls).toContainEqual(["color", BADGE_COLOR])
    expect(calls).toContainEqual(["title", "SOP Pilot — 5 overdue steps"])
    book = [summary("Acme", 0)]
    expect(await reminders.refreshBadge()).toBe(0)
    expect(calls.at(-2)).toEqual(["text", ""])
  })

  it("refreshSoon coalesces a burst of changes into one pass", async () => {
    vi.useFakeTimers()
    const { apis } = fakeApis()
    const list = vi.fn(async () => [summary("Acme", 1)])
    const reminders = createReminders({
      list,
      profile: async () => DEFAULT_PROFILE,
      now: () => 0,
      apis,
      debounceMs: 100
    })
    for (const name of ["step.set", "fact.set", "account.view", "ping"]) reminders.afterRequest(name)
    await vi.advanceTimersByTimeAsync(150)
    expect(list).toHaveBeenCalledTimes(1)
    vi.useRealTimers()
  })

  it("schedules the hourly recompute, and the digest only when the profile asks for it", async () => {
    const { apis, alarms } = fakeApis()
    let profile: Profile = DEFAULT_PROFILE
    const now = Date.parse("2026-11-25T20:00:00Z")
    const reminders = createReminders({ list: async () => [], profile: async () => profile, now: () => now, apis })
    await reminders.scheduleAlarms()
    expect(alarms.get(ALARMS.recompute)).toEqual({ periodInMinutes: 60, delayInMinutes: 60 })
    expect(alarms.has(ALARMS.digest)).toBe(false)
    profile = { ...DEFAULT_PROFILE, dailyDigest: true, digestTime: "08:30", timeZone: "America/Chicago" }
    await reminders.scheduleAlarms()
    // 08:30 in Chicago (UTC−6 in November) the next morning.
    expect(alarms.get(ALARMS.digest)).toEqual({ when: Date.parse("2026-11-26T14:30:00Z") })
  })

  it("the digest lists what is due today and overdue, and is sent only when switched on", async () => {
    const { apis } = fakeApis()
    let profile: Profile = DEFAULT_PROFILE
    const book = [summary("Acme", 0, 1, "Send the welcome reminder"), summary("Beta", 2, 0), summary("Cedar", 0, 0)]
    const reminders = createReminders({ list: async () => book, profile: async () => profile, now: () => 0, apis })
    await reminders.sendDigest()
    expect(apis.notifications.create).not.toHaveBeenCalled()
    profile = { ...DEFAULT_PROFILE, dailyDigest: true }
    await reminders.onAlarm(ALARMS.digest)
    expect(apis.notifications.create).toHaveBeenCalledWith(
      "sop-pilot.digest",
      expect.objectContaining({
        type: "list",
        title: "SOP Pilot: 1 step due today, 2 overdue",
        items: [
          { title: "Beta", message: "2 overdue — Send the recap" },
          { title: "Acme", message: "1 due today — Send the welcome reminder" }
        ]
      })
    )
    expect(digestOf([summary("Cedar", 0, 0)])).toBeNull()
  })
})
