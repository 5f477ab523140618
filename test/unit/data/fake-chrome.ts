/**
 * A fake `chrome.storage` (local + managed) for settings tests: JSON round-trips like Chrome's
 * (values are copied in and out), records every write, and can snapshot the local area as text
 * to prove a refused import left it byte-for-byte unchanged.
 */
import { vi } from "vitest"

const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))

export interface FakeChromeStorage {
  local: Record<string, unknown>
  managed: Record<string, unknown>
  writes: Array<Record<string, unknown>>
  /** The local area as JSON text. */
  snapshot(): string
  uninstall(): void
}

export function installFakeChromeStorage(
  initial: { local?: Record<string, unknown>; managed?: Record<string, unknown> } = {}
): FakeChromeStorage {
  const state: FakeChromeStorage = {
    local: copy(initial.local ?? {}),
    managed: copy(initial.managed ?? {}),
    writes: [],
    snapshot: () => JSON.stringify(state.local),
    uninstall: () => vi.unstubAllGlobals()
  }
  const pick = (data: Record<string, unknown>, keys: string | string[] | null | undefined) => {
    if (keys === null || keys === undefined) return copy(data)
    const wanted = typeof keys === "string" ? [keys] : keys
    return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, copy(data[k])]))
  }
  vi.stubGlobal("chrome", {
    storage: {
      local: {
        get: async (keys?: string | string[] | null) => pick(state.local, keys),
        set: async (items: Record<string, unknown>) => {
          state.writes.push(copy(items))
          Object.assign(state.local, copy(items))
        }
      },
      managed: { get: async (keys?: string | string[] | null) => pick(state.managed, keys) }
    }
  })
  return state
}
