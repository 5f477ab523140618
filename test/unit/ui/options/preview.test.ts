import { describe, expect, it } from "vitest"

import { mergedLines, mergedLineText } from "~/src/domain/compose-values"
import { DEFAULT_PROFILE } from "~/src/domain/profile"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { TEMPLATE_IDS } from "~/src/domain/templates/catalog"
import { mergeTemplate } from "~/src/domain/templates/merge"
import type { AccountView, ComposeContext } from "~/src/messages/protocol"
import { deriveDraft, templateValue } from "~/src/ui/gmail/draft"
import { demoAccounts, previewInputs, previewSource, previewValues, SAMPLE_ADMIN } from "~/src/ui/options/preview"

const TODAY = "2026-11-25"
const PROFILE = {
  ...DEFAULT_PROFILE,
  name: "Morgan Miles",
  initials: "MM",
  signature: "Customer Success Manager",
  calendlyLink: "https://calendly.com/morgan-miles"
}
const SETTINGS = { ...DEFAULT_SETTINGS, links: { ...DEFAULT_SETTINGS.links, kycSurvey: "https://forms.example/kyc" } }

// The preview once built its own values (training dates, meeting date with a weekday, the
// admin's full name): it showed an email Gmail would not insert.
describe("the template preview is the email the Gmail panel inserts", () => {
  const accounts = demoAccounts(TODAY)

  it("covers the demo book", () => expect(accounts.length).toBeGreaterThan(3))

  it.each(accounts.map((account) => [account.name, account] as const))("%s: every template", (_name, account) => {
    const source = previewSource(account, SETTINGS, PROFILE, TODAY)
    const context = {
      view: { name: account.name, facts: source.facts, plan: source.plan, today: TODAY } as unknown as AccountView,
      profile: PROFILE,
      links: { ...SETTINGS.links },
      templates: { ...SETTINGS.templates }
    } satisfies ComposeContext
    for (const id of TEMPLATE_IDS) {
      const preview = mergeTemplate(SETTINGS.templates[id], previewValues(account, SETTINGS, PROFILE, TODAY))
      const gmail = deriveDraft({
        context,
        recipient: { email: account.facts.contactEmails[0] ?? "", name: SAMPLE_ADMIN },
        option: templateValue(id),
        typed: previewInputs(source)
      })
      expect(mergedLineText(preview.subject), `${id} subject`).toBe(gmail.subject)
      expect(mergedLines(preview.body), `${id} body`).toEqual(gmail.body)
      expect(preview.gaps, `${id} gaps`).toEqual(gmail.gaps)
    }
  })

  it("writes training dates, the meeting date and the greeting as the email does", () => {
    const training = accounts.find((a) => a.facts.trainingsCompletedOn.length > 0 && a.facts.products.length > 1)
    expect(training).toBeDefined()
    const values = previewValues(training!, SETTINGS, PROFILE, TODAY)
    expect(values.adminName).toBe("Jordan")
    expect(values.meetingDate).toBe("November 25, 2026")
    expect(String(values.upcomingTrainingDates ?? "")).not.toContain("to be scheduled")
  })
})
