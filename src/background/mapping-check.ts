/**
 * "Check this mapping on an account" (options page): one account read with the team's mapping,
 * each fact with where it came from, its value, or what is missing or unreadable (field-level
 * security, an unknown picklist value). Never a crash: a failed read is a status.
 */
import type { CachedAccount } from "../data/db"
import { MAPPABLE_FACTS, type TeamSettings } from "../domain/settings"
import type { ApiStatus, MappingCheck } from "../messages/protocol"
import type { OrgFields } from "../messages/settings-protocol"
import { readOrgFields } from "./object-info"
import { readAccountFromSalesforce, type SalesforceClientDeps, type SalesforceRead } from "./salesforce"

/** Where the mapping says a fact is read from, in the admin's words. */
function configuredSource(fact: string, settings: TeamSettings): string {
  const { salesforce } = settings
  const related = salesforce.related.find((s) => s.fact === fact)
  if (related) {
    const filters = related.filters.map((f) => `${f.field} ${f.op.replace("_", " ")}${f.value ? ` "${f.value}"` : ""}`)
    return `newest ${related.object} (${related.relationship} = the account${filters.length > 0 ? `, ${filters.join(", ")}` : ""}).${related.field}`
  }
  if (fact === "contactEmails") return `${salesforce.contacts.object}.${salesforce.contacts.field}`
  const field = (salesforce.fieldMapping as Record<string, string>)[fact]?.trim()
  return field ? `Account.${field}` : "not mapped: entered in the panel"
}

/** The check's rows from one Salesforce read. */
export function mappingCheckOf(read: SalesforceRead, settings: TeamSettings): MappingCheck {
  const facts = [...MAPPABLE_FACTS, "contactEmails"]
  if (!read.ok) {
    return { status: read.status, rows: facts.map((fact) => ({ fact, source: configuredSource(fact, settings) })) }
  }
  const status: ApiStatus = { state: "ok" }
  const rows = facts.map((fact) => {
    const problems = read.problems.filter((p) => p.startsWith(`${fact} (`)).map((p) => p.slice(p.indexOf(": ") + 2))
    const value = (read.facts as Record<string, unknown>)[fact]
    return {
      fact,
      source: read.sources?.[fact] ?? configuredSource(fact, settings),
      ...(value === undefined ? {} : { value }),
      ...(problems.length > 0 ? { problem: problems.join("; ") } : {})
    }
  })
  const done = read.done ?? []
  rows.push({ fact: "done", source: `${settings.salesforce.stepTasks.object} "[SOP <step>]"`, value: done })
  return { status, rows }
}

const NO_ORG: ApiStatus = {
  state: "no_session",
  message: "Open an Account in Salesforce once: SOP Pilot then knows your org."
}

export interface MappingServiceDeps {
  settings: () => Promise<TeamSettings>
  timeZone: () => Promise<string | undefined>
  /** The cached accounts: the org to ask is the one seen last. */
  accounts: () => Promise<readonly CachedAccount[]>
  client?: () => Promise<SalesforceClientDeps>
  read?: typeof readAccountFromSalesforce
  fields?: typeof readOrgFields
}

/**
 * The options page's mapping tools: the check on one account, and the org's fields for the
 * editor. The options page is no Salesforce tab: the org is the account's own (seen last, if in
 * several), else the org seen last.
 */
export function createMappingService(deps: MappingServiceDeps) {
  async function orgOf(accountId?: string): Promise<string | undefined> {
    const recent = [...(await deps.accounts())]
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
      .filter((a) => a.apiHost !== undefined && a.apiHost !== "")
    return (recent.find((a) => a.id === accountId) ?? recent[0])?.apiHost
  }
  const client = async () => (deps.client ? await deps.client() : {})
  return {
    async check(accountId: string): Promise<MappingCheck> {
      const [team, timeZone, apiHost] = await Promise.all([deps.settings(), deps.timeZone(), orgOf(accountId)])
      if (apiHost === undefined) return mappingCheckOf({ ok: false, status: NO_ORG }, team)
      const read = await (deps.read ?? readAccountFromSalesforce)(apiHost, accountId, team, {
        ...(await client()),
        ...(timeZone ? { timeZone } : {})
      })
      return mappingCheckOf(read, team)
    },
    async fields(objects: readonly string[]): Promise<OrgFields> {
      const [team, apiHost] = await Promise.all([deps.settings(), orgOf()])
      if (apiHost === undefined) return { status: NO_ORG, objects: [] }
      return (deps.fields ?? readOrgFields)(
        { apiHost, apiVersion: team.salesforce.apiVersion },
        objects,
        await client()
      )
    }
  }
}
