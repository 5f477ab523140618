/**
 * The org's fields for the mapping editor: UI API object-info of each object the mapping names
 * (Account, Onboarding__c, Adoption__c, Case, Contact …), one GET each, in parallel. An object
 * Salesforce does not describe (a typo, no access, an answer of another shape) comes back with
 * its problem, and the editor takes typed names for it; a failed session fails the whole read.
 */
import { parseObjectInfo } from "../hosts/salesforce/object-info"
import { isApiName } from "../hosts/salesforce/soql"
import type { OrgFields } from "../messages/settings-protocol"
import {
  connect,
  SalesforceError,
  statusOfThrown,
  type SalesforceClientDeps,
  type SalesforceTarget
} from "./salesforce"

/** Errors of the whole org (the session, its limits, no answer): no object can be read then. */
const ORG_WIDE = new Set(["unauthorized", "request_limit", "rate_limited", "unavailable", "network", "timeout"])

/** The objects' fields, each object asked once (names compared without case). */
export async function readOrgFields(
  target: SalesforceTarget,
  objects: readonly string[],
  deps: SalesforceClientDeps = {}
): Promise<OrgFields> {
  const names = objects.filter((name, i) => objects.findIndex((o) => o.toLowerCase() === name.toLowerCase()) === i)
  const bad = names.find((name) => !isApiName(name))
  if (bad !== undefined) throw new Error(`not an object API name: ${bad.slice(0, 100)}`)
  try {
    const org = await connect(target, deps)
    const described = await Promise.all(
      names.map(async (name) => {
        try {
          const parsed = parseObjectInfo(await org.request("GET", `/ui-api/object-info/${name}`), name)
          return parsed.ok ? parsed.object : { apiName: name, problem: parsed.message }
        } catch (error) {
          if (!(error instanceof SalesforceError) || ORG_WIDE.has(error.kind)) throw error
          const problem =
            error.kind === "not_found"
              ? `Salesforce has no object ${name} you may read`
              : `Salesforce did not describe ${name}: ${error.detail}`
          return { apiName: name, problem: problem.slice(0, 1000) }
        }
      })
    )
    return { status: { state: "ok" }, objects: described }
  } catch (error) {
    return { status: statusOfThrown(error), objects: [] }
  }
}
