/**
 * Always in view at the card's foot: a Send held for gaps still in the email, what is missing
 * (each gap focuses its input), Insert, then Undo and the step's check-off (`data-action`
 * `insert`, `fill-gaps`, `undo`, `mark-step`, `send-anyway`, `goto-gap`). With gaps, the main
 * button goes to the first one; inserting with the gaps marked is the second choice.
 */
import { Alert } from "./Alert"
import type { Draft } from "./draft"
import type { InputRefs } from "./FieldInputs"
import type { ComposeState, ComposeStore } from "./store"

export function PanelFooter({
  state,
  store,
  draft,
  inputs,
  onInsert,
  onGotoGap
}: {
  state: ComposeState
  store: ComposeStore
  draft: Draft
  inputs: InputRefs
  onInsert(): void
  /** Selects a gap marker in the email's body. */
  onGotoGap(marker: string): void
}) {
  const gapCount = draft.gaps.length + draft.unknown.length
  // After an insert the main action is Undo or the check-off, not a second copy.
  const insertedOnce = state.inserted !== undefined && !state.inserted.undone
  const firstGap = draft.gaps[0]
  const firstGapLabel = draft.fields.find((f) => f.field === firstGap)?.label
  return (
    <footer className="sop-footer">
      {state.sendHeld && <SendHeld state={state} store={store} onGotoGap={onGotoGap} />}
      {gapCount > 0 && (
        <div className="sop-gaps" role="status">
          <span className="sop-gaps-label">Missing:</span>
          <ul className="sop-gap-list">
            {draft.gaps.map((field) => {
              const label = draft.fields.find((f) => f.field === field)?.label ?? field
              return (
                <li key={field}>
                  <button
                    type="button"
                    className="sop-gap"
                    data-gap={field}
                    title="Fill it in above, or insert with the gap marked"
                    onClick={() => inputs.current.get(field)?.focus()}
                  >
                    {label}
                  </button>
                </li>
              )
            })}
            {draft.unknown.map((name) => (
              <li key={`unknown-${name}`}>
                <span className="sop-gap" data-gap={name}>
                  Unknown field “{name}”
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="sop-insert-row">
        {!insertedOnce && firstGap !== undefined && (
          <button
            type="button"
            className="sop-btn sop-btn-primary"
            data-action="fill-gaps"
            onClick={() => inputs.current.get(firstGap)?.focus()}
          >
            {draft.gaps.length > 1 ? `Fill in ${draft.gaps.length} fields` : `Fill in ${firstGapLabel ?? firstGap}`}
          </button>
        )}
        <button
          type="button"
          className={`sop-btn${insertedOnce || firstGap !== undefined ? "" : " sop-btn-primary"}`}
          data-action="insert"
          onClick={onInsert}
        >
          {insertedOnce
            ? "Insert again"
            : gapCount > 0
              ? `Insert with ${gapCount} gap${gapCount === 1 ? "" : "s"} marked`
              : "Insert into email"}
        </button>
      </div>
      {state.insertError && <Alert>{state.insertError}</Alert>}
      {state.inserted && <InsertedRow state={state} store={store} />}
    </footer>
  )
}

function InsertedRow({ state, store }: { state: ComposeState; store: ComposeStore }) {
  const inserted = state.inserted
  if (!inserted) return null
  const key = inserted.step?.key
  // Done in the plan, or gone from it (a wrap-up leaves the plan once checked off).
  const inPlan = key === undefined ? undefined : state.context?.view.plan.steps.find((s) => s.key === key)
  const stepDone = key !== undefined && (!inPlan || inPlan.status === "done")
  return (
    <div className="sop-inserted" data-testid="compose-inserted">
      {inserted.undone ? (
        <p className="sop-muted">Insert undone.</p>
      ) : (
        <div className="sop-row">
          <span className="sop-ok">
            Inserted{inserted.gaps > 0 ? ` — ${inserted.gaps} gap${inserted.gaps === 1 ? "" : "s"} marked` : ""}
          </span>
          <button type="button" className="sop-link" data-action="undo" onClick={() => store.getState().undo()}>
            Undo
          </button>
        </div>
      )}
      {key && !inserted.undone && (
        <div className="sop-mark">
          {stepDone || state.mark?.status === "done" ? (
            <p className="sop-ok" data-step-checked={key}>
              ✓ {key} checked off
            </p>
          ) : (
            <button
              type="button"
              className="sop-btn"
              data-action="mark-step"
              data-step-key={key}
              disabled={state.mark?.status === "saving"}
              onClick={() => void store.getState().markStep(key)}
            >
              {state.mark?.status === "saving" ? "Checking off…" : `Check off ${key} in the plan`}
            </button>
          )}
          {state.mark?.status === "error" && <Alert>{state.mark.error}</Alert>}
        </div>
      )}
    </div>
  )
}

/** Send was held: the email still shows gap markers. Go to the first, or send it as it is. */
function SendHeld({
  state,
  store,
  onGotoGap
}: {
  state: ComposeState
  store: ComposeStore
  onGotoGap(marker: string): void
}) {
  const gaps = state.sendHeld?.gaps ?? []
  const [first] = gaps
  return (
    <div className="sop-send-held" role="alert" data-testid="send-held" data-gaps={gaps.length}>
      <p>
        <strong>Not sent yet:</strong> this email still has {gaps.length === 1 ? "a gap" : `${gaps.length} gaps`} marked
        ({gaps.slice(0, 3).join(", ")}
        {gaps.length > 3 ? ", …" : ""}).
      </p>
      {state.sendAllowed ? (
        <p className="sop-muted" data-testid="send-allowed">
          Click Send again to send it as it is.
        </p>
      ) : (
        <div className="sop-row">
          {first !== undefined && (
            <button
              type="button"
              className="sop-btn sop-btn-primary"
              data-action="goto-gap"
              onClick={() => onGotoGap(first)}
            >
              Go to the first gap
            </button>
          )}
          <button
            type="button"
            className="sop-btn"
            data-action="send-anyway"
            onClick={() => store.getState().sendAnyway()}
          >
            Send anyway
          </button>
        </div>
      )}
    </div>
  )
}
