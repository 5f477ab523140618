/**
 * Reliability and security of the built extension in Chromium (issue #7):
 * - hostile account names and field values, served by the fake org's UI API, reach the Salesforce
 *   panel and the popup as text: no script of theirs runs (`window.__pwned` stays unset, no
 *   dialog, no CSP violation);
 * - two tabs checking and unchecking steps of one account, interleaved, end in one state: both
 *   panels and the database agree;
 * - the org's session (the `sid` cookie) never reaches a page, a content script or another host,
 *   and an expired session shows a message instead of retrying in a loop;
 * - least privilege, read from the built manifest and files: Salesforce and Gmail hosts only, no
 *   remote code, no eval;
 * - host safety: garbage from the UI API or markup the extension does not know never surfaces as
 *   an error in the host page, and unknown markup is "not detected" (Gmail: no compose panel).
 *
 * No assertion depends on timing; waits poll for a state.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"

import type { CDPSession, Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { plusDays, todayIn } from "~/src/domain/dates"
import type { AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { eventOf } from "~/src/domain/write-back"
import { SALESFORCE_ERROR_KINDS } from "~/src/domain/salesforce-errors"
import { OPTIONAL_SALESFORCE_ORIGINS } from "~/src/hosts/salesforce/url"
import { AccountView } from "~/src/messages/protocol"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import {
  collectPageErrors,
  EXTENSION_DIR,
  fixture,
  html,
  panelLocator,
  readBuiltManifest,
  route,
  SALESFORCE_SHADOW_HOST_ID,
  setOpenShadowRoots,
  setupExtensionEnvironment,
  type ExtensionEnvironment
} from "./harness"

const SESSION = "00Dxx0000001gEREAY!sec.t0k3n.5e55i0n.9f2"
const WAIT = { timeout: 20_000 }
const GMAIL_HOST_ID = "sop-pilot-gmail"
const today = todayIn()
const book = demoBook(today)
const byName = (name: string): AccountFactsInput => {
  const found = book.find((account) => account.name === name)
  if (!found) throw new Error(`no demo account named ${name}`)
  return found
}
const id18 = (account: AccountFactsInput): string => toId18(account.id) as string

// ── Hostile accounts: every payload sets window.__pwned (or opens a dialog) if it ever runs ──

const base = {
  products: ["learning"],
  mrr: 300,
  users: 12,
  serviceLevel: "basic",
  assignedOn: plusDays(today, -2)
} satisfies Partial<AccountFactsInput>
const LONG = "W".repeat(10_000)
const HOSTILE: AccountFactsInput[] = [
  {
    ...base,
    id: "001Hs00002SEC01",
    name: `<img src=x onerror="window.__pwned='img'">`,
    website: "javascript:window.__pwned='website'//"
  },
  {
    ...base,
    id: "001Hs00002SEC02",
    name: `"><script>window.__pwned='script'</script><svg onload=alert(1)>`,
    website: `"><img src=x onerror=window.__pwned='attr'>`
  },
  {
    ...base,
    id: "001Hs00002SEC03",
    name: "{{accountName}} {{constructor.constructor('window.__pwned=1')()}} ${window.__pwned='tpl'}",
    website: "https://{{csmName}}.example"
  },
  {
    ...base,
    id: "001Hs00002SEC04",
    name: `${LONG}<img src=x onerror="window.__pwned='long'">`,
    website: `https://example.com/${LONG}`
  }
]
/** The name the panel should show: the long one is no Account Name (max 255) and falls back to the id. */
const shownName = (account: AccountFactsInput): string => (account.name.length > 255 ? id18(account) : account.name)

/** Answered instead of the org's UI API for these accounts: what a broken proxy or API might send. */
const GARBAGE: Record<string, { status: number; headers: Record<string, string>; body: string }> = {
  [toId18("001Hs00002GRB01") as string]: {
    status: 200,
    headers: { "content-type": "application/json" },
    body: '{"fields": {"Name": {"value": '
  },
  [toId18("001Hs00002GRB02") as string]: {
    status: 200,
    headers: { "content-type": "text/html" },
    body: "<html><body><h1>Maintenance</h1><script>window.__pwned='api'</script></body></html>"
  },
  [toId18("001Hs00002GRB03") as string]: {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: 42, fields: [1, 2, 3], apiName: { nested: "<img src=x onerror=alert(1)>" } })
  },
  [toId18("001Hs00002GRB04") as string]: {
    status: 500,
    headers: { "content-type": "application/json" },
    body: JSON.stringify([{ errorCode: "UNKNOWN_EXCEPTION", message: "<b>boom</b>".repeat(500) }])
  }
}
const GARBAGE_ACCOUNTS: AccountFactsInput[] = Object.keys(GARBAGE).map((id, i) => ({
  ...base,
  id,
  name: `Garbage Answer ${i + 1}`
}))

const org = fakeSalesforceOrg({ org: "acme", accounts: [...book, ...HOSTILE, ...GARBAGE_ACCOUNTS], session: SESSION })
/** Where acme's accounts live: with the id, their key in the extension's cache. */
const API_HOST = "https://acme.my.salesforce.com"
/**
 * A hostile org whose page names one of acme's account ids (issue #17): it must get its own
 * account, never acme's cached name, MRR or hand-entered contacts.
 */
const EVIL_SESSION = "00Dxx0000009EVLEAA!evil.s3ss10n"
const STOLEN = byName("Acme Dental Group")
const evilOrg = fakeSalesforceOrg({
  org: "evil",
  accounts: [{ ...STOLEN, name: "Evil Corp", mrr: 1, contactEmails: [] }],
  session: EVIL_SESSION
})

/** Markup neither host layer knows, with things that look like what they look for. */
const UNKNOWN_GMAIL = `<!DOCTYPE html><html><head><title>Mail</title></head><body>
  <div class="zz-app"><div role="dialog" aria-label="New message"><div contenteditable="true">Hello</div></div>
  <div role="main"><table><tr><td>Inbox</td></tr></table></div><form><input name="q"></form></div></body></html>`
const UNKNOWN_LIGHTNING = `<!DOCTYPE html><html><body><div class="slds-weird"><h1>Acme <i>Health</i></h1>
  <records-record-layout-item><span>Name</span></records-record-layout-item></div><p>no head, no title</p></body></html>`

const env = setupExtensionEnvironment({
  routes: [
    route("GET", "/services/data/:version/ui-api/records/:id", (_req, { id = "" }) => GARBAGE[toId18(id) ?? ""], {
      host: "salesforce"
    }),
    ...org.routes,
    ...evilOrg.routes,
    route("GET", "/lightning/o/Account/list", () => html(UNKNOWN_LIGHTNING), { host: "lightning" }),
    route(
      "GET",
      /^\/mail\/u\/\d+\/$/,
      (req) =>
        req.url.searchParams.get("fixture") === "unknown"
          ? html(UNKNOWN_GMAIL)
          : fixture("gmail/2026-11-25-compose-new-message.html"),
      { host: "gmail" }
    )
  ]
})

let prepared: Promise<ExtensionEnvironment> | undefined
/** Signed in to the org, with a CSP-violation and dialog recorder in every page (once per file). */
function ready(): Promise<ExtensionEnvironment> {
  const current = env()
  prepared ??= (async () => {
    await addSessionCookie(current.ext.context, org.name, SESSION)
    await addSessionCookie(current.ext.context, evilOrg.name, EVIL_SESSION)
    await current.ext.context.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] }
      w.__cspViolations = []
      document.addEventListener(
        "securitypolicyviolation",
        (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
        true
      )
    })
    return current
  })()
  return prepared
}

interface Watched {
  page: Page
  errors: string[]
  dialogs: string[]
}

async function withPage<T>(run: (w: Watched) => Promise<T>): Promise<T> {
  const { ext } = await ready()
  const page = await ext.context.newPage()
  const log = collectPageErrors(page)
  const dialogs: string[] = []
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  try {
    return await run({ page, errors: log.errors, dialogs })
  } finally {
    log.detach()
    await page.close()
  }
}

/** Nothing ran: no flag in the page's main world, no dialog, no CSP violation, no page error. */
async function expectNothingRan(w: Watched): Promise<void> {
  const state = await w.page.evaluate(() => {
    const win = window as unknown as { __pwned?: unknown; __cspViolations?: string[] }
    return { pwned: win.__pwned ?? null, csp: win.__cspViolations ?? null }
  })
  expect(state.pwned).toBeNull()
  expect(state.csp).toEqual([])
  expect(w.dialogs).toEqual([])
  expect(w.errors).toEqual([])
}

interface PanelReading {
  accountId: string
  stage: string
  apiState: string | null
  apiText: string
  notDetected: boolean
  crashed: boolean
  text: string
  html: string
  elements: string[]
  steps: { key: string; checked: boolean }[]
}

function readPanel(page: Page): Promise<PanelReading | null> {
  return page.evaluate((hostId) => {
    const root = document.getElementById(hostId)?.shadowRoot
    const panel = root?.querySelector('[data-testid="sop-panel"]')
    if (!root || !panel) return null
    const api = panel.querySelector('[data-testid="api-status"]')
    return {
      accountId: panel.getAttribute("data-account-id") ?? "",
      stage: panel.getAttribute("data-stage") ?? "",
      apiState: api?.getAttribute("data-state") ?? null,
      apiText: (api?.textContent ?? "").trim(),
      notDetected: panel.querySelector('[data-testid="not-detected"]') !== null,
      crashed: root.querySelector('[data-testid="sop-panel-error"]') !== null,
      text: panel.textContent ?? "",
      html: root.innerHTML,
      elements: Array.from(
        root.querySelectorAll("img, script, iframe, object, embed, svg image, a[href^='javascript:' i]")
      ).map((el) => el.outerHTML.slice(0, 120)),
      steps: Array.from(panel.querySelectorAll<HTMLElement>("li[data-key]")).map((li) => ({
        key: li.dataset.key ?? "",
        checked: li.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked ?? false
      }))
    }
  }, SALESFORCE_SHADOW_HOST_ID)
}

/** Waits until the panel shows the account's plan (a stage) with the Salesforce read in one of `states`. */
async function panelFor(page: Page, accountId: string, states: string[] = ["ok"]): Promise<PanelReading> {
  await expect
    .poll(async () => {
      const panel = await readPanel(page)
      return (
        panel !== null && panel.accountId === accountId && panel.stage !== "" && states.includes(panel.apiState ?? "")
      )
    }, WAIT)
    .toBe(true)
  return (await readPanel(page)) as PanelReading
}

// ── The content script's own world, through the DevTools protocol ────────────────────────────

/** Evaluates code in the extension's content-script world (isolated) of a page. */
async function contentScriptWorld(
  page: Page
): Promise<{ cdp: CDPSession; evaluate: <T>(expression: string) => Promise<T> }> {
  const { ext } = await ready()
  const cdp = await ext.context.newCDPSession(page)
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = []
  cdp.on("Runtime.executionContextCreated", (event: { context: (typeof contexts)[number] }) =>
    contexts.push(event.context)
  )
  await cdp.send("Runtime.enable")
  const origin = `chrome-extension://${ext.extensionId}`
  let world: number | undefined
  await expect
    .poll(() => (world = contexts.filter((c) => c.origin === origin && c.auxData?.type === "isolated").pop()?.id), WAIT)
    .toBeDefined()
  return {
    cdp,
    evaluate: async <T>(expression: string): Promise<T> => {
      const answer = (await cdp.send("Runtime.evaluate", {
        expression,
        contextId: world,
        awaitPromise: true,
        returnByValue: true
      })) as {
        result: { value?: unknown }
        exceptionDetails?: { text: string; exception?: { description?: string } }
      }
      if (answer.exceptionDetails)
        throw new Error(
          `content-script world: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`
        )
      return answer.result.value as T
    }
  }
}

/** Reads the extension's progress rows for an account straight from its database (extension origin). */
async function progressInDatabase(accountId: string): Promise<Record<string, boolean>> {
  const { ext } = await ready()
  const page = await ext.context.newPage()
  try {
    await page.goto(ext.extensionUrl("manifest.json"))
    return await page.evaluate(
      ([id, apiHost]) =>
        new Promise<Record<string, boolean>>((resolve, reject) => {
          const open = indexedDB.open("sop-pilot")
          open.onupgradeneeded = () => reject(new Error("the extension's database does not exist"))
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const request = open.result
              .transaction("orgProgress")
              .objectStore("orgProgress")
              .index("[apiHost+accountId]")
              .getAll([apiHost, id])
            request.onsuccess = () => {
              open.result.close()
              resolve(
                Object.fromEntries(
                  (request.result as { key: string; done: boolean }[]).map((row) => [row.key, row.done])
                )
              )
            }
            request.onerror = () => reject(request.error)
          }
        }),
      [accountId, API_HOST] as const
    )
  } finally {
    await page.close()
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────

describe("hostile content is shown as text", () => {
  it.each(HOSTILE.map((account, i) => [i + 1, account] as const))(
    "hostile account %i: as text in the Salesforce panel, nothing runs",
    async (_, account) => {
      await withPage(async (w) => {
        await w.page.goto(org.recordUrl(account.id))
        const panel = await panelFor(w.page, id18(account))
        expect(panel.text).toContain(shownName(account))
        expect(panel.elements).toEqual([])
        expect(panel.crashed).toBe(false)
        // The long value never reached the panel as a name (Account Names stop at 255 characters).
        if (account.name.length > 255) expect(panel.text).not.toContain(LONG)
        await expectNothingRan(w)
      })
    }
  )

  it("a hostile website entered by hand is text too", async () => {
    const account = HOSTILE[0] as AccountFactsInput
    const { ext } = await ready()
    const control = await ext.context.newPage()
    try {
      await control.goto(ext.extensionUrl("manifest.json"))
      const answer = await control.evaluate(
        ([id, apiHost]) =>
          chrome.runtime.sendMessage({
            name: "fact.set",
            accountId: id,
            apiHost,
            fact: "website",
            value: `javascript:window.__pwned='manual'//<img src=x onerror=alert(2)>`
          }),
        [id18(account), API_HOST] as const
      )
      expect(answer).toMatchObject({ ok: true })
    } finally {
      await control.close()
    }
    await withPage(async (w) => {
      await w.page.goto(org.recordUrl(account.id))
      const panel = await panelFor(w.page, id18(account))
      expect(panel.elements).toEqual([])
      await expectNothingRan(w)
    })
  })

  it("the popup lists the hostile accounts and shows the current one as text, nothing runs", async () => {
    const { ext } = await ready()
    const record = await ext.context.newPage()
    try {
      await record.goto(org.recordUrl(HOSTILE[1]?.id as string))
      await panelFor(record, id18(HOSTILE[1] as AccountFactsInput))
      await withPage(async (w) => {
        await w.page.goto(ext.extensionUrl("manifest.json"))
        const recordTab = await w.page.evaluate(
          async (url) => (await chrome.tabs.query({ url })).map((tab) => tab.id)[0],
          org.recordUrl(HOSTILE[1]?.id as string)
        )
        expect(recordTab).toBeTypeOf("number")
        await w.page.goto(ext.extensionUrl(`popup.html?tab=${recordTab}`))
        await expect
          .poll(() => w.page.getByTestId("current-account").getAttribute("data-account-id"), WAIT)
          .toBe(id18(HOSTILE[1] as AccountFactsInput))
        // Every hostile account is in the book (the search narrows the windowed list to them).
        for (const account of HOSTILE) {
          await w.page.locator('input[data-filter="query"]').fill(id18(account))
          await expect.poll(() => w.page.locator(`li[data-account-id="${id18(account)}"]`).count(), WAIT).toBe(1)
          const row = await w.page.locator(`li[data-account-id="${id18(account)}"]`).textContent()
          expect(row).toContain(shownName(account).slice(0, 200))
        }
        const card = await w.page.getByTestId("current-account").textContent()
        expect(card).toContain(HOSTILE[1]?.name)
        const injected = await w.page.evaluate(() =>
          Array.from(
            document.querySelectorAll("main img, main script, main iframe, main a[href^='javascript:' i]")
          ).map((el) => el.outerHTML)
        )
        expect(injected).toEqual([])
        await expectNothingRan(w)
      })
    } finally {
      await record.close()
    }
  })
})

describe("two tabs on one account", () => {
  /** Both panels show these states for the steps (and the database holds them). */
  async function expectSame(tabs: Page[], accountId: string, expected: Record<string, boolean>): Promise<void> {
    for (const tab of tabs) {
      await expect
        .poll(async () => {
          const panel = await readPanel(tab)
          return Object.fromEntries(
            (panel?.steps ?? []).filter((s) => s.key in expected).map((s) => [s.key, s.checked])
          )
        }, WAIT)
        .toEqual(expected)
    }
    const stored = await progressInDatabase(accountId)
    for (const [key, done] of Object.entries(expected)) expect(stored[key] ?? false, `database: ${key}`).toBe(done)
  }

  it("interleaved check-offs and un-checks from two tabs end in one state, in both tabs and in the database", async () => {
    const account = byName("Acme Dental Group")
    const accountId = id18(account)
    const { ext } = await ready()
    const [a, b] = [await ext.context.newPage(), await ext.context.newPage()]
    try {
      await a.goto(org.recordUrl(account.id))
      await b.goto(org.recordUrl(account.id))
      const panel = await panelFor(a, accountId)
      await panelFor(b, accountId)
      const keys = panel.steps
        .filter((s) => !s.checked)
        .map((s) => s.key)
        .slice(0, 3)
      expect(keys).toHaveLength(3)
      const [k1, k2, k3] = keys as [string, string, string]
      // Each tab acts on what it shows: it waits until the step is as the last action left it, then
      // sets it, without waiting for its own write before the other tab acts.
      const actions: [Page, string, boolean][] = [
        [a, k1, true],
        [b, k2, true],
        [a, k3, true],
        [b, k1, false],
        [a, k2, false],
        [b, k3, false],
        [a, k1, true],
        [b, k2, true]
      ]
      const state: Record<string, boolean> = { [k1]: false, [k2]: false, [k3]: false }
      for (const [tab, key, done] of actions) {
        const box = panelLocator(tab, `li[data-key="${key}"] input[type="checkbox"]`)
        await expect.poll(() => box.isChecked(), WAIT).toBe(state[key])
        await box.click()
        state[key] = done
      }
      await expectSame([a, b], accountId, state)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it("a burst of step.set from both tabs' content scripts, not awaited, converges: both panels = the database", async () => {
    const account = byName("Bright Smiles Orthodontics")
    const accountId = id18(account)
    const { ext } = await ready()
    const [a, b] = [await ext.context.newPage(), await ext.context.newPage()]
    try {
      await a.goto(org.recordUrl(account.id))
      await b.goto(org.recordUrl(account.id))
      const panel = await panelFor(a, accountId)
      await panelFor(b, accountId)
      // Not event steps: checking ON7 records the call and moves the plan on (issue 12), so the
      // steps would leave the panel; this test is about concurrent check-offs converging.
      const keys = panel.steps
        .filter((s) => !s.checked && eventOf(s.key) === undefined)
        .map((s) => s.key)
        .slice(0, 4)
      expect(keys.length).toBeGreaterThanOrEqual(2)
      const worlds = [await contentScriptWorld(a), await contentScriptWorld(b)]
      // 24 requests, alternating tabs; each tab fires its twelve without waiting for any answer.
      const plan = Array.from({ length: 24 }, (_, i) => ({
        tab: i % 2,
        key: keys[i % keys.length] as string,
        done: (i * 7) % 3 !== 0
      }))
      const sends = worlds.map((world, tab) =>
        world.evaluate<number>(`(async () => {
          const requests = ${JSON.stringify(plan.filter((p) => p.tab === tab).map((p) => ({ name: "step.set", accountId, apiHost: API_HOST, key: p.key, done: p.done })))}
          const answers = await Promise.all(requests.map((request) => chrome.runtime.sendMessage(request)))
          return answers.filter((answer) => answer && answer.ok).length
        })()`)
      )
      expect(await Promise.all(sends)).toEqual([12, 12])
      for (const world of worlds) await world.cdp.detach()
      // Whatever order the background took them in, both tabs end showing what the database holds.
      const sorted = (state: Record<string, boolean>) =>
        JSON.stringify(Object.entries(state).sort(([x], [y]) => x.localeCompare(y)))
      await expect
        .poll(async () => {
          const stored = await progressInDatabase(accountId)
          const db = Object.fromEntries(keys.map((key) => [key, stored[key] ?? false]))
          const shown = await Promise.all(
            [a, b].map(async (tab) =>
              Object.fromEntries(
                ((await readPanel(tab))?.steps ?? []).filter((s) => keys.includes(s.key)).map((s) => [s.key, s.checked])
              )
            )
          )
          return { a: shown[0] ?? {}, b: shown[1] ?? {}, db }
        }, WAIT)
        .toSatisfy(
          (seen: { a: Record<string, boolean>; b: Record<string, boolean>; db: Record<string, boolean> }) =>
            sorted(seen.a) === sorted(seen.db) && sorted(seen.b) === sorted(seen.db)
        )
    } finally {
      await a.close()
      await b.close()
    }
  })
})

describe("the Salesforce session", () => {
  /** Every key of a zod schema as a dotted path (nested objects, arrays, records, unions), with its type. */
  function schemaKeys(schema: unknown, path = "", seen = new Set<unknown>()): { path: string; type: string }[] {
    if (!schema || typeof schema !== "object" || seen.has(schema)) return []
    seen.add(schema)
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def
    if (!def) return []
    const keys: { path: string; type: string }[] = []
    const shape = def.shape as Record<string, unknown> | undefined
    if (shape) {
      for (const [key, value] of Object.entries(shape)) {
        keys.push(
          { path: `${path}${key}`, type: String((value as { _zod?: { def?: { type?: string } } })._zod?.def?.type) },
          ...schemaKeys(value, `${path}${key}.`, seen)
        )
      }
    }
    for (const inner of [def.innerType, def.element, def.valueType, def.in, def.out])
      keys.push(...schemaKeys(inner, path, seen))
    for (const option of (def.options as unknown[] | undefined) ?? []) keys.push(...schemaKeys(option, path, seen))
    return keys
  }

  it("account.view's answer has no field for a token, and the messages a content script receives never carry the session", async () => {
    const keys = schemaKeys(AccountView)
    expect(keys.map((k) => k.path)).toEqual(expect.arrayContaining(["accountId", "plan.steps.key", "api.state"]))
    expect(
      keys.filter((k) =>
        /token|cookie|auth|bearer|secret|password|credential|^sid$|session_?id/i.test(k.path.split(".").pop() ?? "")
      )
    ).toEqual([])
    // The one "session" is a training session's number.
    expect(keys.filter((k) => /session/i.test(k.path))).toEqual([{ path: "plan.trainingPlan.session", type: "number" }])

    const [first, second] = [byName("Cedar Valley Clinic"), byName("Evergreen Surgical")]
    await withPage(async (w) => {
      await w.page.goto(org.recordUrl(first.id, "app-shell"))
      await panelFor(w.page, id18(first))
      const world = await contentScriptWorld(w.page)
      // Record every answer and push the content script gets from now on.
      await world.evaluate(`(() => {
        globalThis.__received = []
        const send = chrome.runtime.sendMessage.bind(chrome.runtime)
        chrome.runtime.sendMessage = (...args) => send(...args).then((answer) => (globalThis.__received.push(JSON.stringify(answer)), answer))
        chrome.runtime.onMessage.addListener((message) => { globalThis.__received.push(JSON.stringify(message)); return false })
        return true
      })()`)
      // In-app navigation (a Salesforce read with the session) and a check-off (a push).
      await w.page.locator(`a[data-app-nav][href="/lightning/r/Account/${id18(second)}/view"]`).click()
      const panel = await panelFor(w.page, id18(second))
      const open = panel.steps.find((s) => !s.checked)
      if (!open) throw new Error("no open step")
      await panelLocator(w.page, `li[data-key="${open.key}"] input[type="checkbox"]`).click()
      await expect
        .poll(
          () => world.evaluate<number>("globalThis.__received.filter((m) => m.includes('account.changed')).length"),
          WAIT
        )
        .toBeGreaterThan(0)
      const received = await world.evaluate<string[]>("globalThis.__received")
      // Leave it as it was (a checked wrap-up step leaves the checklist: no box to click).
      await world.evaluate(
        `chrome.runtime.sendMessage(${JSON.stringify({ name: "step.set", accountId: id18(second), apiHost: API_HOST, key: open.key, done: false })})`
      )
      await world.cdp.detach()
      expect(received.some((m) => m.includes(id18(second)))).toBe(true)
      expect(received.filter((m) => m.includes(SESSION))).toEqual([])

      // The page's main world: not in its DOM, its cookies, or the panel's (open) shadow root.
      const seen = await w.page.evaluate(
        ([hostId, session]) => ({
          dom: document.documentElement.outerHTML.includes(session),
          cookie: document.cookie.includes(session),
          shadow: (document.getElementById(hostId)?.shadowRoot?.innerHTML ?? "").includes(session),
          storage: JSON.stringify({ ...localStorage, ...sessionStorage }).includes(session)
        }),
        [SALESFORCE_SHADOW_HOST_ID, SESSION] as const
      )
      expect(seen).toEqual({ dom: false, cookie: false, shadow: false, storage: false })
    })
  })

  it("the session goes only to the org's my.salesforce.com host: never to Lightning, Gmail or any other host", async () => {
    const { server } = await ready()
    await withPage(async (w) => {
      // A Classic page is served by the very host the cookie belongs to: it is httpOnly there too.
      await w.page.goto(org.classicUrl(byName("Lakeside Family Practice").id))
      await panelFor(w.page, id18(byName("Lakeside Family Practice")))
      expect(await w.page.evaluate((session) => document.cookie.includes(session), SESSION)).toBe(false)
      await w.page.goto("https://mail.google.com/mail/u/0/?fixture=new-message#inbox")
      await w.page.locator(`#${GMAIL_HOST_ID}`).waitFor({ state: "attached", ...WAIT })
    })
    const apiHost = new URL(org.apiOrigin).host
    const carrying = server.requests.filter((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`.includes(SESSION))
    expect(carrying.length).toBeGreaterThan(0)
    expect([...new Set(carrying.map((r) => r.host))]).toEqual([apiHost])
    // As a Bearer token to the REST API only: the UI API record, the composite of related queries,
    // and what writing back asks and writes (the user, a query for an existing [SOP] Task, the
    // Task itself); the browser adds the cookie itself on the API host's pages.
    const bearers = server.requests.filter((r) => (r.headers.authorization ?? "").includes(SESSION))
    expect(bearers.length).toBeGreaterThan(0)
    const api =
      /^\/services\/data\/v\d{2,3}\.0\/(ui-api\/records(\/|$)|composite$|query$|sobjects\/Task(\/|$)|chatter\/users\/me$)/
    expect(bearers.every((r) => r.host === apiHost && api.test(new URL(r.url).pathname))).toBe(true)
  })

  it("an expired session shows a message, not an error loop: at most 2 UI API requests for the page", async () => {
    const account = byName("Harbor Urgent Care")
    const path = `/ui-api/records/${id18(account)}`
    await ready()
    org.expireSession()
    try {
      await withPage(async (w) => {
        const before = org.requests.filter((r) => r.url.includes(path)).length
        await w.page.goto(org.recordUrl(account.id))
        const panel = await panelFor(w.page, id18(account), ["unauthorized"])
        expect(panel.apiText).not.toBe("")
        await expect(panelLocator(w.page, '[data-testid="api-status"]').isVisible()).resolves.toBe(true)
        // Two seconds later the panel still has not asked again (more than twice).
        await w.page.waitForTimeout(2_000)
        const asked = org.requests.filter((r) => r.url.includes(path)).length - before
        expect(asked).toBeGreaterThanOrEqual(1)
        expect(asked).toBeLessThanOrEqual(2)
        expect((await readPanel(w.page))?.apiState).toBe("unauthorized")
        await expectNothingRan(w)
      })
    } finally {
      org.setSession(SESSION)
    }
  })
})

describe("least privilege: the built extension", () => {
  // Required: the two default Salesforce hosts and Gmail. Optional (granted by the CSM, issue 14):
  // the other Salesforce clouds and the .mcas.ms proxy, never anything broader.
  const ALLOWED_HOSTS = [
    "https://*.lightning.force.com/*",
    "https://*.my.salesforce.com/*",
    "https://mail.google.com/*",
    ...OPTIONAL_SALESFORCE_ORIGINS
  ]
  const withinAllowed = (pattern: string) => {
    const match = /^https:\/\/([^/]+)\/(.*)$/.exec(pattern)
    if (!match) return false
    const host = match[1] as string
    return host === "mail.google.com" || /^\*\.(lightning\.force\.com|my\.salesforce\.com)$/.test(host)
  }
  const builtFiles = (ext: string): string[] => {
    const out: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (name.endsWith(ext)) out.push(path)
      }
    }
    walk(EXTENSION_DIR)
    return out
  }

  it("asks for the Salesforce and Gmail hosts only, and runs content scripts there only", () => {
    const manifest = readBuiltManifest() as chrome.runtime.ManifestV3 & { optional_host_permissions?: string[] }
    const hosts = [...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])]
    expect(hosts.length).toBeGreaterThan(0)
    for (const host of hosts) {
      expect(host, "host permission").not.toMatch(/<all_urls>|^\*:\/\/\*|^https?:\/\/\*\//)
      expect(ALLOWED_HOSTS, `host permission ${host}`).toContain(host)
    }
    expect(manifest.permissions ?? []).not.toContain("<all_urls>")
    expect(manifest.permissions ?? []).not.toEqual(
      expect.arrayContaining(["tabs", "webRequest", "debugger", "scripting", "history", "management"])
    )
    const scripts = manifest.content_scripts ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) {
      for (const pattern of [...(script.matches ?? []), ...(script.include_globs ?? [])])
        expect(withinAllowed(pattern), `content script match ${pattern}`).toBe(true)
      expect(script.all_frames ?? false).toBe(false)
    }
  })

  it("exposes no code to web pages and loads no remote code", () => {
    const manifest = readBuiltManifest() as chrome.runtime.ManifestV3 & {
      externally_connectable?: { matches?: string[] }
    }
    for (const entry of manifest.web_accessible_resources ?? []) {
      const broad = (entry.matches ?? []).some((m) => /<all_urls>|^\*:\/\/\*|^https?:\/\/\*\//.test(m))
      const code = entry.resources.filter((r) => /\.(js|mjs|html?|wasm)$|\*/.test(r))
      expect({ broad, code }, "web_accessible_resources").toEqual({ broad: false, code: [] })
    }
    expect(manifest.externally_connectable?.matches ?? []).toEqual([])
    const csp = manifest.content_security_policy
    for (const policy of [csp?.extension_pages, csp?.sandbox]) {
      if (policy === undefined) continue
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/)
    }
    for (const page of builtFiles(".html")) {
      const markup = readFileSync(page, "utf8")
      for (const match of markup.matchAll(/<script\b[^>]*>/gi)) {
        const src = /\ssrc="([^"]*)"/.exec(match[0])?.[1]
        expect(src, `${relative(EXTENSION_DIR, page)}: inline script`).toBeDefined()
        expect(src, `${relative(EXTENSION_DIR, page)}: remote script`).not.toMatch(/^(https?:)?\/\//i)
      }
    }
  })

  it("has no eval or new Function in its code, except zod's probe, which jitless turns off", () => {
    const files = builtFiles(".js")
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const code = readFileSync(file, "utf8")
      const name = relative(EXTENSION_DIR, file)
      expect(code.match(/(?<![\w$.])eval\s*\(/g), `${name}: eval(`).toBeNull()
      expect(code.match(/new\s+Function\s*\(/g), `${name}: new Function(`).toBeNull()
      // The Function constructor under another name: only in zod, where `jitless` (src/setup/zod-csp.ts)
      // keeps both uses off: its CSP probe (`allowsEval`, which returns early under jitless) and its
      // fast-path compiler (`Doc.compile`, only called when that probe said yes).
      for (const match of code.matchAll(/=\s*Function\s*[;,)]/g)) {
        const before = code.slice(Math.max(0, (match.index ?? 0) - 300), match.index)
        expect(
          /jitless/.test(before) || /compile\(\)\{(let|const|var) [\w$]+$/.test(before),
          `${name}: Function constructor outside zod: …${before.slice(-120)}`
        ).toBe(true)
      }
    }
  })

  it("reports no CSP violation on its pages or the hosts' pages (zod's probe never runs)", async () => {
    const { ext } = await ready()
    for (const url of [
      ext.extensionUrl("popup.html"),
      ext.extensionUrl("options.html"),
      org.recordUrl(byName("Delta Home Health").id),
      "https://mail.google.com/mail/u/0/?fixture=new-message#inbox"
    ]) {
      await withPage(async (w) => {
        await w.page.goto(url)
        await w.page.waitForLoadState("load")
        if (url.includes("lightning")) await panelFor(w.page, id18(byName("Delta Home Health")))
        else if (url.includes("mail.google"))
          await w.page.locator(`#${GMAIL_HOST_ID}`).waitFor({ state: "attached", ...WAIT })
        else await w.page.locator("main, form, h1").first().waitFor(WAIT)
        expect(
          await w.page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations),
          url
        ).toEqual([])
      })
    }
  })
})

describe("host safety", () => {
  it.each(GARBAGE_ACCOUNTS.map((account, i) => [i + 1, account] as const))(
    "garbage answer %i from the UI API: a status message, no page error",
    async (_, account) => {
      await withPage(async (w) => {
        await w.page.goto(org.recordUrl(account.id))
        await expect
          .poll(async () => (await readPanel(w.page))?.apiState ?? "", WAIT)
          .toMatch(new RegExp(`^(${SALESFORCE_ERROR_KINDS.filter((k) => k !== "no_session").join("|")})$`))
        const panel = (await readPanel(w.page)) as PanelReading
        expect(panel.accountId).toBe(id18(account))
        expect(panel.crashed).toBe(false)
        expect(panel.apiText).not.toBe("")
        expect(panel.elements).toEqual([])
        expect(panel.html).not.toContain("<b>boom</b>")
        await expectNothingRan(w)
      })
    }
  )

  it('Salesforce: markup the extension does not know, without a record, is "not detected", without page errors', async () => {
    for (const url of [org.homeUrl, `${org.lightningOrigin}/lightning/o/Account/list`]) {
      await withPage(async (w) => {
        await w.page.goto(url)
        await panelLocator(w.page, '[data-action="expand-panel"]').click()
        await panelLocator(w.page, '[data-testid="not-detected"]').waitFor(WAIT)
        expect(await readPanel(w.page)).toMatchObject({ accountId: "", notDetected: true, crashed: false, steps: [] })
        await w.page.waitForLoadState("load")
        await expectNothingRan(w)
      })
    }
  })

  it("Gmail: markup the extension does not know shows no compose panel, without page errors", async () => {
    await withPage(async (w) => {
      await w.page.goto("https://mail.google.com/mail/u/0/?fixture=unknown#inbox")
      await w.page.locator(`#${GMAIL_HOST_ID}`).waitFor({ state: "attached", ...WAIT })
      await w.page.waitForLoadState("load")
      // Mutations a real Gmail would make: still nothing to attach to.
      await w.page.evaluate(() => {
        const dialog = document.querySelector('[role="dialog"]')
        for (let i = 0; i < 50; i++)
          dialog?.append(Object.assign(document.createElement("div"), { textContent: `line ${i}` }))
        document.querySelector('[role="main"]')?.append(document.createElement("form"))
      })
      await w.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))))
      const panels = await w.page.evaluate(
        (hostId) =>
          document.getElementById(hostId)?.shadowRoot?.querySelectorAll('[data-testid="compose-panel"]').length ?? 0,
        GMAIL_HOST_ID
      )
      expect(panels).toBe(0)
      await expectNothingRan(w)
    })
  })
})

// ── A hostile page gets nothing (issue #17) ───────────────────────────────────────────────────

/** Sends a message from one of SOP Pilot's own pages (the popup's origin) and returns the envelope. */
async function fromExtensionPage(message: object): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }> {
  const { ext } = await ready()
  const page = await ext.context.newPage()
  try {
    await page.goto(ext.extensionUrl("manifest.json"))
    return await page.evaluate((m) => chrome.runtime.sendMessage(m), message)
  } finally {
    await page.close()
  }
}

describe("a hostile page gets nothing", () => {
  const SECRET_CONTACT = "dana.private@acmedental.example"

  it("a page of another org that names an acme account id gets its own account: acme's row stays acme's", async () => {
    const accountId = id18(STOLEN)
    await withPage(async (w) => {
      await w.page.goto(org.recordUrl(accountId))
      await panelFor(w.page, accountId)
    })
    const entered = await fromExtensionPage({
      name: "fact.set",
      accountId,
      apiHost: API_HOST,
      fact: "contactEmails",
      value: [SECRET_CONTACT]
    })
    expect(entered).toMatchObject({ ok: true })

    await withPage(async (w) => {
      await w.page.goto(evilOrg.recordUrl(accountId))
      const panel = await panelFor(w.page, accountId)
      expect(panel.text).toContain("Evil Corp")
      expect(panel.text).not.toContain("Acme Dental Group")
      expect(panel.html).not.toContain(SECRET_CONTACT)
    })

    // The book holds both: acme's account under acme, with its name and hand-entered contact.
    const list = await fromExtensionPage({ name: "accounts.list", query: accountId })
    const rows = (list.data as { accountId: string; apiHost: string; name: string }[]).filter(
      (a) => a.accountId === accountId
    )
    expect(rows.map(({ apiHost, name }) => ({ apiHost, name })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { apiHost: API_HOST, name: "Acme Dental Group" },
      { apiHost: evilOrg.apiOrigin, name: "Evil Corp" }
    ])
    const context = await fromExtensionPage({
      name: "compose.context",
      accountId,
      apiHost: API_HOST,
      recipients: []
    })
    expect((context.data as { view: { facts: { contactEmails?: string[] } } }).view.facts.contactEmails).toContain(
      SECRET_CONTACT
    )
  })

  /** What each content script's own world gets back for each message (`code` of a refusal, or "ok"). */
  async function answersFrom(page: Page, messages: Record<string, object>): Promise<Record<string, string>> {
    const world = await contentScriptWorld(page)
    try {
      return await world.evaluate<Record<string, string>>(`(async () => {
        const messages = ${JSON.stringify(messages)}
        const out = {}
        for (const [label, message] of Object.entries(messages)) {
          const answer = await chrome.runtime.sendMessage(message)
          out[label] = answer && answer.ok ? "ok" : (answer && answer.error ? answer.error.code : "no answer")
        }
        return out
      })()`)
    } finally {
      await world.cdp.detach()
    }
  }

  it("message × sender: a Gmail tab asks only about the accounts its recipients match, a Salesforce tab only its own org", async () => {
    const account = byName("Acme Dental Group")
    const accountId = id18(account)
    const acme = { accountId, apiHost: API_HOST }
    await withPage(async (w) => {
      await w.page.goto(org.recordUrl(accountId))
      await panelFor(w.page, accountId)
    })
    await fromExtensionPage({ name: "fact.set", ...acme, fact: "contactEmails", value: [SECRET_CONTACT] })

    await withPage(async (w) => {
      await w.page.goto("https://mail.google.com/mail/u/0/#inbox")
      await w.page.locator(`#${GMAIL_HOST_ID}`).waitFor({ state: "attached", ...WAIT })
      const got = await answersFrom(w.page, {
        "accounts.list": { name: "accounts.list", query: "" },
        "settings.get": { name: "settings.get" },
        "profile.identity": { name: "profile.identity" },
        "account.view": { name: "account.view", ref: { ...acme, org: "acme" } },
        "fact.set": { name: "fact.set", ...acme, fact: "riskSignals", value: ["low_usage"] },
        "step.set, no recipients": { name: "step.set", ...acme, key: "ON1", done: true },
        "compose.context, unmatched": { name: "compose.context", ...acme, recipients: ["someone@else.example"] },
        "compose.remember, unmatched": {
          name: "compose.remember",
          threadId: "t-hostile",
          ...acme,
          recipients: ["someone@else.example"]
        },
        "compose.context, matched": { name: "compose.context", ...acme, recipients: [SECRET_CONTACT] },
        "compose.accounts": { name: "compose.accounts", emails: [SECRET_CONTACT] }
      })
      expect(got).toEqual({
        "accounts.list": "forbidden",
        "settings.get": "forbidden",
        "profile.identity": "forbidden",
        "account.view": "forbidden",
        "fact.set": "forbidden",
        "step.set, no recipients": "forbidden",
        "compose.context, unmatched": "forbidden",
        "compose.remember, unmatched": "forbidden",
        "compose.context, matched": "ok",
        "compose.accounts": "ok"
      })
    })

    await withPage(async (w) => {
      await w.page.goto(evilOrg.recordUrl(accountId))
      await panelFor(w.page, accountId)
      const got = await answersFrom(w.page, {
        "account.view, acme": { name: "account.view", ref: { ...acme, org: "acme" } },
        "step.set, acme": { name: "step.set", ...acme, key: "ON1", done: true },
        "fact.set, acme": { name: "fact.set", ...acme, fact: "riskSignals", value: ["low_usage"] },
        "compose.context, acme": { name: "compose.context", ...acme, recipients: [SECRET_CONTACT] },
        "compose.accounts": { name: "compose.accounts", emails: [SECRET_CONTACT] },
        "settings.get": { name: "settings.get" },
        "settings.save": { name: "settings.save", settings: { disabledRules: ["ON2"] } },
        "step.set, own org": { name: "step.set", accountId, apiHost: evilOrg.apiOrigin, key: "ON1", done: false },
        "profile.identity": { name: "profile.identity" }
      })
      expect(got).toEqual({
        "account.view, acme": "forbidden",
        "step.set, acme": "forbidden",
        "fact.set, acme": "forbidden",
        "compose.context, acme": "forbidden",
        "compose.accounts": "forbidden",
        "settings.get": "forbidden",
        "settings.save": "forbidden",
        "step.set, own org": "ok",
        "profile.identity": "ok"
      })
      // Its book is its own org's.
      const world = await contentScriptWorld(w.page)
      const listed = await world.evaluate<{ apiHost: string }[]>(
        `chrome.runtime.sendMessage({ name: "accounts.list", query: "" }).then((a) => a.data)`
      )
      await world.cdp.detach()
      expect(listed.length).toBeGreaterThan(0)
      expect(new Set(listed.map((a) => a.apiHost))).toEqual(new Set([evilOrg.apiOrigin]))
    })
  })
})

// ── A hostile page cannot read or drive the panels (issue #17, item 1) ────────────────────────

/** Installed before the page's own scripts: what a hostile page would do to catch the panel. */
function hostileInit(): void {
  const w = window as unknown as { __stolenRoots: string[]; __messages: string[] }
  w.__stolenRoots = []
  w.__messages = []
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function stolen(this: Element, init: ShadowRootInit) {
    w.__stolenRoots.push(`${this.tagName}#${this.id}`)
    return attach.call(this, init)
  }
  window.addEventListener("message", (event) => w.__messages.push(JSON.stringify(event.data) ?? ""))
}

/** What the page's own scripts can find of `needles`: in its DOM (open shadow roots too), attributes, globals, timeline, messages. */
function pageFinds(page: Page, hostId: string, needles: string[]) {
  return page.evaluate(
    ([id, wanted]) => {
      const w = window as unknown as { __stolenRoots: string[]; __messages: string[] }
      const seen: string[] = [document.documentElement.textContent ?? ""]
      const visit = (root: ParentNode) => {
        for (const el of Array.from(root.querySelectorAll("*"))) {
          for (const attr of Array.from(el.attributes)) seen.push(attr.value)
          if (el.shadowRoot) {
            seen.push(el.shadowRoot.textContent ?? "")
            visit(el.shadowRoot)
          }
        }
      }
      visit(document)
      for (const key of Object.keys(window)) {
        const value = (window as unknown as Record<string, unknown>)[key]
        if (typeof value === "string") seen.push(value)
      }
      for (const entry of performance.getEntries()) seen.push(JSON.stringify(entry.toJSON()))
      seen.push(...w.__messages)
      const all = seen.join("\n")
      return {
        shadowRoot: document.getElementById(id)?.shadowRoot === null ? "null" : "readable",
        stolenRoots: w.__stolenRoots.filter((r) => r.startsWith("PLASMO-CSUI")).length,
        found: wanted.filter((needle) => all.includes(needle))
      }
    },
    [hostId, needles] as const
  )
}

/**
 * Inside a panel's shadow root as DevTools sees it (a page cannot): the root's mode, its text,
 * and the centre of the first element matching `selector`.
 */
async function throughDevTools(
  page: Page,
  hostId: string,
  selector: string
): Promise<{ mode: string; text: string; centre: { x: number; y: number } | null } | null> {
  const { ext } = await ready()
  const cdp = await ext.context.newCDPSession(page)
  try {
    type Node = {
      backendNodeId: number
      attributes?: string[]
      children?: Node[]
      shadowRoots?: (Node & { shadowRootType?: string })[]
    }
    const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: Node }
    const find = (node: Node): Node | undefined => {
      const attrs = node.attributes ?? []
      for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === "id" && attrs[i + 1] === hostId) return node
      for (const child of node.children ?? []) {
        const found = find(child)
        if (found) return found
      }
      return undefined
    }
    const shadow = find(root)?.shadowRoots?.[0]
    if (!shadow) return null
    const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId })
    const { result } = await cdp.send("Runtime.callFunctionOn", {
      objectId: object.objectId as string,
      functionDeclaration: `function (selector) {
        const el = this.querySelector(selector)
        const box = el && el.getBoundingClientRect()
        return { text: this.textContent, centre: box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null }
      }`,
      arguments: [{ value: selector }],
      returnByValue: true
    })
    const value = result.value as { text: string; centre: { x: number; y: number } | null }
    return { mode: shadow.shadowRootType ?? "", ...value }
  } finally {
    await cdp.detach()
  }
}

/** Everything a page's script can do at a point of the screen: what is there, clicks, keys, at the host too. */
function scriptClicksAt(page: Page, hostId: string, point: { x: number; y: number }) {
  return page.evaluate(
    ([id, x, y]) => {
      const hit = document.elementFromPoint(x, y) as HTMLElement | null
      const host = document.getElementById(id) as HTMLElement
      for (const target of [hit, host]) {
        if (!target) continue
        target.click()
        for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"])
          target.dispatchEvent(
            new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y })
          )
        target.focus()
        for (const key of [" ", "Enter"]) {
          target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true }))
          target.dispatchEvent(new KeyboardEvent("keyup", { key, bubbles: true, composed: true }))
        }
      }
      return hit ? `${hit.tagName}#${hit.id}` : "nothing"
    },
    [hostId, point.x, point.y] as const
  )
}

/** The threads SOP Pilot remembers an account for (Gmail), from its database. */
async function rememberedThreads(): Promise<number> {
  const { ext } = await ready()
  const page = await ext.context.newPage()
  try {
    await page.goto(ext.extensionUrl("manifest.json"))
    return await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("sop-pilot")
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const request = open.result.transaction("threads").objectStore("threads").count()
            request.onsuccess = () => {
              open.result.close()
              resolve(request.result)
            }
            request.onerror = () => reject(request.error)
          }
        })
    )
  } finally {
    await page.close()
  }
}

describe("a hostile page cannot read or drive the panels", () => {
  it("as shipped (closed shadow roots), the Salesforce page finds nothing of the panel and its scripted clicks check nothing off", async () => {
    const account = byName("Juniper Senior Living")
    const accountId = id18(account)
    const { ext } = await ready()
    await setOpenShadowRoots(ext, false)
    try {
      await withPage(async (w) => {
        await w.page.addInitScript(hostileInit)
        await w.page.goto(org.recordUrl(accountId))
        const box = 'li[data-key] input[type="checkbox"]:not(:checked)'
        await expect
          .poll(async () => (await throughDevTools(w.page, SALESFORCE_SHADOW_HOST_ID, box))?.text ?? "", WAIT)
          .toContain("Read from Salesforce")
        const inside = await throughDevTools(w.page, SALESFORCE_SHADOW_HOST_ID, box)
        expect(inside?.mode).toBe("closed")
        expect(inside?.text).toContain("Checklist")
        const centre = inside?.centre
        if (!centre) throw new Error("no open step in the panel")
        const before = await progressInDatabase(accountId)

        const finds = await pageFinds(w.page, SALESFORCE_SHADOW_HOST_ID, ["Read from Salesforce", "Checklist"])
        expect(finds).toEqual({ shadowRoot: "null", stolenRoots: 0, found: [] })
        // What a page's script meets at the checkbox's place is the host: its clicks and keys stop there.
        expect(await scriptClicksAt(w.page, SALESFORCE_SHADOW_HOST_ID, centre)).toBe(
          `PLASMO-CSUI#${SALESFORCE_SHADOW_HOST_ID}`
        )
        await w.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)))
        expect(await progressInDatabase(accountId)).toEqual(before)

        // A person's click at the same place checks the step off: the attack aimed right.
        await w.page.mouse.click(centre.x, centre.y)
        await expect
          .poll(async () => Object.keys(await progressInDatabase(accountId)).length, WAIT)
          .toBe(Object.keys(before).length + 1)
        await expectNothingRan(w)
      })
    } finally {
      await setOpenShadowRoots(ext, true)
    }
  })

  it("as shipped, the Gmail page finds no account name, no attribute, global or message with it, and its scripted clicks insert and remember nothing", async () => {
    const account = byName("Acme Dental Group")
    const { ext } = await ready()
    // The account is known once seen in Salesforce; the fixture's recipient is at its domain.
    await withPage(async (w) => {
      await w.page.goto(org.recordUrl(id18(account)))
      await panelFor(w.page, id18(account))
    })
    await setOpenShadowRoots(ext, false)
    try {
      await withPage(async (w) => {
        await w.page.addInitScript(hostileInit)
        await w.page.goto("https://mail.google.com/mail/u/0/#inbox")
        // What the panel offers first: Insert, or the chooser when another org's account has the
        // same website (an earlier test caches one); choosing writes the thread's memory.
        const target = '[data-action="choose-account"], [data-action="insert"]'
        await expect
          .poll(async () => (await throughDevTools(w.page, GMAIL_HOST_ID, target))?.centre ?? null, WAIT)
          .not.toBeNull()
        const inside = await throughDevTools(w.page, GMAIL_HOST_ID, target)
        expect(inside?.mode).toBe("closed")
        expect(inside?.text).toContain(account.name)
        const subject = () =>
          w.page.evaluate(() => document.querySelector<HTMLInputElement>("[role=dialog] input[name=subjectbox]")?.value)
        const threads = await rememberedThreads()

        expect(await pageFinds(w.page, GMAIL_HOST_ID, [account.name])).toEqual({
          shadowRoot: "null",
          stolenRoots: 0,
          found: []
        })
        const centre = inside?.centre as { x: number; y: number }
        expect(await scriptClicksAt(w.page, GMAIL_HOST_ID, centre)).toBe(`PLASMO-CSUI#${GMAIL_HOST_ID}`)
        await w.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)))
        expect(await subject()).toBe("")
        expect(await rememberedThreads()).toBe(threads)

        // A person's click at the same place inserts the email, or chooses the account: the panel moves on.
        await w.page.mouse.click(centre.x, centre.y)
        await expect
          .poll(
            async () =>
              (await subject()) !== "" || (await throughDevTools(w.page, GMAIL_HOST_ID, target))?.text !== inside?.text,
            WAIT
          )
          .toBe(true)
        await expectNothingRan(w)
      })
    } finally {
      await setOpenShadowRoots(ext, true)
    }
  })

  it("even with the roots open (the e2e seam), a page's script-made clicks, typing and submits change nothing", async () => {
    const account = byName("Keystone Imaging")
    const accountId = id18(account)
    await withPage(async (w) => {
      await w.page.goto(org.recordUrl(accountId))
      const panel = await panelFor(w.page, accountId)
      const open = panel.steps.find((s) => !s.checked)
      if (!open) throw new Error("no open step")
      const before = await progressInDatabase(accountId)
      const tried = await w.page.evaluate(
        ([hostId, key]) => {
          const root = document.getElementById(hostId)?.shadowRoot
          if (!root) return "no open root"
          const box = root.querySelector<HTMLInputElement>(`li[data-key="${key}"] input[type="checkbox"]`)
          box?.click()
          box?.dispatchEvent(new Event("change", { bubbles: true }))
          const form = root.querySelector<HTMLFormElement>('form[data-fact="trainingsCompletedOn"]')
          const date = form?.querySelector<HTMLInputElement>('input[type="date"]')
          if (!form || !date) return "no training form"
          date.value = "2026-11-18"
          date.dispatchEvent(new InputEvent("input", { bubbles: true }))
          date.dispatchEvent(new Event("change", { bubbles: true }))
          form.querySelector<HTMLButtonElement>('button[type="submit"]')?.click()
          form.requestSubmit()
          root.querySelector<HTMLButtonElement>('button[aria-label="Collapse SOP Pilot panel"]')?.click()
          return "tried"
        },
        [SALESFORCE_SHADOW_HOST_ID, open.key] as const
      )
      expect(tried).toBe("tried")
      await w.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)))
      expect(await progressInDatabase(accountId)).toEqual(before)
      const after = await readPanel(w.page)
      expect(after?.steps.find((s) => s.key === open.key)?.checked).toBe(false)
      expect(after?.text).not.toContain("Trainings held")
      expect(after?.html).toContain('data-collapsed="false"')

      // The same checkbox, clicked by a person.
      await panelLocator(w.page, `li[data-key="${open.key}"] input[type="checkbox"]`).click()
      await expect.poll(async () => (await progressInDatabase(accountId))[open.key], WAIT).toBe(true)
      await expectNothingRan(w)
    })
  })
})
