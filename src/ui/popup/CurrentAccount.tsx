import { useMemo } from "react"

import { plural } from "~/src/domain/text"
import { isCsmStep } from "~/src/domain/plan"

import { daysBetween } from "~/src/domain/dates"

import { shortDate } from "../format"
import { situationLabel, stageLabel, STATUS_LABELS } from "../labels"
import { usePopup } from "../store-context"
import { nextSteps } from "./store"
import type { PlanStep } from "~/src/domain/plan"

function dueText(step: PlanStep, today: string): string {
  if (!step.due) return STATUS_LABELS[step.status]
  if (step.status === "overdue") return `${plural(daysBetween(step.due, today), "day")} late`
  if (step.status === "due") return "Today"
  return shortDate(step.due, today)
}

/** The account of the Salesforce tab the popup opened over: stage, counts, the next steps to check off. */
export function CurrentAccount() {
  const current = usePopup((s) => s.current)
  const pending = usePopup((s) => s.pending)
  const touched = usePopup((s) => s.touched)
  const stepErrors = usePopup((s) => s.stepErrors)
  const toggleStep = usePopup((s) => s.toggleStep)
  const view = current.kind === "account" ? current.view : null
  const steps = useMemo(() => (view ? nextSteps(view, touched) : []), [view, touched])

  if (current.kind !== "account") return null
  if (!view) {
    return (
      <section
        className="sop-card"
        aria-labelledby="sop-current-title"
        data-testid="current-account"
        aria-busy={current.error ? undefined : true}
      >
        <h2 id="sop-current-title">This account</h2>
        <p className="sop-muted">{current.error ?? "Loading…"}</p>
      </section>
    )
  }
  const overdue = view.plan.steps.filter((s) => isCsmStep(s) && s.status === "overdue").length
  const shown = new Set(steps.map((s) => s.key))
  const hidden = view.plan.steps.filter(
    (s) => isCsmStep(s) && s.status !== "done" && s.status !== "info" && !shown.has(s.key)
  ).length
  return (
    <section
      className="sop-card"
      aria-labelledby="sop-current-title"
      data-testid="current-account"
      data-account-id={view.accountId}
      data-stage={view.plan.stage}
    >
      <h2 id="sop-current-title">{view.name}</h2>
      <div className="sop-meta">
        <span className="sop-chip sop-chip-stage" data-testid="current-stage">
          {stageLabel(view.plan.stage)}
        </span>
        {view.plan.situations.map((s) => (
          <span key={s} className="sop-chip sop-chip-situation">
            {situationLabel(s)}
          </span>
        ))}
        <span className="sop-count" data-count={overdue} data-testid="current-overdue" style={{ marginLeft: "auto" }}>
          {overdue}
        </span>
        <span className="sop-muted">overdue</span>
      </div>
      <h3 id="sop-next-title">Next steps</h3>
      {steps.length === 0 ? (
        <p className="sop-muted">Nothing due: all caught up.</p>
      ) : (
        <ul className="sop-steps" aria-labelledby="sop-next-title">
          {steps.map((step) => {
            const done = pending[step.key] ?? step.status === "done"
            const status = pending[step.key] === undefined ? step.status : done ? "done" : step.status
            const id = `sop-step-${step.key.replace(/[^A-Za-z0-9]/g, "-")}`
            return (
              <li key={step.key} className="sop-step" data-key={step.key} data-status={status}>
                <input
                  id={id}
                  type="checkbox"
                  checked={done}
                  disabled={step.key in pending}
                  onChange={(e) => void toggleStep(step.key, e.target.checked)}
                  aria-describedby={`${id}-due`}
                />
                <label htmlFor={id}>
                  <span className="sop-rule">{step.key}</span>
                  {step.title}
                </label>
                <span className="sop-due" id={`${id}-due`} data-status={step.status}>
                  {dueText(step, view.today)}
                </span>
                {stepErrors[step.key] ? (
                  <p className="sop-error" role="alert">
                    {stepErrors[step.key]}
                  </p>
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
      {hidden > 0 ? (
        <p className="sop-muted" style={{ marginTop: 6 }}>
          {hidden} more in the Salesforce panel.
        </p>
      ) : null}
    </section>
  )
}
