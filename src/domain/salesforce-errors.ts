/**
 * The ways a call to Salesforce can fail, named once: the background's Salesforce client raises
 * them (src/background/salesforce.ts) and the views' API status is made from them. Pure words,
 * no I/O.
 */
export const SALESFORCE_ERROR_KINDS = [
  /** 401 or `INVALID_SESSION_ID`: the session expired or was signed out. */
  "unauthorized",
  /** 403: no API access, or no permission on this record or object. */
  "forbidden",
  /** 404: the record or resource is not there (deleted, merged, a wrong id). */
  "not_found",
  /** 400 `INVALID_FIELD`: a mapped field does not exist or the user may not read it. */
  "invalid_field",
  /** 400 `MALFORMED_QUERY`: the query was not valid SOQL. */
  "malformed_query",
  /** Any other 400. */
  "bad_request",
  /** A write refused with the UI API's `RecordError` shape (validation rules, required fields). */
  "record_error",
  /** `REQUEST_LIMIT_EXCEEDED`: the org's daily API allowance is used up. */
  "request_limit",
  /** 429 still answered after the bounded retries: Salesforce is limiting the rate of requests. */
  "rate_limited",
  /** 503 still answered after the bounded retries: Salesforce is busy or in maintenance. */
  "unavailable",
  /** Any other 5xx, or an answer that is not what the resource returns. */
  "server",
  /** No answer at all (offline, DNS, TLS, a refused redirect). */
  "network",
  /** No answer within the bound on each request (`SALESFORCE_TIMEOUT_MS`): Salesforce or the network hangs. */
  "timeout",
  /** No `sid` cookie for the org in this browser profile. */
  "no_session",
  /** The session belongs to another org than the page's. */
  "wrong_org"
] as const
export type SalesforceErrorKind = (typeof SALESFORCE_ERROR_KINDS)[number]

/** What happened and what to do, in the CSM's words. */
export const SALESFORCE_ERROR_MESSAGES: Record<SalesforceErrorKind, string> = {
  unauthorized:
    "Your Salesforce session has expired or was signed out. Reload the Salesforce tab (log in again if asked), then try again.",
  forbidden:
    "Salesforce refused to share this Account's fields. Your user may lack API access or permission to read this record or its fields.",
  not_found: "Salesforce could not find this Account. It may have been deleted or merged.",
  invalid_field:
    "Salesforce does not know a field SOP Pilot reads, or you may not read it. An administrator may need to check the field mapping in SOP Pilot's options.",
  malformed_query:
    "Salesforce did not accept SOP Pilot's query. An administrator may need to check the field mapping in SOP Pilot's options.",
  bad_request:
    "Salesforce did not accept the request. An administrator may need to check the field mapping in SOP Pilot's options.",
  record_error: "Salesforce did not save the change: a rule in your org refused it.",
  request_limit: "Your Salesforce org has used up its API requests for now. Try again later.",
  rate_limited:
    'Salesforce answered "too many requests" (HTTP 429): it is limiting how often SOP Pilot may ask. Try again in a minute; nothing needs changing.',
  unavailable: "Salesforce is busy or in maintenance. Try again in a few minutes.",
  server: "Salesforce had a problem answering. Try again in a few minutes.",
  network: "Could not reach Salesforce. Check your internet connection, then try again.",
  timeout: "Salesforce did not answer in time. Read Salesforce again to retry.",
  no_session: "Not signed in to this Salesforce org in this browser: showing cached and manual facts.",
  wrong_org:
    "The Salesforce session in this browser belongs to another org than this page. Reload the page or sign in to this org again."
}
