import { afterEach, describe, expect, it, vi } from "vitest"

import { ask, createAsk, LOST_ANSWER_RETRY_MS, MessageError } from "~/src/messages/client"
import { REQUESTS } from "~/src/messages/protocol"

const VIEW_ID = "8d0c3c1e-0f7e-4c5e-9a37-6f3f0e1d2a4b"
const request = {
  name: "step.set",
  accountId: "0015e00000AcmeQAAR",
  apiHost: "https://acme.my.salesforce.com",
  key: "AD2",
  done: true,
  viewId: VIEW_ID
} as const
/** The shared client with no waits between its sends. */
const quick = createAsk(REQUESTS, { retryDelaysMs: [0, 0, 0] })
const refusal = { ok: false, error: { code: "invalid_input", message: "the database's answer" } }

/** `chrome.runtime.sendMessage` answering each call with the next of `answers` (an Error rejects). */
function stubSend(answers: unknown[], runtimeId = "sop-pilot") {
  const sendMessage = vi.fn(async () => {
    const next = answers.shift()
    if (next instanceof Error) throw next
    return next
  })
  ;(globalThis as { chrome?: unknown }).chrome = { runtime: { id: runtimeId, sendMessage } }
  return sendMessage
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome
})

describe("ask: an answer lost to a service-worker restart", () => {
  it.each([
    "Could not establish connection. Receiving end does not exist.",
    "The message port closed before a response was received.",
    "A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received",
    "Extension context invalidated."
  ])("sends the request again after %j, and takes the next answer (here a refusal)", async (lost) => {
    const send = stubSend([new Error(lost), refusal])
    await expect(quick(request)).rejects.toMatchObject({ code: "invalid_input", message: "the database's answer" })
    expect(send).toHaveBeenCalledTimes(2)
    expect(send.mock.calls[1]).toEqual(send.mock.calls[0])
  })

  it("keeps sending while the restarting worker does not listen yet, within its waits", async () => {
    const notYet = () => new Error("Could not establish connection. Receiving end does not exist.")
    const send = stubSend([notYet(), notYet(), notYet(), refusal])
    await expect(quick(request)).rejects.toMatchObject({ code: "invalid_input" })
    expect(send).toHaveBeenCalledTimes(4)
  })

  it("after the last wait says the background cannot be reached, once, and asks for a reload", async () => {
    const lost = () => new Error("Could not establish connection. Receiving end does not exist.")
    const send = stubSend([lost(), lost(), lost(), lost(), lost()])
    const error = await quick(request).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MessageError)
    expect(error).toMatchObject({ code: "disconnected" })
    expect((error as Error).message).toBe(
      "SOP Pilot cannot reach its background: Could not establish connection. Receiving end does not exist. Reload the page."
    )
    expect(send).toHaveBeenCalledTimes(4)
  })

  it("an orphaned content script (the extension reloaded under the page) is told at once", async () => {
    const send = stubSend([new Error("Extension context invalidated.")], "")
    await expect(quick(request)).rejects.toMatchObject({ code: "disconnected" })
    expect(send).toHaveBeenCalledTimes(1)
  })

  it("any other failure is not repeated", async () => {
    const send = stubSend([new Error("Message length exceeded maximum allowed length.")])
    await expect(ask(request)).rejects.toMatchObject({ code: "disconnected" })
    expect(send).toHaveBeenCalledTimes(1)
  })

  it("the shipped client waits about five seconds in all before giving up", () => {
    const total = LOST_ANSWER_RETRY_MS.reduce((sum, ms) => sum + ms, 0)
    expect(total).toBeGreaterThanOrEqual(4000)
    expect(total).toBeLessThanOrEqual(6000)
  })
})
