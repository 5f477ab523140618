import { describe, expect, it } from "vitest"

import { parseCsv } from "~/src/domain/csv"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { seesStep, sortToday, TODAY_CSV_HEADER, todayCsv, type TodayItem } from "~/src/domain/today"
import { todayItemsOf } from "~/src/domain/today-items"

const TODAY = "2026-11-25"
const item = (over: Partial<TodayItem>): TodayItem => ({
  apiHost: "https://acme.my.salesforce.com",
  accountId: "001Hs00002ABCDeIAP",
  name: "Acme",
  key: "AD4",
  rule: "AD4",
  title: "Send the 30-day recap",
  due: "2026-11-20",
  status: "overdue",
  role: "csm",
  overdueDays: 5,
  situation: null,
  event: false,
  ...over
})

describe("sortToday", () => {
  it("puts running situations first (in the issue's order), then the most days overdue, then the earliest due", () => {
    const rows = [
      item({ key: "AD4", overdueDays: 40, due: "2026-10-16" }),
      item({ key: "RK1", rule: "RK1", situation: "at_risk", overdueDays: 0, due: TODAY, status: "due" }),
      item({ key: "CX1", rule: "CX1", situation: "cancellation", overdueDays: 1, due: "2026-11-24" }),
      item({ key: "FO1#1", rule: "FO1", situation: "failed_to_onboard", overdueDays: 2, due: "2026-11-23" }),
      item({ key: "ON8", rule: "ON8", overdueDays: 3, due: "2026-11-22" }),
      item({ key: "ON2", rule: "ON2", overdueDays: 0, due: TODAY, status: "due", name: "Zed" }),
      item({ key: "ON1", rule: "ON1", overdueDays: 0, due: TODAY, status: "due", name: "Beta" })
    ]
    expect(sortToday(rows).map((r) => r.key)).toEqual(["FO1#1", "CX1", "RK1", "AD4", "ON8", "ON1", "ON2"])
  })

  it("orders occurrences of one rule by number, not text (FO1#2 before FO1#10)", () => {
    const rows = [item({ key: "FO1#10" }), item({ key: "FO1#2" })]
    expect(sortToday(rows).map((r) => r.key)).toEqual(["FO1#2", "FO1#10"])
  })
})

describe("seesStep", () => {
  it("gives a CSM their own steps and a Team Lead both", () => {
    const lead = item({ key: "TL1", rule: "TL1", role: "team_lead" })
    expect(seesStep("csm", lead)).toBe(false)
    expect(seesStep("team_lead", lead)).toBe(true)
    expect(seesStep("csm", item({}))).toBe(true)
  })
})

describe("todayItemsOf", () => {
  it("takes the plan's due and overdue steps, with days overdue, situation and event steps", () => {
    const facts = AccountFacts.parse({
      id: "001Hs00002ABCDe",
      name: "Acme",
      products: ["learning"],
      mrr: 1200,
      assignedOn: "2026-11-01",
      riskSignals: ["unresponsive"]
    })
    const plan = buildPlan(facts, DEFAULT_SETTINGS, TODAY)
    const items = todayItemsOf(plan, { apiHost: "x", accountId: "001Hs00002ABCDeIAP", name: "Acme" }, TODAY)
    const open = plan.steps.filter((s) => s.status === "overdue" || s.status === "due")
    expect(items.map((i) => i.key)).toEqual(open.map((s) => s.key))
    for (const i of items)
      expect(i.overdueDays).toBe(i.status === "due" ? 0 : Math.round((Date.parse(TODAY) - Date.parse(i.due)) / 864e5))
    expect(items.filter((i) => i.rule.startsWith("RK")).every((i) => i.situation === "at_risk")).toBe(true)
    expect(items.filter((i) => i.rule.startsWith("ON")).every((i) => i.situation === null)).toBe(true)
  })
})

describe("todayCsv", () => {
  it("writes the header and one row per step, a formula-like name as text", () => {
    const text = todayCsv([
      item({ name: '=HYPERLINK("http://x")', situation: "at_risk" }),
      item({ name: "Acme, Inc." })
    ])
    const rows = parseCsv(text)
    expect(rows[0]).toEqual([...TODAY_CSV_HEADER])
    expect(rows[1]).toEqual([
      '\'=HYPERLINK("http://x")',
      "001Hs00002ABCDeIAP",
      "AD4",
      "AD4",
      "Send the 30-day recap",
      "2026-11-20",
      "overdue",
      "5",
      "at_risk",
      "csm"
    ])
    expect(rows[2]?.[0]).toBe("Acme, Inc.")
  })
})
