/**
 * What the team page shows, below its stylesheet: the sync bar, where you are, the filters and the
 * current screen (the team, a CSM's accounts, an account). No stylesheet import, so the bench can
 * render it in Node.
 */
import { SITUATIONS, STAGES, type Situation, type Stage } from "~/src/domain/plan"
import {
  csmRows,
  filterAccounts,
  situationCounts,
  sortCsmRows,
  teamLeadQueue,
  type CsmRow,
  type CsmSortKey,
  type TeamAccount,
  type TeamStep
} from "~/src/domain/team"
import { plural } from "~/src/domain/text"
import { lightningAccountUrl } from "~/src/hosts/salesforce/url"

import { situationLabel, stageLabel, STATUS_LABELS } from "../labels"
import { shortDate } from "../format"
import { useTeam } from "../store-context"

const number = new Intl.NumberFormat("en-US")
const since = (at: number) => new Date(at).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })

/** A lead's step without a date is due while its situation runs: "Due now", not "Due today". */
const statusText = (step: Pick<TeamStep, "status" | "due">) =>
  step.status === "due" && step.due === null ? "Due now" : STATUS_LABELS[step.status]
const dueText = (step: Pick<TeamStep, "status" | "due">, today: string | undefined) =>
  step.due ? shortDate(step.due, today) : step.status === "due" ? "while the situation runs" : "no date"

/** Refresh from Salesforce, and how old the cached team is. */
function SyncBar() {
  const view = useTeam((s) => s.view)
  const syncing = useTeam((s) => s.syncing)
  const error = useTeam((s) => s.error)
  const refresh = useTeam((s) => s.refresh)
  let text = ""
  if (syncing) text = "Reading your team's accounts from Salesforce…"
  else if (error) text = error
  else if (view?.state === "failed")
    text = `${view.message ?? "Salesforce could not be read."}${
      view.syncedAt === undefined ? "" : ` Showing your team as of ${since(view.syncedAt)}.`
    }`
  else if (view?.state === "ok" && view.syncedAt !== undefined)
    text = `${plural(view.accounts.length, "account")} of ${plural(view.members.length, "CSM")} from Salesforce, ${since(view.syncedAt)}`
  return (
    <div
      className="sop-team-sync"
      data-testid="team-sync"
      data-state={syncing ? "syncing" : (view?.state ?? "unknown")}
    >
      <button type="button" className="sop-btn sop-btn-primary" onClick={() => void refresh()} disabled={syncing}>
        {syncing ? "Refreshing…" : "Refresh from Salesforce"}
      </button>
      <span role="status" aria-live="polite" data-synced-at={view?.syncedAt ?? ""}>
        {text}
      </span>
    </div>
  )
}

function Filters() {
  const stage = useTeam((s) => s.stage)
  const situation = useTeam((s) => s.situation)
  const setStage = useTeam((s) => s.setStage)
  const setSituation = useTeam((s) => s.setSituation)
  const exportCsv = useTeam((s) => s.exportCsv)
  return (
    <div className="sop-team-filters" role="group" aria-label="Filters">
      <span>
        <label htmlFor="team-stage">Stage</label>{" "}
        <select
          id="team-stage"
          data-filter="stage"
          value={stage}
          onChange={(e) => setStage(e.target.value as Stage | "")}
        >
          <option value="">Every stage</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {stageLabel(s)}
            </option>
          ))}
        </select>
      </span>
      <span>
        <label htmlFor="team-situation">Situation</label>{" "}
        <select
          id="team-situation"
          data-filter="situation"
          value={situation}
          onChange={(e) => setSituation(e.target.value as Situation | "")}
        >
          <option value="">Any situation</option>
          {SITUATIONS.map((s) => (
            <option key={s} value={s}>
              {situationLabel(s)}
            </option>
          ))}
        </select>
      </span>
      <button type="button" className="sop-btn" data-action="team-export" onClick={exportCsv}>
        Export CSV
      </button>
    </div>
  )
}

/** At risk, past due and cancellation, over the accounts shown. */
function Counts({ accounts }: { accounts: readonly TeamAccount[] }) {
  const counts = situationCounts(accounts)
  const items = [
    ["at_risk", "At risk"],
    ["past_due", "Past due"],
    ["cancellation", "Cancellation"]
  ] as const
  return (
    <ul className="sop-team-counts" aria-label="Accounts by situation">
      {items.map(([key, label]) => (
        <li key={key} data-testid={`count-${key}`} data-count={counts[key]}>
          <strong>{number.format(counts[key])}</strong> {label}
        </li>
      ))}
    </ul>
  )
}

const COLUMNS: [CsmSortKey, string][] = [
  ["name", "CSM"],
  ["accounts", "Accounts"],
  ["overdue", "Steps overdue"],
  ["dueThisWeek", "Due this week"],
  ["oldestOverdue", "Oldest overdue step"]
]

function CsmTable({ rows }: { rows: CsmRow[] }) {
  const sort = useTeam((s) => s.sort)
  const sortBy = useTeam((s) => s.sortBy)
  const show = useTeam((s) => s.show)
  const today = useTeam((s) => s.view?.today)
  const sorted = sortCsmRows(rows, sort.key, sort.direction)
  return (
    <table className="sop-team-table" data-testid="csm-table">
      <caption>Your team, by CSM</caption>
      <thead>
        <tr>
          {COLUMNS.map(([key, label]) => (
            <th key={key} scope="col" aria-sort={sort.key === key ? sort.direction : "none"}>
              <button type="button" data-sort={key} onClick={() => sortBy(key)}>
                {label}
                <span aria-hidden="true">{sort.key === key ? (sort.direction === "ascending" ? " ▲" : " ▼") : ""}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.id} data-csm-id={row.id} data-overdue={row.overdue} data-accounts={row.accounts}>
            <th scope="row">
              <button type="button" className="sop-link" onClick={() => show({ kind: "csm", csmId: row.id })}>
                {row.name}
              </button>
            </th>
            <td>{number.format(row.accounts)}</td>
            <td data-col="overdue">{number.format(row.overdue)}</td>
            <td>{number.format(row.dueThisWeek)}</td>
            <td>
              {row.oldestOverdue ? (
                <>
                  {row.oldestOverdue.rule} · {shortDate(row.oldestOverdue.due ?? "", today)} ·{" "}
                  {row.oldestOverdue.accountName}
                </>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The lead's own steps across the team. */
function LeadQueue({ accounts }: { accounts: readonly TeamAccount[] }) {
  const members = useTeam((s) => s.view?.members ?? [])
  const today = useTeam((s) => s.view?.today)
  const show = useTeam((s) => s.show)
  const queue = teamLeadQueue(accounts, members, today)
  return (
    <section className="sop-team-card" aria-labelledby="queue-title" data-testid="lead-queue">
      <h2 id="queue-title">Your steps as Team Lead ({queue.length})</h2>
      {queue.length === 0 ? (
        <p>Nothing of yours is due.</p>
      ) : (
        <ul className="sop-team-queue">
          {queue.map((item) => (
            <li
              key={`${item.accountId} ${item.key}`}
              data-rule={item.rule}
              data-key={item.key}
              data-account-id={item.accountId}
              data-status={item.status}
            >
              <span className={`sop-team-status sop-${item.status}`}>{statusText(item)}</span>{" "}
              <strong>{item.rule}</strong> {item.title} ·{" "}
              <button
                type="button"
                className="sop-link"
                onClick={() => show({ kind: "account", accountId: item.accountId })}
              >
                {item.accountName}
              </button>{" "}
              · {item.csmName} · {dueText(item, today)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function AccountsTable({ accounts, caption }: { accounts: readonly TeamAccount[]; caption: string }) {
  const show = useTeam((s) => s.show)
  const today = useTeam((s) => s.view?.today)
  const sorted = [...accounts].sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name))
  return (
    <table className="sop-team-table" data-testid="account-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Stage</th>
          <th scope="col">Situations</th>
          <th scope="col">Steps overdue</th>
          <th scope="col">Due this week</th>
          <th scope="col">Oldest overdue step</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((a) => (
          <tr key={a.id} data-account-id={a.id} data-overdue={a.overdue}>
            <th scope="row">
              <button type="button" className="sop-link" onClick={() => show({ kind: "account", accountId: a.id })}>
                {a.name}
              </button>
            </th>
            <td>{stageLabel(a.stage)}</td>
            <td>{a.situations.map(situationLabel).join(", ") || "—"}</td>
            <td>{number.format(a.overdue)}</td>
            <td>{number.format(a.dueThisWeek)}</td>
            <td>
              {a.oldestOverdue ? `${a.oldestOverdue.rule} · ${shortDate(a.oldestOverdue.due ?? "", today)}` : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AccountDetail({ account }: { account: TeamAccount }) {
  const apiHost = useTeam((s) => s.view?.apiHost)
  const csm = useTeam((s) => s.view?.members.find((m) => m.id === account.csmId)?.name ?? account.csmId)
  const today = useTeam((s) => s.view?.today)
  const url = lightningAccountUrl({ accountId: account.id, ...(apiHost ? { apiHost } : {}) })
  return (
    <section
      className="sop-team-card"
      aria-labelledby="account-title"
      data-testid="team-account"
      data-account-id={account.id}
    >
      <h2 id="account-title">{account.name}</h2>
      <p>
        {stageLabel(account.stage)}
        {account.situations.length > 0 ? ` · ${account.situations.map(situationLabel).join(", ")}` : ""} · CSM {csm}
      </p>
      {url ? (
        <p>
          <a href={url} target="_blank" rel="noopener noreferrer" data-action="open-record">
            Open in Salesforce
          </a>{" "}
          (the side panel there shows the whole plan)
        </p>
      ) : null}
      <ul className="sop-team-steps">
        {account.steps.map((s) => (
          <li key={s.key} data-key={s.key} data-rule={s.rule} data-status={s.status}>
            <span className={`sop-team-status sop-${s.status}`}>{statusText(s)}</span> <strong>{s.key}</strong>{" "}
            {s.title} · {dueText(s, today)}
            {s.role === "team_lead" ? " · yours" : ""}
          </li>
        ))}
      </ul>
    </section>
  )
}

function Breadcrumbs() {
  const screen = useTeam((s) => s.screen)
  const view = useTeam((s) => s.view)
  const show = useTeam((s) => s.show)
  if (screen.kind === "team" || !view) return null
  const account = screen.kind === "account" ? view.accounts.find((a) => a.id === screen.accountId) : undefined
  const csmId = screen.kind === "csm" ? screen.csmId : account?.csmId
  const csm = view.members.find((m) => m.id === csmId)
  return (
    <nav aria-label="Where you are" className="sop-team-crumbs">
      <button type="button" className="sop-link" onClick={() => show({ kind: "team" })}>
        Team
      </button>
      {csm ? (
        <>
          {" › "}
          {screen.kind === "csm" ? (
            <span aria-current="page">{csm.name}</span>
          ) : (
            <button type="button" className="sop-link" onClick={() => show({ kind: "csm", csmId: csm.id })}>
              {csm.name}
            </button>
          )}
        </>
      ) : null}
      {account ? (
        <>
          {" › "}
          <span aria-current="page">{account.name}</span>
        </>
      ) : null}
    </nav>
  )
}

function Body() {
  const view = useTeam((s) => s.view)
  const loading = useTeam((s) => s.loading)
  const screen = useTeam((s) => s.screen)
  const stage = useTeam((s) => s.stage)
  const situation = useTeam((s) => s.situation)
  if (loading) return <p role="status">Loading your team…</p>
  if (!view || view.members.length === 0)
    return (
      <p className="sop-team-empty" data-testid="team-empty">
        {view?.state === "ok"
          ? "No users have you as their manager in Salesforce. List your team's user ids in SOP Pilot's settings (Salesforce → Team members)."
          : "Refresh from Salesforce to read your team."}
      </p>
    )
  const filtered = filterAccounts(view.accounts, { stage, situation })
  if (screen.kind === "account") {
    const account = view.accounts.find((a) => a.id === screen.accountId)
    return account ? <AccountDetail account={account} /> : <p>This account is no longer in your team's book.</p>
  }
  if (screen.kind === "csm") {
    const name = view.members.find((m) => m.id === screen.csmId)?.name ?? screen.csmId
    const mine = filtered.filter((a) => a.csmId === screen.csmId)
    return (
      <>
        <Counts accounts={mine} />
        <AccountsTable accounts={mine} caption={`${name}'s accounts (${mine.length})`} />
        <LeadQueue accounts={mine} />
      </>
    )
  }
  return (
    <>
      <Counts accounts={filtered} />
      <div className="sop-team-columns">
        <CsmTable rows={csmRows(view.members, filtered)} />
        <LeadQueue accounts={filtered} />
      </div>
    </>
  )
}

/** The page's content: heading and refresh, breadcrumbs, filters, the current screen. */
export function TeamContent() {
  return (
    <main className="sop-team" data-testid="team-page">
      <header className="sop-team-header">
        <h1>Your team</h1>
        <SyncBar />
      </header>
      <Breadcrumbs />
      <Filters />
      <Body />
    </main>
  )
}
