/**
 * The panel's "Helpers" card: types the CSM's words into the exact text Salesforce expects for an
 * account note and a case directive (spec §7), and copies it.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from "react"

import { accountNote, caseDirective } from "~/src/domain/templates/formats"
import type { Parsed } from "~/src/domain/parse"
import type { AccountView } from "~/src/messages/protocol"
import { errorText } from "~/src/domain/text"

import { shortDate } from "../format"
import { usePanel } from "../store-context"

type Copied = { state: "idle" } | { state: "copied" } | { state: "failed"; message: string }

/** Clipboard write with a visible confirmation that fades after a moment. */
function useCopy() {
  const [copied, setCopied] = useState<Copied>({ state: "idle" })
  const timer = useRef<ReturnType<typeof setTimeout>>()
  useEffect(() => () => clearTimeout(timer.current), [])
  const copy = async (text: string) => {
    clearTimeout(timer.current)
    try {
      await navigator.clipboard.writeText(text)
      setCopied({ state: "copied" })
      timer.current = setTimeout(() => setCopied({ state: "idle" }), 2500)
    } catch (error) {
      setCopied({
        state: "failed",
        message: `Could not copy (${errorText(error)}): select the text below and press Ctrl+C.`
      })
    }
  }
  return { copied, copy, reset: () => setCopied({ state: "idle" }) }
}

/** Runs a formatter without letting a bug escape into render or an event handler. */
function safely(format: (text: string) => Parsed<string>, text: string): Parsed<string> {
  try {
    return format(text)
  } catch (error) {
    return { ok: false, errors: [{ path: "format", message: errorText(error) }] }
  }
}

const FIELD_NAMES: Record<string, string> = {
  date: "Date",
  initials: "Your initials",
  note: "Note",
  action: "Action",
  format: "Could not format"
}

function describe(result: Parsed<string>): string {
  if (result.ok) return ""
  return result.errors
    .map((e) =>
      e.path === "initials"
        ? "Set your initials (1–4 letters) in SOP Pilot's options first."
        : `${FIELD_NAMES[e.path] ?? e.path}: ${e.message}.`
    )
    .join(" ")
}

interface FormatterProps {
  label: string
  button: string
  placeholder: string
  testId: string
  /** The format, shown until there is text to preview. */
  example: string
  /** The CSM's initials from the profile (empty when not set). */
  initials: string
  format: (text: string) => Parsed<string>
}

/** A text box that turns into a Salesforce-formatted line, copied on demand. */
function Formatter({ label, button, placeholder, testId, example, initials, format }: FormatterProps) {
  const id = useId()
  const [text, setText] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  const { copied, copy, reset } = useCopy()
  const preview = text.trim() === "" ? null : safely(format, text)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const result = safely(format, text)
    if (!result.ok) return setProblem(describe(result))
    setProblem(null)
    await copy(result.value)
  }
  return (
    <form className="sop-field" onSubmit={submit} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="sop-input"
        value={text}
        placeholder={placeholder}
        maxLength={1000}
        onChange={(event) => {
          setText(event.currentTarget.value)
          setProblem(null)
          reset()
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-preview${problem ? ` ${id}-error` : ""}`}
      />
      <p id={`${id}-preview`} className="sop-preview">
        {preview?.ok ? (
          <code>{preview.value}</code>
        ) : (
          <span className="sop-hint">
            Written as <code>{example}</code>
            {initials.trim() === "" && " · set your initials in SOP Pilot's options first"}
          </span>
        )}
      </p>
      <div className="sop-field-row">
        <button type="submit" className="sop-btn sop-btn-primary">
          {button}
        </button>
        <span role="status" className="sop-copied">
          {copied.state === "copied" ? "Copied" : ""}
        </span>
      </div>
      {problem && (
        <p className="sop-error" id={`${id}-error`} role="alert">
          {problem}
        </p>
      )}
      {copied.state === "failed" && (
        <p className="sop-error" role="alert">
          {copied.message}
        </p>
      )}
    </form>
  )
}

/** Key dates and the §7 formats, ready to paste into Salesforce. */
export function NoteFormatters({ view }: { view: AccountView }) {
  const initials = usePanel((s) => s.profile.initials)
  const { upsellCloseDate, nextOpenForum } = view.plan.derived
  return (
    <section className="sop-card" aria-labelledby="sop-helpers-title">
      <h3 id="sop-helpers-title">Helpers</h3>
      <dl className="sop-keydates">
        <div>
          <dt>
            Upsell close date<span className="sop-hint">Last day of this quarter (UP2)</span>
          </dt>
          <dd>
            <time dateTime={upsellCloseDate} data-testid="upsell-close-date">
              {shortDate(upsellCloseDate, view.today)}
            </time>
          </dd>
        </div>
        <div>
          <dt>
            Next Compliance Open Forum<span className="sop-hint">First Thursday of the month (SM2)</span>
          </dt>
          <dd>
            <time dateTime={nextOpenForum} data-testid="next-open-forum">
              {shortDate(nextOpenForum, view.today)}
            </time>
          </dd>
        </div>
      </dl>
      <Formatter
        label="Account note"
        button="Copy account note"
        placeholder="Called the admin about renewal"
        testId="account-note"
        example="MM/DD/YY-Initials-Note"
        initials={initials}
        format={(text) => accountNote(view.today, initials, text)}
      />
      <Formatter
        label="Case directive"
        button="Copy case directive"
        placeholder="Follow up in one week"
        testId="case-directive"
        example="MM/DD/YY_Initials:Action"
        initials={initials}
        format={(text) => caseDirective(view.today, initials, text)}
      />
    </section>
  )
}
