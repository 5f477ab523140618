/**
 * A fake Salesforce org for the fixture server (tools/extension-harness.ts): the pages a
 * CSM opens and the UI API the extension's background reads, for a list of accounts' facts.
 * Shared by the end-to-end tests and `npm run demo`; free of vitest.
 *
 * ```ts
 * const org = fakeSalesforceOrg({ org: "acme", accounts: demoBook(today), session: "s3ss10n" })
 * const server = await startFixtureServer({ routes: org.routes })
 * const ext = await launchExtension({ port: server.port })
 * await addSessionCookie(ext.context, org.name, org.session!)
 * await page.goto(org.recordUrl(accounts[0].id))
 * ```
 *
 * What it serves (`<org>` is the org's My Domain name):
 * - `https://<org>.lightning.force.com/lightning/r/Account/<id>/view` (and `/lightning/r/<id>/view`):
 *   the Account's Lightning record page, made from the dated fixture
 *   2026-11-25-lightning-account-record-acme.html with the account's name (HTML-escaped), id,
 *   website, MRR, products and service level put in; title `<name> | Account | Salesforce`.
 *   `?page=` picks another page at the same URL (or `pageFor` does):
 *   - `console`: the Lightning console (2026-11-25-lightning-console-two-tabs.html): this account
 *     in the active workspace tab, another one (`?other=<id>`, default the next account) cached
 *     in a second tab. `?active=<id>` puts that account in the active tab while the URL still
 *     names the first one, as after a tab switch the URL has not caught up with;
 *   - `unknown-markup`: 2026-11-25-lightning-unknown-markup.html (a record page after an
 *     imagined redesign: only the title still names the record);
 *   - `app-shell`: the record page plus a strip of links to every account of the org; a click
 *     does what Lightning does: `history.pushState` to the other record's URL, then swaps the
 *     record markup (the old page stays cached, inactive) and `document.title`, without reload.
 *     "New Opportunity" and "Edit" push the form's URL (`/lightning/o/Opportunity/new?…
 *     &backgroundContext=<this record>`, `/lightning/r/Account/<id>/edit`) and open a modal over
 *     the record, as Lightning does.
 * - `https://<org>.lightning.force.com/lightning/page/home`: the unknown-markup page shape with
 *   no record at all (a page that names no Account).
 * - `https://<org>.lightning.force.com/demo`: a list of every account with links to its pages.
 * - `https://<org>.my.salesforce.com/<id>`: the Classic detail page (2026-11-25-classic-account-detail.html).
 * - `https://<org>.my.salesforce.com/services/data/v<NN>.0/ui-api/records/<id>`: the UI API
 *   record (src/demo/salesforce-record.ts), only the fields asked for in `optionalFields` /
 *   `fields`, text HTML-escaped as the UI API gives it; 401 `INVALID_SESSION_ID` unless
 *   `Authorization: Bearer <session>`, 404 `NOT_FOUND` for an id the org does not have.
 * - `GET …/services/data/v<NN>.0/query?q=<SOQL>` and `…/query/<cursor>`: the REST query resource
 *   over the org's rows (tools/salesforce-data.ts: Account, Onboarding__c, Adoption__c, Case,
 *   Contact, Task, User), `pageSize` rows a page with `nextRecordsUrl`; 400 `INVALID_FIELD` for a
 *   field the object lacks or field-level security hides (`hiddenFields`), `MALFORMED_QUERY`,
 *   `INVALID_TYPE`.
 * - `POST …/services/data/v<NN>.0/composite`: up to 25 GET query subrequests, answered each as on
 *   its own (`{ compositeResponse: [{ body, httpHeaders, httpStatusCode, referenceId }] }`).
 * - `GET …/services/data/v<NN>.0/chatter/users/me`: the signed-in user (FAKE_USER, or `me`).
 * - `GET …/services/data/v<NN>.0/ui-api/object-info/<Object>`: the object's fields with their types
 *   (tools/salesforce-object-info.ts), without the hidden ones.
 * - `failNext(n, "401" | "503" | "REQUEST_LIMIT_EXCEEDED")`: the next API requests fail with
 *   Salesforce's error bodies; `hangNext(n)`: the next API requests are never answered (until the
 *   browser gives up on them); `apiCalls` logs every REST request.
 * An unknown record id gets a 404 page. Ids may be given in 15 or 18 characters everywhere.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { BrowserContext } from "playwright-core"

import { picklistLabel, uiApiRecordFor, usd } from "../src/demo/salesforce-record"
import type { AccountFactsInput } from "../src/domain/facts"
import { isAccountId, toId18 } from "../src/domain/ids"
import { DEFAULT_SETTINGS, type MappableFact, type SalesforceSettings } from "../src/domain/settings"
import { escapeHtml } from "../src/domain/templates/merge"
import {
  bearerToken,
  FIXTURES_DIR,
  html,
  json,
  route,
  type FixtureRequest,
  type FixtureResponse,
  type Route
} from "./extension-harness"
import {
  FAKE_USER,
  orgDataFor,
  QueryFailure,
  runQuery,
  soqlDateTime,
  valueFor,
  type OrgData,
  type Row
} from "./salesforce-data"
import { declareDescribedFields, objectInfoAnswer } from "./salesforce-object-info"
import { orgWrites, type OrgWrites } from "./salesforce-writes"

/** The pages a Lightning record URL can show (see the file comment). */
export const LIGHTNING_PAGES = ["record", "console", "unknown-markup", "app-shell"] as const
export type LightningPage = (typeof LIGHTNING_PAGES)[number]

/** The dated fixtures the pages are made from (under test/fixtures/). */
export const ORG_FIXTURES = {
  record: "salesforce/2026-11-25-lightning-account-record-acme.html",
  console: "salesforce/2026-11-25-lightning-console-two-tabs.html",
  unknownMarkup: "salesforce/2026-11-25-lightning-unknown-markup.html",
  classic: "salesforce/2026-11-25-classic-account-detail.html"
} as const

/** Salesforce's answer to a request without a valid session. */
export const INVALID_SESSION_BODY = [{ errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }]

export interface FakeSalesforceOrgOptions {
  /** My Domain name: the org is served at `<org>.lightning.force.com` and `<org>.my.salesforce.com`. */
  org: string
  accounts: AccountFactsInput[]
  /** The session id the UI API accepts as `Authorization: Bearer <session>`. */
  session: string
  /** Which page a Lightning record URL shows. Default: `?page=<LightningPage>`, else `record`. */
  pageFor?: (request: { account: AccountFactsInput; url: URL }) => LightningPage | undefined
  /** The field mapping the org's Accounts are written with. Default: the settings' (DEFAULT_FIELD_MAPPING). */
  mapping?: Record<MappableFact, string>
  /** Where the org keeps each fact (related objects, contacts, tasks, the CSM field). Default: DEFAULT_SETTINGS.salesforce. */
  salesforce?: SalesforceSettings
  /** More rows, by object API name (`Case`, `Task` …), beside those made from the accounts' facts. */
  records?: Record<string, Omit<Row, "Id">[]>
  /** The CSM lookup of each Account. Default: the signed-in user (FAKE_USER) for every account. */
  csmOf?: (account: AccountFactsInput) => string | null
  /** Fields field-level security hides from the user, `Object.Field`: a query naming one is refused. */
  hiddenFields?: string[]
  /** Rows per query page before `nextRecordsUrl` (Salesforce's default is 2,000). */
  pageSize?: number
  /** Also a `[SOP <key>]` Task per step each account has done. Default: false. */
  doneAsTasks?: boolean
  /**
   * Serve the org behind a Microsoft Defender for Cloud Apps proxy: `<org>.lightning.force.com.mcas.ms`
   * and `<org>.my.salesforce.com.mcas.ms`. Default: false.
   */
  proxied?: boolean
  /** Who `chatter/users/me` says is signed in (a User row of `records`, e.g. a Team Lead). Default: FAKE_USER. */
  me?: { Id: string; Name: string; Email?: string; Username?: string }
}

/** An error the org answers the next API requests with (see `failNext`). */
export type OrgFailure = "401" | "503" | "REQUEST_LIMIT_EXCEEDED"

/** A request one of the org's hosts received. */
export interface OrgRequest {
  method: string
  /** Full URL, `https://host/path?query`. */
  url: string
  host: string
  /** Node's lower-cased header map. */
  headers: FixtureRequest["headers"]
  /** The token of an `Authorization: Bearer` header, if any. */
  bearer: string | undefined
  /** The request body (a composite request's JSON). */
  body: string
}

export interface FakeSalesforceOrg {
  /** The My Domain name. */
  readonly name: string
  /** `https://<org>.lightning.force.com` */
  readonly lightningOrigin: string
  /** `https://<org>.my.salesforce.com`: Classic and the API. */
  readonly apiOrigin: string
  /** The routes to give `startFixtureServer` (or `useExtensionEnvironment`). */
  readonly routes: Route[]
  /** The accounts, as given. */
  readonly accounts: readonly AccountFactsInput[]
  /** The session the API accepts now; undefined after `expireSession()`. */
  readonly session: string | undefined
  /** Every request to the org's hosts, oldest first (clear with `requests.length = 0`). */
  readonly requests: OrgRequest[]
  /** How many UI API record requests arrived (answered or refused). */
  readonly apiRequestCount: number
  /** Every REST API request (`/services/data/…`: records, queries, composite, chatter), answered or refused. */
  readonly apiCalls: OrgRequest[]
  /** The org's rows by object (Account, Onboarding__c, Adoption__c, Case, Contact, Task, User); change them freely. */
  readonly data: OrgData
  /** Writes (POST, PATCH, DELETE), their log, validation rules, read-only fields, `outage()`: tools/salesforce-writes.ts. */
  readonly writes: OrgWrites
  /** The next `count` API requests get this error (401 INVALID_SESSION_ID, 503, 403 REQUEST_LIMIT_EXCEEDED). */
  failNext(count: number, failure: OrgFailure): void
  /** The next `count` API requests are logged and never answered: a Salesforce that hangs. */
  hangNext(count: number): void
  /** From now on the API accepts `value` (and only it). */
  setSession(value: string): void
  /** From now on the API refuses every session with 401 INVALID_SESSION_ID. */
  expireSession(): void
  /** The account with this 15- or 18-char id, or undefined. */
  account(id: string): AccountFactsInput | undefined
  /**
   * Changes an Account's fields as a user saving the record would: its facts (Account fields
   * only) and its `SystemModstamp` / `LastModifiedDate`, which move to now (at least a second
   * after the last change). The UI API record and SOQL answer with the new values and stamp.
   */
  editAccount(id: string, changes: Partial<AccountFactsInput>): void
  /** `https://<org>.lightning.force.com/lightning/r/Account/<id18>/view[?page=…]` */
  recordUrl(id: string, page?: LightningPage, query?: Record<string, string>): string
  /** The Classic detail page, `https://<org>.my.salesforce.com/<id15>`. */
  classicUrl(id: string): string
  /** `https://<org>.lightning.force.com/demo`: links to every account. */
  readonly listUrl: string
  /** `https://<org>.lightning.force.com/lightning/page/home`: a page that names no Account. */
  readonly homeUrl: string
}

// ── Markup helpers ──────────────────────────────────────────────────────────────────────────

const readFixture = (relativePath: string): string => readFileSync(join(FIXTURES_DIR, relativePath), "utf8")

/**
 * Replaces every occurrence of each needle. A needle missing from the template throws: when a
 * fixture is re-captured, the fake org must be told, not silently serve the old account.
 */
function substitute(template: string, file: string, pairs: [needle: string, replacement: string][]): string {
  let out = template
  for (const [needle, replacement] of pairs) {
    if (!out.includes(needle))
      throw new Error(`fake Salesforce org: "${needle}" is no longer in ${file}; update tools/salesforce-org.ts`)
    out = out.split(needle).join(replacement)
  }
  return out
}

/** Drops the fixture's own leading comment (it describes the captured account) and says where the page comes from. */
function retitleComment(page: string, file: string): string {
  return page.replace(
    /<!--[\s\S]*?-->/,
    `<!-- Fake Salesforce org (tools/salesforce-org.ts), made from test/fixtures/${file} -->`
  )
}

/**
 * Just enough of Lightning's look for a screenshot: cached pages and tabs hidden (as Lightning's
 * own CSS does), a header and cards. Detection never depends on it.
 */
const ORG_STYLE = `<style>
  body { margin: 0; font: 13px/1.5 "Salesforce Sans", Arial, sans-serif; color: #181818; background: #b0c4df; }
  .viewport { min-height: 100vh; background: linear-gradient(#b0c4df 0, #eef4ff 220px); }
  .oneHeader, #AppBodyHeader { background: #fff; border-bottom: 1px solid #dddbda; padding: 8px 16px; }
  .slds-global-header, .slds-context-bar { display: flex; gap: 16px; align-items: center; }
  .oneAppNavContainer, .tabsetHeader { background: #fff; border-bottom: 3px solid #0176d3; padding: 6px 16px; }
  ul { list-style: none; margin: 0; padding: 0; } .slds-grid { display: flex; gap: 16px; flex-wrap: wrap; }
  a { color: #0b5cab; text-decoration: none; } button { font: inherit; }
  .appName { font-weight: 700; font-size: 16px; }
  .lafPageHost:not(.active), .oneWorkspace:not(.active), .wsTabBarHidden > .tabBarContainer { display: none; }
  .oneConsoleTabItem.active > a { font-weight: 700; border-bottom: 2px solid #0176d3; }
  .highlights, .row-main, .record-header-v9, records-record-body-v9, .bPageBlock, .bPageTitle, .sop-org-list, .sop-org-shell {
    display: block; background: #fff; border: 1px solid #dddbda; border-radius: 4px; margin: 12px 16px; padding: 12px 16px; }
  .highlights h1, .record-header-v9__title { margin: 0; font-size: 18px; } records-entity-label { display: block; font-size: 12px; color: #444; }
  .secondaryFields slot, .slds-tabs_default__nav, records-record-layout-row { display: flex; gap: 32px; }
  records-record-layout-item { display: block; min-width: 220px; padding: 4px 0; border-bottom: 1px solid #eee; }
  .slds-form-element__label, .slds-text-title, .labelCol { display: block; color: #444; font-size: 12px; }
  .slds-assistive-text { position: absolute; clip: rect(0 0 0 0); width: 1px; height: 1px; overflow: hidden; }
  .sop-org-shell a { margin-right: 12px; } .sop-org-shell a[aria-current="page"] { font-weight: 700; }
  table { border-collapse: collapse; } td, th { padding: 4px 12px 4px 0; text-align: left; }
</style>`

const withStyle = (page: string): string => page.replace("</head>", `${ORG_STYLE}\n</head>`)

/** Salesforce shows the website without its scheme; a non-web value gets no link. */
function websiteParts(website: string | undefined): { href: string; text: string } {
  if (website === undefined) return { href: "#", text: "" }
  const href = /^https?:\/\//i.test(website) ? website : "#"
  return { href: escapeHtml(href), text: escapeHtml(website.replace(/^https?:\/\//i, "")) }
}

/** The record fields the fixtures show (name, website, MRR, products, service level), escaped. */
function shownFields(account: AccountFactsInput) {
  return {
    name: escapeHtml(account.name),
    website: websiteParts(account.website),
    mrr: account.mrr === undefined ? "" : escapeHtml(usd(account.mrr)),
    products: escapeHtml((account.products ?? []).map(picklistLabel).join("; ")),
    serviceLevel: account.serviceLevel === undefined ? "" : escapeHtml(picklistLabel(account.serviceLevel))
  }
}

const id18Of = (account: AccountFactsInput): string => toId18(account.id) as string
const id15Of = (account: AccountFactsInput): string => id18Of(account).slice(0, 15)

// ── Pages ───────────────────────────────────────────────────────────────────────────────────

function lightningRecordPage(account: AccountFactsInput): string {
  const f = shownFields(account)
  const page = substitute(readFixture(ORG_FIXTURES.record), ORG_FIXTURES.record, [
    ["0015e00000AcmeQAAR", id18Of(account)],
    ["Acme Health", f.name],
    ["https://acmehealth.example", f.website.href],
    ["acmehealth.example", f.website.text],
    ["$1,250.00", f.mrr],
    ["Learning; Compliance", f.products],
    ["Premium", f.serviceLevel]
  ])
  return withStyle(retitleComment(page, ORG_FIXTURES.record))
}

function consolePage(active: AccountFactsInput, cached: AccountFactsInput): string {
  const f = shownFields(active)
  const page = substitute(readFixture(ORG_FIXTURES.console), ORG_FIXTURES.console, [
    ["0015e00000AcmeQAAR", id18Of(active)],
    ["0015e00000GlbxZAAR", id18Of(cached)],
    ["Globex Corporation", escapeHtml(cached.name)],
    ["Acme Health", f.name],
    ["https://acmehealth.example", f.website.href],
    ["acmehealth.example", f.website.text],
    ["$1,250.00", f.mrr],
    ["Learning; Compliance", f.products],
    ["Premium", f.serviceLevel]
  ])
  return withStyle(retitleComment(page, ORG_FIXTURES.console))
}

function unknownMarkupPage(account: AccountFactsInput | undefined): string {
  const template = readFixture(ORG_FIXTURES.unknownMarkup)
  const page = account
    ? substitute(template, ORG_FIXTURES.unknownMarkup, [
        ["0015e00000AcmeQAAR", id18Of(account)],
        ["Acme Health", escapeHtml(account.name)],
        ["acmehealth.example", websiteParts(account.website).text]
      ])
    : // No record: the home page of the redesigned app.
      substitute(template, ORG_FIXTURES.unknownMarkup, [
        ["Acme Health | Account | Salesforce", "Home | Salesforce"],
        ['<span class="record-header-v9__object">Account</span>', '<span class="record-header-v9__object">Home</span>'],
        ["<span>Acme Health</span>", "<span>Good morning</span>"],
        [
          '<span class="record-field__label">Website</span><span class="record-field__value">acmehealth.example</span>',
          '<span class="record-field__label">Tasks</span><span class="record-field__value">3 due today</span>'
        ]
      ])
  return withStyle(retitleComment(page, ORG_FIXTURES.unknownMarkup))
}

function classicPage(account: AccountFactsInput): string {
  const f = shownFields(account)
  const website = account.website === undefined ? "" : escapeHtml(account.website)
  const page = substitute(readFixture(ORG_FIXTURES.classic), ORG_FIXTURES.classic, [
    ["0015e00000ClsCAAAZ", id18Of(account)],
    ["0015e00000ClsCA", id15Of(account)],
    ["Acme Health", f.name],
    ['href="http://acmehealth.example"', `href="${f.website.href}"`],
    ["http://acmehealth.example", website],
    ["$1,250.00", f.mrr],
    ["Learning; Compliance", f.products],
    ["Premium", f.serviceLevel]
  ])
  return withStyle(retitleComment(page, ORG_FIXTURES.classic))
}

/**
 * Lightning's in-app navigation, in the page's own (main) world: a click on an account link
 * pushes the new URL first, then loads the record, caches the old page host (inactive) and shows
 * the new one, and only then changes the title — the order Lightning uses, so the URL can be a
 * step ahead of the record on screen. Back/forward (popstate) loads the record without pushing.
 */
const APP_SHELL_SCRIPT = `<script>
(() => {
  const stage = () => document.querySelector(".oneCenterStage");
  async function show(path) {
    const response = await fetch(path + "?page=record", { credentials: "same-origin" });
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    const host = next.querySelector("div.lafPageHost.active");
    if (!host) return;
    for (const old of stage().querySelectorAll("div.lafPageHost.active")) old.classList.remove("active");
    stage().append(document.adoptNode(host));
    for (const link of document.querySelectorAll("a[data-app-nav]")) {
      if (link.getAttribute("href") === path) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
    }
    document.title = next.title;
  }
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-app-nav]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const path = link.getAttribute("href");
    if (path === location.pathname) return;
    history.pushState({ path }, "", path);
    void show(path);
  });
  window.addEventListener("popstate", () => void show(location.pathname));
  // New / Edit: Lightning pushes the form's URL and opens it as a modal over the record, which
  // stays on screen beneath (the URL names it only in backgroundContext, or not at all).
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-app-modal]") : null;
    if (!link || event.button !== 0) return;
    event.preventDefault();
    history.pushState({ modal: true }, "", link.getAttribute("href"));
    const modal = document.createElement("div");
    modal.className = "modal-container slds-modal slds-fade-in-open";
    modal.setAttribute("role", "dialog");
    modal.textContent = link.textContent;
    document.body.append(modal);
  });
})();
</script>`

function appShellPage(account: AccountFactsInput, accounts: readonly AccountFactsInput[]): string {
  const links = accounts
    .map((other) => {
      const path = `/lightning/r/Account/${id18Of(other)}/view`
      const current = other === account ? ' aria-current="page"' : ""
      return `<a data-app-nav href="${path}"${current}>${escapeHtml(other.name)}</a>`
    })
    .join("\n      ")
  const id = id18Of(account)
  const beneath = encodeURIComponent(`/lightning/r/Account/${id}/view`)
  const modals = [
    `<a data-app-modal href="/lightning/o/Opportunity/new?count=1&amp;nooverride=1&amp;useRecordTypeCheck=1&amp;navigationLocation=RELATED_LIST&amp;backgroundContext=${beneath}">New Opportunity</a>`,
    `<a data-app-modal href="/lightning/r/Account/${id}/edit">Edit</a>`
  ].join("\n      ")
  const strip = `<nav class="sop-org-shell" aria-label="Recent accounts">
      <strong>Recent accounts:</strong>
      ${links}
      ${modals}
    </nav>`
  return lightningRecordPage(account)
    .replace('<section class="layoutContent', `${strip}\n    <section class="layoutContent`)
    .replace("</body>", `${APP_SHELL_SCRIPT}\n</body>`)
}

function listPage(
  org: string,
  accounts: readonly AccountFactsInput[],
  urls: Pick<FakeSalesforceOrg, "recordUrl" | "classicUrl">
): string {
  const rows = accounts
    .map((account) => {
      const id = id18Of(account)
      return `<tr><td><a href="${escapeHtml(urls.recordUrl(id))}">${escapeHtml(account.name)}</a></td><td><code>${id}</code></td>
        <td><a href="${escapeHtml(urls.recordUrl(id, "console"))}">console</a></td>
        <td><a href="${escapeHtml(urls.recordUrl(id, "app-shell"))}">in-app navigation</a></td>
        <td><a href="${escapeHtml(urls.classicUrl(id))}">Classic</a></td></tr>`
    })
    .join("\n")
  return withStyle(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Accounts | ${escapeHtml(org)} | Salesforce</title></head>
<body><div class="viewport">
  <header class="oneHeader"><span class="appName">SOP Pilot demo org “${escapeHtml(org)}”</span></header>
  <section class="sop-org-list">
    <h1>Accounts (${accounts.length})</h1>
    <p>Open an Account: the SOP Pilot panel shows its stage and checklist beside the record.</p>
    <table><thead><tr><th>Account</th><th>Id</th><th colspan="3">Also as</th></tr></thead><tbody>
${rows}
    </tbody></table>
  </section>
</div></body></html>`)
}

const notFoundPage = (what: string): FixtureResponse =>
  html(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error | Salesforce</title></head><body><h1>Looks like there's a problem.</h1><p>${escapeHtml(what)}</p></body></html>`,
    { status: 404 }
  )

// ── The org ─────────────────────────────────────────────────────────────────────────────────

export function fakeSalesforceOrg(options: FakeSalesforceOrgOptions): FakeSalesforceOrg {
  const name = options.org.toLowerCase()
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(name))
    throw new Error(`fakeSalesforceOrg: not a My Domain name: ${options.org}`)
  const proxy = options.proxied === true ? ".mcas.ms" : ""
  const lightningHost = `${name}.lightning.force.com${proxy}`
  const apiHost = `${name}.my.salesforce.com${proxy}`
  const accounts = [...options.accounts]
  const byId = new Map<string, AccountFactsInput>()
  for (const account of accounts) {
    const id = toId18(account.id)
    if (id === undefined || !isAccountId(id)) throw new Error(`fakeSalesforceOrg: not an Account id: ${account.id}`)
    if (byId.has(id)) throw new Error(`fakeSalesforceOrg: account ${id} given twice`)
    byId.set(id, account)
  }

  let session: string | undefined = options.session
  let apiRequestCount = 0
  const requests: OrgRequest[] = []
  const apiCalls: OrgRequest[] = []
  const salesforce = options.mapping
    ? { ...(options.salesforce ?? DEFAULT_SETTINGS.salesforce), fieldMapping: options.mapping }
    : (options.salesforce ?? DEFAULT_SETTINGS.salesforce)
  const mapping = salesforce.fieldMapping
  const data = orgDataFor(accounts, {
    salesforce,
    ...(options.csmOf ? { csmOf: options.csmOf } : {}),
    ...(options.records ? { extra: options.records } : {}),
    ...(options.doneAsTasks ? { doneAsTasks: true } : {})
  })
  declareDescribedFields(data)
  const hidden = new Set((options.hiddenFields ?? []).map((field) => field.toLowerCase()))
  const pageSize = options.pageSize ?? 2000
  /** Open query cursors: the rows still to give, by cursor id. */
  const cursors = new Map<string, { rows: Row[]; total: number }>()
  let cursorCount = 0
  const failures: OrgFailure[] = []
  let hangs = 0

  const account = (id: string): AccountFactsInput | undefined => {
    const id18 = toId18(id)
    return id18 === undefined ? undefined : byId.get(id18)
  }
  const accountRow = (id: string): Row | undefined => {
    const id18 = toId18(id)
    return data.rows.get("Account")?.find((row) => row.Id === id18)
  }
  const editAccount = (id: string, changes: Partial<AccountFactsInput>): void => {
    const found = account(id)
    const row = accountRow(id)
    if (!found || !row) throw new Error(`editAccount: no account ${id}`)
    const next = { ...found, ...changes }
    for (const fact of Object.keys(changes)) {
      const field = (mapping as Record<string, string | undefined>)[fact] ?? ""
      if (field === "") throw new Error(`editAccount: ${fact} is not an Account field under the mapping`)
      row[field] = valueFor(fact as MappableFact, next)
    }
    byId.set(row.Id, next)
    accounts[accounts.indexOf(found)] = next
    const last = Date.parse(String(row.SystemModstamp).replace(/\+0000$/, "Z"))
    const stamp = soqlDateTime(Math.max(Date.now(), (Number.isFinite(last) ? last : 0) + 1000))
    row.SystemModstamp = stamp
    row.LastModifiedDate = stamp
  }
  const recordUrl = (id: string, page?: LightningPage, query: Record<string, string> = {}): string => {
    const url = new URL(`https://${lightningHost}/lightning/r/Account/${toId18(id) ?? id}/view`)
    if (page !== undefined && page !== "record") url.searchParams.set("page", page)
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
    return url.href
  }
  const classicUrl = (id: string): string => `https://${apiHost}/${(toId18(id) ?? id).slice(0, 15)}`

  const pageOf = (found: AccountFactsInput, url: URL): LightningPage => {
    const chosen = options.pageFor?.({ account: found, url })
    if (chosen !== undefined) return chosen
    const asked = url.searchParams.get("page")
    return (LIGHTNING_PAGES as readonly string[]).includes(asked ?? "") ? (asked as LightningPage) : "record"
  }

  const lightningRecord = (req: FixtureRequest, id: string): FixtureResponse => {
    const found = account(id)
    if (!found) return notFoundPage("The record you're trying to view doesn't exist or has been deleted.")
    switch (pageOf(found, req.url)) {
      case "record":
        return html(lightningRecordPage(found))
      case "app-shell":
        return html(appShellPage(found, accounts))
      case "unknown-markup":
        return html(unknownMarkupPage(found))
      case "console": {
        const activeParam = req.url.searchParams.get("active")
        const active = activeParam === null ? found : account(activeParam)
        if (!active) return notFoundPage(`No account ${activeParam} for the active console tab.`)
        const otherParam = req.url.searchParams.get("other")
        const next = accounts[(accounts.indexOf(active) + 1) % accounts.length] as AccountFactsInput
        const cached = active !== found ? found : otherParam === null ? next : account(otherParam)
        if (!cached) return notFoundPage(`No account ${otherParam} for the cached console tab.`)
        return html(consolePage(active, cached))
      }
    }
  }

  /** The fields the request names (`optionalFields=Account.Name,Account.Website`), lower-cased. */
  const askedFields = (url: URL, parameter: "fields" | "optionalFields"): string[] =>
    (url.searchParams.get(parameter) ?? "")
      .split(",")
      .map((f) => f.trim())
      .filter((f) => f !== "")
      .map((f) => f.replace(/^Account\./i, ""))

  const uiApiRecord = (req: FixtureRequest, id: string): FixtureResponse => {
    apiRequestCount++
    const refused = refusal(req)
    if (refused) return refused
    const found = account(id)
    if (!found)
      return json([{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], { status: 404 })
    const stamp = accountRow(id)?.SystemModstamp
    const record = uiApiRecordFor(
      found,
      mapping,
      typeof stamp === "string"
        ? { lastModifiedDate: new Date(Date.parse(stamp.replace(/\+0000$/, "Z"))).toISOString() }
        : {}
    )
    // Field-level security: a hidden field is not there for this user.
    for (const field of Object.keys(record.fields))
      if (hidden.has(`account.${field.toLowerCase()}`)) delete record.fields[field]
    // The UI API gives text HTML-escaped (`Grand Hotels &amp; Resorts Ltd`).
    for (const [field, value] of Object.entries(record.fields))
      if (typeof value.value === "string" && ["name", "website"].includes(field.toLowerCase()))
        record.fields[field] = { value: escapeHtml(value.value), displayValue: value.displayValue }
    const required = askedFields(req.url, "fields")
    const optional = askedFields(req.url, "optionalFields")
    const known = (field: string) =>
      Object.keys(record.fields).find((name) => name.toLowerCase() === field.toLowerCase())
    const missing = required.find((field) => known(field) === undefined)
    if (missing !== undefined) {
      return json([{ errorCode: "INVALID_FIELD", message: `No such column '${missing}' on entity 'Account'.` }], {
        status: 400
      })
    }
    const wanted = new Set([...required, ...optional].map(known).filter((f): f is string => f !== undefined))
    // Like the real resource: only what was asked for (an unknown optional field is left out).
    const fields = Object.fromEntries(Object.entries(record.fields).filter(([field]) => wanted.has(field)))
    return json({ ...record, fields })
  }

  /** Salesforce's answer to an API request when one is due (failNext) or the session is not the org's. */
  const refusal = (req: FixtureRequest): FixtureResponse | undefined => {
    const failure = failures.shift()
    if (failure === "401") return json(INVALID_SESSION_BODY, { status: 401 })
    if (failure === "503")
      return json([{ errorCode: "SERVER_UNAVAILABLE", message: "Service temporarily unavailable" }], { status: 503 })
    if (failure === "REQUEST_LIMIT_EXCEEDED")
      return json([{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }], { status: 403 })
    const token = bearerToken(req)
    if (session === undefined || token !== session) return json(INVALID_SESSION_BODY, { status: 401 })
    return undefined
  }

  const queryError = (error: unknown): FixtureResponse => {
    if (error instanceof QueryFailure)
      return json([{ errorCode: error.errorCode, message: error.message }], { status: error.status })
    throw error
  }

  /** One page of rows from a cursor, as the query resource answers. */
  const queryPage = (version: string, rows: Row[], total: number, cursor?: string) => {
    const page = rows.slice(0, pageSize)
    const rest = rows.slice(pageSize)
    const answer: Record<string, unknown> = { totalSize: total, done: rest.length === 0, records: page }
    if (rest.length > 0) {
      const id = cursor?.split("-")[0] ?? `01gxx${String(++cursorCount).padStart(10, "0")}`
      const offset = total - rest.length
      cursors.set(`${id}-${offset}`, { rows: rest, total })
      answer.nextRecordsUrl = `/services/data/${version}/query/${id}-${offset}`
    }
    if (cursor !== undefined) cursors.delete(cursor)
    return answer
  }

  const runSoql = (version: string, soql: string) =>
    queryPage(
      version,
      ...((rows: Row[]) => [rows, rows.length] as const)(runQuery(data, soql, { hidden, apiVersion: version.slice(1) }))
    )

  const queryRoute = (req: FixtureRequest, version: string): FixtureResponse => {
    const refused = refusal(req)
    if (refused) return refused
    const soql = req.url.searchParams.get("q")
    if (soql === null)
      return json([{ errorCode: "MALFORMED_QUERY", message: "q: a query is required" }], { status: 400 })
    try {
      return json(runSoql(version, soql))
    } catch (error) {
      return queryError(error)
    }
  }

  const moreRoute = (req: FixtureRequest, version: string, cursor: string): FixtureResponse => {
    const refused = refusal(req)
    if (refused) return refused
    const open = cursors.get(cursor)
    if (!open) return json([{ errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator" }], { status: 400 })
    return json(queryPage(version, open.rows, open.total, cursor))
  }

  /** `POST /composite`: each GET subrequest answered as on its own (queries and chatter). */
  const compositeRoute = (req: FixtureRequest, version: string): FixtureResponse => {
    const refused = refusal(req)
    if (refused) return refused
    let body: { compositeRequest?: { method?: string; url?: string; referenceId?: string }[] }
    try {
      body = JSON.parse(req.body) as typeof body
    } catch {
      return json([{ errorCode: "JSON_PARSER_ERROR", message: "could not parse the request body" }], { status: 400 })
    }
    const subrequests = body.compositeRequest ?? []
    if (subrequests.length > 25)
      return json([{ errorCode: "INVALID_INPUT", message: "at most 25 subrequests" }], { status: 400 })
    const compositeResponse = subrequests.map((sub) => {
      const url = new URL(sub.url ?? "", `https://${apiHost}`)
      const reply = (httpStatusCode: number, answer: unknown) => ({
        body: answer,
        httpHeaders: {},
        httpStatusCode,
        referenceId: sub.referenceId ?? ""
      })
      if (sub.method !== "GET" || url.pathname !== `/services/data/${version}/query`)
        return reply(400, [{ errorCode: "INVALID_INPUT", message: "the fake org answers GET query subrequests only" }])
      try {
        return reply(200, runSoql(version, url.searchParams.get("q") ?? ""))
      } catch (error) {
        if (error instanceof QueryFailure)
          return reply(error.status, [{ errorCode: error.errorCode, message: error.message }])
        throw error
      }
    })
    return json({ compositeResponse })
  }

  /** `chatter/users/me`: the signed-in user (the parts of Chatter's User Detail the extension reads). */
  const me = options.me ?? FAKE_USER
  const meRoute = (req: FixtureRequest, version: string): FixtureResponse =>
    refusal(req) ??
    json({
      id: me.Id,
      name: me.Name,
      displayName: me.Name,
      email: me.Email ?? "",
      username: me.Username ?? "",
      type: "User",
      userType: "Internal",
      url: `/services/data/${version}/chatter/users/${me.Id}`
    })

  const urls = { recordUrl, classicUrl }
  const writes = orgWrites({ data, apiHost, refusal })
  const routes: Route[] = [
    // The request log: sees every request first, answers none.
    (req) => {
      if (req.host === lightningHost || req.host === apiHost) {
        const logged = {
          method: req.method,
          url: req.url.href,
          host: req.host,
          headers: req.headers,
          bearer: bearerToken(req),
          body: req.body
        }
        requests.push(logged)
        if (req.host === apiHost && req.url.pathname.startsWith("/services/data/")) apiCalls.push(logged)
      }
      return undefined
    },
    // hangNext: an API request that never gets an answer.
    (req) => {
      if (hangs === 0 || req.host !== apiHost || !req.url.pathname.startsWith("/services/data/")) return undefined
      hangs--
      return new Promise<never>(() => undefined)
    },
    ...writes.routes,
    route("GET", "/lightning/r/Account/:id/view", (req, { id = "" }) => lightningRecord(req, id), {
      host: lightningHost
    }),
    route(
      "GET",
      "/lightning/r/:id/view",
      (req, { id = "" }) => (isAccountId(id) ? lightningRecord(req, id) : undefined),
      { host: lightningHost }
    ),
    route("GET", "/lightning/page/home", () => html(unknownMarkupPage(undefined)), { host: lightningHost }),
    route("GET", "/demo", () => html(listPage(name, accounts, urls)), { host: lightningHost }),
    route(
      "GET",
      "/services/data/:version/ui-api/records/:id",
      (req, { version = "", id = "" }) => (/^v\d{2,3}\.0$/.test(version) ? uiApiRecord(req, id) : undefined),
      {
        host: apiHost
      }
    ),
    route(
      "GET",
      "/services/data/:version/ui-api/object-info/:object",
      (req, { version = "", object = "" }) =>
        /^v\d{2,3}\.0$/.test(version) ? (refusal(req) ?? objectInfoAnswer(object, data, hidden)) : undefined,
      { host: apiHost }
    ),
    route(
      "GET",
      "/services/data/:version/query",
      (req, { version = "" }) => (/^v\d{2,3}\.0$/.test(version) ? queryRoute(req, version) : undefined),
      { host: apiHost }
    ),
    route(
      "GET",
      "/services/data/:version/query/:cursor",
      (req, { version = "", cursor = "" }) =>
        /^v\d{2,3}\.0$/.test(version) ? moreRoute(req, version, cursor) : undefined,
      { host: apiHost }
    ),
    route(
      "POST",
      "/services/data/:version/composite",
      (req, { version = "" }) => (/^v\d{2,3}\.0$/.test(version) ? compositeRoute(req, version) : undefined),
      { host: apiHost }
    ),
    route(
      "GET",
      "/services/data/:version/chatter/users/me",
      (req, { version = "" }) => (/^v\d{2,3}\.0$/.test(version) ? meRoute(req, version) : undefined),
      { host: apiHost }
    ),
    route(
      "GET",
      "/:id",
      (_req, { id = "" }) => {
        if (toId18(id) === undefined || !isAccountId(id)) return undefined
        const found = account(id)
        return found
          ? html(classicPage(found))
          : notFoundPage("Data Not Available: the data you were trying to access could not be found.")
      },
      { host: apiHost }
    )
  ]

  return {
    name,
    lightningOrigin: `https://${lightningHost}`,
    apiOrigin: `https://${apiHost}`,
    routes,
    accounts,
    get session() {
      return session
    },
    requests,
    get apiRequestCount() {
      return apiRequestCount
    },
    apiCalls,
    data,
    writes,
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure)
    },
    hangNext(count) {
      hangs += count
    },
    setSession(value) {
      session = value
    },
    expireSession() {
      session = undefined
    },
    account,
    editAccount,
    recordUrl,
    classicUrl,
    listUrl: `https://${lightningHost}/demo`,
    homeUrl: `https://${lightningHost}/lightning/page/home`
  }
}

/**
 * Signs the browser in to the org, as a login would: the `sid` cookie of
 * `https://<org>.my.salesforce.com` (secure, httpOnly, SameSite=None), the cookie the extension's
 * background reads with `chrome.cookies`.
 */
export async function addSessionCookie(
  context: BrowserContext,
  org: string,
  session: string,
  options: { proxied?: boolean } = {}
): Promise<void> {
  await context.addCookies([
    {
      name: "sid",
      value: session,
      domain: `${org.toLowerCase()}.my.salesforce.com${options.proxied === true ? ".mcas.ms" : ""}`,
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "None"
    }
  ])
}

/**
 * A `fetch` answered by the org's routes in this process, no browser or server: unit tests and
 * the bench drive the background's Salesforce client against the fake org with it. Only the
 * org's own hosts answer; any other URL is a network error, like a refused connection.
 */
export function fetchFromOrg(org: FakeSalesforceOrg): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>))
      headers[name.toLowerCase()] = value
    const req = {
      method: (init.method ?? "GET").toUpperCase(),
      url,
      host: url.hostname,
      family: undefined,
      headers,
      body: typeof init.body === "string" ? init.body : "",
      raw: undefined as never
    } satisfies FixtureRequest
    for (const answer of org.routes) {
      const response = await answer(req, url, url.hostname)
      if (response !== undefined)
        return new Response(
          // A 204 has no body at all (Response refuses even an empty one).
          response.status === 204
            ? null
            : typeof response.body === "string" || response.body === undefined
              ? (response.body ?? "")
              : new TextDecoder().decode(response.body),
          { status: response.status ?? 200, headers: response.headers ?? {} }
        )
    }
    throw new TypeError(`Failed to fetch ${url.href}`)
  }) as typeof fetch
}
