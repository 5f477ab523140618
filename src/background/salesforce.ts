import type { AccountFactsInput } from "../domain/facts"
import type { TeamSettings } from "../domain/settings"
import { classifyApiError, factsFromRecord, parseUiApiRecord, recordUrl } from "../hosts/salesforce/ui-api"
import { isMyDomainApiOrigin } from "../hosts/salesforce/url"
import type { ApiStatus } from "../messages/protocol"

export type SalesforceRead =
  { ok: true; facts: Partial<AccountFactsInput>; problems: string[] } | { ok: false; status: ApiStatus }

/**
 * The org's session id, read from the `sid` cookie of its my.salesforce.com host, the way
 * Salesforce Inspector Reloaded does. It stays in the background: never sent to a page or a
 * content script, and only ever to the host it belongs to.
 */
async function sessionFor(apiHost: string, storeId?: string): Promise<string | undefined> {
  const cookie = await chrome.cookies.get({ url: apiHost, name: "sid", ...(storeId ? { storeId } : {}) })
  return cookie?.value || undefined
}

/** Reads one Account through the UI API with the CSM's own session. */
export async function readAccountFromSalesforce(
  apiHost: string,
  accountId: string,
  settings: TeamSettings,
  options: { storeId?: string; fetch?: typeof fetch } = {}
): Promise<SalesforceRead> {
  if (!isMyDomainApiOrigin(apiHost)) {
    return { ok: false, status: { state: "bad_request", message: "This page's org is not a Salesforce My Domain." } }
  }
  const session = await sessionFor(apiHost, options.storeId)
  if (!session) {
    return {
      ok: false,
      status: {
        state: "no_session",
        message: "Not signed in to this Salesforce org in this browser: showing cached and manual facts."
      }
    }
  }
  const { apiVersion, fieldMapping } = settings.salesforce
  const url = recordUrl(apiHost, apiVersion, accountId, fieldMapping)
  let response: Response
  try {
    // `redirect: "error"`: a redirect would carry the session to another host.
    response = await (options.fetch ?? fetch)(url, {
      headers: { Authorization: `Bearer ${session}`, Accept: "application/json" },
      credentials: "omit",
      redirect: "error",
      cache: "no-store"
    })
  } catch {
    const error = classifyApiError(undefined, undefined)
    return { ok: false, status: { state: error.kind, message: error.message, detail: error.detail } }
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const error = classifyApiError(response.status, body)
    return { ok: false, status: { state: error.kind, message: error.message, detail: error.detail } }
  }
  const record = parseUiApiRecord(body)
  if (!record.ok) {
    return {
      ok: false,
      status: {
        state: "server",
        message: "Salesforce answered with something that is not an Account record.",
        detail: record.errors
          .map((e) => `${e.path}: ${e.message}`)
          .join("; ")
          .slice(0, 1000)
      }
    }
  }
  const read = factsFromRecord(record.value, fieldMapping)
  return { ok: true, facts: read.facts, problems: read.problems.map((p) => `${p.fact} (${p.field}): ${p.message}`) }
}
