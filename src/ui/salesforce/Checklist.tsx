import { useCallback, useLayoutEffect, useRef, useState } from "react"

import type { PlanStep } from "~/src/domain/plan"
import { plural } from "~/src/domain/text"

import { daysBetween, isRealIsoDate } from "~/src/domain/dates"
import { eventOf } from "~/src/domain/write-back"
import {
  fillTemplate,
  lightningOriginOf,
  NEW_RECORD_LABELS,
  newRecordUrl,
  type NewRecordRule
} from "~/src/hosts/salesforce/new-record"

import { shortDate } from "../format"
import { ROLE_LABELS, situationLabel, STATUS_LABELS, templateLabel } from "../labels"
import { usePanel } from "../store-context"
import { useUndoHold } from "../undo-hold"
import { ask } from "~/src/messages/client"
import { isRuleId } from "~/src/domain/playbook/rule-ids"
import { openStatus } from "./store"
import { checklistSections, occurrenceOf, type ChecklistSection, type StepEntry, type StepGroup } from "./step-rows"
import { mayCheckOff } from "~/src/domain/plan"

type Group = StepGroup
const GROUP_LABELS: Record<Group, string> = { ...STATUS_LABELS, team_lead: "For your Team Lead" }

/** How long a check-off can be undone from the step (paused while the pointer or focus is on it). */
export { UNDO_MS } from "../undo-hold"

const domId = (key: string) => `sop-step-${key.replace(/[^A-Za-z0-9]/g, "-")}`

/** A step checked (or unchecked) in this view: it stays in the group it was in until the next view. */
interface Placed {
  group: Group
  undoable: boolean
  /** The step as checked here: still shown when it leaves the plan (a wrap-up, once done). */
  step: PlanStep
  /** The step that followed it in the list, to keep its place when it left the plan. */
  before?: string
}

/** The plan's steps and, in their places, the steps checked here that have left the plan since. */
function withPlaced(steps: PlanStep[], placed: Record<string, Placed>): PlanStep[] {
  const shown = [...steps]
  const keys = new Set(steps.map((s) => s.key))
  for (const entry of Object.values(placed)) {
    if (keys.has(entry.step.key)) continue
    const at = entry.before === undefined ? -1 : shown.findIndex((s) => s.key === entry.before)
    shown.splice(at === -1 ? shown.length : at, 0, entry.step)
  }
  return shown
}

/**
 * The plan's steps: first the steps of each running situation (cancellation, past due …), then
 * the stage's, grouped Overdue / Due today / Upcoming / No date / Done. Repeated occurrences of a
 * rule (FO1's ten days) are one row showing the next one; the others open from it. A step checked
 * off here stays where it is, shown done, with an Undo for a few seconds; it joins Done on the
 * next view of the account (the panel is mounted per account), so the list never jumps under the CSM.
 */
export function Checklist({
  steps: planned,
  today,
  situations = []
}: {
  steps: PlanStep[]
  today: string
  situations?: readonly string[]
}) {
  const toggleStep = usePanel((s) => s.toggleStep)
  const isTeamLead = usePanel((s) => s.profile.role === "team_lead")
  const pending = usePanel((s) => s.pending)
  const listRef = useRef<HTMLElement>(null)
  const [placed, setPlaced] = useState<Record<string, Placed>>({})
  // The series (rule) whose other occurrences the CSM opened, per side.
  const [openSeries, setOpenSeries] = useState<Record<string, boolean>>({})
  const steps = withPlaced(planned, placed)
  // Should a step still change element (another view's answer), keep the keyboard focus on it.
  const focusKey = useRef<string | null>(null)
  const groupOf = (step: PlanStep): Group =>
    !isTeamLead && step.role === "team_lead" ? "team_lead" : (placed[step.key]?.group ?? step.status)
  const place = (step: PlanStep, done: boolean, undoable: boolean) => {
    const index = steps.findIndex((s) => s.key === step.key)
    const shownAs: PlanStep = { ...step, status: done ? "done" : openStatus(step, today) }
    setPlaced((current) => ({
      ...current,
      [step.key]: { group: groupOf(step), undoable, step: shownAs, before: steps[index + 1]?.key }
    }))
  }
  const expire = useCallback(
    (key: string) =>
      setPlaced((current) => {
        const entry = current[key]
        return entry?.undoable ? { ...current, [key]: { ...entry, undoable: false } } : current
      }),
    []
  )

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

  const entries: StepEntry[] = steps.map((step) => ({ step, group: groupOf(step), pinned: step.key in placed }))
  const sections = checklistSections(entries, situations as Parameters<typeof checklistSections>[1])

  const item = (step: PlanStep, extra: Partial<StepItemProps> = {}) => (
    <StepItem
      key={step.key}
      step={step}
      today={today}
      locked={!mayCheckOff(isTeamLead ? "team_lead" : "csm", step)}
      undoable={placed[step.key]?.undoable === true}
      onExpire={expire}
      onToggle={(done, on) => {
        focusKey.current = step.key
        place(step, done, true)
        void toggleStep(step.key, done, on)
      }}
      onUndo={() => {
        focusKey.current = step.key
        place(step, step.status !== "done", false)
        void toggleStep(step.key, step.status !== "done")
        listRef.current?.querySelector<HTMLInputElement>(`input[data-step-key="${CSS.escape(step.key)}"]`)?.focus()
      }}
      {...extra}
    />
  )

  return (
    <section className="sop-card sop-checklist" aria-labelledby="sop-checklist-title" ref={listRef}>
      {/* The sections name themselves; the heading is for screen readers' list of headings. */}
      <h3 id="sop-checklist-title" className="sop-visually-hidden">
        Checklist
      </h3>
      {sections.map((section) => {
        const name = sectionName(section)
        const titleId = `sop-group-${name}`
        const count =
          section.kind === "situation" || section.group === "team_lead"
            ? section.rows.reduce((n, row) => n + 1 + row.others.length, 0)
            : section.rows.reduce(
                (n, row) => n + [row.entry, ...row.others].filter((e) => e.step.status === section.group).length,
                0
              )
        return (
          <div
            key={name}
            className={`sop-group sop-group-${section.kind === "situation" ? "situation" : name}`}
            data-group={section.kind === "situation" ? "situation" : name}
            data-for-situation={section.situation}
          >
            <h4 id={titleId} className="sop-group-title">
              {section.kind === "situation" ? situationLabel(section.situation ?? "") : GROUP_LABELS[name as Group]}{" "}
              <span className="sop-group-count">{count}</span>
            </h4>
            {section.group === "team_lead" && (
              <p className="sop-muted sop-group-note">Your Team Lead checks these off; they are not in your counts.</p>
            )}
            <ul aria-labelledby={titleId} className="sop-steps">
              {section.rows.flatMap((row) => {
                const head = row.entry.step
                if (row.others.length === 0) return [item(head)]
                const seriesId = `${head.rule}|${row.entry.group === "done" ? "done" : "open"}`
                const shown = openSeries[seriesId] === true
                const all = [row.entry, ...row.others]
                return [
                  item(head, {
                    series: {
                      n: occurrenceOf(head.key) ?? 1,
                      of: steps.filter((s) => s.rule === head.rule).length,
                      total: all.length,
                      done: all.filter((e) => e.step.status === "done").length,
                      open: shown,
                      controls: row.others.map((e) => `${domId(e.step.key)}-row`).join(" "),
                      onToggle: () => setOpenSeries((current) => ({ ...current, [seriesId]: !shown }))
                    }
                  }),
                  ...row.others.map((other) => item(other.step, { occurrence: true, hidden: !shown }))
                ]
              })}
            </ul>
          </div>
        )
      })}
    </section>
  )
}

const sectionName = (section: ChecklistSection): string =>
  section.kind === "situation" ? `situation-${section.situation ?? ""}` : (section.group ?? "")

/**
 * FO4 / CX1 / PD2 / UP2: Salesforce's own New-record page, pre-filled with the team's values
 * (issue 12); Salesforce validates, the CSM saves. Undefined when the step has none.
 */
function useNewRecordUrl(rule: string): { url: string; label: string } | undefined {
  const view = usePanel((s) => s.view)
  const initials = usePanel((s) => s.profile.initials)
  const template = view?.newRecords?.[rule]
  const origin = view ? lightningOriginOf(view.apiHost) : undefined
  if (!view || !template || !origin) return undefined
  try {
    const values = fillTemplate(template.fields, {
      accountId: view.accountId,
      accountName: view.name,
      today: view.today,
      initials
    })
    return { url: newRecordUrl(origin, template, values), label: NEW_RECORD_LABELS[rule as NewRecordRule] }
  } catch {
    // A template the settings schema should have refused: no button rather than a wrong page.
    return undefined
  }
}

interface SeriesProps {
  /** This occurrence's number, of all the rule's occurrences in the plan ("day 4 of 10"). */
  n: number
  of: number
  /** Occurrences of the rule on this side (open, or done), this one included. */
  total: number
  done: number
  /** The other occurrences are shown. */
  open: boolean
  /** The ids of the other occurrences' rows. */
  controls: string
  onToggle: () => void
}

interface StepItemProps {
  step: PlanStep
  today: string
  /** Not this person's to check off (a Team Lead step, for a CSM). */
  locked: boolean
  /** Just checked or unchecked here: the row offers Undo. */
  undoable: boolean
  /** `on`: the day an event step happened, asked when it is checked off. */
  onToggle: (done: boolean, on?: string) => void
  onUndo: () => void
  onExpire: (key: string) => void
  /** The row stands for a rule's repeated occurrences (FO1's ten days): it opens the others. */
  series?: SeriesProps
  /** One of a series' other occurrences, shown under its row when opened. */
  occurrence?: boolean
  hidden?: boolean
}

function StepItem({
  step,
  today,
  locked,
  undoable,
  onToggle,
  onUndo,
  onExpire,
  series,
  occurrence,
  hidden
}: StepItemProps) {
  const error = usePanel((s) => s.stepErrors[step.key])
  const saving = usePanel((s) => step.key in s.pending)
  const doneBy = usePanel((s) => (step.status === "done" ? s.view?.doneBy?.[step.key] : undefined))
  const newRecord = useNewRecordUrl(step.rule)
  const id = domId(step.key)
  // An event step (AD3, TR1#2 …) asks when it happened before it is checked off: the plan dates from it.
  const [asking, setAsking] = useState(false)
  const checkbox = useRef<HTMLInputElement>(null)
  const cancelAsking = () => {
    setAsking(false)
    checkbox.current?.focus()
  }
  const [when, setWhen] = useState(today)
  // Why the step applies, its rule and how to do it: on demand, so a step is a line or two.
  const [more, setMore] = useState(false)
  const late = step.status === "overdue" && step.due ? daysBetween(step.due, today) : 0
  // Undo stays while the CSM points at or works in the step, then goes after UNDO_MS.
  const hold = useUndoHold(undoable, onExpire, step.key)

  return (
    <li
      id={`${id}-row`}
      className={`sop-step sop-step-${step.status}${occurrence ? " sop-step-occurrence" : ""}${more ? " sop-step-open" : ""}`}
      data-key={step.key}
      data-rule={step.rule}
      data-status={step.status}
      data-due={step.due ?? ""}
      hidden={hidden}
      aria-busy={saving || undefined}
      {...hold}
    >
      <div className="sop-step-row">
        <input
          ref={checkbox}
          type="checkbox"
          id={id}
          data-step-key={step.key}
          checked={step.status === "done"}
          disabled={locked}
          title={locked ? "Your Team Lead checks this off" : undefined}
          onChange={(event) => {
            const checked = event.currentTarget.checked
            if (checked && eventOf(step.key) !== undefined) {
              setWhen(today)
              setAsking(true)
            } else onToggle(checked)
          }}
          aria-describedby={`${id}-meta${error ? ` ${id}-error` : ""}`}
        />
        <div className="sop-step-main">
          <label htmlFor={id} className="sop-step-title" title={step.title}>
            {step.title}
          </label>
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
            {step.template && (
              <span className="sop-template" data-template={step.template} title={templateLabel(step.template)}>
                <span aria-hidden="true">✉</span>
                <span className="sop-visually-hidden">Template: {templateLabel(step.template)}</span>
              </span>
            )}
            {series && (
              <button
                type="button"
                className="sop-link sop-series-toggle"
                data-action="show-occurrences"
                aria-expanded={series.open}
                aria-controls={series.controls}
                onClick={series.onToggle}
              >
                {step.status === "done" ? `${series.total} done` : `${series.n} of ${series.of}`}
                <span className="sop-visually-hidden">
                  {` (${series.open ? "hide" : "show"} the other ${series.total - 1} occurrences of this step)`}
                </span>
              </button>
            )}
            {newRecord && (
              <a
                className="sop-link sop-new-record"
                data-action="new-record"
                href={newRecord.url}
                target="_blank"
                rel="noopener noreferrer"
              >
                {newRecord.label}
              </a>
            )}
            {undoable && (
              <span className="sop-step-undo" role="status">
                <span className="sop-visually-hidden">{step.status === "done" ? "Checked off." : "Reopened."} </span>
                <button
                  type="button"
                  className="sop-link"
                  data-action="undo-step"
                  aria-label={`Undo: ${step.status === "done" ? "uncheck" : "check"} “${step.title}”`}
                  onClick={onUndo}
                >
                  Undo
                </button>
              </span>
            )}
            <button
              type="button"
              className="sop-icon-btn sop-more-toggle"
              data-action="step-details"
              aria-expanded={more}
              aria-controls={`${id}-more`}
              aria-label={`Why and how: ${step.title}`}
              title="Why and how"
              onClick={() => setMore((open) => !open)}
            >
              <span aria-hidden="true">{more ? "▴" : "▾"}</span>
            </button>
          </div>
        </div>
      </div>
      {asking && (
        <form
          className="sop-when"
          data-testid="step-when"
          onSubmit={(event) => {
            event.preventDefault()
            if (!isRealIsoDate(when)) return
            setAsking(false)
            onToggle(true, when)
          }}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return
            // Escape closes this question, not the panel; the focus goes back to the step.
            event.preventDefault()
            cancelAsking()
          }}
        >
          <label htmlFor={`${id}-when`}>When did it happen?</label>
          <input
            id={`${id}-when`}
            type="date"
            className="sop-input"
            value={when}
            max={today}
            autoFocus
            onChange={(event) => setWhen(event.currentTarget.value)}
          />
          <button type="submit" className="sop-btn" data-action="record-event">
            Check off
          </button>
          <button type="button" className="sop-link" onClick={cancelAsking}>
            Cancel
          </button>
        </form>
      )}
      {doneBy && (
        <p className="sop-done-by" data-testid="done-by">
          Done by {doneBy.by || "someone"} in Salesforce ·{" "}
          <time dateTime={doneBy.on}>{shortDate(doneBy.on, today)}</time>
        </p>
      )}
      <div className="sop-step-more" id={`${id}-more`} hidden={!more}>
        <p className="sop-why">{step.why}</p>
        <p className="sop-step-facts">
          {step.template && (
            <span className="sop-chip">
              <span aria-hidden="true">✉ </span>
              <span>{templateLabel(step.template)}</span>
            </span>
          )}
          <span className={`sop-chip sop-role-${step.role}`}>{ROLE_LABELS[step.role]}</span>
          <span className="sop-chip sop-rule" title="Playbook rule">
            {step.key}
          </span>
        </p>
        <StepHowTo rule={step.rule} />
      </div>
      {saving && <span className="sop-visually-hidden">Saving…</span>}
      {error && (
        <p className="sop-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </li>
  )
}

const isWebAddress = (url: string) => /^https?:\/\//i.test(url)

/** The step's "how": its SOP section (opened by the background in a new tab) and the team's documents. */
function StepHowTo({ rule }: { rule: string }) {
  const howTo = usePanel((s) => s.view?.howTo?.[rule])
  const [problem, setProblem] = useState<string | null>(null)
  if (!howTo) return null
  return (
    <p className="sop-step-how" data-testid="step-how">
      {isRuleId(rule) && (
        <button
          type="button"
          className="sop-link"
          data-action="open-sop"
          data-rule={rule}
          onClick={() => {
            setProblem(null)
            ask({ name: "sop.open", rule }).catch((error: unknown) =>
              setProblem(error instanceof Error ? error.message : String(error))
            )
          }}
        >
          SOP {howTo.sop} § {howTo.section}
        </button>
      )}
      {howTo.documents
        .filter((document) => isWebAddress(document.url))
        .map((document, index) => (
          <a
            key={`${document.url}-${index}`}
            className="sop-link"
            href={document.url}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="step-document"
          >
            {document.label}
          </a>
        ))}
      {problem && (
        <span className="sop-error" role="alert">
          {problem}
        </span>
      )}
    </p>
  )
}
