/**
 * Issue 17 item 7: a year-9999 date gave due "10000-01-03", broke the view and inflated the
 * badge. Dates are bounded (1900-01-01 … 2200-12-31) at every boundary: the facts schema (a
 * facts file, a manual entry, a cached row), Salesforce values (UI API and SOQL, dates and
 * date-times), and the panel's own quick check.
 */
import { describe, expect, it } from "vitest"

import { isIsoDateInRange, MAX_ISO_DATE, MIN_ISO_DATE } from "~/src/domain/dates"
import { buildPlan } from "~/src/domain/engine"
import { mergeFacts, parseManualValue } from "~/src/domain/fact-sources"
import { DATE_FACTS, parseFactsFile } from "~/src/domain/facts"
import { isoDate } from "~/src/domain/parse"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { convertFact, parseSalesforceDateTime } from "~/src/hosts/salesforce/record-facts"

const ok = { id: "001Hs00002ABCDe", name: "Acme" }

describe("dates are bounded to 1900–2200", () => {
  it.each(["1900-01-01", "2026-11-25", "2200-12-31"])("accepts %s", (date) => {
    expect(isIsoDateInRange(date)).toBe(true)
    expect(isoDate.safeParse(date).success).toBe(true)
  })

  it.each(["9999-12-31", "1899-12-31", "2201-01-01", "0001-01-01"])("refuses %s with the range named", (date) => {
    expect(isIsoDateInRange(date)).toBe(false)
    const parsed = isoDate.safeParse(date)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe(`must be between ${MIN_ISO_DATE} and ${MAX_ISO_DATE}`)
  })

  it("a facts file (an import) with year 9999 is refused at the field's path", () => {
    const parsed = parseFactsFile({ ...ok, assignedOn: "9999-12-31" })
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(["assignedOn"])
  })

  it("a manual entry with year 9999 is refused", () => {
    expect(parseManualValue("assignedOn", "9999-12-31").ok).toBe(false)
    expect(parseManualValue("trainingsCompletedOn", ["2026-11-01", "9999-01-01"]).ok).toBe(false)
  })

  it("a Salesforce date or date-time in year 9999 is a problem, not a fact", () => {
    const problems: string[] = []
    const date = convertFact("assignedOn", "9999-12-31", (m) => problems.push(m))
    expect(date.ok).toBe(false)
    const dateTime = convertFact("assignedOn", "9999-12-31T12:00:00.000+0000", (m) => problems.push(m))
    expect(dateTime.ok).toBe(false)
    expect(parseSalesforceDateTime("9999-12-31T12:00:00.000+0000")).toBeUndefined()
    expect(convertFact("assignedOn", "2026-11-20T12:00:00.000+0000", () => undefined).ok).toBe(true)
  })

  it("a cached year-9999 value is left out of the plan: no due 10000-01-03, no inflated overdue count", () => {
    const merged = mergeFacts({
      accountId: "001Hs00002ABCDeIAP",
      salesforce: {
        facts: { name: "Acme", products: ["learning"], assignedOn: "9999-12-31" },
        stamps: {},
        stamp: 1,
        fetchedAt: 1
      },
      manual: { onboardingCallScheduledFor: { value: "9999-12-30", enteredAt: 2 } },
      done: []
    })
    expect(merged.facts.assignedOn).toBeUndefined()
    expect(merged.facts.onboardingCallScheduledFor).toBeUndefined()
    expect(merged.rejected.map((e) => e.path)).toContain("onboardingCallScheduledFor")
    const plan = buildPlan(merged.facts, DEFAULT_SETTINGS, "2026-11-25")
    for (const step of plan.steps) expect(step.due === null || /^\d{4}-/.test(step.due)).toBe(true)
    expect(plan.steps.filter((s) => s.status === "overdue")).toHaveLength(0)
  })

  it("every mappable date fact is checked the same way", () => {
    for (const fact of DATE_FACTS) expect(convertFact(fact, "2201-01-01", () => undefined).ok).toBe(false)
  })
})
