/**
 * The layer rule of eslint.config.js, tried on imports a careless change would make. Each case
 * lints a file that does not exist at a real path, so the rule sees the layer it would sit in.
 */
import { ESLint } from "eslint"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(__dirname, "../..")
const eslint = new ESLint({ cwd: root })

async function problems(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, path) })
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`)
}

describe("the layer rule", () => {
  it.each([
    [
      "src/domain/_probe.ts",
      "domain",
      "messages",
      'import { ask } from "../messages/client"\nexport const probe = ask'
    ],
    [
      "src/domain/_probe.ts",
      "domain",
      "ui",
      'import { Checklist } from "~/src/ui/salesforce/Checklist"\nexport const probe = Checklist'
    ],
    ["src/hosts/gmail/_probe.ts", "hosts", "data", 'import { db } from "~/src/data/db"\nexport const probe = db'],
    ["src/ui/popup/_probe.ts", "ui", "data", 'import { db } from "~/src/data/db"\nexport const probe = db'],
    [
      "src/ui/popup/_probe.ts",
      "ui",
      "background",
      'import { route } from "~/src/background/router"\nexport const probe = route'
    ],
    ["src/messages/_probe.ts", "messages", "data", 'import { db } from "../data/db"\nexport const probe = db'],
    [
      "src/background/_probe.ts",
      "background",
      "ui",
      'import { Popup } from "../ui/popup/Popup"\nexport const probe = Popup'
    ],
    ["contents/_probe.tsx", "content-entry", "data", 'import { db } from "~/src/data/db"\nexport const probe = db'],
    [
      "popup/_probe.tsx",
      "page-entry",
      "background",
      'import { route } from "~/src/background/router"\nexport const probe = route'
    ],
    [
      "cli/_probe.ts",
      "cli",
      "background",
      'import { route } from "../src/background/router"\nexport const probe = route'
    ]
  ])("%s (%s) may not import %s", async (path, from, to, source) => {
    const found = await problems(path, source)
    expect(found.join("\n")).toMatch(new RegExp(`boundaries/dependencies: .*"${from}".*"${to}"`))
  })

  it.each([
    ["src/ui/popup/_probe.ts", 'import { buildPlan } from "~/src/domain/engine"\nexport const probe = buildPlan'],
    ["src/background/_probe.ts", 'import { db } from "../data/db"\nexport const probe = db'],
    [
      "src/hosts/gmail/_probe.ts",
      'import { escapeHtml } from "~/src/domain/templates/merge"\nexport const probe = escapeHtml'
    ]
  ])("%s may import downwards: %s", async (path, source) => {
    expect((await problems(path, source)).filter((p) => p.startsWith("boundaries/"))).toEqual([])
  })

  it("keeps the domain free of chrome, the DOM and React", async () => {
    const found = await problems(
      "src/domain/_probe.ts",
      'import { useState } from "react"\nexport const probe = () => [useState, chrome.runtime.id, document.title]'
    )
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-imports: .*react/),
        expect.stringMatching(/^no-restricted-globals: .*chrome/),
        expect.stringMatching(/^no-restricted-globals: .*document/)
      ])
    )
  })

  it("keeps host selectors behind the hosts' handles", async () => {
    const found = await problems(
      "src/ui/gmail/_probe.ts",
      'import { getMaybeSubject } from "~/src/hosts/gmail/selectors"\nexport const probe = getMaybeSubject'
    )
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^no-restricted-imports: .*src\/hosts/)]))
  })

  it("refuses a file in a folder no layer claims", async () => {
    expect(await problems("src/misc/_probe.ts", "export const probe = 1")).toEqual(
      expect.arrayContaining([expect.stringMatching(/^boundaries\/no-unknown-files/)])
    )
  })
})
