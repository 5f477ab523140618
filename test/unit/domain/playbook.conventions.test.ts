import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

import { PLAYBOOK, RULE_IDS, loadPlaybook } from "~/src/domain/playbook"
import { TEMPLATE_IDS } from "~/src/domain/templates/catalog"
import { SITUATIONS } from "~/src/domain/plan"
import { situationOfRule } from "~/src/domain/playbook/rule-situations"

const root = join(__dirname, "../../..")
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })

describe("the playbook", () => {
  it("has every rule of the spec exactly once, in spec order", () => {
    expect(PLAYBOOK.map((rule) => rule.id)).toEqual([...RULE_IDS])
  })

  it("uses only known templates", () => {
    for (const rule of PLAYBOOK) {
      for (const template of [rule.template, rule.smbTemplate]) {
        if (template) expect(TEMPLATE_IDS).toContain(template)
      }
    }
  })

  it("is rejected at load with the offending path when a rule is malformed", () => {
    const broken = PLAYBOOK.map((rule) =>
      rule.id === "AD3" ? { ...rule, due: { kind: "once", from: "nextTuesday" } } : rule
    )
    expect(() => loadPlaybook(broken as never)).toThrow(/rules\[\d+\]\.due\.from/)
    expect(() => loadPlaybook(PLAYBOOK.filter((rule) => rule.id !== "UP4") as never)).toThrow(/UP4 is missing/)
  })
})

// The domain's purity and every other layer boundary are lint rules: eslint.config.js, pinned by
// test/unit/eslint.config.test.ts.

describe("bundling", () => {
  // Parcel 2.9 (Plasmo) evaluates zod 4's `export * as z` too late: `import { z }` is undefined
  // at module start in the built extension, so the service worker dies silently.
  const sourceFiles = ["src", "contents", "popup", "options", "background"].flatMap((dir) => {
    try {
      return filesUnder(join(root, dir)).filter((f) => /\.tsx?$/.test(f))
    } catch {
      return []
    }
  })
  it.each(sourceFiles.map((f) => [f.slice(root.length + 1), f]))("%s imports zod as a namespace", (_, file) => {
    expect(readFileSync(file, "utf8")).not.toMatch(/import\s*\{\s*z\s*\}\s*from\s*["']zod/)
  })
})

describe("the zod-free fact names (fact-names.ts)", () => {
  it("names exactly the facts a CSM may enter: every fact but the id and the progress", async () => {
    const { AccountFacts } = await import("~/src/domain/facts")
    const { MANUAL_FACTS } = await import("~/src/domain/fact-names")
    expect([...MANUAL_FACTS].sort()).toEqual(
      Object.keys(AccountFacts.shape)
        .filter((k) => k !== "id" && k !== "done")
        .sort()
    )
  })
})

describe("situationOfRule", () => {
  it("names the situation of every situation rule, and none for the others", () => {
    const situations: readonly string[] = SITUATIONS
    for (const rule of PLAYBOOK) {
      expect(situationOfRule(rule.id) ?? null, rule.id).toBe(situations.includes(rule.phase) ? rule.phase : null)
    }
  })
})
