/**
 * A Team Lead's org for the fake Salesforce org (tools/salesforce-org.ts): a lead with three
 * direct reports (User rows whose `ManagerId` is the lead), the demo book of business dealt out
 * to them, and a CSM of another team whose accounts the lead must not see. Shared by the team
 * page's e2e test, its unit tests and the bench.
 *
 * ```ts
 * const team = teamOrg(demoBook(today))
 * const org = fakeSalesforceOrg({ org: "acme", session, ...team.options })
 * ```
 */
import type { AccountFactsInput } from "../src/domain/facts"
import { toId18 } from "../src/domain/ids"
import { createdOn, fakeId, type OrgData, type Row } from "./salesforce-data"
import type { FakeSalesforceOrgOptions } from "./salesforce-org"

export type FakeUser = {
  Id: string
  Name: string
  Email: string
  Username: string
  ManagerId: string | null
}

const user = (n: number, name: string, managerId: string | null): FakeUser => {
  const login = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@sop-pilot.example`
  return { Id: fakeId("005", n), Name: name, Email: login, Username: login, ManagerId: managerId }
}

/** The Team Lead, signed in (`chatter/users/me`). */
export const TEAM_LEAD = user(900, "Taylor Reed", null)
/** Her three direct reports. */
export const TEAM_CSMS = [
  user(901, "Avery Chen", TEAM_LEAD.Id),
  user(902, "Blake Ortiz", TEAM_LEAD.Id),
  user(903, "Dana Whitfield", TEAM_LEAD.Id)
] as const
/** A CSM of another lead's team. */
export const OTHER_CSM = user(910, "Riley Stone", fakeId("005", 911))

export interface TeamOrg {
  /** Every account: the team's, then the other CSM's. */
  accounts: AccountFactsInput[]
  /** Each account's CSM (a User id). */
  csmOf: (account: AccountFactsInput) => string
  /** What to give `fakeSalesforceOrg` beside `org` and `session`. */
  options: Pick<FakeSalesforceOrgOptions, "accounts" | "csmOf" | "records" | "me">
}

/**
 * `templates` (the demo book) dealt to the three CSMs in turn, `copies` times over, each copy
 * with its own id and name; then two accounts of the other team's CSM.
 */
export function teamOrg(templates: readonly AccountFactsInput[], copies = 1): TeamOrg {
  const csm = new Map<AccountFactsInput, string>()
  const accounts: AccountFactsInput[] = []
  let n = 0
  for (let copy = 0; copy < copies; copy++) {
    for (const template of templates) {
      const account = {
        ...template,
        id: `001Hs00006T${String(n).padStart(4, "0")}`,
        name: copies === 1 ? template.name : `${template.name} #${copy + 1}`
      }
      csm.set(account, (TEAM_CSMS[n % TEAM_CSMS.length] as FakeUser).Id)
      accounts.push(account)
      n++
    }
  }
  for (const template of templates.slice(0, 2)) {
    const account = {
      ...template,
      id: `001Hs00006T${String(n++).padStart(4, "0")}`,
      name: `${template.name} (other team)`
    }
    csm.set(account, OTHER_CSM.Id)
    accounts.push(account)
  }
  const csmOf = (account: AccountFactsInput) => csm.get(account) ?? OTHER_CSM.Id
  const users: Omit<Row, "Id">[] = [TEAM_LEAD, ...TEAM_CSMS, OTHER_CSM]
  return { accounts, csmOf, options: { accounts, csmOf, records: { User: users }, me: TEAM_LEAD } }
}

/** A Task a CSM made in Salesforce: `[SOP <key>]` on the account, done today. */
export function addSopTask(data: OrgData, task: { accountId: string; key: string; ownerId: string; on: string }): Row {
  const rows = data.rows.get("Task") ?? []
  data.rows.set("Task", rows)
  const row: Row = {
    Id: fakeId("00T", 5000 + rows.length),
    Subject: `[SOP ${task.key}] done in Salesforce`,
    Status: "Completed",
    WhatId: toId18(task.accountId) ?? task.accountId,
    OwnerId: task.ownerId,
    ActivityDate: task.on,
    CreatedDate: createdOn(task.on)
  }
  rows.push(row)
  const fields = data.fields.get("Task") ?? new Map<string, string>()
  data.fields.set("Task", fields)
  for (const field of Object.keys(row)) fields.set(field.toLowerCase(), field)
  return row
}
