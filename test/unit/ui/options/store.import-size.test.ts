/** Issue 17 item 11: a 50 MB import was read whole before being refused; its size is checked first. */
import { describe, expect, it } from "vitest"

import { createOptionsStore } from "~/src/ui/options/store"

describe("importing a settings file", () => {
  it("a file over 1 MB is refused by its size, unread, with a clear message", async () => {
    const asked: unknown[] = []
    const store = createOptionsStore({
      ask: (async (request: unknown) => void asked.push(request)) as never,
      download: () => undefined,
      saveDelayMs: 0
    })
    let read = false
    await store.getState().importFile({
      name: "huge.json",
      size: 50_000_000,
      text: async () => {
        read = true
        return "{}"
      }
    })
    expect(read).toBe(false)
    expect(asked).toEqual([])
    expect(store.getState().importing.errors).toEqual([
      {
        path: "(file)",
        message: "huge.json is 50.0 MB; a settings file is at most 1 MB. Choose the file SOP Pilot exported."
      }
    ])
  })

  it("a small file is read and previewed", async () => {
    const asked: { name: string }[] = []
    const store = createOptionsStore({
      ask: (async (request: { name: string }) => {
        asked.push(request)
        return { applied: false, fromVersion: 1, diff: [], lockedKept: [] }
      }) as never,
      download: () => undefined,
      saveDelayMs: 0
    })
    await store.getState().importFile({ name: "team.json", size: 20, text: async () => '{"format":"x"}' })
    expect(asked.map((r) => r.name)).toEqual(["settings.import"])
    expect(store.getState().importing.source).toBe("team.json")
  })
})
