import { plural } from "~/src/domain/text"
import type { AccountView } from "~/src/messages/protocol"

import { clockTime } from "../format"
import { usePanel } from "../store-context"

/**
 * The account's changes not yet in Salesforce (issue 12): how many wait and why, with a way to
 * try now; each change Salesforce refused, in its words, to try again or drop. Nothing here
 * is lost locally: the checklist and the facts already show what the CSM did.
 */
export function WritesCard({ view }: { view: AccountView }) {
  const retry = usePanel((s) => s.retryWrites)
  const drop = usePanel((s) => s.dropWrite)
  const error = usePanel((s) => s.writeError)
  const writes = view.writes
  // A change on its way (sent within a second) is no news, and showing it would push the
  // checklist down under the CSM's pointer (issue 16, defect 2): "waiting" is after a failure.
  const waiting = writes !== undefined && writes.nextAt !== undefined ? writes.waiting : 0
  if (!writes || (waiting === 0 && writes.refused.length === 0)) return null
  return (
    <section className="sop-card sop-writes" aria-labelledby="sop-writes-title" data-testid="writes">
      {waiting > 0 && (
        <div className="sop-writes-waiting" role="status" data-testid="writes-waiting" data-count={waiting}>
          <h3 id="sop-writes-title">{plural(waiting, "change")} waiting for Salesforce</h3>
          <p>
            {writes.reason}
            {writes.nextAt !== undefined && <> Next try at {clockTime(writes.nextAt)}.</>}
          </p>
          <button type="button" className="sop-link" data-action="retry-writes" onClick={() => void retry()}>
            Try now
          </button>
        </div>
      )}
      {writes.refused.length > 0 && (
        <>
          {waiting === 0 && <h3 id="sop-writes-title">Not saved in Salesforce</h3>}
          <ul className="sop-writes-refused" aria-label="Changes Salesforce refused">
            {writes.refused.map((change) => (
              <li key={change.seq} data-testid="write-refused" data-seq={change.seq}>
                <p className="sop-writes-what">{change.what}</p>
                <p className="sop-error" role="alert">
                  {change.message} <span className="sop-writes-detail">Salesforce said: {change.detail}</span>
                </p>
                <button
                  type="button"
                  className="sop-link"
                  data-action="retry-write"
                  onClick={() => void retry(change.seq)}
                >
                  Try again
                </button>{" "}
                <button
                  type="button"
                  className="sop-link"
                  data-action="drop-write"
                  onClick={() => void drop(change.seq)}
                >
                  Drop
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="sop-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
