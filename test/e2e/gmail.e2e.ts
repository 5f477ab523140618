/**
 * Issue #5, done when: the Gmail compose panel of the built extension, in Chromium, on the dated
 * Gmail fixtures served as `https://mail.google.com/mail/u/0/`, for accounts the extension
 * learnt from a fake Salesforce org (tools/salesforce-org.ts): opened in Salesforce, then
 * the facts Salesforce does not hold (contacts, training dates, checked steps) entered the way a
 * CSM does (tools/seed.ts).
 *
 * `?fixture=` picks the Gmail page (see GMAIL_PAGES); the inbox fixture's own script opens a
 * compose when its Compose button is clicked (a clone, appended like Gmail's), so composes also
 * appear after load. Dates are relative to today in the browser's zone, as the engine plans them.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"

import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"

import { plusDays, todayIn } from "~/src/domain/dates"
import type { AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"
import { seedUnmappedFacts } from "~/tools/seed"

import {
  collectPageErrors,
  fixture,
  focusedInPage,
  focusedInPanel,
  pressFocusShortcut,
  recordPageKeys,
  tabThroughPanel,
  readColours,
  REPO_ROOT,
  route,
  SALESFORCE_SHADOW_HOST_ID,
  setupExtensionEnvironment
} from "./harness"

const GMAIL_HOST_ID = "sop-pilot-gmail"
const SESSION = "00Dxx0000001gEREAY!e2e.gmail.5e55"
const WAIT = { timeout: 20_000 }
const today = todayIn()

/** Training session 2 held today, session 1's recap sent: TR2#2 (training_recap) is due. */
const ACME: AccountFactsInput = {
  id: "001Hs00002GmlAc",
  name: "Acme Dental Group",
  website: "https://www.acmedental.example/",
  products: ["learning", "compliance"],
  mrr: 1200,
  users: 80,
  serviceLevel: "standard",
  assignedOn: plusDays(today, -40),
  onboardingCallScheduledFor: plusDays(today, -30),
  onboardingCallCompletedOn: plusDays(today, -30),
  trainingsCompletedOn: [plusDays(today, -10), today],
  contactEmails: ["dana.whitfield@acmedental.example"],
  done: ["ON8", "ON11", "TR2#1"]
}
/** SMB onboarding call held today: ON11 with the SMB recap. Matched by its website's domain only. */
const GLOBEX: AccountFactsInput = {
  id: "001Hs00002GmlGx",
  name: "Globex Health",
  website: "globexhealth.example",
  package: "smb",
  products: ["learning", "compliance"],
  mrr: 250,
  users: 8,
  assignedOn: plusDays(today, -5),
  onboardingCallScheduledFor: today,
  onboardingCallCompletedOn: today
}
/**
 * Training session 1 of 4 held today: TR2#1. This account's step gets checked off from Gmail (and
 * stays in the training stage's checklist, done: it is not the last session's wrap-up).
 */
const INITECH: AccountFactsInput = {
  id: "001Hs00002GmlIn",
  name: "Initech Clinics",
  website: "https://initechclinics.example",
  products: ["learning", "compliance"],
  mrr: 800,
  users: 40,
  serviceLevel: "standard",
  assignedOn: plusDays(today, -20),
  onboardingCallScheduledFor: plusDays(today, -14),
  onboardingCallCompletedOn: plusDays(today, -14),
  trainingsCompletedOn: [today],
  contactEmails: ["sam.okafor@initechclinics.example"],
  done: ["ON8", "ON11"]
}
/** A name that would open a dialog if it ever became markup. No call scheduled: ON2 welcome reminder. */
const HOSTILE: AccountFactsInput = {
  id: "001Hs00002GmlXs",
  name: "<img src=x onerror=alert(1)>",
  products: ["learning"],
  mrr: 300,
  users: 12,
  assignedOn: plusDays(today, -3),
  contactEmails: ["admin@hostile.example"]
}
const ACCOUNTS = [ACME, GLOBEX, INITECH, HOSTILE]
const id18 = (account: AccountFactsInput) => toId18(account.id) as string

const GMAIL_PAGES = {
  inbox: "gmail/2026-11-25-inbox-no-compose.html",
  "new-message": "gmail/2026-11-25-compose-new-message.html",
  "two-windows": "gmail/2026-11-25-compose-two-windows.html",
  minimised: "gmail/2026-11-25-compose-minimised.html",
  fullscreen: "gmail/2026-11-25-compose-fullscreen.html",
  thread: "gmail/2026-11-25-thread-inline-reply.html"
} as const
type GmailPage = keyof typeof GMAIL_PAGES
const gmailUrl = (page: GmailPage, hash = "#inbox") => `https://mail.google.com/mail/u/0/?fixture=${page}${hash}`

const org = fakeSalesforceOrg({ org: "acme", accounts: ACCOUNTS, session: SESSION })
const env = setupExtensionEnvironment({
  routes: [
    ...org.routes,
    route(
      "GET",
      /^\/mail\/u\/\d+\/$/,
      (req) => {
        const name = (req.url.searchParams.get("fixture") ?? "inbox") as GmailPage
        return GMAIL_PAGES[name] ? fixture(GMAIL_PAGES[name]) : undefined
      },
      { host: "gmail" }
    )
  ]
})

let seeded: Promise<void> | undefined
/** The accounts, known to the extension with everything a CSM entered (once per file). */
function ready() {
  const environment = env()
  seeded ??= (async () => {
    await addSessionCookie(environment.ext.context, org.name, SESSION)
    await seedUnmappedFacts(environment.ext, org, ACCOUNTS)
  })()
  return seeded.then(() => environment)
}

interface PanelReading {
  composeId: string
  kind: string
  mode: string
  accountId: string
  template: string
  stepKey: string | null
  gaps: string[]
  text: string
  rect: { left: number; top: number; right: number; bottom: number } | null
}

/** Every compose panel, read in one go from the open shadow root. */
function readPanels(page: Page): Promise<PanelReading[]> {
  return page.evaluate((hostId) => {
    const root = document.getElementById(hostId)?.shadowRoot
    return Array.from(root?.querySelectorAll<HTMLElement>('[data-testid="compose-panel"]') ?? []).map((panel) => {
      const card = panel.querySelector(".sop-card, .sop-tab")
      const r = card?.getBoundingClientRect()
      return {
        composeId: panel.dataset.composeId ?? "",
        kind: panel.dataset.composeKind ?? "",
        mode: panel.dataset.mode ?? "",
        accountId: panel.dataset.accountId ?? "",
        template: panel.dataset.template ?? "",
        stepKey: panel.querySelector("[data-step-key]")?.getAttribute("data-step-key") ?? null,
        gaps: Array.from(panel.querySelectorAll("[data-gap]")).map((el) => el.getAttribute("data-gap") ?? ""),
        text: panel.textContent ?? "",
        rect: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null
      }
    })
  }, GMAIL_HOST_ID)
}

const panel = (page: Page, selector = "") => page.locator(`#${GMAIL_HOST_ID} [data-testid="compose-panel"]${selector}`)

/** A compose's subject and body as Gmail would send them (main world). */
function readCompose(page: Page, index = 0, scope = "[role=dialog]") {
  return page.evaluate(
    ([scope, index]) => {
      const compose = document.querySelectorAll(scope as string)[index as number]
      const body = compose?.querySelector<HTMLElement>("[g_editable=true]")
      return {
        subject: compose?.querySelector<HTMLInputElement>("input[name=subjectbox]")?.value ?? null,
        text: body?.innerText ?? null,
        html: body?.innerHTML ?? null,
        images: body?.querySelectorAll("img").length ?? 0
      }
    },
    [scope, index] as const
  )
}

/** Rectangles of the compose parts a panel must not cover (main world). */
function protectedRects(page: Page, scope: string) {
  return page.evaluate((scope) => {
    const compose = document.querySelector(scope)
    const rect = (el: Element | null | undefined) => {
      const r = el?.getBoundingClientRect()
      return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null
    }
    return {
      send: rect(compose?.querySelector("div[role=button].aoO")),
      recipients: rect(compose?.querySelector(".GS")),
      compose: rect(compose)
    }
  }, scope)
}

type Rect = { left: number; top: number; right: number; bottom: number }
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/** A screenshot for a person to look at (test-results/screens/); the checks are by the numbers. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = join(REPO_ROOT, "test-results", "screens")
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `${name}.png`) })
}

/** Gmail's dark theme as its stylesheets paint a compose: light text on a dark ground. */
const GMAIL_DARK_CSS = `
  body, .nH, .dw [role=dialog], .M9, .ip, [g_editable=true] {
    color: rgb(232, 234, 237) !important; background-color: rgb(32, 33, 36) !important;
  }`

interface Look {
  /** The system's colour scheme (`prefers-color-scheme`). */
  scheme?: "light" | "dark"
  /** Gmail's own theme. */
  gmail?: "light" | "dark"
}

async function openGmail(page: GmailPage, hash?: string, look: Look = {}) {
  const { ext } = await ready()
  const tab = await ext.context.newPage()
  const log = collectPageErrors(tab)
  if (look.scheme) await tab.emulateMedia({ colorScheme: look.scheme })
  if (look.gmail === "dark")
    await tab.addInitScript((css) => {
      // Before the content script runs (document_idle): the panel reads the theme as it mounts.
      document.addEventListener(
        "DOMContentLoaded",
        () => {
          const style = document.createElement("style")
          style.textContent = css
          document.head.append(style)
        },
        { once: true }
      )
    }, GMAIL_DARK_CSS)
  const dialogs: string[] = []
  tab.on("dialog", (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await tab.goto(gmailUrl(page, hash))
  await tab.locator(`#${GMAIL_HOST_ID}`).waitFor({ state: "attached", timeout: 10_000 })
  return { tab, log, dialogs }
}

describe("the Gmail compose panel", () => {
  it("shows no panel, and no page error, on Gmail markup without a compose", async () => {
    const { tab, log } = await openGmail("inbox")
    try {
      await tab.waitForLoadState("load")
      await tab.waitForTimeout(1_000)
      expect(await readPanels(tab)).toEqual([])
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("opens beside a new compose to the account's admin: the account, the due recap, insert without a placeholder", async () => {
    const { tab, log } = await openGmail("inbox")
    try {
      await tab.locator("[gh=cm]").click()
      await expect.poll(() => readPanels(tab), WAIT).toHaveLength(1)
      // No recipient yet: no account.
      expect((await readPanels(tab))[0]?.accountId).toBe("")
      await tab.evaluate(() => {
        const dialog = document.querySelector(".dw [role=dialog]")
        ;(
          window as unknown as { fixtureGmail: { addRecipient(d: Element | null, n: string, e: string): void } }
        ).fixtureGmail.addRecipient(dialog, "Dana Whitfield", "dana.whitfield@acmedental.example")
      })
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ accountId: id18(ACME), template: "training_recap", stepKey: "TR2#2", mode: "side-left" })
      const [reading] = await readPanels(tab)
      expect(reading?.text).toContain("Acme Dental Group")
      expect(reading?.text).toContain("Send the Training Recap for session 2")
      expect(reading?.gaps).toEqual(expect.arrayContaining(["participants", "pendingSubjects"]))

      // Beside the compose: neither its Send button nor its recipients are covered.
      const rects = await protectedRects(tab, ".dw [role=dialog]")
      for (const part of [rects.send, rects.recipients, rects.compose])
        expect(overlaps(reading!.rect!, part!)).toBe(false)

      await panel(tab, ' [data-field="participants"]').pressSequentially("Dana Whitfield, Lee Park")
      await panel(tab, ' [data-action="insert"]').click()
      await expect
        .poll(() => readCompose(tab), WAIT)
        .toMatchObject({ subject: "Training session 2 recap – Acme Dental Group" })
      const compose = await readCompose(tab)
      expect(compose.text).toContain("Hi Dana,")
      expect(compose.text).toContain("Dana Whitfield, Lee Park")
      expect(compose.text).toContain("- Org Management")
      expect(compose.text).toContain("[missing: Pending subjects]")
      expect(compose.html).not.toContain("{{")
      expect(log.errors).toEqual([])

      // Undo restores the empty compose.
      await panel(tab, ' [data-action="undo"]').click()
      await expect.poll(() => readCompose(tab), WAIT).toMatchObject({ subject: "", html: "<br>" })
    } finally {
      await tab.close()
    }
  })

  it("keeps a gap field in place and focused while the CSM types into it key by key (issue 16)", async () => {
    const { tab, log } = await openGmail("inbox")
    try {
      await tab.locator("[gh=cm]").click()
      await tab.evaluate(() => {
        const dialog = document.querySelector(".dw [role=dialog]")
        ;(
          window as unknown as { fixtureGmail: { addRecipient(d: Element | null, n: string, e: string): void } }
        ).fixtureGmail.addRecipient(dialog, "Dana Whitfield", "dana.whitfield@acmedental.example")
      })
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ accountId: id18(ACME), template: "training_recap" })
      const field = panel(tab, ' .sop-fields [data-field="participants"]')
      await field.click()
      await field.pressSequentially("Morgan Lee, Sam Ortiz")
      // Still under "To fill in", still the focused element, the whole text kept.
      await expect(field.inputValue()).resolves.toBe("Morgan Lee, Sam Ortiz")
      const focused = await tab.evaluate(
        (hostId) => document.getElementById(hostId)?.shadowRoot?.activeElement?.getAttribute("data-field") ?? null,
        GMAIL_HOST_ID
      )
      expect(focused).toBe("participants")
      expect((await readPanels(tab))[0]?.gaps).not.toContain("participants")

      await panel(tab, ' [data-action="insert"]').click()
      await expect.poll(async () => (await readCompose(tab)).text, WAIT).toContain("Morgan Lee, Sam Ortiz")
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("works from the keyboard alone: the shortcut lands on what is missing, Escape goes back to the email, Insert leads to the check-off (issue 16, item 12)", async () => {
    const { ext } = await ready()
    const { tab, log } = await openGmail("new-message")
    try {
      await tab.setViewportSize({ width: 1024, height: 700 })
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ accountId: id18(ACME), template: "training_recap" })
      // The CSM writes in the body, then collapses the panel to have the room.
      // The fixture's body is 0 px wide in this layout (its table cell collapses): focused, not clicked.
      const body = tab.locator(".dw [role=dialog] [g_editable=true]")
      await body.focus()
      await body.pressSequentially("Hi Dana,")
      await panel(tab, ' [data-action="collapse"]').click()
      await expect.poll(async () => (await readPanels(tab))[0]?.mode, WAIT).toBe("tab")
      await body.focus()
      const pageKeys = await recordPageKeys(tab)

      // The shortcut: the panel opens at the first missing field; Tab goes on to the next one.
      await pressFocusShortcut(ext, tab)
      const missing = await panel(tab, " .sop-fields [data-field]").evaluateAll((inputs) =>
        inputs.map((input) => input.getAttribute("data-field"))
      )
      expect(missing.length).toBeGreaterThanOrEqual(2)
      await expect.poll(() => focusedInPanel(tab, GMAIL_HOST_ID).then((f) => f?.field), WAIT).toBe(missing[0])
      expect((await readPanels(tab))[0]?.mode).not.toBe("tab")
      await tab.keyboard.type("Dana Whitfield, Lee Park")
      await tab.keyboard.press("Tab")
      expect((await focusedInPanel(tab, GMAIL_HOST_ID))?.field).toBe(missing[1])
      // Typing in the panel is not Gmail's keyboard shortcuts' business ("c" composes, "e" archives).
      expect(await pageKeys()).toEqual([])

      // Escape: collapsed, the caret back in the email's body, where the CSM was typing.
      await tab.keyboard.press("Escape")
      await expect.poll(async () => (await readPanels(tab))[0]?.mode, WAIT).toBe("tab")
      expect(await focusedInPage(tab)).toContain("[true]")
      await tab.keyboard.type(" thanks")
      await expect.poll(async () => (await readCompose(tab)).text, WAIT).toContain("Hi Dana, thanks")

      // Again; what was typed is kept, so the focus lands on the field still missing.
      await pressFocusShortcut(ext, tab)
      await expect.poll(() => focusedInPanel(tab, GMAIL_HOST_ID).then((f) => f?.field), WAIT).toBe(missing[1])
      expect(await panel(tab, ` [data-field="${missing[0]}"]`).inputValue()).toBe("Dana Whitfield, Lee Park")

      // Every control of the card shows its focus ring, Tab by Tab.
      const stops = await tabThroughPanel(tab, GMAIL_HOST_ID)
      expect(stops.length).toBeGreaterThan(4)
      expect(stops.filter((stop) => !stop.ring).map((stop) => stop.control)).toEqual([])

      // Insert by keyboard: the focus goes to the step's check-off.
      await panel(tab, ' [data-action="insert"]').focus()
      await tab.keyboard.press("Enter")
      await expect.poll(async () => (await readCompose(tab)).text, WAIT).toContain("Dana Whitfield, Lee Park")
      await expect
        .poll(() => focusedInPanel(tab, GMAIL_HOST_ID), WAIT)
        .toMatchObject({ action: "mark-step", label: expect.stringContaining("Check off TR2#2") })
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("checks the emailed step off: done in the account's view and checked in the Salesforce panel", async () => {
    const { ext } = await ready()
    const { tab, log } = await openGmail("inbox")
    try {
      await tab.locator("[gh=cm]").click()
      await tab.evaluate(() => {
        const dialog = document.querySelector(".dw [role=dialog]")
        ;(
          window as unknown as { fixtureGmail: { addRecipient(d: Element | null, n: string, e: string): void } }
        ).fixtureGmail.addRecipient(dialog, "Sam Okafor", "sam.okafor@initechclinics.example")
      })
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ accountId: id18(INITECH), template: "training_recap", stepKey: "TR2#1" })
      await panel(tab, ' [data-action="insert"]').click()
      await panel(tab, ' [data-action="mark-step"]').click()
      await panel(tab, " [data-step-checked]").waitFor(WAIT)
      expect(await readPanels(tab)).toMatchObject([{ template: "training_recap", stepKey: "TR2#1" }])

      const control = await ext.context.newPage()
      try {
        await control.goto(ext.extensionUrl("popup.html"))
        const status = await control.evaluate(
          async ([accountId, apiHost]) => {
            const answer = (await chrome.runtime.sendMessage({
              name: "compose.context",
              accountId,
              apiHost,
              recipients: []
            })) as {
              ok: boolean
              data: { view: { plan: { steps: { key: string; status: string }[] } } }
            }
            return answer.data.view.plan.steps.find((s) => s.key === "TR2#1")?.status
          },
          [id18(INITECH), `https://${org.name}.my.salesforce.com`] as const
        )
        expect(status).toBe("done")

        await control.goto(org.recordUrl(id18(INITECH)))
        const step = control.locator(`#${SALESFORCE_SHADOW_HOST_ID} [data-testid="sop-panel"] [data-key="TR2#1"]`)
        await expect.poll(() => step.getAttribute("data-status"), WAIT).toBe("done")
        expect(await step.locator('input[type="checkbox"]').first().isChecked()).toBe(true)
      } finally {
        await control.close()
      }
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("inserts a hostile account name as text, never as markup", async () => {
    const { tab, log, dialogs } = await openGmail("inbox")
    try {
      await tab.locator("[gh=cm]").click()
      await tab.evaluate(() => {
        const dialog = document.querySelector(".dw [role=dialog]")
        ;(
          window as unknown as { fixtureGmail: { addRecipient(d: Element | null, n: string, e: string): void } }
        ).fixtureGmail.addRecipient(dialog, "Pat Admin", "admin@hostile.example")
      })
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ accountId: id18(HOSTILE), template: "welcome_reminder" })
      expect((await readPanels(tab))[0]?.text).toContain("<img src=x onerror=alert(1)>")
      await panel(tab, ' [data-action="insert"]').click()
      await expect
        .poll(() => readCompose(tab), WAIT)
        .toMatchObject({ subject: "Welcome to MedTrainer! Let's get <img src=x onerror=alert(1)> started" })
      const compose = await readCompose(tab)
      expect(compose.images).toBe(0)
      expect(compose.text).toContain("Your answers help me tailor the onboarding to <img src=x onerror=alert(1)>:")
      expect(compose.html).toContain("&lt;img src=x onerror=alert(1)&gt;")
      await tab.waitForTimeout(300)
      expect(dialogs).toEqual([])
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("gives two composes open at once a panel each, for their own accounts", async () => {
    const { tab, log } = await openGmail("two-windows")
    try {
      await expect
        .poll(async () => (await readPanels(tab)).map((p) => [p.accountId, p.template]).sort(), WAIT)
        .toEqual(
          [
            [id18(ACME), "training_recap"],
            [id18(GLOBEX), "smb_onboarding_call_recap"]
          ].sort()
        )
      const panels = await readPanels(tab)
      expect(new Set(panels.map((p) => p.composeId)).size).toBe(2)
      // Two windows as tall as the screen fill its width: no card fits without covering one, so
      // each gets a tab (an open card would cover neither).
      const dialogs = () =>
        tab.evaluate(() =>
          Array.from(document.querySelectorAll(".dw [role=dialog]"), (d) => {
            const r = d.getBoundingClientRect()
            return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
          })
        )
      for (const open of panels.filter((p) => p.mode !== "tab"))
        expect((await dialogs()).filter((d) => overlaps(open.rect!, d))).toHaveLength(0)

      // Clicked, Globex's tab opens: docked at the window's edge, off its compose's parts.
      const globex = panel(tab, `[data-account-id="${id18(GLOBEX)}"]`)
      if ((await globex.getAttribute("data-mode")) === "tab") await globex.locator('[data-action="expand"]').click()
      await expect
        .poll(async () => (await readPanels(tab)).find((p) => p.accountId === id18(GLOBEX))?.mode, WAIT)
        .toBe("docked")
      await expect
        .poll(async () => (await readPanels(tab)).find((p) => p.accountId === id18(ACME))?.mode, WAIT)
        .toBe("tab")
      const card = (await readPanels(tab)).find((p) => p.accountId === id18(GLOBEX))!.rect!
      const globexParts = await protectedRects(tab, ".dw [role=dialog]:has([data-hovercard-id*=globex])")
      for (const part of [globexParts.send, globexParts.recipients]) {
        expect(part).not.toBeNull()
        expect(overlaps(card, part!)).toBe(false)
      }
      await globex.locator('[data-action="insert"]').click()
      const byAccount = async () => {
        const [first, second] = [await readCompose(tab, 0), await readCompose(tab, 1)]
        return [first.subject, second.subject]
      }
      // Only Globex's compose (the second) changed.
      await expect.poll(byAccount, WAIT).toEqual(["", "Your MedTrainer onboarding call recap – Globex Health"])
      expect((await readCompose(tab, 1)).text).toContain("Your Customer Launch Kit has everything you need")
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("works in an inline reply: the thread's recipient, the reply's body, the thread's subject kept", async () => {
    const { tab, log } = await openGmail("thread", "#inbox/FMfcgzQXJWDsKmQnJhSvZpQc")
    try {
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ kind: "inline", accountId: id18(ACME), template: "training_recap" })
      const reading = (await readPanels(tab))[0]!
      const rects = await protectedRects(tab, ".ip .M9")
      expect(overlaps(reading.rect!, rects.send!)).toBe(false)
      expect(overlaps(reading.rect!, rects.recipients!)).toBe(false)

      await panel(tab, ' [data-action="insert"]').click()
      await expect
        .poll(async () => (await readCompose(tab, 0, ".ip .M9")).text, WAIT)
        .toContain("Thank you for joining training session 2")
      expect((await readCompose(tab, 0, ".ip .M9")).subject).toBe("Re: Training session follow-up")
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  for (const { theme, ...size } of [
    { width: 1024, height: 700, theme: "light" },
    { width: 1024, height: 700, theme: "dark" },
    { width: 1440, height: 900, theme: "light" }
  ] as const)
    it(`covers neither the reply body, Send nor the recipients at ${size.width}×${size.height} in Gmail's ${theme} theme, and leaves the fields room (issue 16)`, async () => {
      for (const [page, hash, scope] of [
        ["thread", "#inbox/FMfcgzQXJWDsKmQnJhSvZpQc", ".ip .M9"],
        ["new-message", undefined, ".dw [role=dialog]"]
      ] as const) {
        const { tab, log } = await openGmail(page, hash, { scheme: theme, gmail: theme })
        try {
          await tab.setViewportSize(size)
          await expect
            .poll(async () => (await readPanels(tab))[0], WAIT)
            .toMatchObject({ accountId: id18(ACME), template: "training_recap" })
          // The panel's boxes (tab or card) and the compose's parts it must keep clear.
          const boxes = await panel(tab).evaluateAll((panels) =>
            panels.flatMap((p) =>
              Array.from(p.querySelectorAll(".sop-card, .sop-tab")).map((el) => {
                const r = el.getBoundingClientRect()
                return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
              })
            )
          )
          const parts = await tab.evaluate((scope) => {
            const compose = document.querySelector(scope)
            const rect = (el: Element | null | undefined) => {
              const r = el?.getBoundingClientRect()
              return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null
            }
            // The body's lines run the compose's width, whatever the element's own box says.
            const body = rect(compose?.querySelector("[g_editable=true]"))
            const whole = rect(compose)
            return {
              body: body && whole && { ...body, left: whole.left, right: whole.right },
              send: rect(compose?.querySelector("div[role=button].aoO")),
              recipients: rect(compose?.querySelector(".GS"))
            }
          }, scope)
          expect(boxes.length).toBeGreaterThan(0)
          for (const [name, part] of Object.entries(parts)) {
            expect(part, `${page}: ${name} found`).not.toBeNull()
            for (const box of boxes) expect(overlaps(box, part!), `${page}: panel over the ${name}`).toBe(false)
          }
          // An open card leaves its fields at least as much room as its footer takes.
          const card = panel(tab, " .sop-card")
          if ((await card.count()) > 0) {
            const [scroll, footer] = await Promise.all(
              [" .sop-scroll", " .sop-footer"].map((part) =>
                panel(tab, part).evaluate((el) => el.getBoundingClientRect().height)
              )
            )
            expect(scroll, `${page}: fields area vs footer`).toBeGreaterThanOrEqual(footer!)
          }
          await shot(tab, `gmail-${page}-${theme}-${size.width}x${size.height}`)
          expect(log.errors).toEqual([])
        } finally {
          await tab.close()
        }
      }
    })

  for (const [gmail, scheme] of [
    ["dark", "light"],
    ["light", "dark"]
  ] as const)
    it(`follows Gmail's ${gmail} theme on a ${scheme} system: its surface, and text at AA contrast (issue 16, item 13)`, async () => {
      const { tab, log } = await openGmail("new-message", undefined, { scheme, gmail })
      try {
        await tab.setViewportSize({ width: 1024, height: 700 })
        await expect
          .poll(async () => (await readPanels(tab))[0], WAIT)
          .toMatchObject({ accountId: id18(ACME), template: "training_recap" })
        const ground = await readColours(panel(tab, " .sop-card"))
        if (gmail === "dark")
          expect(ground.backgroundLuminance, `dark panel, got ${ground.background}`).toBeLessThan(0.05)
        else expect(ground.backgroundLuminance, `light panel, got ${ground.background}`).toBeGreaterThan(0.85)
        for (const [name, selector] of [
          ["title", " .sop-title"],
          ["account", " .sop-account-name"],
          ["a field's label", " .sop-fields label"],
          ["the main button, Fill in", ' [data-action="fill-gaps"]'],
          ["Insert with the gaps marked", ' [data-action="insert"]']
        ] as const) {
          const target = panel(tab, selector).first()
          expect(await target.count(), `${name} shown`).toBe(1)
          const reading = await readColours(target)
          expect(reading.contrast, `${name}: ${reading.text} on ${reading.background}`).toBeGreaterThanOrEqual(4.5)
        }
        await shot(tab, `gmail-follows-${gmail}-on-${scheme}`)
        expect(log.errors).toEqual([])
      } finally {
        await tab.close()
      }
    })

  it("remembers the account chosen for a thread", async () => {
    const { ext } = await ready()
    const control = await ext.context.newPage()
    try {
      await control.goto(ext.extensionUrl("popup.html"))
      // The inline reply above was inserted for Acme in thread 193a5c0e2b7f4d11. Remembered only
      // while the recipients still match it: a Gmail page learns of no other account.
      const answer = await control.evaluate(() =>
        chrome.runtime.sendMessage({
          name: "compose.accounts",
          emails: ["dana.whitfield@acmedental.example"],
          threadId: "193a5c0e2b7f4d11"
        })
      )
      expect(answer).toMatchObject({ ok: true, data: { remembered: id18(ACME) } })
    } finally {
      await control.close()
    }
  })

  it("a minimised compose gets a tab; a full-screen one a card that covers neither Send nor the recipients", async () => {
    const minimised = await openGmail("minimised")
    try {
      await expect
        .poll(async () => (await readPanels(minimised.tab))[0], WAIT)
        .toMatchObject({ mode: "tab", accountId: id18(ACME) })
      const tabRect = (await readPanels(minimised.tab))[0]!.rect!
      const compose = (await protectedRects(minimised.tab, ".dw [role=dialog]")).compose!
      expect(overlaps(tabRect, compose)).toBe(false)
      expect(minimised.log.errors).toEqual([])
    } finally {
      await minimised.tab.close()
    }

    const fullscreen = await openGmail("fullscreen")
    try {
      await expect
        .poll(async () => (await readPanels(fullscreen.tab))[0], WAIT)
        .toMatchObject({ kind: "fullscreen", accountId: id18(ACME), template: "training_recap" })
      const reading = (await readPanels(fullscreen.tab))[0]!
      expect(["overlay", "side-left", "side-right"]).toContain(reading.mode)
      const rects = await protectedRects(fullscreen.tab, ".aSt [role=dialog]")
      expect(overlaps(reading.rect!, rects.send!)).toBe(false)
      expect(overlaps(reading.rect!, rects.recipients!)).toBe(false)
      // Collapsible: a tab, then open again.
      await panel(fullscreen.tab, ' [data-action="collapse"]').click()
      await expect.poll(async () => (await readPanels(fullscreen.tab))[0]?.mode, WAIT).toBe("tab")
      await panel(fullscreen.tab, ' [data-action="expand"]').click()
      await expect.poll(async () => (await readPanels(fullscreen.tab))[0]?.mode, WAIT).not.toBe("tab")
      expect(fullscreen.log.errors).toEqual([])
    } finally {
      await fullscreen.tab.close()
    }
  })

  it("holds Send while the email still shows a gap marker: go to the gap, or send anyway (issue 16)", async () => {
    const { tab, log } = await openGmail("new-message")
    try {
      await expect.poll(async () => (await readPanels(tab))[0]?.accountId, WAIT).toBe(id18(ACME))
      // Gmail's Send, in the page: it counts what it would send.
      await tab.evaluate(() => {
        const w = window as unknown as { sent: number }
        w.sent = 0
        document.addEventListener("click", (event) => {
          if ((event.target as Element).closest(".dw [role=dialog] div[role=button].aoO")) w.sent += 1
        })
      })
      const sent = () => tab.evaluate(() => (window as unknown as { sent: number }).sent)
      // The main button goes to the first gap; the CSM chooses to insert with the gaps marked.
      await panel(tab, ' [data-action="fill-gaps"]').click()
      expect(await tab.evaluate((id) => document.getElementById(id) === document.activeElement, GMAIL_HOST_ID)).toBe(
        true
      )
      await panel(tab, ' [data-action="insert"]').click()
      await expect.poll(async () => (await readCompose(tab)).text, WAIT).toContain("[missing: ")

      const send = tab.locator(".dw [role=dialog] div[role=button].aoO")
      await send.click()
      const held = panel(tab, ' [data-testid="send-held"]')
      await held.waitFor(WAIT)
      expect(await sent()).toBe(0)
      expect(await held.textContent()).toContain("[missing: ")

      await held.locator('[data-action="goto-gap"]').click()
      expect(await tab.evaluate(() => document.getSelection()?.toString())).toMatch(/^\[missing: [^\]]+\]$/)
      // Ctrl+Enter in the body is held too.
      await tab.keyboard.press("Control+Enter")
      expect(await sent()).toBe(0)

      await panel(tab, ' [data-action="send-anyway"]').click()
      await panel(tab, ' [data-testid="send-allowed"]').waitFor(WAIT)
      await send.click()
      expect(await sent()).toBe(1)
      await expect.poll(() => held.count(), WAIT).toBe(0)
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("matches an address typed in To, before it is a chip, to its account (issue 14)", async () => {
    const { tab, log } = await openGmail("inbox")
    try {
      await tab.locator("[gh=cm]").click()
      await expect.poll(() => readPanels(tab), WAIT).toHaveLength(1)
      const to = tab.locator(".dw [role=dialog] input[peoplekit-id]")
      await to.click()
      await to.pressSequentially("sam.okafor@initechclinics.example")
      await expect.poll(async () => (await readPanels(tab))[0], WAIT).toMatchObject({ accountId: id18(INITECH) })
      // Still typed, not a chip: the panel read the field itself.
      expect(await tab.locator(".dw [role=dialog] [data-hovercard-id]").count()).toBe(0)
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("a minimised compose's tab opens a panel, docked at the window's right edge, off the compose's bar (issue 14)", async () => {
    const { tab, log } = await openGmail("minimised")
    try {
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ mode: "tab", accountId: id18(ACME) })
      await panel(tab, ' [data-action="expand"]').click()
      await expect.poll(async () => (await readPanels(tab))[0]?.mode, WAIT).toBe("docked")
      const reading = (await readPanels(tab))[0]!
      const bar = (await protectedRects(tab, ".dw [role=dialog]")).compose!
      const width = await tab.evaluate(() => window.innerWidth)
      expect(overlaps(reading.rect!, bar)).toBe(false)
      expect(Math.round(width - reading.rect!.right)).toBeLessThanOrEqual(16)
      expect(reading.rect!.bottom - reading.rect!.top).toBeGreaterThan(150)
      await expect(panel(tab, ' [data-action="collapse"]').isVisible()).resolves.toBe(true)
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("ends a panel when its compose closes", async () => {
    const { tab, log } = await openGmail("new-message")
    try {
      await expect.poll(() => readPanels(tab), WAIT).toHaveLength(1)
      await tab.locator(".dw [role=dialog] img.Ha").evaluate((el) => (el as HTMLElement).closest(".nH.nn")?.remove())
      await expect.poll(() => readPanels(tab), WAIT).toEqual([])
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("asks once for the CSM's name missing from the profile, typed key by key, and never again (issue 16)", async () => {
    const { ext } = await ready()
    const control = await ext.context.newPage()
    await control.goto(ext.extensionUrl("popup.html"))
    const profileName = () =>
      control.evaluate(async () => {
        const answer = (await chrome.runtime.sendMessage({ name: "settings.get" })) as {
          data?: { profile: { name: string } }
        }
        return answer.data?.profile.name
      })
    const setName = (name: string) =>
      control.evaluate((name) => chrome.runtime.sendMessage({ name: "profile.save", profile: { name } }), name)
    await setName("")
    const first = await openGmail("new-message")
    try {
      await expect.poll(async () => (await readPanels(first.tab))[0]?.gaps, WAIT).toContain("csmName")
      const field = panel(first.tab, ' [data-field="csmName"]')
      expect(await panel(first.tab, ' [data-profile-save="ask"]').count()).toBeGreaterThan(0)
      await field.click()
      await field.pressSequentially("Morgan Miles")
      await field.press("Tab")
      await expect.poll(profileName, WAIT).toBe("Morgan Miles")
      await expect.poll(async () => (await readPanels(first.tab))[0]?.gaps, WAIT).not.toContain("csmName")
      expect(first.log.errors).toEqual([])
    } finally {
      await first.tab.close()
    }
    // The next email knows it.
    const second = await openGmail("new-message")
    try {
      await expect.poll(async () => (await readPanels(second.tab))[0]?.accountId, WAIT).toBe(id18(ACME))
      // The account shows before its plan and template have loaded: wait for the filled template.
      await expect.poll(async () => (await readPanels(second.tab))[0]?.text, WAIT).toContain("Morgan Miles")
      expect((await readPanels(second.tab))[0]?.gaps).not.toContain("csmName")
    } finally {
      await second.tab.close()
      await setName("")
      await control.close()
    }
  })
  it("expands a snippet typed in the body: ;recap is the recap the plan calls for, at the caret, filled (issue 16, item 11)", async () => {
    const { tab, log } = await openGmail("new-message")
    try {
      await expect
        .poll(async () => (await readPanels(tab))[0], WAIT)
        .toMatchObject({ accountId: id18(ACME), template: "training_recap" })
      // The fixture's body is 0 px wide in this layout (its table cell collapses): focused, not clicked.
      const body = tab.locator(".dw [role=dialog] [g_editable=true]")
      await body.focus()
      await body.pressSequentially("Hello Dana,")
      await tab.keyboard.press("Enter")
      // Typed key by key: nothing happens until the short name's last letter.
      await body.pressSequentially(";reca")
      expect((await readCompose(tab)).text).toContain(";reca")
      await tab.keyboard.press("p")
      await expect
        .poll(async () => (await readCompose(tab)).text, WAIT)
        .toContain("Thank you for joining training session 2")
      const compose = await readCompose(tab)
      expect(compose.subject).toBe("Training session 2 recap – Acme Dental Group")
      expect(compose.text).not.toContain(";recap")
      // Where the caret was: below what the CSM had typed.
      expect(compose.text?.indexOf("Hello Dana,")).toBeLessThan(compose.text?.indexOf("Thank you for joining") ?? -1)
      // Gaps stay marked, as the panel's own insert leaves them; the panel offers the step's check-off.
      expect(compose.text).toContain("[missing: Pending subjects]")
      expect(compose.html).not.toContain("{{")
      await expect(panel(tab, ' [data-action="mark-step"]').getAttribute("data-step-key")).resolves.toBe("TR2#2")

      // The editor's own undo brings back what was typed.
      await tab.keyboard.press("Control+z")
      await expect.poll(async () => (await readCompose(tab)).text, WAIT).toContain(";recap")
      expect((await readCompose(tab)).text).not.toContain("Thank you for joining")

      // An unknown short name is just text.
      await tab.keyboard.press("Enter")
      await body.pressSequentially(";nosuchsnippet and on")
      await tab.waitForTimeout(300)
      expect((await readCompose(tab)).text).toContain(";nosuchsnippet and on")
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it("inserts nothing for a snippet before the email has an account, and says why in the panel (issue 16, item 11)", async () => {
    const { tab, log } = await openGmail("inbox")
    try {
      await tab.locator("[gh=cm]").click()
      await expect.poll(() => readPanels(tab), WAIT).toHaveLength(1)
      // Gmail (and the fixture) put the caret in a new compose's body.
      const body = tab.locator(".dw [role=dialog] [g_editable=true]")
      await body.pressSequentially(";welcome")
      const notice = panel(tab, ' [data-testid="snippet-notice"]')
      await notice.waitFor(WAIT)
      expect(await notice.textContent()).toContain(";welcome needs the email’s account")
      expect((await readCompose(tab)).text?.trim()).toBe(";welcome")
      expect(log.errors).toEqual([])
    } finally {
      await tab.close()
    }
  })
})
