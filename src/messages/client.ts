import * as core from "zod/v4/core"

import { describeFieldErrors, fieldErrors } from "../domain/field-errors"
import {
  AccountChanged,
  PanelFocus,
  BookProgress,
  Envelope,
  REQUESTS,
  type BookSync,
  type RequestName,
  type RequestOf,
  type ResponseOf
} from "./protocol"

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
 * Chrome's errors for a message whose answer was lost: the service worker stopped (idle, crashed,
 * restarted) between the request and its answer, or was not listening yet. The worker that
 * answers the next message is a fresh one.
 */
const LOST_ANSWER =
  /receiving end does not exist|could not establish connection|message port closed|message channel closed|extension context/i

/**
 * The waits before each new send of a request whose answer was lost: a restarting worker may not
 * listen yet ("Receiving end does not exist") for a few seconds on a loaded machine. About 5 s
 * in all, then the page is told.
 */
export const LOST_ANSWER_RETRY_MS: readonly number[] = [100, 200, 400, 800, 1500, 2000]

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** This content script's extension is still there (reloaded or removed, `chrome.runtime.id` goes). */
const extensionAlive = (): boolean => {
  try {
    return Boolean(chrome.runtime?.id)
  } catch {
    return false
  }
}

/**
 * Sends a request; while its answer is lost on the way (`LOST_ANSWER`), sends it again after each
 * of `retryDelaysMs`, each send waking the worker. Every request is safe to repeat: writes set a
 * value (a step done, a fact), they never add to one. An orphaned content script (the extension
 * reloaded or updated under the page) is told at once.
 */
async function sendRetrying(request: unknown, retryDelaysMs: readonly number[]): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await chrome.runtime.sendMessage(request)
    } catch (error) {
      const delay = retryDelaysMs[attempt]
      if (delay === undefined || !LOST_ANSWER.test(messageOf(error)) || !extensionAlive()) throw disconnected(error)
      await wait(delay)
    }
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The extension was reloaded or updated under this page: its old content script is orphaned. */
const disconnected = (error: unknown): MessageError =>
  new MessageError(
    "disconnected",
    `SOP Pilot cannot reach its background: ${messageOf(error).replace(/[.\s]+$/, "")}. Reload the page.`
  )

type Registry = Partial<Record<RequestName, { request: core.$ZodType; response: core.$ZodType }>>

/**
 * A typed `ask` over a set of messages: it validates the request, sends it to the background and
 * validates the answer. Views get it for the messages they may send (`ask` below: everything but
 * the options page's; `settings-client.ts`: all).
 */
export function createAsk<R extends Registry>(
  registry: R,
  { retryDelaysMs = LOST_ANSWER_RETRY_MS }: { retryDelaysMs?: readonly number[] } = {}
) {
  return async function ask<N extends RequestName & keyof R>(
    request: RequestOf<N> & { name: N }
  ): Promise<ResponseOf<N>> {
    const spec = registry[request.name]
    if (!spec) throw new MessageError("invalid_request", `${request.name} cannot be sent from here.`)
    const checked = core.safeParse(spec.request, request)
    if (!checked.success) {
      const errors = fieldErrors(checked.error)
      throw new MessageError(
        "invalid_request",
        describeFieldErrors(errors),
        errors.map((e) => e.path)
      )
    }
    const raw = await sendRetrying(checked.data, retryDelaysMs)
    const envelope = Envelope.safeParse(raw)
    if (!envelope.success) throw new MessageError("bad_response", "SOP Pilot's background gave an unexpected answer.")
    if (!envelope.data.ok)
      throw new MessageError(envelope.data.error.code, envelope.data.error.message, envelope.data.error.paths)
    const answer = core.safeParse(spec.response, envelope.data.data)
    if (!answer.success)
      throw new MessageError(
        "bad_response",
        `Unexpected answer to ${request.name}: ${describeFieldErrors(fieldErrors(answer.error))}`
      )
    return answer.data as ResponseOf<N>
  }
}

/** Messages any view may send (accounts, steps, facts, Gmail compose). */
export const ask = createAsk(REQUESTS)

/** A fresh id for a view (a panel, the popup), sent with the requests that change an account. */
export function newViewId(): string {
  return globalThis.crypto.randomUUID()
}

/**
 * Listens for pushes about one account (or all: `ALL_ACCOUNTS`), with the view that caused the
 * change when one did; returns nothing, stops on abort.
 */
export function onAccountChanged(
  listener: (accountId: string, byViewId: string | undefined) => void,
  signal: AbortSignal
): void {
  const handler = (message: unknown) => {
    const parsed = AccountChanged.safeParse(message)
    if (parsed.success) listener(parsed.data.accountId, parsed.data.byViewId)
    return false
  }
  chrome.runtime.onMessage.addListener(handler)
  signal.addEventListener("abort", () => chrome.runtime.onMessage.removeListener(handler), { once: true })
}

/** Listens for the background's `panel.focus` (the focus-panel shortcut); stops on abort. */
export function onPanelFocus(listener: () => void, signal: AbortSignal): void {
  const handler = (message: unknown) => {
    if (PanelFocus.safeParse(message).success) listener()
    return false
  }
  chrome.runtime.onMessage.addListener(handler)
  signal.addEventListener("abort", () => chrome.runtime.onMessage.removeListener(handler), { once: true })
}

/** Listens for the book sync's progress pushes; stops on abort. */
export function onBookProgress(listener: (sync: BookSync) => void, signal: AbortSignal): void {
  const handler = (message: unknown) => {
    const parsed = BookProgress.safeParse(message)
    if (parsed.success) listener(parsed.data.sync)
    return false
  }
  chrome.runtime.onMessage.addListener(handler)
  signal.addEventListener("abort", () => chrome.runtime.onMessage.removeListener(handler), { once: true })
}
