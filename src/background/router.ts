import { parseSalesforceHost } from "../hosts/salesforce/url"
import { AnyRequest, type Envelope } from "../messages/protocol"
import { fieldErrors } from "../domain/validation"
import { InputError, type AccountService } from "./account-service"

/** Who sent a message, as far as the router cares. */
export interface Sender {
  /** Our own extension id: messages from elsewhere are refused. */
  id?: string
  /** The tab's URL for content scripts; absent for extension pages. */
  tabUrl?: string
}

/**
 * Validates a message, checks its sender, and runs its handler. Every failure comes back as a
 * named error in the envelope; nothing throws into the caller's context.
 */
export async function route(raw: unknown, sender: Sender, ownId: string, accounts: AccountService): Promise<Envelope> {
  if (sender.id !== ownId) return { ok: false, error: { code: "forbidden", message: "Messages from other extensions are not accepted." } }
  const parsed = AnyRequest.safeParse(raw)
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error)
    return { ok: false, error: { code: "invalid_request", message: errors.map((e) => `${e.path}: ${e.message}`).join("\n"), paths: errors.map((e) => e.path) } }
  }
  const request = parsed.data
  try {
    switch (request.name) {
      case "ping":
        return { ok: true, data: { ok: true, from: "background" } }
      case "account.view": {
        // A content script may only ask about the org of the page it runs in: the session of one
        // org is never used on behalf of another org's page.
        if (sender.tabUrl !== undefined) {
          const host = parseSalesforceHost(new URL(sender.tabUrl).hostname)
          if (!host || `https://${host.myDomainHost}` !== request.ref.apiHost) {
            return { ok: false, error: { code: "forbidden", message: "This page may not read another org's accounts.", paths: ["ref.apiHost"] } }
          }
        }
        return { ok: true, data: await accounts.view(request.ref, request.refresh) }
      }
      case "step.set":
        return { ok: true, data: await accounts.setStep(request.accountId, request.key, request.done) }
      case "fact.set":
        return { ok: true, data: await accounts.setFact(request.accountId, request.fact, request.value) }
      case "accounts.list":
        return { ok: true, data: await accounts.list(request.query) }
    }
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error: { code: "invalid_input", message: error.message, paths: error.paths } }
    return { ok: false, error: { code: "internal", message: `SOP Pilot could not do that: ${(error as Error).message}` } }
  }
}
