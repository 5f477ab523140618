import { describe, expect, it } from "vitest"

import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { DEFAULT_SETTINGS, parseTeamSettings } from "~/src/domain/settings"
import {
  DEFAULT_SNIPPETS,
  SNIPPET_KEYS,
  SNIPPET_MAX_LENGTH,
  resolveSnippet,
  snippetAt,
  snippetClash
} from "~/src/domain/snippets"

const TODAY = "2026-11-25"
const plan = (facts: Partial<AccountFactsInput>) =>
  buildPlan(
    AccountFacts.parse({ id: "001Hs00002ABCDeIAP", name: "Acme Dental Group", ...facts }),
    DEFAULT_SETTINGS,
    TODAY
  )

describe("snippetAt: the text before the caret → the snippet it ends with", () => {
  const cases: [before: string, key: string | undefined, typed?: string][] = [
    [";recap", "planRecap", ";recap"],
    ["Hi Dana,\n;recap", "planRecap", ";recap"],
    ["Thanks! ;welcome", "welcome_reminder", ";welcome"],
    ["(;training", "training_recap", ";training"],
    [";tl150", "tl_150_checkin_recap", ";tl150"],
    // Not yet the whole name: nothing (it expands when the last letter is typed).
    [";reca", undefined],
    [";", undefined],
    // Typed on past the name: the moment has passed.
    [";recap ", undefined],
    [";recaps", undefined],
    // Inside a word, an address or after another `;`: never.
    ["word;recap", undefined],
    ["a1;recap", undefined],
    [";;recap", undefined],
    // Names are matched as written.
    [";Recap", undefined],
    [";unknown", undefined],
    ["", undefined]
  ]
  it.each(cases)("%j → %s", (before, key, typed) => {
    const hit = snippetAt(before, DEFAULT_SNIPPETS)
    expect(hit?.key).toBe(key)
    if (typed) expect(hit?.typed).toBe(typed)
  })

  it("a switched-off snippet (empty name) never expands; the team's own names do", () => {
    expect(snippetAt(";recap", { ...DEFAULT_SNIPPETS, planRecap: "" })).toBeUndefined()
    expect(snippetAt(";rc", { ...DEFAULT_SNIPPETS, planRecap: "rc" })?.key).toBe("planRecap")
  })

  it("every default name fits the host's look-back and none starts another", () => {
    for (const key of SNIPPET_KEYS) expect(`;${DEFAULT_SNIPPETS[key]}`.length).toBeLessThanOrEqual(SNIPPET_MAX_LENGTH)
    expect(snippetClash(DEFAULT_SNIPPETS)).toBeUndefined()
    expect(DEFAULT_SETTINGS.snippets).toEqual(DEFAULT_SNIPPETS)
  })
})

describe("snippet names in the team settings", () => {
  it("old settings without snippets stay valid and get the defaults", () => {
    const parsed = parseTeamSettings({ version: 1, links: {} })
    expect(parsed.ok && parsed.value.snippets).toEqual(DEFAULT_SNIPPETS)
  })

  it.each([
    [{ training_recap: "recap2" }, "snippets.training_recap"],
    [{ welcome_reminder: "recap" }, "snippets.welcome_reminder"],
    [{ planRecap: "Recap" }, "snippets.planRecap"],
    [{ planRecap: "has space" }, "snippets.planRecap"],
    [{ nope: "x" }, "snippets.nope"]
  ])("refuses %j at %s", (snippets, path) => {
    const parsed = parseTeamSettings({ snippets })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toContain(path)
  })

  it("accepts a renamed one and an empty one", () => {
    const parsed = parseTeamSettings({ snippets: { planRecap: "", training_recap: "tr" } })
    expect(parsed.ok && parsed.value.snippets).toMatchObject({
      planRecap: "",
      training_recap: "tr",
      welcome_reminder: "welcome"
    })
  })
})

describe("resolveSnippet: stage-aware", () => {
  const training = plan({
    products: ["learning", "compliance"],
    onboardingCallCompletedOn: "2026-11-01",
    trainingsCompletedOn: ["2026-11-10", TODAY],
    done: ["ON8", "ON11", "TR2#1"]
  })
  it(";recap is the recap the plan calls for now: session 2's training recap", () => {
    expect(resolveSnippet("planRecap", training, TODAY)).toMatchObject({
      kind: "email",
      template: "training_recap",
      step: { key: "TR2#2" }
    })
  })

  it(";recap after a 30-day meeting is its adoption recap", () => {
    const adoption = plan({
      products: ["learning"],
      mrr: 1200,
      serviceLevel: "standard",
      onboardingCallCompletedOn: "2026-09-01",
      trainingsCompletedOn: ["2026-10-01"],
      adoption30MeetingOn: TODAY
    })
    expect(resolveSnippet("planRecap", adoption, TODAY)).toMatchObject({
      template: "adoption_30_recap",
      step: { key: "AD4" }
    })
  })

  it(";recap with no recap due says so; a template's own name still gives that template", () => {
    const fresh = plan({ products: ["learning"], assignedOn: "2026-11-20" })
    expect(resolveSnippet("planRecap", fresh, TODAY)).toEqual({ kind: "nothing-due" })
    expect(resolveSnippet("account_gone_dark", fresh, TODAY)).toEqual({ kind: "email", template: "account_gone_dark" })
  })

  it("a template's name takes its open step when the plan has one", () => {
    expect(resolveSnippet("training_recap", training, TODAY)).toMatchObject({ step: { key: "TR2#2" } })
  })
})
