/**
 * Form controls bound to a settings path: each shows the draft (or the saved value), validates on
 * every change through the store, and shows its error next to it (`aria-invalid`,
 * `aria-describedby`). A path the organisation's policy sets is disabled with a note.
 */
import { useState, type ReactNode } from "react"

import { useOptions } from "../store-context"
import { settingLabel } from "./setting-labels"
import { isLocked, savedValue, type FieldKind, type RawValue } from "./store"

/** A setting named as the page names it, its path beside it (for a Team Lead who edits the file). */
export function SettingName({ path }: { path: string }) {
  return (
    <>
      {settingLabel(path)}{" "}
      <code className="sop-setting-path" aria-hidden="true">
        {path}
      </code>
    </>
  )
}

export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`

function useField(path: string, hint?: ReactNode) {
  const draft = useOptions((s) => s.drafts[path])
  const saved = useOptions((s) => savedValue(s, path))
  const locked = useOptions((s) => isLocked(s.locked, path))
  const edit = useOptions((s) => s.edit)
  const commit = useOptions((s) => s.commit)
  const id = fieldId(path)
  // A locked field shows the organisation's value, never a stale draft.
  const raw: RawValue | undefined = locked ? undefined : draft?.raw
  const error = locked ? undefined : draft?.error
  /** What every control of the field carries: its path, the lock, the error and its notes. */
  const control = {
    id,
    "data-path": path,
    disabled: locked,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": notesIds(id, hint, locked, error)
  } as const
  return { id, draft, saved, locked, raw, error, edit, commit, control }
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const kept = ids.filter(Boolean) as string[]
  return kept.length > 0 ? kept.join(" ") : undefined
}

/** Hint, locked note and error under a control. */
function Notes({ id, hint, locked, error }: { id: string; hint?: ReactNode; locked: boolean; error?: string }) {
  return (
    <>
      {hint ? (
        <p className="sop-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {locked ? (
        <p className="sop-locked-note" id={`${id}-locked`} data-testid="locked-note">
          Set by your organisation
        </p>
      ) : null}
      {error ? (
        <p className="sop-field-error" id={`${id}-error`} data-testid="field-error">
          {error}
        </p>
      ) : null}
    </>
  )
}

const notesIds = (id: string, hint: unknown, locked: boolean, error?: string) =>
  describedBy(hint ? `${id}-hint` : undefined, locked && `${id}-locked`, error && `${id}-error`)

interface InputProps {
  path: string
  /** Default: the setting's own label (setting-labels.ts); give one where the card says the rest ("Subject"). */
  label?: string
  hint?: ReactNode
  kind?: Extract<FieldKind, "text" | "number" | "integer">
  type?: "text" | "url" | "email" | "time"
  suffix?: string
  placeholder?: string
  autoComplete?: string
  className?: string
  /** The label is read by screen readers only (a table row header shows it). */
  hideLabel?: boolean
}

/** A one-line input: text, URL, or a number (typed as text so a half-typed value can be shown and explained). */
export function TextField({
  path,
  label = settingLabel(path),
  hint,
  kind = "text",
  type = "text",
  suffix,
  placeholder,
  autoComplete = "off",
  className,
  hideLabel
}: InputProps) {
  const f = useField(path, hint)
  const numeric = kind === "number" || kind === "integer"
  const value = f.raw !== undefined ? String(f.raw) : f.saved === undefined || f.saved === null ? "" : String(f.saved)
  const input = (
    <input
      {...f.control}
      type={type}
      inputMode={numeric ? (kind === "integer" ? "numeric" : "decimal") : undefined}
      value={value}
      placeholder={placeholder}
      autoComplete={autoComplete}
      spellCheck={false}
      onChange={(event) => f.edit(path, event.target.value, kind, type === "time")}
      onBlur={() => void f.commit(path)}
      onKeyDown={(event) => {
        if (event.key === "Enter") void f.commit(path)
      }}
    />
  )
  return (
    <div className={`sop-field ${className ?? ""}`} data-field={path}>
      <label htmlFor={f.id} className={hideLabel ? "sop-visually-hidden" : undefined}>
        {label}
      </label>
      {suffix ? (
        <div className="sop-with-suffix">
          {input}
          <span aria-hidden="true">{suffix}</span>
        </div>
      ) : (
        input
      )}
      <Notes id={f.id} hint={hint} locked={f.locked} error={f.error} />
    </div>
  )
}

export function TextAreaField({
  path,
  label = settingLabel(path),
  hint,
  rows = 4,
  className
}: {
  path: string
  label?: string
  hint?: ReactNode
  rows?: number
  className?: string
}) {
  const f = useField(path, hint)
  const value = f.raw !== undefined ? String(f.raw) : typeof f.saved === "string" ? f.saved : ""
  return (
    <div className={`sop-field ${className ?? ""}`} data-field={path}>
      <label htmlFor={f.id}>{label}</label>
      <textarea
        {...f.control}
        rows={rows}
        value={value}
        onChange={(event) => f.edit(path, event.target.value, "text")}
        onBlur={() => void f.commit(path)}
      />
      <Notes id={f.id} hint={hint} locked={f.locked} error={f.error} />
    </div>
  )
}

export function SelectField({
  path,
  label = settingLabel(path),
  hint,
  options
}: {
  path: string
  label?: string
  hint?: ReactNode
  options: ReadonlyArray<{ value: string; label: string }>
}) {
  const f = useField(path, hint)
  const value = f.raw !== undefined ? String(f.raw) : typeof f.saved === "string" ? f.saved : ""
  return (
    <div className="sop-field" data-field={path}>
      <label htmlFor={f.id}>{label}</label>
      <select {...f.control} value={value} onChange={(event) => f.edit(path, event.target.value, "text", true)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Notes id={f.id} hint={hint} locked={f.locked} error={f.error} />
    </div>
  )
}

export function CheckboxField({
  path,
  label = settingLabel(path),
  hint
}: {
  path: string
  label?: string
  hint?: ReactNode
}) {
  const f = useField(path, hint)
  const checked = f.raw !== undefined ? f.raw === true : f.saved === true
  return (
    <div className="sop-field" data-field={path}>
      <label className="sop-check" htmlFor={f.id}>
        <input
          {...f.control}
          type="checkbox"
          checked={checked}
          onChange={(event) => f.edit(path, event.target.checked, "boolean", true)}
        />
        {label}
      </label>
      <Notes id={f.id} hint={hint} locked={f.locked} error={f.error} />
    </div>
  )
}

/** A set of checkboxes editing one list (`sixtyDayTrack.packages`). */
export function CheckboxListField({
  path,
  label,
  hint,
  options
}: {
  path: string
  label: string
  hint?: ReactNode
  options: ReadonlyArray<{ value: string; label: string }>
}) {
  const f = useField(path, hint)
  const list = (Array.isArray(f.raw) ? f.raw : Array.isArray(f.saved) ? f.saved : []) as string[]
  const toggle = (value: string, on: boolean) => {
    const next = options.map((o) => o.value).filter((v) => (v === value ? on : list.includes(v)))
    f.edit(path, next, "list", true)
  }
  return (
    <fieldset
      className="sop-field"
      data-field={path}
      aria-describedby={notesIds(f.id, hint, f.locked, f.error)}
      aria-invalid={f.error ? true : undefined}
    >
      <legend>{label}</legend>
      <div className="sop-checks">
        {options.map((option) => (
          <label key={option.value} className="sop-check">
            <input
              type="checkbox"
              data-path={path}
              data-value={option.value}
              checked={list.includes(option.value)}
              disabled={f.locked}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </div>
      <Notes id={f.id} hint={hint} locked={f.locked} error={f.error} />
    </fieldset>
  )
}

/**
 * A list of ids, one a line (the team's User ids). What is typed stays as typed; the list saved is
 * its non-empty lines, trimmed, so a half-typed new line is not an error.
 */
export function IdListField({
  path,
  label,
  hint,
  rows = 4
}: {
  path: string
  label: string
  hint?: ReactNode
  rows?: number
}) {
  const f = useField(path)
  const saved = Array.isArray(f.saved) ? (f.saved as unknown[]).filter((v): v is string => typeof v === "string") : []
  const [text, setText] = useState<string | null>(null)
  const shown = text ?? saved.join("\n")
  return (
    <div className="sop-field" data-field={path}>
      <label htmlFor={f.id}>{label}</label>
      <textarea
        id={f.id}
        data-path={path}
        rows={rows}
        value={f.locked ? saved.join("\n") : shown}
        spellCheck={false}
        disabled={f.locked}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={notesIds(f.id, hint, f.locked, f.error)}
        onChange={(event) => {
          setText(event.target.value)
          const ids = event.target.value
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => line !== "")
          f.edit(path, ids, "list")
        }}
        onBlur={() => void f.commit(path).then(() => setText(null))}
      />
      <Notes id={f.id} hint={hint} locked={f.locked} error={f.error} />
    </div>
  )
}
