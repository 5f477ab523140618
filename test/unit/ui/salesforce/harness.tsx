/**
 * Test helpers for the Salesforce panel: a realistic AccountView from the real engine, and a
 * minimal `chrome` stub (runtime messages, pushes, storage.local) the panel talks to.
 */
import { vi } from "vitest"

import { anyInput } from "~/src/ui/input-guard"
import { createPanelStore, defaultDeps, type PanelStore } from "~/src/ui/salesforce/store"

import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import type { AccountView, AnyRequest, ApiStatus } from "~/src/messages/protocol"

export const ACME_ID = "0015e00000AcmeQAAR"
export const GLOBEX_ID = "0015e00000GlbxZAAR"
export const ACME_URL = `https://acme.lightning.force.com/lightning/r/Account/${ACME_ID}/view`
export const GLOBEX_URL = `https://acme.lightning.force.com/lightning/r/Account/${GLOBEX_ID}/view`
export const HOME_URL = "https://acme.lightning.force.com/lightning/page/home"
export const TODAY = "2026-11-20"

/** Adoption (30 days), at risk; steps in every group: overdue, due today, upcoming, no date, done. */
export const ACME_FACTS: AccountFactsInput = {
  id: ACME_ID,
  name: "Acme Health",
  products: ["learning", "compliance"],
  mrr: 1200,
  users: 80,
  serviceLevel: "standard",
  assignedOn: "2026-08-03",
  onboardingCallScheduledFor: "2026-08-05",
  onboardingCallCompletedOn: "2026-08-05",
  lmsSetupCompletedOn: "2026-08-07",
  trainingsCompletedOn: ["2026-08-12", "2026-08-19", "2026-08-26", "2026-10-21"],
  riskSignals: ["negative_feedback"],
  done: ["AD1"]
}

export interface ViewOptions {
  facts?: Partial<AccountFactsInput>
  today?: string
  api?: ApiStatus
  sources?: AccountView["sources"]
  manual?: AccountView["manual"]
  conflicts?: AccountView["conflicts"]
}

/** An AccountView as the background builds it: the real engine over parsed facts. */
export function makeView(options: ViewOptions = {}): AccountView {
  const facts = AccountFacts.parse({ ...ACME_FACTS, ...options.facts })
  const today = options.today ?? TODAY
  return {
    accountId: facts.id,
    name: facts.name,
    org: "acme",
    apiHost: "https://acme.my.salesforce.com",
    today,
    plan: buildPlan(facts, DEFAULT_SETTINGS, today),
    facts: facts as Record<string, unknown>,
    sources: options.sources ?? {
      name: "salesforce",
      products: "salesforce",
      mrr: "salesforce",
      users: "salesforce",
      serviceLevel: "salesforce",
      assignedOn: "salesforce",
      onboardingCallScheduledFor: "salesforce",
      onboardingCallCompletedOn: "salesforce",
      lmsSetupCompletedOn: "salesforce",
      trainingsCompletedOn: "manual",
      riskSignals: "manual"
    },
    manual: options.manual ?? { trainingsCompletedOn: facts.trainingsCompletedOn, riskSignals: facts.riskSignals },
    conflicts: options.conflicts ?? [],
    api: options.api ?? { state: "ok", fetchedAt: Date.UTC(2026, 10, 20, 15, 0) }
  }
}

type Handler = (request: AnyRequest) => unknown

export interface ChromeStub {
  /** Every request the panel sent, in order. */
  requests: AnyRequest[]
  sendMessage: ReturnType<typeof vi.fn>
  storage: Map<string, unknown>
  /** Replaces how requests are answered (return the data, or throw for an error envelope). */
  answer(handler: Handler): void
  /** Simulates the background's `account.changed` push. */
  push(message: unknown): void
  listenerCount(): number
}

/** A fresh `globalThis.chrome` with envelopes `{ ok: true, data }` / `{ ok: false, error }`. */
export function stubChrome(handler: Handler): ChromeStub {
  let current = handler
  const listeners = new Set<(message: unknown) => unknown>()
  const storage = new Map<string, unknown>()
  const requests: AnyRequest[] = []
  const sendMessage = vi.fn(async (request: AnyRequest) => {
    // The background answers the profile from storage; plumbing, not one of the panel's requests.
    if (request.name === "profile.identity") {
      const profile = (storage.get("profile") ?? {}) as { name?: string; initials?: string }
      return {
        ok: true,
        data: { name: profile.name ?? "", initials: profile.initials ?? "", signature: "", calendlyLink: "" }
      }
    }
    requests.push(request)
    try {
      return { ok: true, data: await current(request) }
    } catch (error) {
      return { ok: false, error: { code: "invalid_input", message: (error as Error).message } }
    }
  })
  ;(globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      sendMessage,
      onMessage: {
        addListener: (listener: (message: unknown) => unknown) => listeners.add(listener),
        removeListener: (listener: (message: unknown) => unknown) => listeners.delete(listener)
      }
    },
    storage: {
      local: {
        get: async (key: string) => (storage.has(key) ? { [key]: storage.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(items)) storage.set(key, value)
        }
      }
    }
  }
  return {
    requests,
    sendMessage,
    storage,
    answer: (next) => {
      current = next
    },
    push: (message) => {
      for (const listener of [...listeners]) listener(message)
    },
    listenerCount: () => listeners.size
  }
}

/** Points happy-dom's window at a URL (content scripts read `location.href`). */
export function setPageUrl(url: string): void {
  ;(window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url)
}

/** A promise that resolves when `resolve()` is called: for answers held back on purpose. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/**
 * A panel store that lets testing-library's events through: they are script-dispatched
 * (untrusted), which the shipped store refuses (`input-guard.ts`).
 */
export const scriptedInputStore = (): PanelStore => createPanelStore({ ...defaultDeps(), inputPolicy: anyInput })
