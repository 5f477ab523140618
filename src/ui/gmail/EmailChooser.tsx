/**
 * Which email: the plan step it is for (key, status, title, why) and the template menu, with the
 * plan's email steps first and every template after (`data-action="template"`).
 */
import { daysFrom } from "~/src/domain/template-pick"
import type { Draft } from "./draft"
import type { ComposeState, ComposeStore } from "./store"

const STATUS_TEXT: Record<string, string> = {
  due: "Due today",
  overdue: "Overdue",
  upcoming: "Upcoming",
  info: "No date",
  done: "Done"
}

export function EmailChooser({ state, store, draft }: { state: ComposeState; store: ComposeStore; draft: Draft }) {
  const step = draft.selected?.step
  const status = step && state.mark?.key === step.key && state.mark.status === "done" ? "done" : step?.status
  const steps = draft.options.filter((o) => o.group === "steps")
  const templates = draft.options.filter((o) => o.group === "templates")
  const today = state.context?.view.today ?? ""
  return (
    <div className="sop-section">
      {step ? (
        <div className="sop-step" data-step-key={step.key} data-step-status={status}>
          <div className="sop-row">
            <span className="sop-key">{step.key}</span>
            <span className={`sop-status sop-status-${status}`}>
              {status === "overdue" && step.due
                ? `Overdue ${-daysFrom(today, step.due)}d`
                : STATUS_TEXT[status ?? "info"]}
            </span>
          </div>
          <p className="sop-step-title">{step.title}</p>
          <p className="sop-muted" title={draft.reason}>
            {step.why}
          </p>
        </div>
      ) : (
        <p className="sop-muted">
          {draft.selected
            ? "A template outside the plan: no step to check off."
            : "No email step is due for this account. Pick a template:"}
        </p>
      )}
      <label className="sop-label" htmlFor="sop-template">
        Email
      </label>
      <select
        id="sop-template"
        className="sop-input"
        data-action="template"
        value={draft.selected?.value ?? ""}
        onChange={(e) => store.getState().selectOption(e.target.value || undefined)}
      >
        {!draft.selected && <option value="">Choose a template…</option>}
        {steps.length > 0 && (
          <optgroup label="Steps in the plan">
            {steps.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="All templates">
          {templates.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  )
}
