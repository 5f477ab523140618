import { describe, expect, it } from "vitest"

import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import type { PlanStep } from "~/src/domain/plan"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { TEMPLATE_LABELS } from "~/src/domain/labels"
import { daysFrom, occurrenceOf, pickTemplate } from "~/src/domain/template-pick"
import { TEMPLATE_IDS } from "~/src/domain/templates/catalog"

const TODAY = "2026-11-25"
const plan = (facts: Partial<AccountFactsInput>, today = TODAY) =>
  buildPlan(
    AccountFacts.parse({ id: "001Hs00002ABCDeIAP", name: "Acme Dental Group", ...facts }),
    DEFAULT_SETTINGS,
    today
  )

describe("pickTemplate on real plans", () => {
  it("a 30-day meeting held today → AD4 adoption_30_recap, with the step's why", () => {
    const p = plan({
      products: ["learning"],
      mrr: 1200,
      serviceLevel: "standard",
      onboardingCallCompletedOn: "2026-09-01",
      trainingsCompletedOn: ["2026-10-01"],
      adoption30MeetingOn: TODAY
    })
    const pick = pickTemplate(p, TODAY)
    expect(pick.suggested?.step.key).toBe("AD4")
    expect(pick.suggested?.template).toBe("adoption_30_recap")
    expect(pick.suggested?.reason).toMatch(
      /^Due today\. The 30-day meeting \(2026-11-25\) gets its recap the same day\.$/
    )
  })

  it("a survey unanswered for 7 days → AD11 sentiment_survey_reminder", () => {
    const p = plan({
      products: ["learning"],
      mrr: 1500,
      serviceLevel: "standard",
      onboardingCallCompletedOn: "2026-07-01",
      trainingsCompletedOn: ["2026-08-01"],
      adoption30MeetingOn: "2026-08-31",
      sentimentSurveySentOn: "2026-11-18",
      done: ["AD4", "AD5", "AD6"]
    })
    const pick = pickTemplate(p, TODAY)
    expect(pick.suggested?.step.key).toBe("AD11")
    expect(pick.suggested?.template).toBe("sentiment_survey_reminder")
  })

  it("an SMB onboarding call held today → ON11 smb_onboarding_call_recap", () => {
    const p = plan({
      package: "smb",
      products: ["learning", "compliance"],
      mrr: 250,
      assignedOn: "2026-11-16",
      onboardingCallScheduledFor: TODAY,
      onboardingCallCompletedOn: TODAY
    })
    const pick = pickTemplate(p, TODAY)
    expect(pick.suggested?.step.key).toBe("ON11")
    expect(pick.suggested?.template).toBe("smb_onboarding_call_recap")
  })

  it("a standard onboarding call → ON11 onboarding_call_recap", () => {
    const p = plan({ products: ["learning"], onboardingCallCompletedOn: TODAY })
    expect(pickTemplate(p, TODAY).suggested?.template).toBe("onboarding_call_recap")
  })

  it("training session 2 held today → TR2#2 training_recap, before the overdue recap of session 1", () => {
    const p = plan({
      products: ["learning", "compliance"],
      onboardingCallCompletedOn: "2026-11-01",
      trainingsCompletedOn: ["2026-11-10", TODAY]
    })
    const pick = pickTemplate(p, TODAY)
    expect(pick.suggested?.step.key).toBe("TR2#2")
    expect(pick.suggested?.template).toBe("training_recap")
    expect(pick.steps.map((s) => s.step.key).slice(0, 2)).toEqual(["TR2#2", "TR2#1"])
    expect(pick.steps[1]?.reason).toMatch(/^Overdue by 15 days \(due 2026-11-10\)\./)
  })

  it("skips steps already done", () => {
    const p = plan({
      products: ["learning", "compliance"],
      onboardingCallCompletedOn: "2026-11-01",
      trainingsCompletedOn: ["2026-11-10", TODAY],
      done: ["TR2#2"]
    })
    expect(pickTemplate(p, TODAY).suggested?.step.key).toBe("TR2#1")
  })

  it("suggests nothing when no email step is due yet, but lists the upcoming ones", () => {
    const p = plan({ products: ["learning"], assignedOn: "2026-11-24", onboardingCallScheduledFor: "2026-12-01" })
    const pick = pickTemplate(p, TODAY)
    expect(pick.suggested).toBeUndefined()
    expect(pick.steps.map((s) => s.step.key)).toContain("ON11")
    expect(pick.steps.find((s) => s.step.key === "ON11")?.reason).toMatch(/^Due in 6 days \(2026-12-01\)\./)
  })
})

const step = (
  key: string,
  status: PlanStep["status"],
  due: string | null,
  extra: Partial<PlanStep> = {}
): PlanStep => ({
  key,
  rule: key.split("#")[0] as PlanStep["rule"],
  title: key,
  due,
  status,
  role: "csm",
  template: "training_recap",
  why: `why ${key}`,
  ...extra
})

describe("pickTemplate ordering", () => {
  it("due today, then overdue (most recent first), CSM before Team Lead, then upcoming (soonest), then undated", () => {
    const steps = [
      step("TR2#3", "info", null),
      step("AD12", "upcoming", "2026-12-10", { template: "adoption_90_recap" }),
      step("TL1", "due", TODAY, { role: "team_lead", template: "tl_75_checkin_recap" }),
      step("FO1#2", "overdue", "2026-11-10", { template: "account_gone_dark" }),
      step("AD4", "overdue", "2026-11-24", { template: "adoption_30_recap" }),
      step("AD11", "upcoming", "2026-11-27", { template: "sentiment_survey_reminder" }),
      step("ON11", "due", TODAY, { template: "onboarding_call_recap" }),
      step("AD12", "done", TODAY, { template: "adoption_90_recap" }),
      step("AD5", "due", TODAY, { template: null })
    ]
    const pick = pickTemplate({ steps }, TODAY)
    expect(pick.steps.map((s) => s.step.key)).toEqual(["ON11", "AD4", "FO1#2", "TL1", "AD11", "AD12", "TR2#3"])
    expect(pick.suggested?.step.key).toBe("ON11")
    expect(pick.steps.map((s) => s.pressing)).toEqual([true, true, true, true, false, false, false])
  })

  it("labels every template", () => {
    for (const id of TEMPLATE_IDS) expect(TEMPLATE_LABELS[id]).toMatch(/\w/)
  })

  it("counts days and reads occurrences", () => {
    expect(daysFrom("2026-11-25", "2026-12-01")).toBe(6)
    expect(daysFrom("2026-03-01", "2026-02-28")).toBe(-1)
    expect(occurrenceOf("TR2#12")).toBe(12)
    expect(occurrenceOf("AD4")).toBeUndefined()
  })
})
