/**
 * Issue #11, done when: "the options page's mapping editor offers the org's fields by type and
 * its check on one account names each fact's source and each problem". The built extension in
 * Chromium, on the fake org (tools/salesforce-org.ts, object-info from
 * tools/salesforce-object-info.ts), where field-level security hides the Account's MRR__c.
 */
import { describe, expect, it } from "vitest"

import { plusDays, todayIn } from "~/src/domain/dates"
import type { AccountFactsInput } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { MAPPABLE_FACTS, type TeamSettings } from "~/src/domain/settings"
import { addSessionCookie, fakeSalesforceOrg } from "~/tools/salesforce-org"

import { collectPageErrors, openAccountOnce, setupExtensionEnvironment } from "./harness"

const SESSION = "00Dxx0000001gEREAY!e2e.mapping.5e55"
const WAIT = { timeout: 20_000 }
const today = todayIn()

const ACCOUNT: AccountFactsInput = {
  id: "001Hs00002MapEd",
  name: "Lakeside Family Dental",
  products: ["learning"],
  mrr: 1500,
  users: 90,
  serviceLevel: "standard",
  assignedOn: plusDays(today, -70),
  onboardingCallScheduledFor: plusDays(today, -66),
  onboardingCallCompletedOn: plusDays(today, -66),
  onboardingCompletedOn: plusDays(today, -32),
  adoption30MeetingOn: plusDays(today, -2),
  contactEmails: ["office@lakeside.example"]
}

const org = fakeSalesforceOrg({
  org: "acme",
  accounts: [ACCOUNT],
  session: SESSION,
  hiddenFields: ["Account.MRR__c"]
})
const env = setupExtensionEnvironment({ routes: org.routes })

describe("the mapping editor on the org's own fields", () => {
  it("offers a date fact only date fields, saves the one picked, and the check names each source and problem", async () => {
    const { ext } = env()
    await addSessionCookie(ext.context, org.name, SESSION)
    // The CSM opens one account once: SOP Pilot learns the org.
    await openAccountOnce(ext, org.recordUrl(ACCOUNT.id))

    const page = await ext.context.newPage()
    const errors = collectPageErrors(page)
    try {
      org.apiCalls.length = 0
      await page.goto(ext.extensionUrl("options.html"))
      await page.locator('[data-testid="mapping-editor"][data-fields="read"]').waitFor(WAIT)
      // One object-info request per object the mapping names.
      expect(
        org.apiCalls
          .map((c) => new URL(c.url).pathname.split("/").at(-1))
          .sort((a, b) => (a ?? "").localeCompare(b ?? ""))
      ).toEqual(["Account", "Adoption__c", "Case", "Contact", "Onboarding__c"])

      // The 30-day meeting's field: only Adoption__c's date and date/time fields are offered.
      const field = page.locator('select[data-fact="adoption30MeetingOn"][data-part="field"]')
      const options = await field
        .locator("option")
        .evaluateAll((list) =>
          list.map((o) => ({ value: (o as HTMLOptionElement).value, type: o.getAttribute("data-type") }))
        )
      expect(new Set(options.map((o) => o.type))).toEqual(new Set(["Date", "DateTime"]))
      expect(options.map((o) => o.value)).toEqual(
        expect.arrayContaining(["X30_Day_Meeting_Date__c", "X30_Day_Meeting_Held_At__c", "CreatedDate"])
      )
      for (const notDate of ["Name", "Health_Score__c", "Adoption_Status__c", "Account__c", "Recap_Sent__c"])
        expect(options.map((o) => o.value)).not.toContain(notDate)
      expect(await field.inputValue()).toBe("X30_Day_Meeting_Date__c")

      // MRR__c is hidden from this user: it is not offered, and the mapping says so.
      const mrr = page.locator('select[data-path="salesforce.fieldMapping.mrr"]')
      expect(
        await mrr.locator("option:not([data-missing])").evaluateAll((l) => l.map((o) => o.getAttribute("value")))
      ).not.toContain("MRR__c")
      expect(await page.locator('tr[data-fact="mrr"] [data-testid="mapping-field-missing"]').textContent()).toContain(
        "MRR__c is not a currency, number or percent field you can read"
      )

      // The Team Lead picks the next field with the keyboard ("30 Day Meeting Held At").
      await field.focus()
      await field.press("ArrowDown")
      await expect.poll(() => field.inputValue(), WAIT).toBe("X30_Day_Meeting_Held_At__c")
      await page.locator('[data-testid="save-status"][data-kind="saved"]').waitFor(WAIT)
      const saved = (await page.evaluate(() => chrome.storage.local.get("teamSettings"))) as {
        teamSettings?: TeamSettings
      }
      expect(saved.teamSettings?.salesforce.related.find((s) => s.fact === "adoption30MeetingOn")?.field).toBe(
        "X30_Day_Meeting_Held_At__c"
      )

      // "Check this mapping on an account": each fact with its source; the hidden field's problem.
      await page.locator('[data-field="mapping-check-account"]').pressSequentially(toId18(ACCOUNT.id) as string)
      await page.getByRole("button", { name: "Check this mapping on an account" }).click()
      const rows = page.locator('[data-testid="mapping-check"] tbody tr')
      await rows.first().waitFor(WAIT)
      const checked = await rows.evaluateAll((list) =>
        list.map((row) => ({
          fact: row.getAttribute("data-fact"),
          problem: row.getAttribute("data-problem"),
          source: row.querySelector("[data-source]")?.textContent ?? "",
          text: row.textContent ?? ""
        }))
      )
      expect(checked.map((r) => r.fact)).toEqual([...MAPPABLE_FACTS, "contactEmails", "done"])
      for (const row of checked) expect(row.source, row.fact ?? "").not.toBe("")
      const row = (fact: string) => checked.find((r) => r.fact === fact)
      expect(row("mrr")).toMatchObject({ source: "Account.MRR__c", problem: "true" })
      expect(row("mrr")?.text).toMatch(/you may not have access to it/)
      expect(row("name")).toMatchObject({ source: "Account.Name", problem: "false" })
      expect(row("name")?.text).toContain(ACCOUNT.name)
      // The field just picked is where the 30-day meeting is read now (empty in this org).
      expect(row("adoption30MeetingOn")?.source).toBe(
        "newest Adoption__c (Account__c = the account).X30_Day_Meeting_Held_At__c"
      )
      expect(row("onboardingCompletedOn")?.source).toMatch(/^Onboarding__c\.Onboarding_Completed_Date__c \(a0B/)
      expect(row("contactEmails")).toMatchObject({ source: "Contact.Email", problem: "false" })
      expect(checked.filter((r) => r.problem === "true").map((r) => r.fact)).toEqual(["mrr"])
      expect(errors.errors).toEqual([])
    } finally {
      await page.close()
    }
  })
})
