import { useEffect, useId, useState } from "react"

import { plural } from "~/src/domain/text"

import { stageLabel } from "../labels"
import { usePanel } from "../store-context"

const SEARCH_DELAY_MS = 200

/** No Account on this page (or markup we do not know): say so, and offer the cached accounts. */
export function NotDetected({ reason }: { reason: string }) {
  const id = useId()
  const search = usePanel((s) => s.search)
  const runSearch = usePanel((s) => s.runSearch)
  const choose = usePanel((s) => s.choose)
  const [query, setQuery] = useState(search.query)

  useEffect(() => {
    const timer = setTimeout(() => void runSearch(query), query === "" ? 0 : SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query, runSearch])

  return (
    <div className="sop-card" data-testid="not-detected">
      <h2 className="sop-account-name">Account not detected</h2>
      <p className="sop-muted">{reason}</p>
      <p>Open an Account record, or choose one SOP Pilot has seen before:</p>
      <div className="sop-field">
        <label htmlFor={id}>Find an account</label>
        <input
          id={id}
          type="search"
          className="sop-input"
          value={query}
          placeholder="Name or Account id"
          autoComplete="off"
          maxLength={200}
          onChange={(event) => setQuery(event.currentTarget.value)}
          aria-describedby={`${id}-status`}
        />
      </div>
      <p id={`${id}-status`} className="sop-hint" role="status">
        {search.loading ? "Searching…" : search.error ? "" : `${plural(search.results.length, "account")} found`}
      </p>
      {search.error && (
        <p className="sop-error" role="alert">
          {search.error}
        </p>
      )}
      {search.results.length > 0 && (
        <ul className="sop-results" aria-label="Cached accounts">
          {search.results.slice(0, 50).map((account) => (
            <li key={account.accountId}>
              <button
                type="button"
                className="sop-result"
                data-account-id={account.accountId}
                onClick={() => choose(account, location.href)}
              >
                <span className="sop-result-name">{account.name}</span>
                <span className="sop-result-meta">
                  {stageLabel(account.stage)}
                  {account.overdue > 0 && <span className="sop-count-overdue">{account.overdue} overdue</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
