/**
 * Issue #16 item 7: a step's details link its SOP section and the team's documents for its rule.
 * A document added on the options page shows in the panel; the SOP control opens the SOP page at
 * the rule's section.
 */
import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { todayIn } from "~/src/domain/dates"
import { RULE_SECTIONS } from "~/src/domain/playbook/sections"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { panelLocator, setupExtensionEnvironment } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.s3ss10n.l1nk5"
const WAIT = { timeout: 20_000 }
const book = demoBook(todayIn())
const org = fakeSalesforceOrg({ org: "acme", accounts: book, session: SESSION })
const env = setupExtensionEnvironment({ routes: org.routes })

describe("step details: how", () => {
  it("links the team's document and opens the SOP at the rule's section", async () => {
    const { ext } = env()
    await addSessionCookie(ext.context, org.name, SESSION)
    const account = book[0]
    if (!account) throw new Error("no demo account")
    const page = await ext.context.newPage()
    await page.goto(org.recordUrl(account.id))
    const row = panelLocator(page, "li.sop-step:not([hidden])").first()
    await row.waitFor(WAIT)
    const rule = (await row.getAttribute("data-rule")) ?? ""
    expect(rule).not.toBe("")

    const options = await ext.context.newPage()
    await options.goto(ext.extensionUrl("options.html"))
    await options.getByLabel("Document name").pressSequentially("Team checklist")
    await options.getByLabel("Document address").pressSequentially("https://docs.example/checklist")
    await options.getByLabel("For steps").pressSequentially(rule)
    await options.getByRole("button", { name: "Add document" }).click()
    await options.getByRole("link", { name: "Team checklist" }).waitFor(WAIT)
    await options.close()

    await page.reload()
    const again = panelLocator(page, `li.sop-step:not([hidden])[data-rule="${rule}"]`).first()
    await again.waitFor(WAIT)
    await again.locator('[data-action="step-details"]').click()
    const document = again.locator('[data-testid="step-document"]')
    await document.waitFor(WAIT)
    expect(await document.getAttribute("href")).toBe("https://docs.example/checklist")
    expect(await document.getAttribute("rel")).toBe("noopener noreferrer")
    expect(await document.textContent()).toBe("Team checklist")

    const opened = ext.context.waitForEvent("page", WAIT)
    await again.locator('[data-action="open-sop"]').click()
    const sop = await opened
    await sop.waitForLoadState()
    expect(sop.url()).toBe(ext.extensionUrl(`tabs/sop.html#rule=${rule}`))
    const section = sop.locator('[data-testid="sop-section"]')
    await section.waitFor(WAIT)
    expect((await section.textContent())?.trim()).toBe(RULE_SECTIONS[rule as keyof typeof RULE_SECTIONS].heading)
    await page.close()
    await sop.close()
  })
})
