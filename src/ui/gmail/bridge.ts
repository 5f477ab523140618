/**
 * The Gmail panel's line to the background. Gmail's bundle must stay small (≤ 300 KB), and zod
 * alone would take a third of it, so this side checks answers by hand instead of with the
 * protocol's schemas: the envelope, and the shape of what the panel reads. The background still
 * validates every request with zod (`messages/protocol.ts`), and it is our own code answering.
 * Types come from the protocol as type-only imports (erased from the bundle).
 */
import type { AccountSummary, AccountView, ComposeContext, ComposeMatch } from "~/src/messages/protocol"

export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = "BridgeError"
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === "string"

function looksLikeView(value: unknown): value is AccountView {
  if (!isObject(value) || !isString(value.accountId) || !isString(value.name) || !isString(value.today) || !isObject(value.facts)) return false
  const plan = value.plan
  return isObject(plan) && Array.isArray(plan.steps) && Array.isArray(plan.trainingPlan) && isObject(plan.derived)
}

const CHECKS = {
  "compose.accounts": (data: unknown): data is { matches: ComposeMatch[]; remembered?: string } =>
    isObject(data) &&
    Array.isArray(data.matches) &&
    data.matches.every((m) => isObject(m) && isString(m.accountId) && isString(m.name) && isString(m.reason) && isString(m.email)) &&
    (data.remembered === undefined || isString(data.remembered)),
  "compose.remember": (data: unknown): data is { ok: true } => isObject(data) && data.ok === true,
  "compose.context": (data: unknown): data is ComposeContext =>
    isObject(data) && looksLikeView(data.view) && isObject(data.profile) && isObject(data.links) && isObject(data.templates),
  "accounts.list": (data: unknown): data is AccountSummary[] =>
    Array.isArray(data) && data.every((a) => isObject(a) && isString(a.accountId) && isString(a.name)),
  "step.set": (data: unknown): data is AccountView => looksLikeView(data)
}

type BridgeRequests = {
  "compose.accounts": { emails: string[]; threadId?: string }
  "compose.remember": { threadId: string; accountId: string }
  "compose.context": { accountId: string }
  "accounts.list": { query: string }
  "step.set": { accountId: string; key: string; done: boolean }
}
export type BridgeName = keyof BridgeRequests
type Answer<N extends BridgeName> = (typeof CHECKS)[N] extends (data: unknown) => data is infer T ? T : never

export type Send = (message: unknown) => Promise<unknown>

const chromeSend: Send = (message) => chrome.runtime.sendMessage(message)

/** Asks the background; resolves with the checked answer, rejects with a `BridgeError` the panel can show. */
export async function ask<N extends BridgeName>(name: N, body: BridgeRequests[N], send: Send = chromeSend): Promise<Answer<N>> {
  let raw: unknown
  try {
    raw = await send({ name, ...body })
  } catch (error) {
    // The extension was reloaded or updated under this page: this content script is orphaned.
    throw new BridgeError("disconnected", `SOP Pilot cannot reach its background (${(error as Error).message}). Reload Gmail.`)
  }
  if (!isObject(raw) || typeof raw.ok !== "boolean") throw new BridgeError("bad_response", "SOP Pilot's background gave an unexpected answer.")
  if (!raw.ok) {
    const error = isObject(raw.error) ? raw.error : {}
    throw new BridgeError(isString(error.code) ? error.code : "error", isString(error.message) ? error.message : "SOP Pilot could not do that.")
  }
  const check = CHECKS[name] as (data: unknown) => boolean
  if (!check(raw.data)) throw new BridgeError("bad_response", `Unexpected answer to ${name}.`)
  return raw.data as Answer<N>
}

/** `account.changed` pushes from the background (`"*"`: every account). Stops on abort. */
export function onAccountChanged(listener: (accountId: string) => void, signal: AbortSignal): void {
  const handler = (message: unknown) => {
    if (isObject(message) && message.name === "account.changed" && isString(message.accountId)) listener(message.accountId)
    return false
  }
  chrome.runtime.onMessage.addListener(handler)
  signal.addEventListener("abort", () => chrome.runtime.onMessage.removeListener(handler), { once: true })
}
