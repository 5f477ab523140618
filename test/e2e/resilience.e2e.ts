/**
 * Nothing hangs, errors say the truth (issue #17, items 9 and 10), with the built extension in
 * Chromium on the fake org:
 * - a Salesforce read that never answers ends, bounded, in a message that says so and a button
 *   to read again (not "Reading…" forever);
 * - a database upgrade blocked by an old version held open elsewhere says to close the other
 *   SOP Pilot tabs (not "Loading…" forever), and works once they are closed;
 * - a check-off whose answer is lost because the service worker stopped under it (Chrome stops
 *   idle workers; an update or a crash does too) is sent once more to the restarted worker, and
 *   the panel shows what the database then holds, not "Not saved … Reload the page";
 * - a date the CSM entered by hand keeps winning over the unchanged Salesforce value when the
 *   clock was set back a day (item 8: entries and Salesforce values are ordered by the record's
 *   SystemModstamp), and loses once the record is changed in Salesforce.
 *
 * No assertion depends on timing: the fake org leaves requests unanswered (`hangNext`), the
 * bound is shortened through the e2e seam (`SALESFORCE_TIMEOUT_TEST_KEY`); the worker is made to hold a write (its IndexedDB `put` never
 * answers) and is stopped while it holds it, through the DevTools protocol.
 */
import type { Page, Worker } from "playwright-core"
import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { todayIn } from "~/src/domain/dates"
import type { AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { SALESFORCE_TIMEOUT_TEST_KEY } from "~/src/background/salesforce"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import {
  panelLocator,
  SALESFORCE_SHADOW_HOST_ID,
  setupExtensionEnvironment,
  type ExtensionEnvironment
} from "./harness"

const SESSION = "00Dxx0000001gEREAY!res.s3ss10n"
const API_HOST = "https://acme.my.salesforce.com"
const WAIT = { timeout: 20_000 }
const book = demoBook(todayIn())
const byName = (name: string): AccountFactsInput => {
  const found = book.find((account) => account.name === name)
  if (!found) throw new Error(`no demo account named ${name}`)
  return found
}
const id18 = (account: AccountFactsInput): string => toId18(account.id) as string

const org = fakeSalesforceOrg({ org: "acme", accounts: book, session: SESSION })
const env = setupExtensionEnvironment({ routes: org.routes })

let signedIn = false
async function ready(): Promise<ExtensionEnvironment> {
  const current = env()
  if (!signedIn) {
    await addSessionCookie(current.ext.context, org.name, SESSION)
    signedIn = true
  }
  return current
}

interface Reading {
  accountId: string
  apiState: string | null
  apiText: string
  alerts: string[]
  steps: { key: string; checked: boolean; error: string }[]
}

function readPanel(page: Page): Promise<Reading | null> {
  return page.evaluate((hostId) => {
    const panel = document.getElementById(hostId)?.shadowRoot?.querySelector('[data-testid="sop-panel"]')
    if (!panel) return null
    return {
      accountId: panel.getAttribute("data-account-id") ?? "",
      apiState: panel.querySelector('[data-testid="api-status"]')?.getAttribute("data-state") ?? null,
      apiText: (panel.querySelector('[data-testid="api-status"]')?.textContent ?? "").trim(),
      alerts: Array.from(panel.querySelectorAll('[role="alert"]')).map((el) => (el.textContent ?? "").trim()),
      steps: Array.from(panel.querySelectorAll<HTMLElement>("li[data-key]")).map((li) => ({
        key: li.dataset.key ?? "",
        checked: li.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked ?? false,
        error: (li.querySelector('[role="alert"]')?.textContent ?? "").trim()
      }))
    }
  }, SALESFORCE_SHADOW_HOST_ID)
}

async function panelFor(page: Page, accountId: string): Promise<Reading> {
  await expect
    .poll(async () => (await readPanel(page))?.apiState === "ok" && (await readPanel(page))?.accountId, WAIT)
    .toBe(accountId)
  return (await readPanel(page)) as Reading
}

/** The extension's service worker as it runs now (a stopped one is replaced by the next message). */
async function currentWorker(ext: ExtensionEnvironment["ext"]): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${ext.extensionId}/`)
  return ext.context.serviceWorkers().find(isOurs) ?? ext.context.waitForEvent("serviceworker", { predicate: isOurs })
}

/** Stops the extension's service worker, as Chrome does with an idle one (DevTools protocol). */
async function stopWorker(page: Page, worker: Worker): Promise<void> {
  const { ext } = await ready()
  const cdp = await ext.context.newCDPSession(page)
  try {
    const { targetInfos } = await cdp.send("Target.getTargets")
    const target = targetInfos.find((t) => t.type === "service_worker" && t.url === worker.url())
    if (!target) throw new Error("the extension's service worker is not running")
    const { success } = await cdp.send("Target.closeTarget", { targetId: target.targetId })
    if (!success) throw new Error("the extension's service worker did not stop")
  } finally {
    await cdp.detach()
  }
}

/** Runs `run` in an extension page (the extension's origin: its database). */
async function inExtensionPage<T>(run: (page: Page) => Promise<T>): Promise<T> {
  const { ext } = await ready()
  const page = await ext.context.newPage()
  try {
    await page.goto(ext.extensionUrl("manifest.json"))
    return await run(page)
  } finally {
    await page.close()
  }
}

/** The extension's progress rows for an account, read from its database in an extension page. */
function progressInDatabase(accountId: string): Promise<Record<string, boolean>> {
  return inExtensionPage((page) =>
    page.evaluate(
      ([id, apiHost]) =>
        new Promise<Record<string, boolean>>((resolve, reject) => {
          const open = indexedDB.open("sop-pilot")
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
  )
}

describe("a service-worker restart", () => {
  it("a check-off whose worker stopped before answering is sent again and shows what the database holds", async () => {
    const account = byName("Cedar Valley Clinic")
    const { ext } = await ready()
    const page = await ext.context.newPage()
    try {
      await page.goto(org.recordUrl(account.id))
      const before = await panelFor(page, id18(account))
      // A training session: it stays in the checklist once done (wrap-ups leave it).
      const step = before.steps.find((s) => !s.checked && s.key.startsWith("TR1#"))
      if (!step) throw new Error("no open training step")

      // The worker takes the write and never finishes it: its answer will never come.
      const worker = await currentWorker(ext)
      await worker.evaluate(() => {
        const scope = globalThis as unknown as { __heldWrites: number }
        scope.__heldWrites = 0
        IDBObjectStore.prototype.put = function held() {
          scope.__heldWrites++
          return {} as IDBRequest
        }
      })
      await panelLocator(page, `li[data-key="${step.key}"] input[type="checkbox"]`).click()
      // A training is an event: the panel asks when it was held (today by default) before sending.
      await panelLocator(page, `li[data-key="${step.key}"] [data-action="record-event"]`).click()
      await expect
        .poll(() => worker.evaluate(() => (globalThis as unknown as { __heldWrites: number }).__heldWrites), WAIT)
        .toBeGreaterThan(0)
      await stopWorker(page, worker)

      // The panel asks the restarted worker once more: the step is saved, and shown as saved.
      await expect.poll(async () => (await progressInDatabase(id18(account)))[step.key], WAIT).toBe(true)
      await expect
        .poll(async () => (await readPanel(page))?.steps.find((s) => s.key === step.key), WAIT)
        .toEqual({ key: step.key, checked: true, error: "" })
      expect((await readPanel(page))?.alerts.join(" ")).not.toMatch(/Not saved|Reload the page/)
    } finally {
      await page.close()
    }
  })
})

describe("a Salesforce that never answers", () => {
  it("the read ends with what happened and a way to read again, not 'Reading…' forever", async () => {
    const account = byName("Evergreen Surgical")
    const { ext } = await ready()
    const worker = await currentWorker(ext)
    await worker.evaluate((key) => chrome.storage.local.set({ [key]: 1500 }), SALESFORCE_TIMEOUT_TEST_KEY)
    const page = await ext.context.newPage()
    try {
      await page.goto(org.recordUrl(account.id))
      await panelFor(page, id18(account))

      // Both requests of the next read (the record, the related records) are never answered.
      org.hangNext(2)
      await page.reload()
      await expect.poll(async () => (await readPanel(page))?.apiState, WAIT).toBe("timeout")
      const failed = (await readPanel(page)) as Reading
      expect(failed.accountId).toBe(id18(account))
      expect(failed.apiText).toContain("did not answer in time")
      expect(failed.apiText).not.toContain("Reading")
      expect(failed.steps.length).toBeGreaterThan(0) // the cached plan is still shown

      await panelLocator(page).getByRole("button", { name: "Read Salesforce again" }).click()
      await expect.poll(async () => (await readPanel(page))?.apiState, WAIT).toBe("ok")
    } finally {
      await page.close()
      await (await currentWorker(ext)).evaluate((key) => chrome.storage.local.remove(key), SALESFORCE_TIMEOUT_TEST_KEY)
    }
  })
})

describe("a blocked database upgrade", () => {
  it("says to close the other SOP Pilot tabs, not 'Loading…' forever, and works once they are closed", async () => {
    const account = byName("Granite Behavioral Health")
    const { ext } = await ready()
    const page = await ext.context.newPage()
    await page.goto(org.recordUrl(account.id))
    await panelFor(page, id18(account))
    await page.close()

    // The worker stops (closing its database); an extension page puts back an older version
    // (v2, Dexie's 20) and holds it open, ignoring the upgrade's request to close.
    await stopWorker(await ext.context.newPage(), await currentWorker(ext))
    const holder = await ext.context.newPage()
    await holder.goto(ext.extensionUrl("manifest.json"))
    await holder.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const deleted = indexedDB.deleteDatabase("sop-pilot")
          deleted.onerror = () => reject(deleted.error)
          deleted.onblocked = () => reject(new Error("the database is still open somewhere"))
          deleted.onsuccess = () => {
            const open = indexedDB.open("sop-pilot", 20)
            open.onupgradeneeded = () => {
              const db = open.result
              const accounts = db.createObjectStore("accounts", { keyPath: "id" })
              accounts.createIndex("name", "name")
              accounts.createIndex("lastSeenAt", "lastSeenAt")
              db.createObjectStore("progress", { keyPath: ["accountId", "key"] }).createIndex("accountId", "accountId")
              db.createObjectStore("threads", { keyPath: "threadId" }).createIndex("accountId", "accountId")
            }
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const held = open.result
              held.onversionchange = () => undefined
              ;(window as unknown as { __held: IDBDatabase }).__held = held
              resolve()
            }
          }
        })
    )

    const blocked = await ext.context.newPage()
    try {
      await blocked.goto(org.recordUrl(account.id))
      await expect
        .poll(async () => (await readPanel(blocked))?.alerts.join(" ") ?? "", WAIT)
        .toContain("Close other SOP Pilot tabs")

      await holder.close()
      await blocked.reload()
      await panelFor(blocked, id18(account))
      expect((await readPanel(blocked))?.alerts.join(" ")).not.toContain("Close other SOP Pilot tabs")
    } finally {
      await blocked.close()
      if (!holder.isClosed()) await holder.close()
    }
  })
})

/** Rewrites one manual entry's local time in the extension's database, as a clock set back would have written it. */
function moveEntryBack(accountId: string, fact: string, byMs: number): Promise<number> {
  return inExtensionPage((page) =>
    page.evaluate(
      ([id, apiHost, name, ms]) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("sop-pilot")
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const store = open.result.transaction("orgAccounts", "readwrite").objectStore("orgAccounts")
            const get = store.get([apiHost, id])
            get.onerror = () => reject(get.error)
            get.onsuccess = () => {
              const row = get.result as { manual: Record<string, { enteredAt: number }> }
              const entry = row.manual[name]
              if (!entry) return reject(new Error(`no manual ${name}`))
              entry.enteredAt -= ms
              const put = store.put(row)
              put.onerror = () => reject(put.error)
              put.onsuccess = () => {
                open.result.close()
                resolve(entry.enteredAt)
              }
            }
          }
        }),
      [accountId, API_HOST, fact, byMs] as const
    )
  )
}

describe("a clock set back a day (issue 17, item 8)", () => {
  it("a date entered by hand still wins over Salesforce's unchanged value, and loses once Salesforce changes it", async () => {
    const account = byName("Juniper Senior Living")
    const { ext } = await ready()
    const page = await ext.context.newPage()
    const source = () =>
      panelLocator(page, '.sop-fact[data-fact="assignedOn"]').getAttribute("data-source", { timeout: 20_000 })
    try {
      await page.goto(org.recordUrl(account.id))
      await panelFor(page, id18(account))
      expect(await source()).toBe("salesforce")

      // The CSM enters another assigned date, as a person does: open the form, pick, type, save.
      await panelLocator(page, "details.sop-form > summary").click()
      await panelLocator(page, ".sop-other select").selectOption("assignedOn")
      const input = panelLocator(page, '.sop-other form[data-fact="assignedOn"] input[type="date"]')
      await input.click()
      await input.pressSequentially("01152026")
      await panelLocator(page, '.sop-other form[data-fact="assignedOn"] button[type="submit"]').click()
      await expect.poll(source, WAIT).toBe("manual")

      // The clock was a day behind when it was entered: its local time is a day before the read.
      await moveEntryBack(id18(account), "assignedOn", 24 * 60 * 60 * 1000)
      await page.reload()
      await panelFor(page, id18(account))
      expect(await source()).toBe("manual")
      expect(await panelLocator(page, '.sop-conflict[data-fact="assignedOn"]').textContent()).toMatch(/\(yours\)/)

      // Salesforce's record changes after the entry (its SystemModstamp moves): Salesforce wins.
      org.editAccount(account.id, { assignedOn: "2026-01-20" })
      await page.reload()
      await panelFor(page, id18(account))
      await expect.poll(source, WAIT).toBe("salesforce")
      expect(await panelLocator(page, '.sop-conflict[data-fact="assignedOn"]').textContent()).toMatch(/\(Salesforce\)/)
    } finally {
      await page.close()
    }
  })
})
