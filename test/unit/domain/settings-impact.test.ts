import { describe, expect, it } from "vitest"

import { demoBook } from "~/src/demo/book"
import { plusDays } from "~/src/domain/dates"
import { buildPlan, planOutline } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { DEFAULT_SETTINGS, TeamSettings } from "~/src/domain/settings"
import {
  createPlanCache,
  groupText,
  movesPlans,
  PLAN_SETTINGS,
  planChange,
  ruleRange,
  settingsImpact
} from "~/src/domain/settings-impact"

const TODAY = "2026-12-02"
const account = (n: number, facts: Partial<AccountFactsInput>) =>
  AccountFacts.parse({
    id: `001Hs00002ABC${String(n).padStart(2, "0")}`,
    name: `Account ${n}`,
    products: ["learning"],
    users: 80,
    assignedOn: "2026-08-01",
    onboardingCompletedOn: "2026-09-20",
    adoption30MeetingOn: "2026-10-20",
    ...facts
  })
const settings = (patch: object) => TeamSettings.parse({ ...DEFAULT_SETTINGS, ...patch })

describe("settingsImpact", () => {
  const book = [
    account(1, { mrr: 900 }),
    account(2, { mrr: 850 }),
    account(3, { mrr: 1200 }),
    account(4, { mrr: 500 }),
    account(5, { mrr: 950, sentimentSurveySentOn: "2026-11-20" })
  ]

  it("survey threshold 1,000 → 800: the accounts from 800 up to 1,000 gain AD9, no other", () => {
    const proposed = settings({ thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800 } })
    const impact = settingsImpact(book, TODAY, DEFAULT_SETTINGS, proposed)
    expect(impact.changes).toEqual([{ path: "thresholds.surveyMrr", from: 1000, to: 800 }])
    expect(impact.checked).toBe(5)
    const gainAd9 = impact.groups.filter((g) => g.gains.includes("AD9"))
    expect(gainAd9.flatMap((g) => g.accounts.map((a) => a.name)).sort()).toEqual([
      "Account 1",
      "Account 2",
      "Account 5"
    ])
    // The two without a survey sent change alike: one group of two, the biggest first.
    expect(impact.groups[0]).toMatchObject({ gains: ["AD9"], loses: [], moves: [], count: 2 })
    expect(groupText(impact.groups[0] ?? { gains: [], loses: [], moves: [] })).toBe("gain AD9")
    // Account 3 had AD9 already, account 4 stays below the threshold.
    const named = impact.groups.flatMap((g) => g.accounts.map((a) => a.name))
    expect(named).not.toContain("Account 3")
    expect(named).not.toContain("Account 4")
    expect(impact.changed).toBe(named.length)
  })

  it("the gained step is exactly what the proposed plan has and the current one lacks", () => {
    const proposed = settings({ thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800 } })
    const facts = book[0] as AccountFacts
    const change = planChange(buildPlan(facts, DEFAULT_SETTINGS, TODAY), buildPlan(facts, proposed, TODAY))
    expect(change?.gained).toContain("AD9")
    expect(change?.lost).toEqual([])
  })

  it("a timing change moves due dates and names them from → to", () => {
    const proposed = settings({ timing: { ...DEFAULT_SETTINGS.timing, adoption90Days: 100 } })
    const impact = settingsImpact([book[0] as AccountFacts], TODAY, DEFAULT_SETTINGS, proposed)
    const moved = impact.groups[0]?.accounts[0]?.moved.find((m) => m.key === "AD10")
    expect(moved).toEqual({ key: "AD10", from: "2026-12-19", to: "2026-12-29" })
    expect(impact.groups[0]?.moves).toContain("AD10")
  })

  it("the 60-day track for basic accounts: they leave the 30/90 steps for SM steps", () => {
    const young = [account(6, { onboardingCompletedOn: "2026-11-25", serviceLevel: "basic", mrr: 300 })]
    const proposed = settings({ sixtyDayTrack: { packages: ["smb"], serviceLevels: ["basic"] } })
    const impact = settingsImpact(young, TODAY, DEFAULT_SETTINGS, proposed)
    const group = impact.groups[0]
    expect(group?.loses.some((r) => r.startsWith("AD"))).toBe(true)
    expect(group?.gains.some((r) => r.startsWith("SM"))).toBe(true)
    expect(groupText(group ?? { gains: [], loses: [], moves: [] })).toMatch(/^leave AD.* for SM/)
  })

  it("wording changes no plan: changes listed, no groups, no planning", () => {
    const proposed = settings({ links: { ...DEFAULT_SETTINGS.links, kycSurvey: "https://example.com/kyc" } })
    const impact = settingsImpact(book, TODAY, DEFAULT_SETTINGS, proposed)
    expect(impact.changes).toHaveLength(1)
    expect(impact.groups).toEqual([])
    expect(impact.changed).toBe(0)
    expect(settingsImpact(book, TODAY, DEFAULT_SETTINGS, DEFAULT_SETTINGS).changes).toEqual([])
  })
})

describe("createPlanCache", () => {
  const book = [account(1, { mrr: 900 }), account(2, { mrr: 1200 })]
  const proposed = settings({ thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800 } })

  it("plans each account once under the current settings, preview after preview", () => {
    const cache = createPlanCache()
    const first = cache.planner(DEFAULT_SETTINGS, TODAY)
    const plans = book.map(first)
    const again = cache.planner(TeamSettings.parse(structuredClone(DEFAULT_SETTINGS)), TODAY)
    // The same settings (another object) and facts: the very same plans.
    book.forEach((facts, i) => expect(again(facts)).toBe(plans[i]))
    // The preview with kept plans is the preview without them.
    const cached = settingsImpact(book, TODAY, DEFAULT_SETTINGS, proposed, cache.planner(DEFAULT_SETTINGS, TODAY))
    expect(cached).toEqual(settingsImpact(book, TODAY, DEFAULT_SETTINGS, proposed))
    expect(cached.changed).toBe(1)
  })

  it("plans again when the facts, the day or the settings change", () => {
    const cache = createPlanCache()
    const facts = book[0] as AccountFacts
    const plan = cache.planner(DEFAULT_SETTINGS, TODAY)(facts)
    const checked = AccountFacts.parse({ ...facts, done: ["AD7"] })
    const afterCheck = cache.planner(DEFAULT_SETTINGS, TODAY)(checked)
    expect(afterCheck).not.toBe(plan)
    expect(afterCheck).toEqual(buildPlan(checked, DEFAULT_SETTINGS, TODAY))
    const tomorrow = cache.planner(DEFAULT_SETTINGS, "2026-12-03")(checked)
    expect(tomorrow).toEqual(buildPlan(checked, DEFAULT_SETTINGS, "2026-12-03"))
    const lower = cache.planner(proposed, "2026-12-03")(checked)
    expect(lower).toEqual(buildPlan(checked, proposed, "2026-12-03"))
    expect(lower.steps.some((s) => s.rule === "AD9")).toBe(true)
  })
})

describe("ruleRange", () => {
  it("joins consecutive rules of one area", () => {
    expect(ruleRange(["AD1", "AD2", "AD3", "AD9", "SM3", "SM4", "SM5"])).toBe("AD1–AD3, AD9, SM3–SM5")
    expect(ruleRange([])).toBe("")
  })
})

describe("what the preview compares", () => {
  const variants = [
    DEFAULT_SETTINGS,
    settings({ thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800, digitalMaxMrr: 900 } }),
    settings({ timing: { ...DEFAULT_SETTINGS.timing, adoption90Days: 100, welcomeReminderBusinessDays: 3 } }),
    settings({ sixtyDayTrack: { packages: ["smb"], serviceLevels: ["basic"] }, disabledRules: ["AD9", "ON2"] })
  ]

  it("a plan's outline is the plan's keys, rules and dates, in its order, for every demo account", () => {
    for (const days of [-40, 0, 3, 45, 200]) {
      const today = plusDays(TODAY, days)
      for (const input of demoBook(TODAY)) {
        const facts = AccountFacts.parse(input)
        for (const s of variants) {
          const plan = buildPlan(facts, s, today)
          expect(planOutline(facts, s, today)).toEqual({
            account: plan.account,
            steps: plan.steps.map(({ key, rule, due }) => ({ key, rule, due }))
          })
        }
      }
    }
  })

  it("the engine reads no settings but PLAN_SETTINGS, so a change elsewhere moves no plan", () => {
    const read = new Set<string>()
    const watched = new Proxy(DEFAULT_SETTINGS, {
      get(target, key, receiver) {
        if (typeof key === "string") read.add(key)
        return Reflect.get(target, key, receiver) as unknown
      }
    })
    for (const days of [0, 100])
      for (const input of demoBook(TODAY)) buildPlan(AccountFacts.parse(input), watched, plusDays(TODAY, days))
    expect(read.size).toBeGreaterThan(0)
    expect([...read].filter((key) => !(PLAN_SETTINGS as readonly string[]).includes(key))).toEqual([])
    expect(movesPlans("thresholds.surveyMrr")).toBe(true)
    expect(movesPlans("disabledRules")).toBe(true)
    expect(movesPlans("(root)")).toBe(true)
    expect(movesPlans("templates.welcome_reminder.subject")).toBe(false)
    expect(movesPlans("timingX")).toBe(false)
  })

  it("the outliner's kept outlines give the same preview as planning anew, preview after preview", () => {
    const book = demoBook(TODAY).map((input) =>
      AccountFacts.parse({ ...input, mrr: input.mrr === undefined ? 900 : input.mrr })
    )
    const cache = createPlanCache()
    let changed = 0
    for (const proposed of variants.slice(1)) {
      const fresh = settingsImpact(book, TODAY, DEFAULT_SETTINGS, proposed)
      expect(settingsImpact(book, TODAY, DEFAULT_SETTINGS, proposed, cache.outliner(DEFAULT_SETTINGS, TODAY))).toEqual(
        fresh
      )
      // Whole plans as the current side (the planner) give the very same preview.
      const plans = (facts: AccountFacts) => buildPlan(facts, DEFAULT_SETTINGS, TODAY)
      expect(settingsImpact(book, TODAY, DEFAULT_SETTINGS, proposed, plans)).toEqual(fresh)
      changed += fresh.changed
    }
    expect(changed).toBeGreaterThan(0)
  })
})
