import { describe, expect, it } from "vitest"

import { csmTierFor, trainingPlanFor } from "~/src/domain/derived-facts"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput, type Product } from "~/src/domain/facts"
import type { Plan } from "~/src/domain/plan"
import { DEFAULT_SETTINGS, TeamSettings, type TeamSettingsInput } from "~/src/domain/settings"

const ID = "001Hs00002ABCDe"
const plan = (facts: Partial<AccountFactsInput>, today: string, settings: TeamSettingsInput = {}): Plan =>
  buildPlan(AccountFacts.parse({ id: ID, name: "Acme", ...facts }), TeamSettings.parse(settings), today)
const step = (p: Plan, key: string) => p.steps.find((s) => s.key === key)
const keys = (p: Plan) => p.steps.map((s) => s.key)

describe("training matrix (spec §4)", () => {
  const order = (products: Product[]) =>
    trainingPlanFor(products, DEFAULT_SETTINGS.trainingModules).map(
      (s) => s.product[0]?.toUpperCase() + (s.product.startsWith("credentialing") ? "S" : "")
    )
  it.each<[Product[], string[]]>([
    [
      ["learning", "compliance", "credentialing_software"],
      ["L", "C", "C", "C", "CS", "CS"]
    ],
    [
      ["credentialing_software", "compliance"],
      ["C", "C", "C", "CS", "CS"]
    ],
    [
      ["learning", "compliance"],
      ["L", "C", "C", "C"]
    ],
    [
      ["learning", "credentialing_software"],
      ["L", "CS", "CS"]
    ],
    [["compliance"], ["C", "C", "C"]],
    [["credentialing_software"], ["CS", "CS"]],
    [["learning"], ["L"]],
    [["credentialing_service"], []],
    [["learning", "credentialing_service"], ["L"]]
  ])("%j → %j", (products, expected) => {
    expect(order(products)).toEqual(expected)
  })

  it("numbers sessions from 1 and lists their modules", () => {
    const sessions = trainingPlanFor(["compliance"], DEFAULT_SETTINGS.trainingModules)
    expect(sessions.map((s) => s.session)).toEqual([1, 2, 3])
    expect(sessions[2]?.modules).toEqual(["In-App Reports", "Company Settings part 3"])
  })
})

describe("stages (spec §2)", () => {
  const base = { products: ["learning", "compliance"] as Product[], assignedOn: "2026-01-05" }
  const trainings = ["2026-01-20", "2026-01-22", "2026-01-27", "2026-01-29"]
  it.each<[string, Partial<AccountFactsInput>, string]>([
    ["no call yet", {}, "onboarding"],
    ["call scheduled", { onboardingCallScheduledFor: "2026-01-12" }, "onboarding"],
    [
      "call done, 3 of 4 trainings",
      { onboardingCallCompletedOn: "2026-01-12", trainingsCompletedOn: trainings.slice(0, 3) },
      "training"
    ],
    ["all trainings", { onboardingCallCompletedOn: "2026-01-12", trainingsCompletedOn: trainings }, "adoption_30"],
    ["explicit completion", { onboardingCompletedOn: "2026-01-30" }, "adoption_30"],
    ["30-day held", { onboardingCompletedOn: "2026-01-30", adoption30MeetingOn: "2026-03-01" }, "adoption_90"],
    [
      "90-day held",
      { onboardingCompletedOn: "2026-01-30", adoption30MeetingOn: "2026-03-01", adoption90MeetingOn: "2026-04-30" },
      "retention"
    ],
    ["SMB complete", { package: "smb", onboardingCompletedOn: "2026-01-30" }, "smb_adoption"],
    [
      "SMB meeting held",
      { package: "smb", onboardingCompletedOn: "2026-01-30", smbAdoptionMeetingOn: "2026-03-31" },
      "retention"
    ]
  ])("%s → %s", (_, facts, stage) => {
    expect(plan({ ...base, ...facts }, "2026-02-10").stage).toBe(stage)
  })

  it("puts other service levels on the 60-day track when the team says so", () => {
    const facts = { ...base, serviceLevel: "basic" as const, onboardingCompletedOn: "2026-01-30" }
    expect(plan(facts, "2026-02-10").stage).toBe("adoption_30")
    expect(plan(facts, "2026-02-10", { sixtyDayTrack: { serviceLevels: ["basic"] } }).stage).toBe("smb_adoption")
  })

  it("derives onboarding complete from the last required training (D1)", () => {
    const p = plan({ ...base, onboardingCallCompletedOn: "2026-01-12", trainingsCompletedOn: trainings }, "2026-02-10")
    expect(p.derived.onboardingComplete).toBe("2026-01-29")
    expect(step(p, "AD3")?.due).toBe("2026-02-28")
    expect(step(p, "AD1")?.due).toBe("2026-02-21")
  })

  it("completes onboarding with the call when the plan has no sessions (FMC only)", () => {
    const p = plan({ products: ["credentialing_service"], onboardingCallCompletedOn: "2026-01-12" }, "2026-01-13")
    expect(p.stage).toBe("adoption_30")
    expect(p.derived.onboardingComplete).toBe("2026-01-12")
    // The onboarding call's recap is still owed in the next stage on the path.
    expect(step(p, "ON11")?.status).toBe("overdue")
  })
})

describe("situations (spec §2)", () => {
  it("failed to onboard: 10 daily contacts, then FO2–FO4, weekly follow-ups, FO6", () => {
    const p = plan({ assignedOn: "2026-03-02", unresponsiveSince: "2026-03-04" }, "2026-03-05")
    expect(p.situations).toEqual(["failed_to_onboard"])
    expect(["FO1#1", "FO1#2", "FO1#10"].map((k) => step(p, k)?.due)).toEqual(["2026-03-04", "2026-03-05", "2026-03-13"])
    expect(step(p, "FO1#1")?.status).toBe("overdue")
    expect(step(p, "FO1#2")?.status).toBe("due")
    expect(["FO2", "FO3", "FO4"].map((k) => step(p, k)?.due)).toEqual(["2026-03-14", "2026-03-14", "2026-03-14"])
    // Case not opened yet: weekly steps count from its planned date.
    expect(step(p, "FO5#1")?.due).toBe("2026-03-21")
    expect(step(p, "FO6")?.due).toBe("2026-04-13")
    expect(step(p, "FO1#1")?.template).toBe("account_gone_dark")
  })

  it("failed to onboard: weekly follow-ups count from the case once it is opened", () => {
    const p = plan({ unresponsiveSince: "2026-03-04", failedToOnboardCaseOpenedOn: "2026-03-16" }, "2026-03-20")
    expect(step(p, "FO4")?.status).toBe("done")
    expect(["FO5#1", "FO5#2", "FO5#3", "FO5#4", "FO6"].map((k) => step(p, k)?.due)).toEqual([
      "2026-03-23",
      "2026-03-30",
      "2026-04-06",
      "2026-04-13",
      "2026-04-15"
    ])
  })

  it("FO2 checked off marks onboarding completed that day (D1)", () => {
    const p = plan({ unresponsiveSince: "2026-03-04", done: ["FO2"] }, "2026-03-20")
    expect(p.derived.onboardingComplete).toBe("2026-03-14")
    expect(p.stage).toBe("adoption_30")
    expect(p.situations).toContain("failed_to_onboard")
  })

  it("cancellation, past due, at risk and upsell", () => {
    const p = plan(
      {
        onboardingCompletedOn: "2025-01-10",
        adoption30MeetingOn: "2025-02-10",
        adoption90MeetingOn: "2025-04-10",
        cancellationRequestedOn: "2026-05-29",
        pastDueSince: "2026-05-01",
        riskSignals: ["late_payment"],
        done: ["AD12", "AD13", "AD14"]
      },
      "2026-05-29"
    )
    expect(p.situations).toEqual(["cancellation", "past_due", "at_risk", "upsell"])
    expect(step(p, "CX1")?.due).toBe("2026-05-29")
    expect(step(p, "CX1")?.status).toBe("due")
    expect(step(p, "CX2")?.due).toBe("2026-05-30")
    expect(step(p, "CX3")?.role).toBe("team_lead")
    expect(step(p, "PD1")?.status).toBe("info")
    expect(step(p, "PD2")?.due).toBe("2026-05-15")
    // PD3 is daily from day 14: only today's contact is listed, numbered from that day.
    expect(step(p, "PD3#15")?.due).toBe("2026-05-29")
    expect(p.steps.filter((s) => s.rule === "PD3")).toHaveLength(1)
    expect(keys(p)).toEqual(expect.arrayContaining(["RK1", "RK2", "RK3", "UP1", "UP2", "UP3", "UP4"]))
  })

  it("PD3 before day 14 is one upcoming step on its first day", () => {
    const p = plan({ pastDueSince: "2026-05-01" }, "2026-05-03")
    expect(step(p, "PD3#1")?.due).toBe("2026-05-15")
  })

  it("upsell runs outside retention once the CSM starts one", () => {
    expect(plan({ done: ["UP1"] }, "2026-05-03").situations).toContain("upsell")
  })
})

describe("derived facts and thresholds (spec §3)", () => {
  const tier = (facts: Partial<AccountFactsInput>) =>
    csmTierFor(AccountFacts.parse({ id: ID, name: "A", ...facts }), DEFAULT_SETTINGS)
  it.each<[Partial<AccountFactsInput>, string]>([
    [{ mrr: 500, users: 50 }, "digital"],
    [{ mrr: 501, users: 50 }, "core"],
    [{ mrr: 500, users: 51 }, "core"],
    [{ mrr: 300, users: 20, serviceLevel: "standard" }, "core"],
    [{ mrr: 250, users: 10, package: "smb" }, "digital"],
    [{ mrr: 250, users: 60, package: "smb" }, "core"],
    [{ mrr: 3500, users: 200 }, "core"],
    [{ mrr: 3501, users: 200 }, "strategic"],
    [{ mrr: 100, users: 5, csmTier: "strategic" }, "strategic"]
  ])("%j → %s", (facts, expected) => {
    expect(tier(facts)).toBe(expected)
  })

  const adoption90 = (mrr: number, settings: TeamSettingsInput = {}) =>
    plan({ mrr, onboardingCompletedOn: "2026-01-01", adoption30MeetingOn: "2026-01-31" }, "2026-02-01", settings)
  it("survey tier at mrr 1000, not 999 (D5, AD9)", () => {
    expect(adoption90(999).derived.surveyTier).toBe(false)
    expect(step(adoption90(999), "AD9")).toBeUndefined()
    expect(adoption90(1000).derived.surveyTier).toBe(true)
    expect(step(adoption90(1000), "AD9")?.due).toBe("2026-03-25")
  })
  it("a lower team threshold adds AD9", () => {
    expect(step(adoption90(600, { thresholds: { surveyMrr: 500 } }), "AD9")).toBeDefined()
  })

  it("hybrid, upsell candidates, close date, open forum", () => {
    const p = plan({ products: ["compliance", "credentialing_service"] }, "2026-11-25")
    expect(p.derived).toMatchObject({
      hybrid: true,
      upsellCandidates: ["learning", "credentialing_software"],
      upsellCloseDate: "2026-12-31",
      nextOpenForum: "2026-12-03"
    })
    expect(plan({ products: ["credentialing_service", "credentialing_software"] }, "2026-11-25").derived.hybrid).toBe(
      false
    )
  })
})

describe("steps (spec §5, §8)", () => {
  it("onboarding: ON1 same day, ON2 next business day, ON14 after 10 business days", () => {
    const p = plan({ assignedOn: "2026-11-20" }, "2026-11-20") // a Friday
    expect(step(p, "ON1")).toMatchObject({ due: "2026-11-20", status: "due", role: "csm", template: null })
    expect(step(p, "ON2")).toMatchObject({ due: "2026-11-23", status: "upcoming", template: "welcome_reminder" })
    expect(step(p, "ON14")?.due).toBe("2026-12-04")
    expect(step(p, "ON4")).toMatchObject({ due: null, status: "info" })
    expect(step(p, "ON4")?.why).toMatch(/no onboarding call is scheduled/i)
  })

  it("a scheduled call dates the preparation; ON2 no longer applies", () => {
    const p = plan({ assignedOn: "2026-11-16", onboardingCallScheduledFor: "2026-11-23" }, "2026-11-18")
    expect(step(p, "ON2")).toBeUndefined()
    expect(step(p, "ON3")?.status).toBe("done")
    expect(step(p, "ON5")?.due).toBe("2026-11-20") // Monday − 1 business day = Friday
    expect(["ON4", "ON6", "ON7", "ON9", "ON10"].map((k) => step(p, k)?.due)).toEqual(Array(5).fill("2026-11-23"))
  })

  it("the onboarding call's wrap-ups stay in training until done", () => {
    const facts = {
      products: ["compliance"] as Product[],
      onboardingCallScheduledFor: "2026-11-10",
      onboardingCallCompletedOn: "2026-11-10"
    }
    const p = plan(facts, "2026-11-12")
    expect(p.stage).toBe("training")
    expect(step(p, "ON8")).toMatchObject({ due: "2026-11-10", status: "overdue" })
    expect(step(p, "ON11")).toMatchObject({ due: "2026-11-10", template: "onboarding_call_recap" })
    expect(step(p, "ON12")).toBeUndefined() // entering the date is what completes it
    expect(step(plan({ ...facts, done: ["ON8", "ON11"] }, "2026-11-12"), "ON8")).toBeUndefined()
    expect(step(plan({ ...facts, package: "smb" }, "2026-11-12"), "ON11")?.template).toBe("smb_onboarding_call_recap")
  })

  it("training: one TR1/TR2 per session; recap due the day of the session", () => {
    const p = plan(
      { products: ["compliance"], onboardingCallCompletedOn: "2026-11-02", trainingsCompletedOn: ["2026-11-05"] },
      "2026-11-06"
    )
    expect(keys(p).filter((k) => k.startsWith("TR"))).toEqual(["TR1#1", "TR2#1", "TR1#2", "TR1#3", "TR2#2", "TR2#3"])
    expect(step(p, "TR1#1")?.status).toBe("done")
    expect(step(p, "TR2#1")).toMatchObject({ due: "2026-11-05", status: "overdue", template: "training_recap" })
    expect(step(p, "TR1#2")).toMatchObject({ due: null, status: "info" })
    expect(step(p, "TR1#2")?.title).toContain("Contract Management")
  })

  it("SMB: TR3 after the last training; only the last TR2 carries into adoption", () => {
    const facts = {
      package: "smb" as const,
      products: ["learning"] as Product[],
      onboardingCallCompletedOn: "2026-11-02",
      trainingsCompletedOn: ["2026-11-05"],
      done: ["ON8", "ON11"]
    }
    const p = plan(facts, "2026-11-06")
    expect(p.stage).toBe("smb_adoption")
    expect(step(p, "TR3")).toMatchObject({ due: "2026-11-05", template: "smb_onboarding_completed" })
    expect(step(p, "TR2#1")?.due).toBe("2026-11-05")
    expect(step(p, "SM4")?.due).toBe("2027-01-04")
    expect(step(p, "SM2")?.status).toBe("info")
    expect(step(p, "TL1")).toBeUndefined() // no Team Lead check-ins for SMB
    expect(step(plan({ ...facts, package: "standard" }, "2026-11-06"), "TR3")).toBeUndefined()
  })

  it("adoption: dates count from onboarding complete; meetings use the date held", () => {
    const p = plan({ mrr: 1200, onboardingCompletedOn: "2026-01-30", adoption30MeetingOn: "2026-03-02" }, "2026-03-03")
    expect(p.stage).toBe("adoption_90")
    expect(["AD4", "AD5", "AD6"].map((k) => step(p, k)?.due)).toEqual(["2026-03-02", "2026-03-02", "2026-03-02"])
    expect(step(p, "AD4")?.template).toBe("adoption_30_recap")
    expect(["AD7", "AD9", "AD10"].map((k) => step(p, k)?.due)).toEqual(["2026-04-23", "2026-04-23", "2026-04-30"])
    expect(step(p, "TL1")).toMatchObject({ due: "2026-04-15", role: "team_lead", template: "tl_75_checkin_recap" })
    expect(step(p, "TL2")?.due).toBe("2026-06-29")
  })

  it("AD11 reminds about an unanswered survey 7 days after sending", () => {
    const facts = {
      mrr: 1200,
      onboardingCompletedOn: "2026-01-30",
      adoption30MeetingOn: "2026-03-02",
      sentimentSurveySentOn: "2026-04-20"
    }
    expect(step(plan(facts, "2026-04-28"), "AD11")).toMatchObject({
      due: "2026-04-27",
      status: "overdue",
      template: "sentiment_survey_reminder"
    })
    expect(step(plan({ ...facts, sentimentSurveyReceivedOn: "2026-04-22" }, "2026-04-28"), "AD11")).toBeUndefined()
  })

  it("TL check-ins disappear once held", () => {
    const p = plan({ onboardingCompletedOn: "2026-01-30", tl75CheckInOn: "2026-04-14" }, "2026-04-20")
    expect(step(p, "TL1")).toBeUndefined()
    expect(step(p, "TL2")).toBeDefined()
  })

  it("a disabled rule is absent", () => {
    expect(step(plan({ assignedOn: "2026-11-20" }, "2026-11-20", { disabledRules: ["ON2"] }), "ON2")).toBeUndefined()
  })

  it("orders by due date, nulls last, then spec rule order", () => {
    const p = plan({ assignedOn: "2026-11-20", cancellationRequestedOn: "2026-11-20" }, "2026-11-20")
    const dated = p.steps.filter((s) => s.due !== null)
    expect(dated.map((s) => s.due)).toEqual([...dated.map((s) => s.due)].sort())
    expect(keys(p).slice(0, 2)).toEqual(["ON1", "CX1"])
    expect(p.steps.slice(-1)[0]?.due).toBeNull()
  })

  it("every step carries a rule id, a one-sentence why and no unfilled placeholder", () => {
    const p = plan(
      { assignedOn: "2026-11-20", riskSignals: ["unresponsive"], pastDueSince: "2026-11-01" },
      "2026-11-25"
    )
    for (const s of p.steps) {
      expect(s.key.startsWith(s.rule)).toBe(true)
      expect(s.why).toMatch(/\.$/)
      expect(`${s.title} ${s.why}`).not.toMatch(/\{\w+\}/)
    }
  })
})
