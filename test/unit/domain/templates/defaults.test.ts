import { describe, expect, it } from "vitest"

import { TEMPLATE_IDS, type TemplateId } from "~/src/domain/templates/catalog"
import { DEFAULT_TEMPLATES } from "~/src/domain/templates/defaults"
import { mergeFieldsUsed, unknownMergeFields, type MergeFieldName } from "~/src/domain/templates/fields"
import { mergeTemplate, toPlainText, toSafeHtml } from "~/src/domain/templates/merge"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { FULL_VALUES } from "./fixtures"

/** What each template must carry, per the SOPs (spec §5, §6). */
const MUST_USE: Record<TemplateId, MergeFieldName[]> = {
  welcome_reminder: ["csmName", "kycSurveyLink", "calendlyLink"],
  onboarding_call_recap: ["mainPoints", "upcomingTrainingDates", "calendlyLink"],
  smb_onboarding_call_recap: ["mainPoints", "upcomingTrainingDates", "calendlyLink", "customerLaunchKitLink"],
  training_recap: ["participants", "modulesCovered", "pendingSubjects", "supportContact"],
  smb_onboarding_completed: ["overviewVideosLink", "policyManualsLink", "nextOpenForumDate"],
  adoption_30_recap: ["meetingDate", "mainPoints", "productsDiscussed"],
  adoption_90_recap: ["mainPoints", "salesOpportunities", "surveyLink"],
  sentiment_survey_reminder: ["surveyLink"],
  tl_75_checkin_recap: ["mainPoints"],
  tl_150_checkin_recap: ["mainPoints"],
  account_gone_dark: ["calendlyLink"]
}

describe.each(TEMPLATE_IDS)("default template %s", (id) => {
  const template = DEFAULT_TEMPLATES[id]

  it("uses only known merge fields", () => {
    expect(unknownMergeFields(template.subject)).toEqual([])
    expect(unknownMergeFields(template.body)).toEqual([])
  })

  it("carries what the SOP asks for, greets the admin and signs with the CSM's name and signature", () => {
    const used = mergeFieldsUsed(template.body)
    for (const field of MUST_USE[id]) expect(used).toContain(field)
    expect(template.body.startsWith("Hi {{adminName}},\n")).toBe(true)
    expect(template.body.endsWith("{{csmName}}\n{{csmSignature}}")).toBe(true)
  })

  it("has a one-line subject and a multi-line body within the settings limits", () => {
    expect(template.subject).not.toMatch(/[\r\n]/)
    expect(template.subject.length).toBeLessThanOrEqual(500)
    expect(template.body.length).toBeLessThanOrEqual(20_000)
    expect(template.body.split("\n").length).toBeGreaterThan(5)
  })

  it("merges with full values to text with no placeholder and no gap", () => {
    const merged = mergeTemplate(template, FULL_VALUES)
    expect(merged.gaps).toEqual([])
    expect(merged.unknown).toEqual([])
    const subject = toPlainText(merged.subject)
    const body = toPlainText(merged.body)
    for (const text of [subject, body]) {
      expect(text).not.toContain("{{")
      expect(text).not.toContain("}}")
      expect(text).not.toContain("[missing:")
    }
    expect(body).toContain("Dana Reyes")
    expect(body).toContain("Maria Martinez")
    expect(toSafeHtml(merged.body)).not.toMatch(/<(?!br>)/)
  })

  it("with no values, lists every used field as a gap and renders none raw", () => {
    const merged = mergeTemplate(template, {})
    const expected = [...new Set([...mergeFieldsUsed(template.subject), ...mergeFieldsUsed(template.body)])]
    expect(merged.gaps).toEqual(expected)
    expect(toPlainText(merged.body)).not.toContain("{{")
    expect(toPlainText(merged.body)).toContain("[missing: Admin's name]")
  })

  it("is the settings default", () => {
    expect(DEFAULT_SETTINGS.templates[id]).toEqual(template)
  })
})
