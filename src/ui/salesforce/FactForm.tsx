import { useId, useState, type FormEvent } from "react"

import { isIsoDateInRange, isRealIsoDate, MAX_ISO_DATE, MIN_ISO_DATE } from "~/src/domain/dates"
import { DATE_FACTS, RISK_SIGNALS, type DateFact, type ManualFact, type RiskSignal } from "~/src/domain/fact-names"
import type { AccountView } from "~/src/messages/protocol"

import { shortDate } from "../format"
import { factLabel, RISK_SIGNAL_LABELS } from "../labels"
import { usePanel } from "../store-context"

/** Dates the SOPs need that Salesforce usually does not hold: the panel asks for them. */
const DATE_FIELDS: DateFact[] = [
  "sentimentSurveySentOn",
  "sentimentSurveyReceivedOn",
  "unresponsiveSince",
  "failedToOnboardCaseOpenedOn",
  "smbAdoptionMeetingOn",
  "tl75CheckInOn",
  "tl150CheckInOn"
]
const OTHER_DATES = DATE_FACTS.filter((fact) => !DATE_FIELDS.includes(fact))

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []
const stringOr = (value: unknown): string => (typeof value === "string" ? value : "")

/**
 * A quick check of what this form edits (dates), before the round trip. The background's zod
 * schema has the last word: its errors, with the field's path, show next to the field too.
 */
function invalid(fact: ManualFact, value: unknown): string | null {
  const dates =
    fact === "trainingsCompletedOn" ? strings(value) : (DATE_FACTS as readonly string[]).includes(fact) ? [value] : []
  if (!dates.every((date) => typeof date === "string" && isRealIsoDate(date)))
    return "Expected a real date (YYYY-MM-DD)."
  return dates.every((date) => isIsoDateInRange(date as string))
    ? null
    : `Expected a date between ${MIN_ISO_DATE} and ${MAX_ISO_DATE}.`
}

/** Saves through the store; shows a local or a background error next to the field. */
function useFactSave(fact: ManualFact) {
  const setFact = usePanel((s) => s.setFact)
  const busy = usePanel((s) => s.factBusy[fact] === true)
  const storeError = usePanel((s) => s.factErrors[fact])
  const [localError, setLocalError] = useState<string | null>(null)
  const [attempted, setAttempted] = useState(false)
  const save = async (value: unknown): Promise<boolean> => {
    const problem = value === null ? null : invalid(fact, value)
    setLocalError(problem)
    if (problem) return false
    setAttempted(true)
    return setFact(fact, value)
  }
  return { busy, error: localError ?? (attempted ? storeError : undefined), save, setLocalError }
}

function FieldError({ id, error }: { id: string; error: string | undefined | null }) {
  if (!error) return null
  return (
    <p className="sop-error" id={id} role="alert">
      {error}
    </p>
  )
}

/** A date input bounded like every date SOP Pilot keeps, its error (if any) named beside it. */
function DateInput({
  id,
  value,
  error,
  onChange
}: {
  id: string
  value: string
  error: string | undefined | null
  onChange: (value: string) => void
}) {
  return (
    <input
      id={id}
      type="date"
      className="sop-input"
      value={value}
      min={MIN_ISO_DATE}
      max={MAX_ISO_DATE}
      onChange={(event) => onChange(event.currentTarget.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    />
  )
}

function DateField({ fact, current, label }: { fact: DateFact; current: string; label?: string }) {
  const id = useId()
  const [value, setValue] = useState(current)
  const { busy, error, save, setLocalError } = useFactSave(fact)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (value === "") return setLocalError("Pick a date first.")
    await save(value)
  }
  return (
    <form className="sop-field sop-inline" onSubmit={submit} data-fact={fact}>
      <label htmlFor={id}>{label ?? factLabel(fact)}</label>
      <DateInput id={id} value={value} error={error} onChange={setValue} />
      <button type="submit" className="sop-btn" disabled={busy || (value === current && value !== "")}>
        Save
      </button>
      <FieldError id={`${id}-error`} error={error} />
    </form>
  )
}

function TrainingsField({ view }: { view: AccountView }) {
  const id = useId()
  const fact = "trainingsCompletedOn"
  const held = strings(view.facts[fact])
  const [value, setValue] = useState("")
  const { busy, error, save, setLocalError } = useFactSave(fact)
  const add = async (event: FormEvent) => {
    event.preventDefault()
    if (value === "") return setLocalError("Pick the training date first.")
    if (held.includes(value)) return setLocalError("That training date is already recorded.")
    if (await save([...held, value].sort())) setValue("")
  }
  return (
    <form className="sop-field sop-inline" onSubmit={add} data-fact={fact}>
      <label htmlFor={id}>Add a training held</label>
      <DateInput id={id} value={value} error={error} onChange={setValue} />
      <button type="submit" className="sop-btn" disabled={busy}>
        Add
      </button>
      {held.length > 0 && (
        <ul className="sop-held" aria-label="Trainings held">
          {held.map((date, index) => (
            <li key={date}>
              <time dateTime={date}>{shortDate(date, view.today)}</time>
              <button
                type="button"
                className="sop-link"
                disabled={busy}
                aria-label={`Remove training ${index + 1} on ${shortDate(date, view.today)}`}
                onClick={() => {
                  const rest = held.filter((d) => d !== date)
                  void save(rest.length > 0 ? rest : null)
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </form>
  )
}

function RiskSignalsField({ view }: { view: AccountView }) {
  const id = useId()
  const current = strings(view.facts.riskSignals) as RiskSignal[]
  const [draft, setDraft] = useState<RiskSignal[] | null>(null)
  const { busy, error, save } = useFactSave("riskSignals")
  const shown = draft ?? current
  const toggle = async (signal: RiskSignal, on: boolean) => {
    const next = RISK_SIGNALS.filter((s) => (s === signal ? on : shown.includes(s)))
    setDraft(next)
    await save(next)
    setDraft(null)
  }
  return (
    <fieldset
      className="sop-field sop-risks"
      data-fact="riskSignals"
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>Risk signals</legend>
      <div className="sop-risk-grid">
        {RISK_SIGNALS.map((signal) => (
          <label key={signal} className="sop-check">
            <input
              type="checkbox"
              checked={shown.includes(signal)}
              disabled={busy}
              onChange={(event) => void toggle(signal, event.currentTarget.checked)}
            />
            <span>{RISK_SIGNAL_LABELS[signal]}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  )
}

function OtherDateField({ view }: { view: AccountView }) {
  const id = useId()
  const [fact, setFact] = useState<DateFact>(OTHER_DATES[0] ?? "assignedOn")
  return (
    <div className="sop-field sop-other">
      <label htmlFor={id}>Another date</label>
      <select
        id={id}
        className="sop-input"
        value={fact}
        onChange={(event) => setFact(event.currentTarget.value as DateFact)}
      >
        {OTHER_DATES.map((name) => (
          <option key={name} value={name}>
            {factLabel(name)}
          </option>
        ))}
      </select>
      <DateField key={`${fact}:${stringOr(view.facts[fact])}`} fact={fact} current={stringOr(view.facts[fact])} />
    </div>
  )
}

/**
 * A fact just saved here that has a Salesforce field (issue 12): written there only once the CSM
 * says so, naming the record and the field; refusals show in the changes card, the value stays here.
 */
function WriteConfirm({ view }: { view: AccountView }) {
  const fact = usePanel((s) => s.askWrite)
  const setAskWrite = usePanel((s) => s.setAskWrite)
  const writeFact = usePanel((s) => s.writeFact)
  const busy = usePanel((s) => (fact === null ? false : s.factBusy[fact] === true))
  const error = usePanel((s) => (fact === null ? undefined : s.factErrors[fact]))
  const target = fact === null ? undefined : view.writable?.[fact]
  if (fact === null || target === undefined) return null
  const value = view.manual[fact]
  return (
    <div
      className="sop-note sop-confirm"
      role="group"
      aria-labelledby="sop-write-confirm"
      data-testid="write-confirm"
      data-fact={fact}
    >
      <p id="sop-write-confirm">
        Write {factLabel(fact)} = {typeof value === "string" ? shortDate(value, view.today) : String(value)} to {target}{" "}
        of “{view.name}” in Salesforce?
      </p>
      <button
        type="button"
        className="sop-btn"
        data-action="write-fact"
        disabled={busy}
        onClick={() => void writeFact(fact)}
      >
        Write to Salesforce
      </button>
      <button type="button" className="sop-link" onClick={() => setAskWrite(null)}>
        Keep it here only
      </button>
      {error && (
        <p className="sop-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** Facts Salesforce does not hold, entered by the CSM; every value is checked before it is sent. */
export function FactForm({ view }: { view: AccountView }) {
  return (
    <details className="sop-form">
      <summary>
        Enter what Salesforce does not hold
        <span className="sop-hint sop-summary-hint">Trainings, survey, check-ins, risk signals…</span>
      </summary>
      <WriteConfirm view={view} />
      <TrainingsField view={view} />
      {DATE_FIELDS.map((fact) => (
        <DateField key={`${fact}:${stringOr(view.facts[fact])}`} fact={fact} current={stringOr(view.facts[fact])} />
      ))}
      <RiskSignalsField view={view} />
      <OtherDateField view={view} />
      <p className="sop-hint">Clear an entry of yours with “Clear” in the list above.</p>
    </details>
  )
}
