/**
 * The template's values: the ones the account does not give (open, under "To fill in", typed
 * into or not) and the ones filled from the account (folded away). Each input carries `data-field`; its element is kept in
 * `inputs` so a gap in the footer can focus it.
 */
import type { MutableRefObject } from "react"

import type { InputField } from "~/src/domain/compose-values"
import { profileKeyOf, type MergeFieldName } from "~/src/domain/templates/fields"
import { useStore } from "zustand"
import type { Draft } from "./draft"
import type { ComposeStore } from "./store"

/** Each field's input element, by field name. */
export type InputRefs = MutableRefObject<Map<string, HTMLElement>>

export function FieldInputs({ draft, store, inputs }: { draft: Draft; store: ComposeStore; inputs: InputRefs }) {
  // Sections by what the account gives, not by what was typed: a field keeps its place (and
  // focus) while the CSM types into it.
  const missing = draft.fields.filter((f) => f.toFill)
  const filled = draft.fields.filter((f) => !f.toFill)
  return (
    <>
      {missing.length > 0 && (
        <div className="sop-section sop-fields">
          <p className="sop-heading">To fill in</p>
          {missing.map((f) => (
            <FieldInput key={f.field} field={f} draft={draft} store={store} inputs={inputs} />
          ))}
        </div>
      )}
      {filled.length > 0 && (
        <details className="sop-section sop-filled">
          <summary>
            Filled in from the account{" "}
            <span className="sop-muted">({filled.map((f) => f.label.toLowerCase()).join(", ")})</span>
          </summary>
          {filled.map((f) => (
            <FieldInput key={f.field} field={f} draft={draft} store={store} inputs={inputs} />
          ))}
        </details>
      )}
    </>
  )
}

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
  const id = `sop-field-${field.field}`
  // Yours, not the account's: asked once, then kept in your profile (issue 16, item 10).
  const forProfile = field.toFill && profileKeyOf(field.field) !== undefined
  const save = useStore(store, (s) => s.profileSaves[field.field as MergeFieldName])
  const common = {
    id,
    className: `sop-input${field.missing ? " sop-missing" : ""}`,
    "data-field": field.field,
    value: draft.inputs[field.field] ?? "",
    placeholder: field.description,
    ref: (el: HTMLElement | null) => (el ? inputs.current.set(field.field, el) : inputs.current.delete(field.field)),
    onChange: (e: { target: { value: string } }) =>
      store.getState().setTyped(field.field as MergeFieldName, e.target.value),
    ...(forProfile
      ? {
          "aria-describedby": `${id}-profile`,
          onBlur: (e: { target: { value: string } }) =>
            void store.getState().saveToProfile(field.field as MergeFieldName, e.target.value)
        }
      : {})
  }
  return (
    <div className="sop-field">
      <label className="sop-label" htmlFor={id}>
        {field.label}
      </label>
      {field.kind === "multiline" ? (
        <textarea rows={3} {...common} />
      ) : (
        <input type={field.kind === "date" ? "date" : "text"} {...common} />
      )}
      {forProfile && (
        <p className="sop-hint" id={`${id}-profile`} data-profile-save={save?.status ?? "ask"}>
          {save?.status === "error"
            ? `Not saved to your profile: ${save.error}`
            : save?.status === "saving"
              ? "Saving to your profile…"
              : "Saved to your profile when you leave the field, for every email."}
        </p>
      )}
    </div>
  )
}
