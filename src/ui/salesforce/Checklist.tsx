import { useLayoutEffect, useRef } from "react"

import type { PlanStep, StepStatus } from "~/src/domain/plan"
import { plural } from "~/src/domain/text"

import { daysBetween } from "~/src/domain/dates"

import { shortDate } from "../format"
import { ROLE_LABELS, STATUS_LABELS, templateLabel } from "../labels"
import { usePanel } from "../store-context"

const GROUPS: StepStatus[] = ["overdue", "due", "upcoming", "info", "done"]

const domId = (key: string) => `sop-step-${key.replace(/[^A-Za-z0-9]/g, "-")}`

/** The plan's steps, grouped Overdue / Due today / Upcoming / No date / Done. */
export function Checklist({ steps, today }: { steps: PlanStep[]; today: string }) {
  const toggleStep = usePanel((s) => s.toggleStep)
  const pending = usePanel((s) => s.pending)
  const listRef = useRef<HTMLElement>(null)
  // A checked step moves to another group (a new element): keep the keyboard focus on it.
  const focusKey = useRef<string | null>(null)

  useLayoutEffect(() => {
    const key = focusKey.current
    if (key === null || !listRef.current) return
    const input = Array.from(listRef.current.querySelectorAll<HTMLInputElement>("input[data-step-key]")).find(
      (el) => el.dataset.stepKey === key
    )
    const root = input?.getRootNode() as Document | ShadowRoot | undefined
    if (input && root && root.activeElement !== input) input.focus()
    if (!(key in pending)) focusKey.current = null
  })

  if (steps.length === 0) {
    return (
      <section className="sop-card" aria-labelledby="sop-checklist-title">
        <h3 id="sop-checklist-title">Checklist</h3>
        <p className="sop-muted">No steps for this account today.</p>
      </section>
    )
  }

  return (
    <section className="sop-card sop-checklist" aria-labelledby="sop-checklist-title" ref={listRef}>
      <h3 id="sop-checklist-title">Checklist</h3>
      {GROUPS.map((status) => {
        const group = steps.filter((step) => step.status === status)
        if (group.length === 0) return null
        const titleId = `sop-group-${status}`
        return (
          <div key={status} className={`sop-group sop-group-${status}`} data-group={status}>
            <h4 id={titleId} className="sop-group-title">
              {STATUS_LABELS[status]} <span className="sop-group-count">{group.length}</span>
            </h4>
            <ul aria-labelledby={titleId} className="sop-steps">
              {group.map((step) => (
                <StepItem
                  key={step.key}
                  step={step}
                  today={today}
                  onToggle={(done) => {
                    focusKey.current = step.key
                    void toggleStep(step.key, done)
                  }}
                />
              ))}
            </ul>
          </div>
        )
      })}
    </section>
  )
}

function StepItem({ step, today, onToggle }: { step: PlanStep; today: string; onToggle: (done: boolean) => void }) {
  const error = usePanel((s) => s.stepErrors[step.key])
  const saving = usePanel((s) => step.key in s.pending)
  const id = domId(step.key)
  const late = step.status === "overdue" && step.due ? daysBetween(step.due, today) : 0

  return (
    <li
      className={`sop-step sop-step-${step.status}`}
      data-key={step.key}
      data-rule={step.rule}
      data-status={step.status}
      data-due={step.due ?? ""}
      aria-busy={saving || undefined}
    >
      <div className="sop-step-row">
        <input
          type="checkbox"
          id={id}
          data-step-key={step.key}
          checked={step.status === "done"}
          onChange={(event) => onToggle(event.currentTarget.checked)}
          aria-describedby={`${id}-meta${error ? ` ${id}-error` : ""}`}
        />
        <label htmlFor={id} className="sop-step-title">
          {step.title}
        </label>
      </div>
      <div className="sop-step-meta" id={`${id}-meta`}>
        {step.due ? (
          <time dateTime={step.due} className="sop-due">
            {shortDate(step.due, today)}
          </time>
        ) : (
          <span className="sop-due sop-due-none">No date</span>
        )}
        {step.status === "overdue" && (
          <span className="sop-flag sop-flag-overdue">Overdue{late > 0 ? ` · ${plural(late, "day")}` : ""}</span>
        )}
        {step.status === "due" && <span className="sop-flag sop-flag-today">Today</span>}
        <span className={`sop-chip sop-role-${step.role}`}>{ROLE_LABELS[step.role]}</span>
        {step.template && (
          <span className="sop-chip sop-template" data-template={step.template}>
            <span aria-hidden="true">✉ </span>
            <span className="sop-visually-hidden">Template: </span>
            {templateLabel(step.template)}
          </span>
        )}
        <span className="sop-chip sop-rule" title="Playbook rule">
          {step.key}
        </span>
      </div>
      <p className="sop-why">{step.why}</p>
      {saving && <span className="sop-visually-hidden">Saving…</span>}
      {error && (
        <p className="sop-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </li>
  )
}
