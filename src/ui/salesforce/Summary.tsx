import type { PlanStep } from "~/src/domain/plan"
import type { SalesforceErrorKind } from "~/src/domain/salesforce-errors"
import type { AccountView, ApiStatus } from "~/src/messages/protocol"
import { plural } from "~/src/domain/text"

import { clockTime } from "../format"
import { situationLabel, stageLabel } from "../labels"
import { usePanel } from "../store-context"

const FALLBACK = "showing cached and manual facts."

/** A headline for each of the client's error kinds: the detail says what to do. */
const HEADLINES: Record<SalesforceErrorKind, string> = {
  unauthorized: `Salesforce session expired: ${FALLBACK}`,
  no_session: `Not signed in to this Salesforce org: ${FALLBACK}`,
  wrong_org: `Signed in to another Salesforce org: ${FALLBACK}`,
  forbidden: `Salesforce refused to share this Account: ${FALLBACK}`,
  not_found: `Salesforce could not find this Account: ${FALLBACK}`,
  invalid_field: `Salesforce does not know a mapped field: ${FALLBACK}`,
  malformed_query: `Salesforce did not accept the query: ${FALLBACK}`,
  bad_request: `Salesforce did not accept the request: ${FALLBACK}`,
  record_error: `Salesforce refused the change: ${FALLBACK}`,
  request_limit: `Salesforce API requests used up for now: ${FALLBACK}`,
  rate_limited: `Salesforce is limiting how often SOP Pilot may ask: ${FALLBACK}`,
  unavailable: `Salesforce is busy or in maintenance: ${FALLBACK}`,
  network: `Could not reach Salesforce: ${FALLBACK}`,
  timeout: `Salesforce did not answer in time: ${FALLBACK}`,
  server: `Salesforce had a problem answering: ${FALLBACK}`
}

/** The API status line in plain words: what was read, and what to do when it failed. */
export function apiStatusText(
  api: ApiStatus,
  refreshing: boolean
): { tone: "ok" | "info" | "warn"; headline: string; detail?: string } {
  if (api.state === "ok") {
    const read = api.fetchedAt ? `Read from Salesforce at ${clockTime(api.fetchedAt)}` : "Read from Salesforce"
    const problems = api.problems?.length ?? 0
    // Not "all fine" when some fields gave values that could not be used (issue 17).
    if (problems > 0)
      return {
        tone: "warn",
        headline: `${read}, but ${plural(problems, "field")} could not be used: see Account facts.`
      }
    return { tone: "ok", headline: `${read}.` }
  }
  if (api.state === "cached") {
    if (refreshing) return { tone: "info", headline: "Reading Salesforce…" }
    return {
      tone: "info",
      headline: api.fetchedAt
        ? `Cached facts from ${clockTime(api.fetchedAt)} and your entries.`
        : "Cached and manual facts (not read from Salesforce yet)."
    }
  }
  const detail = api.message && api.message !== HEADLINES[api.state] ? api.message : undefined
  return { tone: "warn", headline: HEADLINES[api.state], ...(detail ? { detail } : {}) }
}

export function Summary({ view, steps }: { view: AccountView; steps: PlanStep[] }) {
  const api = usePanel((s) => s.api) ?? view.api
  const refreshing = usePanel((s) => s.refreshing)
  const target = usePanel((s) => s.target)
  const reload = usePanel((s) => s.reload)
  const overdue = steps.filter((s) => s.status === "overdue").length
  const dueToday = steps.filter((s) => s.status === "due").length
  const status = apiStatusText(api, refreshing)
  const canRefresh = target.kind === "account" && target.via === "page"

  return (
    <section className="sop-card sop-summary" aria-labelledby="sop-account-name">
      <h2 id="sop-account-name" className="sop-account-name">
        {view.name}
      </h2>
      <div className="sop-pills">
        <span className="sop-pill sop-pill-stage" data-testid="stage">
          {stageLabel(view.plan.stage)}
        </span>
        {view.plan.situations.map((situation) => (
          <span
            key={situation}
            className={`sop-pill sop-pill-situation sop-sit-${situation}`}
            data-situation={situation}
          >
            {situationLabel(situation)}
          </span>
        ))}
      </div>
      <p className="sop-counts" data-testid="overdue-count" data-count={overdue}>
        {overdue > 0 ? (
          <span className="sop-count-overdue">{plural(overdue, "step")} overdue</span>
        ) : (
          <span className="sop-count-ok">Nothing overdue</span>
        )}
        {dueToday > 0 && <span className="sop-count-today">{dueToday} due today</span>}
      </p>
      <div
        className={`sop-api sop-api-${status.tone}`}
        role="status"
        data-testid="api-status"
        data-state={api.state}
        aria-live="polite"
      >
        <span>{status.headline}</span>
        {status.detail && <span className="sop-api-detail">{status.detail}</span>}
        {api.detail && <span className="sop-api-detail sop-mono">{api.detail}</span>}
        {canRefresh && (
          <button
            type="button"
            className="sop-link"
            disabled={refreshing}
            aria-label={refreshing ? undefined : "Read Salesforce again"}
            onClick={() => void reload(true)}
          >
            {refreshing ? "Reading…" : "Read again"}
          </button>
        )}
      </div>
    </section>
  )
}
