/**
 * One compose's panel: which account, which email (the plan's most pressing email step, or any
 * template), the values to fill in, the gaps, the preview, Insert / Undo and the step check-off.
 * Positioned beside its compose (`placement.ts`), re-measured on every layout tick.
 *
 * Stable hooks for tests and support: root `data-testid="compose-panel"` with `data-account-id`
 * and `data-template`; `data-action` on every button; `data-gap="<field>"` on each listed gap.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react"
import { useStore } from "zustand"

import type { InputField } from "~/src/domain/compose-values"
import { daysFrom } from "~/src/domain/template-pick"
import type { MergeFieldName } from "~/src/domain/templates/fields"
import type { Compose } from "~/src/hosts/gmail/compose"
import { insertIntoCompose, watchCaret } from "~/src/hosts/gmail/insert"
import {
  getMaybeRecipientsArea,
  getMaybeSendButton,
  getMaybeSubject,
  isRecipientInput
} from "~/src/hosts/gmail/selectors"
import { onAccountChanged } from "./bridge"
import { addressee, deriveDraft, type Draft } from "./draft"
import { placePanel, type Box, type Placement } from "./placement"
import { createComposeStore, type ComposeState, type ComposeStore } from "./store"

export interface ComposePanelProps {
  compose: Compose
  /** The compose the CSM works in (focused last, or opened last): its panel opens by itself. */
  active: boolean
  /** Bumped on any layout change (resize, scroll, composes opening or closing). */
  layoutTick: number
  /** The other composes open now (a card beside this one must not cover them). */
  others?: readonly Compose[]
  onActivate(): void
  /** Tests pass their own store. */
  store?: ComposeStore
}

const boxOf = (el: Element | undefined): Box | undefined => {
  if (!el) return undefined
  const r = el.getBoundingClientRect()
  return { top: r.top, left: r.left, right: r.right, bottom: r.bottom, width: r.width, height: r.height }
}

function measure(compose: Compose, expanded: boolean, others: readonly Compose[]): Placement {
  const box = boxOf(compose.element) as Box
  const avoid = [
    getMaybeRecipientsArea(compose.element),
    getMaybeSubject(compose.element),
    getMaybeSendButton(compose.element)
  ]
    .map(boxOf)
    .filter((b): b is Box => b !== undefined && b.width > 0)
  return placePanel({
    compose: box,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    kind: compose.kind(),
    minimised: compose.minimised(),
    expanded,
    avoid,
    others: others.map((other) => boxOf(other.element) as Box)
  })
}

function placementStyle(placement: Placement): React.CSSProperties {
  if (placement.mode === "hidden") return {}
  if (placement.mode === "tab") return { top: placement.top, left: placement.left, right: placement.right }
  return {
    left: placement.left,
    width: placement.width,
    maxHeight: placement.maxHeight,
    top: placement.top,
    bottom: placement.bottom
  }
}

export function ComposePanel({
  compose,
  active,
  layoutTick,
  others = [],
  onActivate,
  store: given
}: ComposePanelProps) {
  const [store] = useState(() => given ?? createComposeStore())
  const state = useStore(store)
  const caret = useRef<() => Range | undefined>(() => undefined)

  useEffect(() => {
    const controller = new AbortController()
    const { signal } = controller
    caret.current = watchCaret(() => compose.body(), signal)
    let timer: ReturnType<typeof setTimeout> | undefined
    const read = () => void store.getState().setRecipients(compose.recipients(), compose.threadId())
    const readSoon = () => {
      clearTimeout(timer)
      timer = setTimeout(read, 250)
    }
    read()
    compose.onChange(readSoon, signal)
    // Typing an address in the To field changes a value, not the DOM.
    compose.element.addEventListener("input", (event) => isRecipientInput(event.target) && readSoon(), { signal })
    onAccountChanged((accountId) => store.getState().accountChanged(accountId), signal)
    signal.addEventListener("abort", () => clearTimeout(timer))
    return () => controller.abort()
  }, [compose, store])

  const match = state.matches.find((m) => m.accountId === state.accountId)
  const recipient = useMemo(() => addressee(state.recipients, match), [state.recipients, match])
  const draft = useMemo(
    () =>
      state.context && state.context.view.accountId === state.accountId
        ? deriveDraft({
            context: state.context,
            recipient,
            option: state.option,
            typed: state.typed,
            emailed: state.inserted?.step
          })
        : undefined,
    [state.context, state.accountId, recipient, state.option, state.typed, state.inserted]
  )

  const inputs = useRef(new Map<string, HTMLElement>())
  const showDraft = Boolean(state.accountId && !state.changing)
  const expanded = state.expanded ?? active
  // layoutTick and state are why this re-runs: the compose moved or resized, or the panel's
  // content changed its height; measure reads both from the page.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const placement = useMemo(() => measure(compose, expanded, others), [compose, expanded, others, layoutTick, state])
  const accountName = state.context?.view.name ?? match?.name

  const onInsert = () => {
    if (!draft?.template) return
    try {
      const body = compose.body()
      if (!body) throw new Error("Gmail's message body was not found.")
      const result = insertIntoCompose(
        { body, subject: compose.subject() },
        { subject: draft.subject, body: draft.body },
        caret.current()
      )
      store
        .getState()
        .setInserted(
          { undo: result.undo, template: draft.template, step: draft.selected?.step, gaps: draft.gaps.length },
          draft.selected?.value
        )
    } catch (error) {
      store.getState().setInsertError(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <section
      className={`sp-panel sp-${placement.mode}`}
      style={placementStyle(placement)}
      hidden={placement.mode === "hidden"}
      data-testid="compose-panel"
      data-compose-id={compose.id}
      data-compose-kind={compose.kind()}
      data-mode={placement.mode}
      data-account-id={state.accountId ?? ""}
      data-template={draft?.template ?? ""}
      aria-label="SOP Pilot"
      onFocus={onActivate}
    >
      {placement.mode === "tab" ? (
        <button
          type="button"
          className="sp-tab"
          data-action="expand"
          title="Open SOP Pilot for this email"
          onClick={() => {
            store.getState().setExpanded(true)
            onActivate()
          }}
        >
          <span className="sp-logo" aria-hidden="true">
            SP
          </span>
          <span className="sp-tab-text">{accountName ?? "SOP Pilot"}</span>
          {draft && draft.gaps.length > 0 && <span className="sp-badge">{draft.gaps.length}</span>}
        </button>
      ) : (
        <div className="sp-card">
          <header className="sp-header">
            <span className="sp-logo" aria-hidden="true">
              SP
            </span>
            <span className="sp-title">SOP Pilot</span>
            <button
              type="button"
              className="sp-icon"
              data-action="collapse"
              aria-label="Collapse SOP Pilot"
              title="Collapse"
              onClick={() => store.getState().setExpanded(false)}
            >
              –
            </button>
          </header>
          <div className="sp-scroll">
            <AccountSection state={state} store={store} accountName={accountName} />
            {showDraft && <DraftSection state={state} store={store} draft={draft} inputs={inputs} />}
          </div>
          {showDraft && draft?.template && (
            <DraftFooter state={state} store={store} draft={draft} inputs={inputs} onInsert={onInsert} />
          )}
        </div>
      )}
    </section>
  )
}

function Alert({ children }: { children: ReactNode }) {
  return (
    <p className="sp-alert" role="alert">
      {children}
    </p>
  )
}

function AccountSection({
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
      <div className="sp-section sp-account">
        <div className="sp-row">
          <strong className="sp-account-name" data-testid="compose-account">
            {accountName ?? "Loading…"}
          </strong>
          <button
            type="button"
            className="sp-link"
            data-action="change-account"
            onClick={() => store.getState().startChange()}
          >
            Change
          </button>
        </div>
        {why && <p className="sp-muted">{why}</p>}
        {others.length > 0 && <p className="sp-muted">Also matches: {others.map((m) => m.name).join(", ")}</p>}
        {state.contextError && <Alert>{state.contextError}</Alert>}
      </div>
    )
  }
  const choosing = matches.length > 1 || (changing && matches.length > 0)
  return (
    <div className="sp-section sp-account">
      {lookup === "loading" && <p className="sp-muted">Looking up {emails || "the recipients"}…</p>}
      {state.lookupError && <Alert>{state.lookupError}</Alert>}
      {choosing && (
        <>
          <p className="sp-label">Which account is this email for?</p>
          <ul className="sp-choices">
            {matches.map((m) => (
              <li key={m.accountId}>
                <button
                  type="button"
                  className="sp-choice"
                  data-action="choose-account"
                  data-account-id={m.accountId}
                  onClick={() => void store.getState().choose(m.accountId, "user")}
                >
                  <strong>{m.name}</strong>
                  <span className="sp-muted">{m.reason}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {lookup !== "loading" && !choosing && (
        <p className="sp-muted">{emails ? `No account matches ${emails}.` : "Add a recipient, or find the account:"}</p>
      )}
      <AccountSearch state={state} store={store} />
      {changing && (
        <button
          type="button"
          className="sp-link"
          data-action="cancel-change"
          onClick={() => store.getState().cancelChange()}
        >
          Cancel
        </button>
      )}
    </div>
  )
}

function AccountSearch({ state, store }: { state: ComposeState; store: ComposeStore }) {
  const { search } = state
  return (
    <div className="sp-search">
      <input
        type="search"
        className="sp-input"
        placeholder="Search accounts by name"
        aria-label="Search accounts by name"
        data-action="search"
        value={search.query}
        onChange={(event) => void store.getState().searchAccounts(event.target.value)}
      />
      {search.error && <Alert>{search.error}</Alert>}
      {search.results.length > 0 && (
        <ul className="sp-choices">
          {search.results.slice(0, 6).map((a) => (
            <li key={a.accountId}>
              <button
                type="button"
                className="sp-choice"
                data-action="choose-account"
                data-account-id={a.accountId}
                onClick={() => void store.getState().choose(a.accountId, "user")}
              >
                <strong>{a.name}</strong>
                <span className="sp-muted">
                  {a.nextStep ? `${a.nextStep.key} · ${a.nextStep.title}` : a.stage.replace(/_/g, " ")}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!search.loading && search.results.length === 0 && !search.error && search.query !== "" && (
        <p className="sp-muted">No cached account is called “{search.query}”.</p>
      )}
    </div>
  )
}

const STATUS_TEXT: Record<string, string> = {
  due: "Due today",
  overdue: "Overdue",
  upcoming: "Upcoming",
  info: "No date",
  done: "Done"
}

type InputRefs = React.MutableRefObject<Map<string, HTMLElement>>

function FieldInput({
  field,
  draft,
  store,
  inputs
}: {
  field: InputField
  draft: Draft
  store: ComposeStore
  inputs: InputRefs
}) {
  const id = `sp-field-${field.field}`
  const common = {
    id,
    className: `sp-input${field.missing ? " sp-missing" : ""}`,
    "data-field": field.field,
    value: draft.inputs[field.field] ?? "",
    placeholder: field.description,
    ref: (el: HTMLElement | null) => (el ? inputs.current.set(field.field, el) : inputs.current.delete(field.field)),
    onChange: (e: { target: { value: string } }) =>
      store.getState().setTyped(field.field as MergeFieldName, e.target.value)
  }
  return (
    <div className="sp-field">
      <label className="sp-label" htmlFor={id}>
        {field.label}
      </label>
      {field.kind === "multiline" ? (
        <textarea rows={3} {...common} />
      ) : (
        <input type={field.kind === "date" ? "date" : "text"} {...common} />
      )}
    </div>
  )
}

function DraftSection({
  state,
  store,
  draft,
  inputs
}: {
  state: ComposeState
  store: ComposeStore
  draft?: Draft
  inputs: InputRefs
}) {
  if (!draft) return state.contextLoading ? <p className="sp-section sp-muted">Loading the account’s plan…</p> : null
  const step = draft.selected?.step
  const status = step && state.mark?.key === step.key && state.mark.status === "done" ? "done" : step?.status
  const steps = draft.options.filter((o) => o.group === "steps")
  const templates = draft.options.filter((o) => o.group === "templates")
  const today = state.context?.view.today ?? ""
  const missing = draft.fields.filter((f) => f.missing)
  const filled = draft.fields.filter((f) => !f.missing)

  return (
    <>
      <div className="sp-section">
        {step ? (
          <div className="sp-step" data-step-key={step.key} data-step-status={status}>
            <div className="sp-row">
              <span className="sp-key">{step.key}</span>
              <span className={`sp-status sp-status-${status}`}>
                {status === "overdue" && step.due
                  ? `Overdue ${-daysFrom(today, step.due)}d`
                  : STATUS_TEXT[status ?? "info"]}
              </span>
            </div>
            <p className="sp-step-title">{step.title}</p>
            <p className="sp-muted" title={draft.reason}>
              {step.why}
            </p>
          </div>
        ) : (
          <p className="sp-muted">
            {draft.selected
              ? "A template outside the plan: no step to check off."
              : "No email step is due for this account. Pick a template:"}
          </p>
        )}
        <label className="sp-label" htmlFor="sp-template">
          Email
        </label>
        <select
          id="sp-template"
          className="sp-input"
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

      {draft.template && (
        <>
          {missing.length > 0 && (
            <div className="sp-section sp-fields">
              <p className="sp-heading">To fill in</p>
              {missing.map((f) => (
                <FieldInput key={f.field} field={f} draft={draft} store={store} inputs={inputs} />
              ))}
            </div>
          )}
          {filled.length > 0 && (
            <details className="sp-section sp-filled">
              <summary>
                Filled in from the account{" "}
                <span className="sp-muted">({filled.map((f) => f.label.toLowerCase()).join(", ")})</span>
              </summary>
              {filled.map((f) => (
                <FieldInput key={f.field} field={f} draft={draft} store={store} inputs={inputs} />
              ))}
            </details>
          )}
          <details className="sp-section sp-preview">
            <summary>Preview</summary>
            <p className="sp-preview-subject">{draft.subject}</p>
            <div className="sp-preview-body">
              {draft.body.map((line, i) => (
                <div key={i}>
                  {line.length === 0 ? (
                    <br />
                  ) : (
                    line.map((piece, j) =>
                      piece.gap !== undefined ? (
                        <mark key={j} className="sp-gap-mark">
                          {piece.text}
                        </mark>
                      ) : (
                        <span key={j}>{piece.text}</span>
                      )
                    )
                  )}
                </div>
              ))}
            </div>
          </details>
        </>
      )}
    </>
  )
}

/** Always in view at the card's foot: what is missing, Insert, then Undo and the check-off. */
function DraftFooter({
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
    <footer className="sp-footer">
      {gapCount > 0 && (
        <div className="sp-gaps" role="status">
          <span className="sp-gaps-label">Missing:</span>
          <ul className="sp-gap-list">
            {draft.gaps.map((field) => {
              const label = draft.fields.find((f) => f.field === field)?.label ?? field
              return (
                <li key={field}>
                  <button
                    type="button"
                    className="sp-gap"
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
                <span className="sp-gap" data-gap={name}>
                  Unknown field “{name}”
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <button
        type="button"
        className={`sp-btn${insertedOnce ? "" : " sp-primary"}`}
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
    <div className="sp-inserted" data-testid="compose-inserted">
      {inserted.undone ? (
        <p className="sp-muted">Insert undone.</p>
      ) : (
        <div className="sp-row">
          <span className="sp-ok">
            Inserted{inserted.gaps > 0 ? ` — ${inserted.gaps} gap${inserted.gaps === 1 ? "" : "s"} marked` : ""}
          </span>
          <button type="button" className="sp-link" data-action="undo" onClick={() => store.getState().undo()}>
            Undo
          </button>
        </div>
      )}
      {key && !inserted.undone && (
        <div className="sp-mark">
          {stepDone || state.mark?.status === "done" ? (
            <p className="sp-ok" data-step-checked={key}>
              ✓ {key} checked off
            </p>
          ) : (
            <button
              type="button"
              className="sp-btn"
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
