import "fake-indexeddb/auto"

import { afterEach, beforeEach, describe, expect, it } from "vitest"

import { createTeamService } from "~/src/background/team-service"
import { SopPilotDb } from "~/src/data/db"
import { demoBook } from "~/src/demo/book"
import { orgFactsOf } from "~/src/demo/salesforce-record"
import { buildPlan } from "~/src/domain/engine"
import { AccountFacts } from "~/src/domain/facts"
import { toId18 } from "~/src/domain/ids"
import { DEFAULT_SETTINGS, TeamSettings } from "~/src/domain/settings"
import { fakeSalesforceOrg, fetchFromOrg } from "~/tools/salesforce-org"
import { addSopTask, OTHER_CSM, TEAM_CSMS, teamOrg } from "~/tools/salesforce-team"

const SESSION = "00Dxx0000001gEREAY!unit.team"
const API = "https://acme.my.salesforce.com"
const TODAY = "2026-12-02"

let db: SopPilotDb
beforeEach(() => {
  db = new SopPilotDb(`team-${Math.random()}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

function setup(settings: TeamSettings = DEFAULT_SETTINGS) {
  const team = teamOrg(demoBook(TODAY))
  const org = fakeSalesforceOrg({ org: "acme", session: SESSION, ...team.options })
  let now = 5_000
  const service = createTeamService({
    db,
    settings: async () => settings,
    timeZone: async () => "America/Chicago",
    now: () => now,
    client: { fetch: fetchFromOrg(org), cookies: async () => ({ value: SESSION }), sleep: async () => undefined }
  })
  const later = () => void (now += 1000)
  return { team, org, service, later }
}

/** The lead opened one account of the org once: SOP Pilot knows the org. */
const seen = () =>
  db.orgAccounts.put({
    id: toId18("001Hs00002ABCDe") as string,
    name: "seen",
    org: "acme",
    apiHost: API,
    manual: {},
    lastSeenAt: 1
  })

describe("the team service", () => {
  it("reads the lead's direct reports and their accounts, planned by the engine, in 4 requests", async () => {
    const { team, org, service } = setup()
    await seen()
    const view = await service.sync()
    expect(view.state).toBe("ok")
    expect(view.requests).toBe(4)
    expect(org.apiCalls.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /services/data/v62.0/chatter/users/me",
      "GET /services/data/v62.0/query",
      "GET /services/data/v62.0/query",
      "POST /services/data/v62.0/composite"
    ])
    // The team: the users whose manager is the lead.
    expect(new URL(org.apiCalls[1]?.url ?? "").searchParams.get("q")).toMatch(/FROM User WHERE ManagerId = '005/)
    expect(view.source).toBe("managers")
    expect(view.members.map((m) => m.name)).toEqual(TEAM_CSMS.map((c) => c.Name))
    const mine = team.accounts.filter((a) => team.csmOf(a) !== OTHER_CSM.Id)
    expect(view.accounts.map((a) => a.id).sort()).toEqual(mine.map((a) => toId18(a.id)).sort())
    for (const account of mine) {
      const shown = view.accounts.find((a) => a.id === toId18(account.id))
      const plan = buildPlan(
        AccountFacts.parse({ id: account.id, ...orgFactsOf(account) }),
        DEFAULT_SETTINGS,
        view.today
      )
      expect(shown?.overdue, account.name).toBe(
        plan.steps.filter((s) => s.role === "csm" && s.status === "overdue").length
      )
      expect(shown?.csmId).toBe(team.csmOf(account))
    }
  })

  it("a [SOP …] Task a CSM makes in Salesforce counts as done after the next read", async () => {
    const { team, org, service, later } = setup()
    await seen()
    const first = await service.sync()
    const behind = first.accounts.find((a) => a.oldestOverdue !== null)
    if (!behind?.oldestOverdue) throw new Error("no overdue account in the team")
    addSopTask(org.data, { accountId: behind.id, key: behind.oldestOverdue.key, ownerId: behind.csmId, on: TODAY })
    later()
    const second = await service.sync()
    const after = second.accounts.find((a) => a.id === behind.id)
    expect(after?.overdue).toBe(behind.overdue - 1)
    expect(after?.steps.some((s) => s.key === behind.oldestOverdue?.key)).toBe(false)
    expect(team.accounts.length).toBeGreaterThan(0)
  })

  it("works from the cache without a session, and says the read failed and since when", async () => {
    const { org, service } = setup()
    await seen()
    const ok = await service.sync()
    org.expireSession()
    const failed = await service.sync()
    expect(failed.state).toBe("failed")
    expect(failed.message).toMatch(/session/i)
    expect(failed.syncedAt).toBe(ok.syncedAt)
    expect(failed.accounts).toEqual(ok.accounts)
    // A new worker (nothing in memory): the cache, planned anew.
    const fresh = createTeamService({
      db,
      settings: async () => DEFAULT_SETTINGS,
      timeZone: async () => "America/Chicago",
      now: () => 9_000
    })
    const cached = await fresh.view()
    expect(cached).toMatchObject({ state: "ok", syncedAt: ok.syncedAt })
    expect(cached.accounts.length).toBe(ok.accounts.length)
  })

  it("the team settings' list of users replaces the manager's reports", async () => {
    const listed = [TEAM_CSMS[0].Id, OTHER_CSM.Id]
    const settings = TeamSettings.parse({
      ...DEFAULT_SETTINGS,
      salesforce: { ...DEFAULT_SETTINGS.salesforce, teamMembers: listed }
    })
    const { team, service } = setup(settings)
    await seen()
    const view = await service.sync()
    expect(view.source).toBe("settings")
    expect(view.members.map((m) => m.id).sort()).toEqual([...listed].sort())
    expect(new Set(view.accounts.map((a) => a.csmId))).toEqual(new Set(listed))
    expect(view.accounts.length).toBe(team.accounts.filter((a) => listed.includes(team.csmOf(a))).length)
  })

  it("says what to do before any account of the org was opened", async () => {
    const { service } = setup()
    const view = await service.sync()
    expect(view).toMatchObject({ state: "failed", members: [], accounts: [] })
    expect(view.message).toMatch(/Open an Account in Salesforce once/)
  })
})
