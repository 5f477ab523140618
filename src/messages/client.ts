import { describeFieldErrors, fieldErrors } from "../domain/validation"
import { AccountChanged, Envelope, REQUESTS, type RequestName, type RequestOf, type ResponseOf } from "./protocol"

/** A request the background refused or could not answer, with a message for the CSM. */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly paths: string[] = []
  ) {
    super(message)
    this.name = "MessageError"
  }
}

/**
 * Sends a validated request to the background and validates its answer: a typed call from any
 * view (content script, popup, options).
 */
export async function ask<N extends RequestName>(request: RequestOf<N> & { name: N }): Promise<ResponseOf<N>> {
  const spec = REQUESTS[request.name]
  const outgoing = spec.request.safeParse(request)
  if (!outgoing.success) {
    const errors = fieldErrors(outgoing.error)
    throw new MessageError("invalid_request", describeFieldErrors(errors), errors.map((e) => e.path))
  }
  let raw: unknown
  try {
    raw = await chrome.runtime.sendMessage(outgoing.data)
  } catch (error) {
    // The extension was reloaded or updated under this page: its old content script is orphaned.
    throw new MessageError("disconnected", `SOP Pilot cannot reach its background: ${(error as Error).message}. Reload the page.`)
  }
  const envelope = Envelope.safeParse(raw)
  if (!envelope.success) throw new MessageError("bad_response", "SOP Pilot's background gave an unexpected answer.")
  if (!envelope.data.ok) throw new MessageError(envelope.data.error.code, envelope.data.error.message, envelope.data.error.paths)
  const answer = spec.response.safeParse(envelope.data.data)
  if (!answer.success) throw new MessageError("bad_response", `Unexpected answer to ${request.name}: ${describeFieldErrors(fieldErrors(answer.error))}`)
  return answer.data as ResponseOf<N>
}

/** Listens for pushes about one account (or all, without an id); returns nothing, stops on abort. */
export function onAccountChanged(listener: (accountId: string) => void, signal: AbortSignal): void {
  const handler = (message: unknown) => {
    const parsed = AccountChanged.safeParse(message)
    if (parsed.success) listener(parsed.data.accountId)
    return false
  }
  chrome.runtime.onMessage.addListener(handler)
  signal.addEventListener("abort", () => chrome.runtime.onMessage.removeListener(handler), { once: true })
}
