/**
 * Gives the extension what a CSM would have entered in the panel over time: the facts Salesforce
 * does not hold (unmapped in the field mapping: training dates, survey dates, risk signals …)
 * and the steps already checked off. Done as the CSM does it: open the account in Salesforce
 * (the panel makes it known to the extension), then enter the rest through the extension's own
 * messages. Free of vitest: the demo uses it too.
 */
import type { AccountFactsInput } from "../src/domain/facts"
import type { ManualFact } from "../src/domain/fact-sources"
import { toId18 } from "../src/domain/ids"
import { orgHolds } from "../src/demo/salesforce-record"
import { DEFAULT_FIELD_MAPPING, DEFAULT_SETTINGS, type MappableFact } from "../src/domain/settings"
import type { AnyRequest } from "../src/messages/protocol"
import type { ExtensionHarness } from "./extension-harness"

/** How long the extension may take to know an account after its page opened. */
const KNOWN_TIMEOUT_MS = 20_000

/** The requests that enter an account's unmapped facts and its done steps (the account must be known). */
export function seedRequests(
  account: AccountFactsInput,
  /** The account's org: `https://<org>.my.salesforce.com`. */
  apiHost: string,
  mapping: Record<MappableFact, string> = DEFAULT_FIELD_MAPPING
): AnyRequest[] {
  const accountId = toId18(account.id)
  if (accountId === undefined) throw new Error(`seedRequests: not a Salesforce id: ${account.id}`)
  const salesforce = { ...DEFAULT_SETTINGS.salesforce, fieldMapping: mapping }
  const inSalesforce = (fact: string) => orgHolds(fact, salesforce)
  const requests: AnyRequest[] = []
  for (const [fact, value] of Object.entries(account)) {
    if (fact === "id" || fact === "done" || value === undefined || inSalesforce(fact)) continue
    requests.push({ name: "fact.set", accountId, apiHost, fact: fact as ManualFact, value })
  }
  for (const key of account.done ?? []) requests.push({ name: "step.set", accountId, apiHost, key, done: true })
  return requests
}

/**
 * For each account: opens its record page (`org.recordUrl`), waits until the extension knows
 * the account (`accounts.list` names it), then sends `seedRequests` from an extension page.
 * Throws with the background's message when a request is refused.
 */
export async function seedUnmappedFacts(
  ext: ExtensionHarness,
  org: { name: string; recordUrl(id: string): string },
  accounts: readonly AccountFactsInput[],
  mapping: Record<MappableFact, string> = DEFAULT_FIELD_MAPPING
): Promise<void> {
  const control = await ext.context.newPage()
  const record = await ext.context.newPage()
  try {
    await control.goto(ext.extensionUrl("popup.html"))
    for (const account of accounts) {
      const accountId = toId18(account.id) as string
      await record.goto(org.recordUrl(accountId))
      const failure = await control.evaluate(
        async ({ accountId, requests, timeoutMs }) => {
          type Answer = { ok: boolean; data?: unknown; error?: { message: string } } | undefined
          const deadline = Date.now() + timeoutMs
          for (;;) {
            const list = (await chrome.runtime.sendMessage({ name: "accounts.list", query: accountId })) as Answer
            if (
              list?.ok &&
              Array.isArray(list.data) &&
              list.data.some((a: { accountId?: string }) => a.accountId === accountId)
            )
              break
            if (Date.now() > deadline)
              return `the extension did not learn of account ${accountId} from its page (${list?.error?.message ?? "not listed"})`
            await new Promise((resolve) => setTimeout(resolve, 100))
          }
          for (const request of requests) {
            const answer = (await chrome.runtime.sendMessage(request)) as Answer
            if (!answer?.ok) return `${JSON.stringify(request)} → ${answer?.error?.message ?? "no answer"}`
          }
          return null
        },
        {
          accountId,
          requests: seedRequests(account, `https://${org.name}.my.salesforce.com`, mapping),
          timeoutMs: KNOWN_TIMEOUT_MS
        }
      )
      if (failure !== null) throw new Error(`Could not enter ${account.name}'s facts in the extension: ${failure}`)
    }
  } finally {
    await record.close()
    await control.close()
  }
}
