import { parseSalesforceHost } from "~/src/hosts/salesforce/url"

/**
 * The Lightning record page of an Account, from where SOP Pilot last saw it: the API host
 * `https://acme--uat.sandbox.my.salesforce.com` → `https://acme--uat.sandbox.lightning.force.com`
 * (the org name alone gives the production host). Undefined when neither is a Salesforce host.
 */
export function lightningAccountUrl(account: {
  accountId: string
  apiHost?: string
  org?: string
}): string | undefined {
  let host: string | undefined
  if (account.apiHost) {
    try {
      const parsed = parseSalesforceHost(new URL(account.apiHost).hostname)
      if (parsed) host = parsed.myDomainHost.replace(/\.my\.salesforce\.com$/, ".lightning.force.com")
    } catch {
      host = undefined
    }
  }
  if (!host && account.org && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(account.org))
    host = `${account.org.toLowerCase()}.lightning.force.com`
  if (!host || !/^[A-Za-z0-9]{15,18}$/.test(account.accountId)) return undefined
  return `https://${host}/lightning/r/Account/${account.accountId}/view`
}
