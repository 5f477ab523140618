/**
 * The plan CLI as a subprocess: `tsx cli/plan.ts --today YYYY-MM-DD [--settings team.json] FILE`.
 * Contract: the plan JSON (one account → object, a book → array) on stdout, exit 0; bad input →
 * errors naming the field paths on stderr, nothing on stdout, exit 2.
 * Expected plan values are hand-computed from the playbook spec (see test/unit/domain/engine.spec-oracle.test.ts).
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

import { afterAll, beforeAll, describe, expect, it } from "vitest"

import type { AccountFactsInput } from "~/src/domain/facts"
import { Plan } from "~/src/domain/plan"

const ROOT = resolve(__dirname, "../../..")
const TSX = join(ROOT, "node_modules", ".bin", "tsx")
const TIMEOUT = 60_000

let dir = ""

function file(name: string, content: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2))
  return path
}

function run(...args: string[]) {
  const result = spawnSync(TSX, ["cli/plan.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: TIMEOUT - 5_000 })
  return { code: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" }
}

/** Onboarding, assigned Fri 2026-03-06, no call scheduled (oracle case 01). */
const onboarding: AccountFactsInput = {
  id: "001000000000001", // 15 chars, digits only → 18-char form "001000000000001AAA"
  name: "Acme Dental",
  products: ["learning", "compliance"],
  mrr: 800,
  users: 30,
  assignedOn: "2026-03-06"
}

/** Adoption 90 (30-day meeting held), mrr 600: below the default survey threshold of 1000. */
const adoption90: AccountFactsInput = {
  id: "001000000000002",
  name: "Bright Clinic",
  products: ["compliance"],
  mrr: 600,
  users: 20,
  onboardingCallCompletedOn: "2025-12-10",
  onboardingCompletedOn: "2026-01-15",
  adoption30MeetingOn: "2026-02-13",
  done: ["AD4", "AD5", "AD6"]
}

/** Training: call done, 1 of 4 sessions held. */
const training: AccountFactsInput = {
  id: "001000000000003",
  name: "Cedar Care",
  products: ["learning", "compliance"],
  mrr: 900,
  users: 35,
  onboardingCallCompletedOn: "2026-02-10",
  trainingsCompletedOn: ["2026-02-17"]
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sop-pilot-cli-"))
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function expectRejected(result: ReturnType<typeof run>, ...mentions: string[]) {
  expect(result.stdout, "nothing on stdout").toBe("")
  expect(result.code, `exit code (stderr: ${result.stderr})`).toBe(2)
  expect(result.stderr.trim()).not.toBe("")
  for (const text of mentions) expect(result.stderr).toContain(text)
}

describe("cli/plan.ts", () => {
  it(
    "one account → one plan object on stdout, exit 0",
    () => {
      const result = run("--today", "2026-03-09", file("one.json", onboarding))
      expect(result.code, result.stderr).toBe(0)
      const parsed: unknown = JSON.parse(result.stdout)
      expect(Array.isArray(parsed)).toBe(false)
      const plan = Plan.parse(parsed)
      expect(plan.account).toEqual({ id: "001000000000001AAA", name: "Acme Dental" })
      expect(plan.stage).toBe("onboarding")
      const on2 = plan.steps.find((s) => s.key === "ON2")
      expect(on2?.due).toBe("2026-03-09") // Fri 03-06 + 1 business day = Mon 03-09
      expect(on2?.status).toBe("due")
      expect(plan.derived.upsellCloseDate).toBe("2026-03-31")
    },
    TIMEOUT
  )

  it(
    "a book of 3 accounts → an array of 3 plans in input order",
    () => {
      const result = run("--today", "2026-03-09", file("book.json", [onboarding, adoption90, training]))
      expect(result.code, result.stderr).toBe(0)
      const parsed: unknown = JSON.parse(result.stdout)
      expect(Array.isArray(parsed)).toBe(true)
      const plans = (parsed as unknown[]).map((p) => Plan.parse(p))
      expect(plans.map((p) => p.account.id)).toEqual(["001000000000001AAA", "001000000000002AAA", "001000000000003AAA"])
      expect(plans.map((p) => p.stage)).toEqual(["onboarding", "adoption_90", "training"])
    },
    TIMEOUT
  )

  it(
    "--settings with a partial file: disabledRules ON2 removes ON2",
    () => {
      const facts = file("onb.json", onboarding)
      const without = run("--today", "2026-03-09", facts)
      expect(without.code, without.stderr).toBe(0)
      expect(Plan.parse(JSON.parse(without.stdout)).steps.map((s) => s.rule)).toContain("ON2")

      const settings = file("no-on2.json", { disabledRules: ["ON2"] })
      const withSettings = run("--today", "2026-03-09", "--settings", settings, facts)
      expect(withSettings.code, withSettings.stderr).toBe(0)
      const plan = Plan.parse(JSON.parse(withSettings.stdout))
      expect(plan.steps.map((s) => s.rule)).not.toContain("ON2")
      expect(plan.steps.map((s) => s.rule)).toContain("ON1")
    },
    TIMEOUT
  )

  it(
    "--settings thresholds.surveyMrr 500 adds AD9 for an mrr-600 account in adoption",
    () => {
      const facts = file("ad90.json", adoption90)
      const without = run("--today", "2026-04-01", facts)
      expect(without.code, without.stderr).toBe(0)
      const before = Plan.parse(JSON.parse(without.stdout))
      expect(before.derived.surveyTier).toBe(false)
      expect(before.steps.map((s) => s.rule)).not.toContain("AD9")

      const settings = file("survey500.json", { thresholds: { surveyMrr: 500 } })
      const withSettings = run("--today", "2026-04-01", "--settings", settings, facts)
      expect(withSettings.code, withSettings.stderr).toBe(0)
      const after = Plan.parse(JSON.parse(withSettings.stdout))
      expect(after.derived.surveyTier).toBe(true)
      const ad9 = after.steps.find((s) => s.key === "AD9")
      expect(ad9?.due).toBe("2026-04-08") // Jan 15 + 83 days
      expect(ad9?.status).toBe("upcoming")
    },
    TIMEOUT
  )

  it(
    "negative mrr in the second account → accounts[1].mrr on stderr, nothing on stdout, exit 2",
    () => {
      const book = [onboarding, { ...adoption90, mrr: -5 }, training]
      expectRejected(run("--today", "2026-03-09", file("neg.json", book)), "accounts[1].mrr")
    },
    TIMEOUT
  )

  it(
    "a date that does not exist (2026-02-30) → names adoption30MeetingOn, exit 2",
    () => {
      expectRejected(
        run("--today", "2026-03-09", file("baddate.json", { ...adoption90, adoption30MeetingOn: "2026-02-30" })),
        "adoption30MeetingOn"
      )
    },
    TIMEOUT
  )

  it(
    "an unknown field → named on stderr, exit 2",
    () => {
      expectRejected(
        run("--today", "2026-03-09", file("unknown.json", { ...onboarding, favouriteColour: "teal" })),
        "favouriteColour"
      )
    },
    TIMEOUT
  )

  it(
    "invalid JSON → exit 2, nothing on stdout",
    () => {
      expectRejected(run("--today", "2026-03-09", file("broken.json", '{ "id": "001000000000001", "name": ')))
    },
    TIMEOUT
  )

  it(
    "a missing facts file → exit 2, nothing on stdout",
    () => {
      expectRejected(run("--today", "2026-03-09", join(dir, "does-not-exist.json")))
    },
    TIMEOUT
  )

  it(
    "a bad settings file → names thresholds.surveyMrr, exit 2",
    () => {
      const settings = file("bad-settings.json", { thresholds: { surveyMrr: -1 } })
      expectRejected(
        run("--today", "2026-03-09", "--settings", settings, file("ok.json", onboarding)),
        "thresholds.surveyMrr"
      )
    },
    TIMEOUT
  )

  it(
    "a bad --today (2026-13-01) → exit 2, nothing on stdout",
    () => {
      expectRejected(run("--today", "2026-13-01", file("ok2.json", onboarding)), "today")
    },
    TIMEOUT
  )

  it(
    "a non-existent --today (2026-02-30) → exit 2, nothing on stdout",
    () => {
      expectRejected(run("--today", "2026-02-30", file("ok3.json", onboarding)), "today")
    },
    TIMEOUT
  )
})
