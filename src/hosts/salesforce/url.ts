/**
 * Pure URL reading and building for Salesforce: which org a page belongs to, whether it shows
 * one Account, and the one URL SOP Pilot builds (an Account's Lightning record page, for the
 * popup). No DOM, no chrome.*: the content script, the background, the popup and the tests all
 * share it.
 *
 * Hosts (My Domain; enhanced domains are the default since Winter '24):
 *   acme.lightning.force.com                 Lightning, production
 *   acme--uat.sandbox.lightning.force.com    Lightning, sandbox "uat"
 *   acme.develop.lightning.force.com         Lightning, Developer Edition (also scratch, demo…)
 *   acme.my.salesforce.com                   Classic, and the REST API origin
 *   acme--uat.sandbox.my.salesforce.com      Classic / API, sandbox
 * and the same shapes in the other Salesforce clouds (HOST_PAIRS), each also behind a Microsoft
 * Defender for Cloud Apps proxy (`<host>.mcas.ms`). Legacy instance hosts (na1.salesforce.com,
 * acme--uat.cs42.my.salesforce.com) are not accepted.
 */
import { isAccountId, isSalesforceId, toId18 } from "~/src/domain/ids"

export type SalesforcePageKind = "lightning" | "classic"

export interface SalesforcePage {
  kind: SalesforcePageKind
  /** The My Domain name, with `--<sandbox>` for a sandbox: `acme`, `acme--uat`. */
  org: string
  /** The origin the REST API is called on: `https://acme.my.salesforce.com`. */
  apiHost: string
  objectType: "Account"
  /** 18-char Account id. */
  accountId: string
}

/** The `.<kind>` between the My Domain name and the Salesforce suffix of an enhanced domain. */
const DOMAIN_KINDS = ["sandbox", "develop", "scratch", "demo", "patch", "trailblaze", "free"] as const

const LABEL = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
const KIND = `(?:\\.(?:${DOMAIN_KINDS.join("|")}))?`

/**
 * Lightning host suffix ↔ My Domain (Classic and API) host suffix, per Salesforce cloud: the pairs
 * Salesforce's own CLI maps between (forcedotcom/sfdx-core src/util/sfdcUrl.ts `toLightningDomain`,
 * commit cd4bdcb, and its test/unit/util/sfdcUrl.test.ts). The first pair is the commercial cloud
 * the manifest asks for; the others are offered as optional host permissions.
 */
export const HOST_PAIRS = [
  { lightning: ".lightning.force.com", myDomain: ".my.salesforce.com" },
  // Government Cloud Plus (Defense): org62.my.salesforce.mil ↔ org62.lightning.crmforce.mil
  { lightning: ".lightning.crmforce.mil", myDomain: ".my.salesforce.mil" },
  // Alternative domains: org62.my-salesforce.com ↔ org62.my-lightning.com
  { lightning: ".my-lightning.com", myDomain: ".my-salesforce.com" },
  // Alibaba Cloud (China): foo.my.sfcrmproducts.cn ↔ foo.lightning.sfcrmapps.cn
  { lightning: ".lightning.sfcrmapps.cn", myDomain: ".my.sfcrmproducts.cn" }
] as const

/**
 * Microsoft Defender for Cloud Apps serves the org under `<host>.mcas.ms`
 * (`acme.lightning.force.com.mcas.ms`); the session cookie and the API then live on the proxied
 * My Domain host too (`acme.my.salesforce.com.mcas.ms`), as Salesforce Inspector Reloaded's
 * manifest and background show (tprouvot/Salesforce-Inspector-reloaded addon/manifest.json).
 */
export const PROXY_SUFFIX = ".mcas.ms"

const escape = (text: string) => text.replace(/[.]/g, "\\.")
const PAIRS = HOST_PAIRS.map((pair) => ({
  ...pair,
  lightningHost: new RegExp(`^(${LABEL})(${KIND})${escape(pair.lightning)}$`),
  myDomainHost: new RegExp(`^(${LABEL})(${KIND})${escape(pair.myDomain)}$`)
}))

/** The host without a Defender for Cloud Apps proxy suffix, and that suffix ("" when none). */
function unproxied(host: string): { host: string; proxy: string } {
  return host.endsWith(PROXY_SUFFIX)
    ? { host: host.slice(0, -PROXY_SUFFIX.length), proxy: PROXY_SUFFIX }
    : { host, proxy: "" }
}

const ID = "[A-Za-z0-9]{18}|[A-Za-z0-9]{15}"
/**
 * `/lightning/r/[Object/]<id>` with `/view`, `/edit` (the record's edit page), `/related/<List>/view`
 * or no action at all (Lightning answers `/lightning/r/Account/<id>` and `…/<id>/` with the view).
 */
const LIGHTNING_RECORD_PATH = new RegExp(
  `^/lightning/r/(?:([A-Za-z][A-Za-z0-9_]*)/)?(${ID})(?:/(?:view|edit|related/[A-Za-z0-9_]+/view))?/?$`
)
/** The old Lightning URL, still linked from emails and bookmarks: `/one/one.app#/sObject/<id>[/view]`. */
const ONE_APP_PATH = "/one/one.app"
const ONE_APP_HASH = new RegExp(`^#/sObject/(${ID})(?:/(?:view|edit))?/?(?:\\?.*)?$`)
/**
 * A modal over a record page names the page beneath in `backgroundContext` (URL-encoded path):
 * the New Opportunity form from an Account's related list is
 * `/lightning/o/Opportunity/new?…&backgroundContext=%2Flightning%2Fr%2FAccount%2F<id>%2Fview`.
 */
const BACKGROUND_CONTEXT = "backgroundContext"
/** Classic detail `/<id>` and edit `/<id>/e` (a 3-char key prefix like `/001/o` is a tab, not a record). */
const CLASSIC_RECORD_PATH = new RegExp(`^/(${ID})(?:/e)?/?$`)

export interface SalesforceHost {
  family: "lightning" | "my_domain"
  org: string
  /** The matching my.salesforce.com host name (itself for a my.salesforce.com host), proxied like the page. */
  myDomainHost: string
  /** The matching Lightning host name (itself for a Lightning host). */
  lightningHost: string
}

/** Recognises a Salesforce My Domain host name, in any cloud of HOST_PAIRS, proxied or not; undefined for anything else. */
export function parseSalesforceHost(hostname: string): SalesforceHost | undefined {
  const { host, proxy } = unproxied(hostname.toLowerCase())
  for (const pair of PAIRS) {
    const lightning = pair.lightningHost.exec(host)
    if (lightning) {
      const [, org = "", kind = ""] = lightning
      return {
        family: "lightning",
        org,
        myDomainHost: `${org}${kind}${pair.myDomain}${proxy}`,
        lightningHost: `${host}${proxy}`
      }
    }
    const myDomain = pair.myDomainHost.exec(host)
    if (myDomain) {
      const [, org = "", kind = ""] = myDomain
      return {
        family: "my_domain",
        org,
        myDomainHost: `${host}${proxy}`,
        lightningHost: `${org}${kind}${pair.lightning}${proxy}`
      }
    }
  }
  return undefined
}

/** True for the hosts the manifest asks for (`*.lightning.force.com`, `*.my.salesforce.com`); others need an optional grant. */
export function isDefaultSalesforceHost(hostname: string): boolean {
  const { host, proxy } = unproxied(hostname.toLowerCase())
  const [commercial] = PAIRS
  return (
    proxy === "" &&
    commercial !== undefined &&
    (commercial.lightningHost.test(host) || commercial.myDomainHost.test(host))
  )
}

/**
 * The match patterns for one Salesforce domain family beyond the defaults, for
 * `chrome.permissions.request` and the content script: the page's cloud, proxied or not, both
 * its Lightning and its My Domain host (the session cookie and the API live on the latter).
 * Undefined for a default host or anything not Salesforce.
 */
export function optionalOriginsFor(hostname: string): string[] | undefined {
  if (isDefaultSalesforceHost(hostname)) return undefined
  const { host, proxy } = unproxied(hostname.toLowerCase())
  const pair = PAIRS.find((p) => p.lightningHost.test(host) || p.myDomainHost.test(host))
  if (!pair) return undefined
  return [`https://*${pair.lightning}${proxy}/*`, `https://*${pair.myDomain}${proxy}/*`]
}

/** Every optional pattern (the manifest's `optional_host_permissions`): each cloud, plain and proxied. */
export const OPTIONAL_SALESFORCE_ORIGINS: readonly string[] = HOST_PAIRS.flatMap((pair, index) => [
  ...(index === 0 ? [] : [`https://*${pair.lightning}/*`, `https://*${pair.myDomain}/*`]),
  `https://*${pair.lightning}${PROXY_SUFFIX}/*`,
  `https://*${pair.myDomain}${PROXY_SUFFIX}/*`
])

/**
 * `acme.lightning.force.com` → `acme.my.salesforce.com` (sandbox and other enhanced-domain kinds
 * keep their `.sandbox` part). API calls must go to the my.salesforce.com host directly: the
 * redirect from lightning.force.com drops the `Authorization` header, as Salesforce Inspector
 * Reloaded notes in its `getMyDomain`. A my.salesforce.com host maps to itself; anything else
 * to undefined.
 */
export function myDomainHostFor(hostname: string): string | undefined {
  return parseSalesforceHost(hostname)?.myDomainHost
}

/** True for `https://<org>[.sandbox…].my.salesforce.com` exactly (no path, port or user), in any cloud, proxied or not. */
export function isMyDomainApiOrigin(origin: string): boolean {
  if (!origin.startsWith("https://") || origin !== origin.toLowerCase()) return false
  return parseSalesforceHost(origin.slice("https://".length))?.family === "my_domain"
}

export interface LightningRecordRef {
  /** The object segment when the path has one (`Account`, `Contact`, `Custom__c`). */
  objectType?: string
  /** 18-char id. */
  id: string
}

/** Reads the record of a Lightning record path (`/lightning/r/…/view`), for any object. */
export function recordFromLightningPath(pathname: string): LightningRecordRef | undefined {
  const match = LIGHTNING_RECORD_PATH.exec(pathname)
  if (!match) return undefined
  const [, objectType, rawId = ""] = match
  const id = toId18(rawId)
  if (id === undefined) return undefined
  return objectType === undefined ? { id } : { objectType, id }
}

/** The Account beneath a modal (`backgroundContext`), when it names one on the same host. */
function accountBeneath(parsed: URL): string | undefined {
  const context = parsed.searchParams.get(BACKGROUND_CONTEXT)
  if (context === null || !context.startsWith("/") || context.startsWith("//")) return undefined
  const beneath = parseUrl(new URL(context, parsed.origin).href)
  if (!beneath || beneath.origin !== parsed.origin) return undefined
  const record = recordFromLightningPath(beneath.pathname)
  if (!record || !isAccountId(record.id)) return undefined
  return record.objectType === undefined || record.objectType === "Account" ? record.id : undefined
}

/** The Account of a Lightning URL: its record path, the old one.app hash, or the page beneath a modal. */
function lightningAccountId(parsed: URL): string | undefined {
  const record = recordFromLightningPath(parsed.pathname)
  if (record && isAccountId(record.id) && (record.objectType === undefined || record.objectType === "Account"))
    return record.id
  if (parsed.pathname === ONE_APP_PATH) {
    const raw = ONE_APP_HASH.exec(parsed.hash)?.[1]
    const id = raw === undefined ? undefined : toId18(raw)
    return id !== undefined && isAccountId(id) ? id : undefined
  }
  return accountBeneath(parsed)
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * The Account a Salesforce page shows, from its URL alone; undefined for other objects, list
 * views, setup, home, the console's `/lightning/page/…`, and anything that is not Salesforce.
 * Accepts Lightning record pages (`/lightning/r/Account/<id>/view`, with `?ws=` in the console,
 * `/edit`, `/related/<List>/view`, no action, and `/lightning/r/<id>/view` when the id is an
 * Account's), the old `/one/one.app#/sObject/<id>/view`, any modal whose `backgroundContext` is an
 * Account page (New Opportunity from the Account's related list), and Classic detail or edit
 * pages (`/<id>`, `/<id>/e`). 15-char ids are normalised to 18.
 */
export function parseSalesforceUrl(url: string): SalesforcePage | undefined {
  const parsed = parseUrl(url)
  if (!parsed || parsed.protocol !== "https:" || parsed.port !== "") return undefined
  const host = parseSalesforceHost(parsed.hostname)
  if (!host) return undefined
  const base = { org: host.org, apiHost: `https://${host.myDomainHost}`, objectType: "Account" as const }

  if (host.family === "lightning") {
    const accountId = lightningAccountId(parsed)
    return accountId === undefined ? undefined : { kind: "lightning", ...base, accountId }
  }

  const classic = CLASSIC_RECORD_PATH.exec(parsed.pathname)
  const id = classic?.[1] === undefined ? undefined : toId18(classic[1])
  if (id === undefined || !isAccountId(id)) return undefined
  return { kind: "classic", ...base, accountId: id }
}

const ORG_NAME = new RegExp(`^${LABEL}$`, "i")

/** The Lightning host matching a stored API host (`acme--uat.sandbox.my.salesforce.com` → `acme--uat.sandbox.lightning.force.com`). */
function lightningHostFor(apiHost: string): string | undefined {
  return parseSalesforceHost(parseUrl(apiHost)?.hostname ?? "")?.lightningHost
}

/**
 * The Lightning record page of an Account, built from where SOP Pilot last saw it: from its API
 * host when that is a Salesforce one, else from the org name alone (which gives the production
 * host). Undefined when neither names a Salesforce host, or the id is not a record id, so
 * nothing stored can send the popup anywhere else.
 */
export function lightningAccountUrl(account: {
  accountId: string
  apiHost?: string
  org?: string
}): string | undefined {
  if (!isSalesforceId(account.accountId)) return undefined
  const fromApiHost = account.apiHost === undefined ? undefined : lightningHostFor(account.apiHost)
  const fromOrg =
    account.org !== undefined && ORG_NAME.test(account.org)
      ? `${account.org.toLowerCase()}.lightning.force.com`
      : undefined
  const host = fromApiHost ?? fromOrg
  return host === undefined ? undefined : `https://${host}/lightning/r/Account/${account.accountId}/view`
}
