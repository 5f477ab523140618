import { readFileSync } from "node:fs"
import { describe, expect, it, vi } from "vitest"

import { FOCUS_PANEL_COMMAND, runCommand, type CommandDeps } from "~/src/background/commands"
import { PanelFocus } from "~/src/messages/protocol"

function fakeDeps(active: { id?: number } | null = { id: 7 }, refuse = false) {
  const sent: Array<[number, unknown]> = []
  const deps: CommandDeps = {
    activeTab: vi.fn(async () => active ?? undefined),
    sendToTab: vi.fn(async (tabId, message) => {
      sent.push([tabId, message])
      if (refuse) throw new Error("Could not establish connection. Receiving end does not exist.")
    })
  }
  return { deps, sent }
}

describe("runCommand (the focus-panel shortcut)", () => {
  it("tells the tab Chrome names to focus its panel, with a message the panels accept", async () => {
    const { deps, sent } = fakeDeps()
    expect(await runCommand(FOCUS_PANEL_COMMAND, { id: 3 }, deps)).toBe(true)
    expect(sent).toEqual([[3, { name: "panel.focus" }]])
    expect(PanelFocus.safeParse(sent[0]?.[1]).success).toBe(true)
    expect(deps.activeTab).not.toHaveBeenCalled()
  })

  it("asks for the active tab when Chrome passes none", async () => {
    const { deps, sent } = fakeDeps({ id: 9 })
    expect(await runCommand(FOCUS_PANEL_COMMAND, undefined, deps)).toBe(true)
    expect(sent).toEqual([[9, { name: "panel.focus" }]])
  })

  it("does nothing without a tab, and a tab without a panel is not an error", async () => {
    expect(await runCommand(FOCUS_PANEL_COMMAND, undefined, fakeDeps(null).deps)).toBe(false)
    expect(await runCommand(FOCUS_PANEL_COMMAND, {}, fakeDeps({}).deps)).toBe(false)
    const refused = fakeDeps({ id: 4 }, true)
    await expect(runCommand(FOCUS_PANEL_COMMAND, { id: 4 }, refused.deps)).resolves.toBe(false)
  })

  it("ignores commands it does not know", async () => {
    const { deps, sent } = fakeDeps()
    expect(await runCommand("_execute_action", { id: 3 }, deps)).toBe(false)
    expect(sent).toEqual([])
  })

  it("is the command the manifest declares, on Alt+Shift+S", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")).manifest as {
      commands: Record<string, { suggested_key: { default: string }; description: string }>
    }
    expect(Object.keys(manifest.commands)).toEqual([FOCUS_PANEL_COMMAND])
    expect(manifest.commands[FOCUS_PANEL_COMMAND]?.suggested_key.default).toBe("Alt+Shift+S")
  })
})
