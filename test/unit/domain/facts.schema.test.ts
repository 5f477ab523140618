import { describe, expect, it } from "vitest"

import { AccountFacts, parseFactsFile } from "~/src/domain/facts"

const ok = { id: "001Hs00002ABCDe", name: "Acme" }
const pathsOf = (result: { ok: boolean; errors?: { path: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => e.path)

describe("account facts", () => {
  it("normalises the id to 18 chars and applies defaults", () => {
    expect(AccountFacts.parse(ok)).toMatchObject({
      id: "001Hs00002ABCDeIAP",
      serviceLevel: "basic",
      package: "standard",
      products: [],
      done: []
    })
  })

  it.each<[string, Record<string, unknown>, string]>([
    ["negative mrr", { mrr: -1 }, "mrr"],
    ["fractional users", { users: 2.5 }, "users"],
    ["negative users", { users: -3 }, "users"],
    ["impossible date", { adoption30MeetingOn: "2026-02-30" }, "adoption30MeetingOn"],
    ["not a leap year", { onboardingCompletedOn: "2027-02-29" }, "onboardingCompletedOn"],
    ["US date", { assignedOn: "11/25/2026" }, "assignedOn"],
    ["unknown product", { products: ["lms"] }, "products[0]"],
    ["product twice", { products: ["learning", "learning"] }, "products"],
    ["bad training date", { trainingsCompletedOn: ["2026-01-01", "2026-13-01"] }, "trainingsCompletedOn[1]"],
    ["unknown field", { mmr: 100 }, "mmr"],
    ["bad step key", { done: ["ad4"] }, "done[0]"],
    ["non-account id", { id: "0035000000Gv7qJ" }, "id"],
    ["unknown risk signal", { riskSignals: ["grumpy"] }, "riskSignals[0]"],
    ["bad email", { contactEmails: ["not-an-email"] }, "contactEmails[0]"]
  ])("rejects %s at its path", (_, change, path) => {
    expect(pathsOf(parseFactsFile({ ...ok, ...change }))).toEqual([path])
  })

  it("names the account in a book of business", () => {
    expect(pathsOf(parseFactsFile([ok, ok, ok, { ...ok, mrr: -5 }]))).toEqual(["accounts[3].mrr"])
    expect(parseFactsFile([ok, ok])).toMatchObject({ ok: true })
  })
})
