/**
 * One compose's panel: which account (`AccountChooser`), which email (`EmailChooser`: the plan's
 * most pressing email step, or any template), the values to fill in (`FieldInputs`), the preview
 * (`EmailPreview`), and at its foot the gaps, Insert / Undo and the step check-off
 * (`PanelFooter`). Positioned beside its compose (`placement.ts`), re-measured on every layout
 * tick; the compose handle says what it must keep clear.
 *
 * Stable hooks for tests and support: root `data-testid="compose-panel"` with `data-account-id`
 * and `data-template`; `data-action` on every button; `data-gap="<field>"` on each listed gap.
 */
import { useEffect, useMemo, useRef, useState } from "react"
import { useStore } from "zustand"

import type { Compose } from "~/src/hosts/gmail/compose"
import {
  focusBodyAt,
  insertIntoCompose,
  replaceTyped,
  selectInBody,
  typedBeforeCaret,
  watchCaret
} from "~/src/hosts/gmail/insert"
import { SNIPPET_MAX_LENGTH, snippetAt } from "~/src/domain/snippets"
import { gapMarkersIn } from "~/src/domain/templates/merge"
import { useInputGuard } from "../input-guard"
import { usePanelKeyboard } from "../panel-keyboard"
import { AccountChooser } from "./AccountChooser"
import { onAccountChanged } from "./messages"
import { addressee, deriveDraft } from "./draft"
import { EmailChooser } from "./EmailChooser"
import { EmailPreview } from "./EmailPreview"
import { FieldInputs } from "./FieldInputs"
import { PanelFooter } from "./PanelFooter"
import { placePanel, type Box, type Placement } from "./placement"
import { snippetEmail } from "./snippet"
import { createComposeStore, type ComposeStore } from "./store"

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

function measure(compose: Compose, expanded: boolean, opened: boolean, others: readonly Compose[]): Placement {
  const box = boxOf(compose.element) as Box
  const avoid = compose
    .keepClear()
    .map(boxOf)
    .filter((b): b is Box => b !== undefined && b.width > 0)
  return placePanel({
    compose: box,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    kind: compose.kind(),
    minimised: compose.minimised(),
    expanded,
    opened,
    avoid,
    body: boxOf(compose.body()),
    others: others.map((other) => boxOf(other.element) as Box)
  })
}

/** A `;` and a short name's characters just before the caret: worth looking up. */
const SNIPPET_TAIL = /(?:^|[^\p{L}\p{N}_;-]);[a-z0-9_-]+$/u

/**
 * A snippet typed in the body (`;recap`) becomes its email at the caret, for this compose's
 * account; or a notice in the panel says why not. The short names are asked for at the first
 * `;` typed, then the text is looked at again.
 */
function expandSnippet(compose: Compose, store: ComposeStore, retried = false): void {
  const body = compose.body()
  if (!body) return
  const before = typedBeforeCaret(body, SNIPPET_MAX_LENGTH + 1)
  if (before === undefined || !SNIPPET_TAIL.test(before)) return
  const state = store.getState()
  if (!state.snippetNames) {
    if (!retried) void state.loadSnippets().then(() => expandSnippet(compose, store, true))
    return
  }
  const hit = snippetAt(before, state.snippetNames)
  if (!hit) return
  const outcome = snippetEmail(state, hit.key, hit.typed)
  if ("notice" in outcome) {
    state.setSnippetNotice(outcome.notice)
    return
  }
  const { draft, option } = outcome
  try {
    const result = replaceTyped({ body, subject: compose.subject() }, hit.typed.length, {
      subject: draft.subject,
      body: draft.body
    })
    if (!result) return
    state.setInserted(
      { undo: result.undo, template: draft.template, step: draft.selected?.step, gaps: draft.gaps.length },
      option
    )
  } catch (error) {
    state.setInsertError(error instanceof Error ? error.message : String(error))
  }
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
  const root = useRef<HTMLElement>(null)
  // Only a person's clicks and keys reach the handlers below: a page's script-made events stop here.
  useInputGuard(root, state.inputPolicy)

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
    compose.onRecipientInput(readSoon, signal)
    // A gap marker still in the body holds Send until the CSM has seen it (issue 16, item 10).
    compose.onSendAttempt((attempt) => {
      const gaps = gapMarkersIn(compose.body()?.textContent ?? "")
      if (store.getState().sendAttempt(attempt.kind, gaps)) attempt.hold()
    }, signal)
    compose.onBodyTyping(() => expandSnippet(compose, store), signal)
    onAccountChanged((accountId, byViewId) => store.getState().accountChanged(accountId, byViewId), signal)
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
  // Opened by the CSM's click on the tab (not just the active compose's default): it must open.
  const opened = state.expanded === true
  // layoutTick and state are why this re-runs: the compose moved or resized, or the panel's
  // content changed its height; measure reads both from the page.
  const placement = useMemo(
    () => measure(compose, expanded, opened, others),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [compose, expanded, opened, others, layoutTick, state]
  )
  const accountName = state.context?.view.name ?? match?.name

  // Alt+Shift+S opens the active compose's panel at what is missing; Escape collapses it and
  // gives the focus back (to the email's body when it came from nowhere on the page).
  usePanelKeyboard(root, {
    listening: active,
    expanded: placement.mode !== "tab" && placement.mode !== "hidden",
    expand: () => {
      store.getState().setExpanded(true)
      onActivate()
    },
    collapse: () => store.getState().setExpanded(false),
    focusTarget: (panel) => {
      const gap = draft?.gaps[0]
      return (
        (gap === undefined ? undefined : inputs.current.get(gap)) ??
        panel.querySelector<HTMLElement>('[data-action="insert"]')
      )
    },
    focusAfterCollapse: (panel) => compose.body() ?? panel.querySelector<HTMLElement>('[data-action="expand"]'),
    giveFocusBack: (to) => {
      const body = compose.body()
      if (body?.contains(to)) focusBodyAt(body, caret.current())
      else to.focus()
    }
  })
  // After Insert from the panel the next thing to do is the step's check-off (or Undo).
  const [insertedByButton, setInsertedByButton] = useState(0)
  useEffect(() => {
    if (insertedByButton === 0) return
    const panel = root.current
    const next =
      panel?.querySelector<HTMLElement>('[data-action="mark-step"]') ??
      panel?.querySelector<HTMLElement>('[data-action="undo"]')
    next?.focus()
  }, [insertedByButton])

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
      setInsertedByButton((n) => n + 1)
    } catch (error) {
      store.getState().setInsertError(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <section
      ref={root}
      className="sop-panel"
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
          className="sop-tab"
          data-action="expand"
          title="Open SOP Pilot for this email"
          onClick={() => {
            store.getState().setExpanded(true)
            onActivate()
          }}
        >
          <span className="sop-logo" aria-hidden="true">
            SP
          </span>
          <span className="sop-tab-text">{accountName ?? "SOP Pilot"}</span>
          {draft && draft.gaps.length > 0 && <span className="sop-badge">{draft.gaps.length}</span>}
        </button>
      ) : (
        <div className="sop-card">
          <header className="sop-header">
            <span className="sop-logo" aria-hidden="true">
              SP
            </span>
            <span className="sop-title">SOP Pilot</span>
            <button
              type="button"
              className="sop-icon"
              data-action="collapse"
              aria-label="Collapse SOP Pilot"
              title="Collapse"
              onClick={() => store.getState().setExpanded(false)}
            >
              –
            </button>
          </header>
          <div className="sop-scroll">
            <AccountChooser state={state} store={store} accountName={accountName} />
            {state.snippetNotice && (
              <p className="sop-section sop-snippet-notice" role="status" data-testid="snippet-notice">
                {state.snippetNotice}
              </p>
            )}
            {showDraft && draft && (
              <>
                <EmailChooser state={state} store={store} draft={draft} />
                {draft.template && (
                  <>
                    <FieldInputs draft={draft} store={store} inputs={inputs} />
                    <EmailPreview draft={draft} />
                  </>
                )}
              </>
            )}
            {showDraft && !draft && state.contextLoading && (
              <p className="sop-section sop-muted">Loading the account’s plan…</p>
            )}
          </div>
          {showDraft && draft?.template && (
            <PanelFooter
              state={state}
              store={store}
              draft={draft}
              inputs={inputs}
              onInsert={onInsert}
              onGotoGap={(marker) => {
                const body = compose.body()
                if (body) selectInBody(body, marker)
              }}
            />
          )}
        </div>
      )}
    </section>
  )
}
