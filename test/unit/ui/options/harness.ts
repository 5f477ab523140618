/**
 * The options page against the real background logic: `chrome.runtime.sendMessage` goes through
 * the real router to a real settings service over a fake `chrome.storage` (local + managed).
 */
import { vi } from "vitest"

import { route } from "~/src/background/router"
import { chromeSettingsStorage, createSettingsService } from "~/src/background/settings-service"
import type { AccountFacts } from "~/src/domain/facts"
import type { AnyRequest } from "~/src/messages/protocol"

import { installFakeChromeStorage, type FakeChromeStorage } from "../../data/fake-chrome"

export const OWN_ID = "sop-pilot-test"

export interface OptionsBackground {
  storage: FakeChromeStorage
  requests: AnyRequest[]
  /** Simulates a push from the background (`account.changed`). */
  push(message: unknown): void
}

/** The cached book the impact preview plans (`accounts.book()` of the account service). */
export interface BookStub {
  book(): Promise<{ today: string; facts: AccountFacts[] }>
}

export function installBackground(
  initial: Parameters<typeof installFakeChromeStorage>[0] = {},
  accounts?: BookStub
): OptionsBackground {
  const storage = installFakeChromeStorage(initial)
  const listeners = new Set<(message: unknown) => void>()
  const requests: AnyRequest[] = []
  const settings = createSettingsService({
    storage: chromeSettingsStorage(),
    now: () => Date.parse("2026-11-25T14:03:00Z"),
    notify: () => listeners.forEach((listener) => listener({ name: "account.changed", accountId: "*" })),
    warn: () => undefined
  })
  const chromeStub = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome
  chromeStub.runtime = {
    id: OWN_ID,
    sendMessage: async (message: AnyRequest) => {
      requests.push(message)
      return route(message, { id: OWN_ID }, OWN_ID, (accounts ?? {}) as never, { settings })
    },
    onMessage: {
      addListener: (listener: (message: unknown) => void) => listeners.add(listener),
      removeListener: (listener: (message: unknown) => void) => listeners.delete(listener)
    }
  }
  vi.stubGlobal("chrome", chromeStub)
  return { storage, requests, push: (message) => listeners.forEach((listener) => listener(message)) }
}
