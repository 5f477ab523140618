/**
 * Which Account a Salesforce page shows: the URL says which org and (usually) which record; the
 * DOM adds the name and, in the Lightning console, corrects the record when the URL lags the
 * tab on screen. Never throws: a markup change costs the name, not the detection.
 *
 * Limitation: a standard (non-console) Lightning page host carries no record id, so just after a
 * soft navigation the name can still be the previous record's for a moment. The name is for
 * display until the UI API answers; the id always comes from the URL or the console tab.
 */
import { isAccountId } from "~/src/domain/ids"

import {
  getMaybeActiveConsoleRecordId,
  getMaybeClassicRecordName,
  getMaybeRecordName,
  getMaybeTitleRecordName
} from "./selectors"
import { parseSalesforceUrl, type SalesforcePageKind } from "./url"

export type DetectedAccount =
  | {
      status: "detected"
      kind: SalesforcePageKind
      org: string
      apiHost: string
      /** 18-char Account id. */
      accountId: string
      /** The name as the page shows it, when found: plain text, never markup. */
      name?: string
    }
  | { status: "not_detected"; reason: string }

/** Longest name we pass on (Salesforce's Account Name limit). */
const MAX_NAME = 255

function usableName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined
  const trimmed = name.trim()
  return trimmed === "" || trimmed.length > MAX_NAME ? undefined : trimmed
}

export function detectAccount(url: string, doc: Document): DetectedAccount {
  const page = parseSalesforceUrl(url)
  if (!page) return { status: "not_detected", reason: "This page is not a Salesforce Account record." }
  const { kind, org, apiHost } = page
  let accountId = page.accountId
  let name: string | undefined

  try {
    if (kind === "lightning") {
      // The console's selected tab is what the user sees; the URL can lag a tab switch.
      const consoleId = getMaybeActiveConsoleRecordId(doc)
      if (consoleId !== undefined && consoleId !== accountId) {
        if (!isAccountId(consoleId)) {
          return { status: "not_detected", reason: "The console tab on screen is not an Account record." }
        }
        accountId = consoleId
      }
      name = usableName(getMaybeRecordName(doc)) ?? usableName(getMaybeTitleRecordName(doc))
    } else {
      name = usableName(getMaybeClassicRecordName(doc)) ?? usableName(getMaybeTitleRecordName(doc))
    }
  } catch {
    // A markup surprise (or a document in a strange state) costs the name, never the page.
    name = undefined
  }

  return name === undefined
    ? { status: "detected", kind, org, apiHost, accountId }
    : { status: "detected", kind, org, apiHost, accountId, name }
}
