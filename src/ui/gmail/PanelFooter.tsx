/**
 * Always in view at the card's foot: what is missing (each gap focuses its input), Insert, then
 * Undo and the step's check-off (`data-action` `insert`, `undo`, `mark-step`).
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
  onInsert
}: {
  state: ComposeState
  store: ComposeStore
  draft: Draft
  inputs: InputRefs
  onInsert(): void
}) {
  const gapCount = draft.gaps.length + draft.unknown.length
  // After an insert the main action is Undo or the check-off, not a second copy.
  const insertedOnce = state.inserted !== undefined && !state.inserted.undone
  return (
    <footer className="sop-footer">
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
      <button
        type="button"
        className={`sop-btn${insertedOnce ? "" : " sop-primary"}`}
        data-action="insert"
        onClick={onInsert}
      >
        {insertedOnce
          ? "Insert again"
          : gapCount > 0
            ? `Insert with ${gapCount} gap${gapCount === 1 ? "" : "s"} marked`
            : "Insert into email"}
      </button>
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
