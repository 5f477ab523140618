import { describe, expect, it } from "vitest"

import {
  composeValues,
  currentInputs,
  formatLongDate,
  greetingName,
  inputFields,
  knownValues,
  mergedLines,
  mergedLineText,
  type ComposeSource
} from "~/src/domain/compose-values"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { pickTemplate } from "~/src/domain/template-pick"
import { DEFAULT_TEMPLATES } from "~/src/domain/templates/defaults"
import { mergeTemplate } from "~/src/domain/templates/merge"

const TODAY = "2026-11-25"
const PROFILE = {
  name: "Morgan Miles",
  initials: "MM",
  signature: "Customer Success Manager\n+1 555 0100",
  calendlyLink: "https://calendly.com/morgan-miles"
}
const LINKS = { supportContact: "support@medtrainer.example · 1-800-555-0199", kycSurvey: "https://forms.example/kyc" }

function source(
  facts: Partial<AccountFactsInput>,
  stepKey?: string,
  extra: Partial<ComposeSource> = {}
): ComposeSource {
  const parsed = AccountFacts.parse({ id: "001Hs00002ABCDeIAP", name: "Acme Dental Group", ...facts })
  const plan = buildPlan(parsed, DEFAULT_SETTINGS, TODAY)
  const step = stepKey ? plan.steps.find((s) => s.key === stepKey) : undefined
  if (stepKey && !step) throw new Error(`no step ${stepKey}`)
  return {
    accountName: parsed.name,
    facts: parsed as unknown as Record<string, unknown>,
    plan,
    today: TODAY,
    profile: PROFILE,
    links: LINKS,
    recipient: { email: "dana.whitfield@acmedental.example", name: "Dana Whitfield" },
    step,
    ...extra
  }
}

const TRAINING = {
  products: ["learning", "compliance"] as const,
  onboardingCallCompletedOn: "2026-11-01",
  trainingsCompletedOn: ["2026-11-10", TODAY]
}

describe("knownValues", () => {
  it("fills the account, recipient, profile, links and plan values", () => {
    const values = knownValues(source({ ...TRAINING, products: [...TRAINING.products] }, "TR2#2"))
    expect(values).toMatchObject({
      accountName: "Acme Dental Group",
      adminEmail: "dana.whitfield@acmedental.example",
      adminName: "Dana",
      csmName: "Morgan Miles",
      csmInitials: "MM",
      calendlyLink: "https://calendly.com/morgan-miles",
      supportContact: "support@medtrainer.example · 1-800-555-0199",
      kycSurveyLink: "https://forms.example/kyc",
      nextOpenForumDate: "2026-12-03",
      trainingSessionNumber: "2",
      meetingDate: TODAY,
      modulesCovered:
        "- Org Management\n- Documents & Policies\n- In-App Reports\n- Company Settings part 1\n- Pending System Actions\n- Admin/Student DBs",
      upcomingTrainingDates: "Session 3 – Compliance\nSession 4 – Compliance"
    })
    // Unset team links are not values: they become gaps.
    expect(values.policyManualsLink).toBeUndefined()
    expect(values.participants).toBeUndefined()
  })

  it("takes the meeting date of the recapped step from the facts", () => {
    expect(
      knownValues(source({ products: ["learning"], onboardingCallCompletedOn: "2026-11-20" }, "ON11")).meetingDate
    ).toBe("2026-11-20")
    const adoption = {
      products: ["learning"] as "learning"[],
      onboardingCallCompletedOn: "2026-09-01",
      trainingsCompletedOn: ["2026-10-01"],
      adoption30MeetingOn: "2026-11-24"
    }
    expect(knownValues(source(adoption, "AD4")).meetingDate).toBe("2026-11-24")
  })

  it("uses a planned meeting date only once it has come", () => {
    // Call planned today, not marked held yet: the recap is about today's call.
    expect(
      knownValues(
        source({ products: ["learning"], assignedOn: "2026-11-20", onboardingCallScheduledFor: TODAY }, "ON11")
      ).meetingDate
    ).toBe(TODAY)
    expect(
      knownValues(
        source({ products: ["learning"], assignedOn: "2026-11-20", onboardingCallScheduledFor: "2026-12-02" }, "ON11")
      ).meetingDate
    ).toBeUndefined()
  })

  it("greets by first name, or title and surname", () => {
    expect(greetingName("Dana Whitfield")).toBe("Dana")
    expect(greetingName("Dr. Dana Whitfield")).toBe("Dr. Whitfield")
    expect(greetingName("Whitfield, Dana")).toBe("Dana")
    expect(greetingName('  "Dana"  ')).toBe("Dana")
    expect(greetingName("dana@acmedental.example")).toBeUndefined()
    expect(greetingName("")).toBeUndefined()
    expect(greetingName(undefined)).toBeUndefined()
  })

  it("writes dates long, the forum with its weekday", () => {
    expect(formatLongDate("2026-12-03")).toBe("December 3, 2026")
    expect(formatLongDate("2026-12-03", true)).toBe("Thursday, December 3, 2026")
    expect(formatLongDate("next Tuesday")).toBe("next Tuesday")
  })
})

describe("merging a recap", () => {
  const facts = { ...TRAINING, products: [...TRAINING.products] }

  it("fills what is known, lists the gaps, and never leaves a raw placeholder", () => {
    const src = source(facts, "TR2#2")
    const merged = mergeTemplate(DEFAULT_TEMPLATES.training_recap, composeValues(src, {}))
    expect(merged.gaps).toEqual(["participants", "pendingSubjects"])
    expect(mergedLineText(merged.subject)).toBe("Training session 2 recap – Acme Dental Group")
    const body = mergedLines(merged.body)
      .map((line) => line.map((p) => p.text).join(""))
      .join("\n")
    expect(body).toContain("Hi Dana,")
    expect(body).toContain("Thank you for joining training session 2 on November 25, 2026!")
    expect(body).toContain("[missing: Participants]")
    expect(body).toContain("[missing: Pending subjects]")
    expect(body).toContain("Morgan Miles\nCustomer Success Manager\n+1 555 0100")
    expect(body).not.toContain("{{")
  })

  it("typed values win over known ones; blank inputs do not erase them", () => {
    const src = source(facts, "TR2#2")
    const values = composeValues(src, {
      participants: "Dana, Lee",
      meetingDate: "2026-11-24",
      adminName: "  ",
      pendingSubjects: "None"
    })
    expect(values.participants).toBe("Dana, Lee")
    expect(values.meetingDate).toBe("November 24, 2026")
    expect(values.adminName).toBe("Dana")
    expect(mergeTemplate(DEFAULT_TEMPLATES.training_recap, values).gaps).toEqual([])
  })

  it("offers inputs for per-email fields and for whatever is missing, in order of use", () => {
    const src = source(facts, "TR2#2", { profile: { ...PROFILE, calendlyLink: "" } })
    const fields = inputFields(DEFAULT_TEMPLATES.training_recap, currentInputs(src, {}))
    expect(fields.map((f) => [f.field, f.kind, f.missing])).toEqual([
      ["trainingSessionNumber", "line", false],
      ["adminName", "line", false],
      ["meetingDate", "date", false],
      ["participants", "multiline", true],
      ["modulesCovered", "multiline", false],
      ["pendingSubjects", "multiline", true],
      ["calendlyLink", "line", true]
    ])
  })

  it("keeps a typed field where it was: sections follow what the account gives, not what was typed (issue 16)", () => {
    const src = source(facts, "TR2#2", { profile: { ...PROFILE, calendlyLink: "" } })
    const typed = { participants: "M", calendlyLink: "https://calendly.com/j" }
    const fields = inputFields(DEFAULT_TEMPLATES.training_recap, currentInputs(src, typed), knownValues(src))
    expect(fields.map((f) => [f.field, f.missing, f.toFill])).toEqual([
      ["trainingSessionNumber", false, false],
      ["adminName", false, false],
      ["meetingDate", false, false],
      ["participants", false, true],
      ["modulesCovered", false, false],
      ["pendingSubjects", true, true],
      ["calendlyLink", false, true]
    ])
  })

  it("the suggested step's values make the pick's template complete but for the typed fields", () => {
    const adoption = source(
      {
        products: ["learning"],
        mrr: 1200,
        serviceLevel: "standard",
        onboardingCallCompletedOn: "2026-09-01",
        trainingsCompletedOn: ["2026-10-01"],
        adoption30MeetingOn: TODAY
      },
      "AD4"
    )
    const pick = pickTemplate(adoption.plan as never, TODAY)
    expect(pick.suggested?.template).toBe("adoption_30_recap")
    const merged = mergeTemplate(DEFAULT_TEMPLATES.adoption_30_recap, composeValues(adoption, {}))
    expect(merged.gaps).toEqual(["mainPoints", "productsDiscussed"])
  })
})

describe("mergedLines", () => {
  it("keeps hostile text as text and breaks every {{, across pieces too", () => {
    const hostile = "<img src=x onerror=alert(1)>"
    const merged = mergeTemplate(
      { subject: "Re: {{accountName}}", body: "Hi {{accountName}} {{{adminName}}}\n\n{{meetingDate}}" },
      { accountName: hostile, adminName: "{{csmName}}" }
    )
    const lines = mergedLines(merged.body)
    expect(lines).toHaveLength(3)
    expect(lines[0]?.map((p) => p.text).join("")).toBe(`Hi ${hostile} {\u200B{\u200B{csmName}}}`)
    expect(lines[1]).toEqual([])
    expect(lines[2]).toEqual([{ text: "[missing: Meeting date]", gap: "meetingDate" }])
    expect(
      lines
        .flat()
        .map((p) => p.text)
        .join("")
    ).not.toContain("{{")
    expect(mergedLineText(merged.subject)).toBe(`Re: ${hostile}`)
  })

  it("marks unknown fields as gaps too", () => {
    const lines = mergedLines(mergeTemplate({ subject: "", body: "x {{acountName}} y" }, {}).body)
    expect(lines[0]).toEqual([
      { text: "x " },
      { text: "[unknown field: acountName]", gap: "acountName" },
      { text: " y" }
    ])
  })
})
