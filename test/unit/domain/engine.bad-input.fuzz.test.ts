import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, DATE_FACTS, PRODUCTS, parseFactsFile } from "~/src/domain/facts"
import { Plan } from "~/src/domain/plan"
import { DEFAULT_SETTINGS, parseTeamSettings } from "~/src/domain/settings"

const validFacts = { id: "001Hs00002ABCDe", name: "Acme", products: ["learning"], mrr: 100, assignedOn: "2026-01-05" }
const fields = [...Object.keys(AccountFacts.shape), "bogus"]
const junk = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constantFrom("2026-02-30", "2026-13-01", "-1", "<img src=x onerror=alert(1)>", "{{accountName}}")
)

describe("bad input, fuzzed", () => {
  it("a facts file with one field replaced by junk is accepted as valid facts, or rejected naming that field", () => {
    fc.assert(
      fc.property(fc.nat({ max: 4 }), fc.constantFrom(...fields), junk, (index, field, value) => {
        const book = Array.from({ length: 5 }, () => ({ ...validFacts }))
        ;(book[index] as Record<string, unknown>)[field] = value
        const result = parseFactsFile(book)
        if (result.ok) return
        expect(result.errors.length).toBeGreaterThan(0)
        for (const error of result.errors) expect(error.path.startsWith(`accounts[${index}].${field}`)).toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  it("team settings with one section replaced by junk: accepted, or rejected naming a path inside it", () => {
    const sections = [...Object.keys(DEFAULT_SETTINGS), "extra"]
    fc.assert(
      fc.property(
        fc.constantFrom(...sections),
        fc.oneof(junk, fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 3 })),
        (section, value) => {
          const result = parseTeamSettings({ [section]: value })
          if (result.ok) return
          for (const error of result.errors) expect(error.path.startsWith(section)).toBe(true)
        }
      ),
      { numRuns: 500 }
    )
  })

  it("the engine gives a well-formed plan for any valid facts and day", () => {
    const date = fc
      .date({ min: new Date("2020-01-01T12:00:00"), max: new Date("2030-12-31T12:00:00"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    const facts = fc.record(
      {
        products: fc.uniqueArray(fc.constantFrom(...PRODUCTS)),
        mrr: fc.integer({ min: 0, max: 10_000 }),
        users: fc.integer({ min: 0, max: 500 }),
        package: fc.constantFrom("standard", "smb"),
        trainingsCompletedOn: fc.array(date, { maxLength: 7 }),
        ...Object.fromEntries(DATE_FACTS.map((name) => [name, date]))
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(facts, date, (partial, today) => {
        const plan = buildPlan(
          AccountFacts.parse({ id: "001Hs00002ABCDe", name: "Acme", ...partial }),
          DEFAULT_SETTINGS,
          today
        )
        expect(Plan.safeParse(plan).success).toBe(true)
        expect(new Set(plan.steps.map((s) => s.key)).size).toBe(plan.steps.length)
      }),
      { numRuns: 300 }
    )
  })
})
