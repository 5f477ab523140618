/**
 * Reminders: the toolbar badge shows how many steps are overdue across the book of business, and
 * an optional daily digest (profile `dailyDigest`, at `digestTime` in the profile's time zone)
 * lists what is due today.
 *
 * Recomputed every hour (an alarm), when the browser starts or the extension is installed or
 * updated, and shortly after anything that can move a count (a check-off, a fact, a visited
 * account, new settings): `refreshSoon` coalesces bursts into one pass over the book.
 */
import { nextDailyAt } from "../domain/dates"
import type { Profile } from "../domain/profile"
import type { AccountSummary } from "../messages/protocol"
import { plural } from "../domain/text"

export const ALARMS = { recompute: "sop-pilot.recompute", digest: "sop-pilot.digest" } as const
export const BADGE_COLOR = "#ba0517"
/** Requests after which the overdue count may differ (profile: its time zone moves "today"). */
const BADGE_AFFECTING: ReadonlySet<string> = new Set([
  "step.set",
  "fact.set",
  "account.view",
  "settings.save",
  "settings.import",
  "profile.save"
])
const DIGEST_NOTIFICATION = "sop-pilot.digest"
const MAX_DIGEST_ITEMS = 5

/** The chrome.* calls reminders make, so tests can pass fakes. */
export interface ReminderApis {
  action: Pick<typeof chrome.action, "setBadgeText" | "setBadgeBackgroundColor" | "setTitle"> & {
    setBadgeTextColor?: typeof chrome.action.setBadgeTextColor
  }
  alarms: Pick<typeof chrome.alarms, "create" | "get" | "clear">
  notifications: Pick<typeof chrome.notifications, "create">
  iconUrl: () => string
}

export interface RemindersDeps {
  /** The book of business, with overdue and due-today counts. */
  list: () => Promise<AccountSummary[]>
  profile: () => Promise<Profile>
  now: () => number
  apis: ReminderApis
  /** How long `refreshSoon` waits for more changes (ms). */
  debounceMs?: number
}

export interface Digest {
  title: string
  message: string
  items: Array<{ title: string; message: string }>
}

/** The daily digest's text, or null when nothing is due or overdue. */
export function digestOf(accounts: readonly AccountSummary[]): Digest | null {
  const busy = accounts.filter((a) => a.overdue > 0 || a.dueToday > 0)
  if (busy.length === 0) return null
  const due = busy.reduce((sum, a) => sum + a.dueToday, 0)
  const overdue = busy.reduce((sum, a) => sum + a.overdue, 0)
  const ordered = [...busy].sort(
    (a, b) => b.overdue - a.overdue || b.dueToday - a.dueToday || a.name.localeCompare(b.name)
  )
  const items = ordered.slice(0, MAX_DIGEST_ITEMS).map((a) => {
    const counts = [a.dueToday > 0 ? `${a.dueToday} due today` : "", a.overdue > 0 ? `${a.overdue} overdue` : ""]
      .filter(Boolean)
      .join(", ")
    return { title: a.name, message: a.nextStep ? `${counts} — ${a.nextStep.title}` : counts }
  })
  const more = busy.length - items.length
  return {
    title: `SOP Pilot: ${plural(due, "step")} due today${overdue > 0 ? `, ${overdue} overdue` : ""}`,
    message: `${plural(busy.length, "account")} need${busy.length === 1 ? "s" : ""} you today${more > 0 ? ` (${more} more in the popup)` : ""}.`,
    items
  }
}

export function createReminders(deps: RemindersDeps) {
  const { apis } = deps
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<number> | undefined
  let again = false

  async function paint(): Promise<number> {
    const accounts = await deps.list()
    const total = accounts.reduce((sum, a) => sum + a.overdue, 0)
    await apis.action.setBadgeBackgroundColor({ color: BADGE_COLOR })
    await apis.action.setBadgeTextColor?.({ color: "#ffffff" })
    await apis.action.setBadgeText({ text: total > 0 ? String(total) : "" })
    await apis.action.setTitle({ title: total > 0 ? `SOP Pilot — ${plural(total, "overdue step")}` : "SOP Pilot" })
    return total
  }

  /** Recomputes the badge now; concurrent calls share one pass (and one more runs if asked meanwhile). */
  function refreshBadge(): Promise<number> {
    if (running) {
      again = true
      return running
    }
    running = paint().finally(() => {
      running = undefined
      if (again) {
        again = false
        void refreshBadge()
      }
    })
    return running
  }

  /** Schedules the hourly recompute and, when the profile asks for it, the next daily digest. */
  async function scheduleAlarms(): Promise<void> {
    if (!(await apis.alarms.get(ALARMS.recompute)))
      await apis.alarms.create(ALARMS.recompute, { periodInMinutes: 60, delayInMinutes: 60 })
    const profile = await deps.profile()
    await apis.alarms.clear(ALARMS.digest)
    if (profile.dailyDigest) {
      await apis.alarms.create(ALARMS.digest, {
        when: nextDailyAt(deps.now(), profile.digestTime, profile.timeZone || undefined)
      })
    }
  }

  async function sendDigest(): Promise<void> {
    const profile = await deps.profile()
    if (!profile.dailyDigest) return
    const digest = digestOf(await deps.list())
    if (digest) {
      await apis.notifications.create(DIGEST_NOTIFICATION, {
        type: "list",
        iconUrl: apis.iconUrl(),
        title: digest.title,
        message: digest.message,
        items: digest.items,
        priority: 1
      })
    }
  }

  return {
    refreshBadge,
    /** Recomputes the badge after a short quiet period (bursts of check-offs make one pass). */
    refreshSoon(): void {
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        refreshBadge().catch((error: unknown) => console.warn("SOP Pilot: badge not updated:", error))
      }, deps.debounceMs ?? 300)
    },
    scheduleAlarms,
    sendDigest,
    /** Browser start or install/update: alarms in place, badge recomputed. */
    async start(): Promise<void> {
      await scheduleAlarms()
      await refreshBadge()
    },
    /** After a request the router answered: recount when it can move a count, reschedule on a new profile. */
    afterRequest(name: string): void {
      if (name === "profile.save")
        void scheduleAlarms().catch((error: unknown) => console.warn("SOP Pilot: alarms not scheduled:", error))
      if (BADGE_AFFECTING.has(name)) this.refreshSoon()
    },
    async onAlarm(name: string): Promise<void> {
      if (name === ALARMS.recompute) await refreshBadge()
      if (name === ALARMS.digest) {
        await refreshBadge()
        await sendDigest()
        await scheduleAlarms() // tomorrow's
      }
    }
  }
}
export type Reminders = ReturnType<typeof createReminders>

/** Registers the chrome events that drive reminders (call synchronously at service-worker start). */
export function wireReminders(reminders: Reminders): void {
  const log = (error: unknown) => console.warn("SOP Pilot: reminders:", error)
  chrome.alarms.onAlarm.addListener((alarm) => void reminders.onAlarm(alarm.name).catch(log))
  chrome.runtime.onStartup.addListener(() => void reminders.start().catch(log))
  chrome.runtime.onInstalled.addListener(() => void reminders.start().catch(log))
}

/** The real chrome.* calls. */
export const chromeReminderApis = (): ReminderApis => ({
  action: chrome.action,
  alarms: chrome.alarms,
  notifications: chrome.notifications,
  iconUrl: () => {
    const icons = chrome.runtime.getManifest().icons ?? {}
    const path = icons["128"] ?? Object.values(icons)[0] ?? ""
    return chrome.runtime.getURL(path)
  }
})
