import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

import { PLAYBOOK, RULE_IDS } from "~/src/domain/playbook"
import { RULE_SECTIONS, RuleSections, SOPS, SopSection, findSection } from "~/src/domain/playbook/sections"

const sopText = (file: string) => readFileSync(join(__dirname, "../../../src/sops", file), "utf8")

describe("rule sections", () => {
  it("names a section for every rule, and it is a heading of that rule's SOP", () => {
    for (const id of RULE_IDS) {
      const section = RULE_SECTIONS[id]
      const text = sopText(SOPS[section.sop].file)
      expect(findSection(text, section.heading), `${id}: “${section.heading}” in ${section.sop}`).toBeGreaterThan(-1)
    }
  })

  it("points into an SOP the rule's source cites", () => {
    for (const rule of PLAYBOOK) expect(rule.source, rule.id).toContain(RULE_SECTIONS[rule.id].sop)
  })

  it("keeps the copied SOPs' note saying where they came from", () => {
    for (const { file } of Object.values(SOPS)) expect(sopText(file).split("\n")[0]).toMatch(/^# Copied from/)
  })

  it("rejects an unknown SOP, an empty heading and a missing rule", () => {
    expect(SopSection.safeParse({ sop: "MT-CS-999", heading: "X" }).success).toBe(false)
    expect(SopSection.safeParse({ sop: "MT-CS-002", heading: " " }).success).toBe(false)
    const { ON1: _dropped, ...rest } = RULE_SECTIONS
    expect(RuleSections.safeParse(rest).success).toBe(false)
  })

  it("finds a heading as a whole line only", () => {
    expect(findSection("intro\nPrior Preparation\nmore", "Prior Preparation")).toBe(1)
    expect(findSection("See Prior Preparation below", "Prior Preparation")).toBe(-1)
  })
})
