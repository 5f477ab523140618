/**
 * The panel's account: the one chosen (and why), or the matches to choose from. No search of the
 * whole book: a Gmail page may learn only of the accounts its recipients match (issue #17).
 * Buttons carry `data-action` (`change-account`, `choose-account`, `cancel-change`).
 */
import { Alert } from "./Alert"
import type { ComposeState, ComposeStore } from "./store"

export function AccountChooser({
  state,
  store,
  accountName
}: {
  state: ComposeState
  store: ComposeStore
  accountName?: string
}) {
  const { accountId, matches, lookup, changing } = state
  const emails = state.recipients.map((r) => r.email).join(", ")
  if (accountId && !changing) {
    const match = matches.find((m) => m.accountId === accountId)
    const why =
      state.chosenBy === "remembered"
        ? "Chosen before for this thread"
        : state.chosenBy === "user"
          ? "Chosen by you"
          : (match?.reason ?? "")
    const others = matches.filter((m) => m.accountId !== accountId)
    return (
      <div className="sop-section sop-account">
        <div className="sop-row">
          <strong className="sop-account-name" data-testid="compose-account">
            {accountName ?? "Loading…"}
          </strong>
          <button
            type="button"
            className="sop-link"
            data-action="change-account"
            onClick={() => store.getState().startChange()}
          >
            Change
          </button>
        </div>
        {why && <p className="sop-muted">{why}</p>}
        {others.length > 0 && <p className="sop-muted">Also matches: {others.map((m) => m.name).join(", ")}</p>}
        {state.contextError && <Alert>{state.contextError}</Alert>}
      </div>
    )
  }
  const choosing = matches.length > 1 || (changing && matches.length > 0)
  return (
    <div className="sop-section sop-account">
      {state.recipientsNote && (
        <p className="sop-muted" data-testid="recipients-note">
          {state.recipientsNote}
        </p>
      )}
      {lookup === "loading" && <p className="sop-muted">Looking up {emails || "the recipients"}…</p>}
      {state.lookupError && <Alert>{state.lookupError}</Alert>}
      {choosing && (
        <>
          <p className="sop-label">Which account is this email for?</p>
          <ul className="sop-choices">
            {matches.map((m) => (
              <li key={m.accountId}>
                <button
                  type="button"
                  className="sop-choice"
                  data-action="choose-account"
                  data-account-id={m.accountId}
                  onClick={() => void store.getState().choose(m.accountId, "user")}
                >
                  <strong>{m.name}</strong>
                  <span className="sop-muted">{m.reason}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {lookup !== "loading" && !choosing && (
        // No search of the book here: a Gmail page may learn only of accounts its recipients match.
        <p className="sop-muted" data-testid="no-match">
          {emails
            ? `No account matches ${emails}. Add the recipient to the account's contacts (in Salesforce, or in SOP Pilot's panel there) and it will.`
            : "Add a recipient from one of your accounts."}
        </p>
      )}
      {changing && (
        <button
          type="button"
          className="sop-link"
          data-action="cancel-change"
          onClick={() => store.getState().cancelChange()}
        >
          Cancel
        </button>
      )}
    </div>
  )
}
