import { afterEach, describe, expect, it, vi } from "vitest"

import { ask, MessageError } from "~/src/messages/client"

const VIEW_ID = "8d0c3c1e-0f7e-4c5e-9a37-6f3f0e1d2a4b"
const request = {
  name: "step.set",
  accountId: "0015e00000AcmeQAAR",
  apiHost: "https://acme.my.salesforce.com",
  key: "AD2",
  done: true,
  viewId: VIEW_ID
} as const

/** `chrome.runtime.sendMessage` answering each call with the next of `answers` (an Error rejects). */
function stubSend(...answers: unknown[]) {
  const sendMessage = vi.fn(async () => {
    const next = answers.shift()
    if (next instanceof Error) throw next
    return next
  })
  ;(globalThis as { chrome?: unknown }).chrome = { runtime: { sendMessage } }
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
  ])("sends the request once more after %j, and takes the second answer (here a refusal)", async (lost) => {
    const view = { ok: false, error: { code: "invalid_input", message: "the database's answer" } }
    const send = stubSend(new Error(lost), view)
    await expect(ask(request)).rejects.toMatchObject({ code: "invalid_input", message: "the database's answer" })
    expect(send).toHaveBeenCalledTimes(2)
    expect(send.mock.calls[1]).toEqual(send.mock.calls[0])
  })

  it("a second loss says the background cannot be reached, and asks for a reload", async () => {
    const send = stubSend(new Error("Receiving end does not exist."), new Error("Extension context invalidated."))
    const error = await ask(request).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MessageError)
    expect(error).toMatchObject({ code: "disconnected" })
    expect((error as Error).message).toMatch(/Extension context invalidated.*Reload the page/)
    expect(send).toHaveBeenCalledTimes(2)
  })

  it("any other failure is not repeated", async () => {
    const send = stubSend(new Error("Message length exceeded maximum allowed length."))
    await expect(ask(request)).rejects.toMatchObject({ code: "disconnected" })
    expect(send).toHaveBeenCalledTimes(1)
  })
})
