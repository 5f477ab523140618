/**
 * The field mapping, edited with the org's own schema: for each fact, where it is read (an
 * Account field, or a field of the newest related record: object, lookup to the Account, field,
 * conditions), offering only the fields whose type can hold the fact (a date fact: Date and
 * DateTime fields). The fields come from UI API object-info, read by the background; without a
 * Salesforce session (or for an object Salesforce does not describe) the names are typed.
 */
import { useEffect, useMemo, useState, type ReactNode } from "react"

import { MAPPABLE_FACTS, type MappableFact, type RelatedSource, type SourceFilter } from "~/src/domain/settings"
import {
  fieldsForFact,
  fieldsOfTypes,
  FIELD_TYPES,
  FIELD_TYPES_BY_FACT,
  filterableFields,
  lookupsTo,
  typeLabel,
  type OrgField,
  type OrgObject
} from "~/src/hosts/salesforce/object-info"
import type { OrgFields } from "~/src/messages/settings-protocol"
import { askAny } from "~/src/messages/settings-client"
import { errorText } from "~/src/domain/text"

import { factLabel } from "../labels"
import { useOptions } from "../store-context"
import { fieldId } from "./fields"
import { isLocked, savedValue } from "./store"

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/
const RELATED = "salesforce.related"

export type FetchFields = (objects: string[]) => Promise<OrgFields>
const askFields: FetchFields = (objects) => askAny({ name: "mapping.fields", objects })

/** What the editor knows of the org: each object's fields, or why not. */
type Schema =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "read"; objects: Map<string, OrgObject | { problem: string }> }

const OPS: { value: SourceFilter["op"]; label: string; takesValue: boolean }[] = [
  { value: "equals", label: "equals", takesValue: true },
  { value: "not_equals", label: "does not equal", takesValue: true },
  { value: "starts_with", label: "starts with", takesValue: true },
  { value: "is_true", label: "is checked", takesValue: false },
  { value: "is_false", label: "is not checked", takesValue: false },
  { value: "is_null", label: "is empty", takesValue: false },
  { value: "is_not_null", label: "is not empty", takesValue: false }
]

/** `currency, number or percent` */
function typesText(types: readonly string[]): string {
  const labels = [...new Set(types.map(typeLabel))]
  return labels.length < 2 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`
}

/** The mapped value at a path: the draft when one is typed, else the saved one. */
function useValue<T>(path: string): { value: T; error?: string; locked: boolean } {
  const draft = useOptions((s) => s.drafts[path])
  const saved = useOptions((s) => savedValue(s, path)) as T
  const locked = useOptions((s) => isLocked(s.locked, path))
  if (locked || draft === undefined) return { value: saved, locked }
  return { value: draft.raw as T, ...(draft.error === undefined ? {} : { error: draft.error }), locked }
}

export function MappingEditor({ fetchFields = askFields }: { fetchFields?: FetchFields }) {
  const saved = useOptions((s) => s.settings.salesforce)
  const relatedDraft = useOptions((s) => s.drafts[RELATED])
  const relatedLocked = useOptions((s) => isLocked(s.locked, RELATED))
  // What is typed shows (even while invalid); the org is asked about saved objects only, not per keystroke.
  const related = (relatedDraft && !relatedLocked ? relatedDraft.raw : saved.related) as unknown as RelatedSource[]
  const contactsObject = saved.contacts.object
  const objects = useMemo(() => {
    const names = ["Account", ...saved.related.map((s) => s.object), contactsObject].filter((n) => API_NAME.test(n))
    return names.filter((n, i) => names.findIndex((o) => o.toLowerCase() === n.toLowerCase()) === i)
  }, [saved.related, contactsObject])
  const key = objects.join(",")
  const [schema, setSchema] = useState<Schema>({ state: "loading" })

  useEffect(() => {
    let live = true
    fetchFields(key.split(","))
      .then((answer) => {
        if (!live) return
        if (answer.status.state !== "ok") {
          setSchema({ state: "failed", message: answer.status.message ?? answer.status.state })
          return
        }
        const byName = new Map<string, OrgObject | { problem: string }>()
        for (const object of answer.objects)
          byName.set(object.apiName.toLowerCase(), "problem" in object ? { problem: object.problem } : object)
        setSchema({ state: "read", objects: byName })
      })
      .catch((error: unknown) => {
        if (live) setSchema({ state: "failed", message: errorText(error) })
      })
    return () => {
      live = false
    }
  }, [key, fetchFields])

  /** The object's fields, or undefined (not read: the editor takes a typed name). */
  const objectOf = (name: string): OrgObject | undefined => {
    if (schema.state !== "read") return undefined
    const found = schema.objects.get(name.toLowerCase())
    return found && !("problem" in found) ? found : undefined
  }
  const problems =
    schema.state === "read" ? [...schema.objects.values()].flatMap((o) => ("problem" in o ? [o.problem] : [])) : []

  return (
    <div className="sop-mapping-editor" data-testid="mapping-editor" data-fields={schema.state}>
      {schema.state === "loading" ? (
        <p className="sop-hint" data-testid="mapping-fields-note" data-state="loading">
          Reading your org’s fields…
        </p>
      ) : schema.state === "failed" ? (
        <p className="sop-hint" data-testid="mapping-fields-note" data-state="failed">
          Your org’s fields could not be read ({schema.message}). Type each field’s API name; sign in to Salesforce and
          reopen this page to choose from your org’s fields.
        </p>
      ) : problems.length > 0 ? (
        <p className="sop-hint" data-testid="mapping-fields-note" data-state="partial">
          {problems.join(". ")}. Type those names.
        </p>
      ) : null}
      <RelatedError />
      <table className="sop-mapping" style={{ marginTop: 14 }}>
        <caption className="sop-hint" style={{ textAlign: "left", marginBottom: 6 }}>
          Field mapping
        </caption>
        <thead>
          <tr>
            <th scope="col">Fact</th>
            <th scope="col">Read from</th>
          </tr>
        </thead>
        <tbody>
          {MAPPABLE_FACTS.map((fact) => {
            const index = related.findIndex((s) => s.fact === fact)
            const source = related[index]
            return (
              <tr key={fact} data-fact={fact}>
                <th scope="row">{factLabel(fact)}</th>
                <td>
                  {source ? (
                    <RelatedSourceEditor
                      fact={fact}
                      source={source}
                      related={related}
                      index={index}
                      object={objectOf(source.object)}
                    />
                  ) : (
                    <AccountFieldChoice fact={fact} account={objectOf("Account")} />
                  )}
                </td>
              </tr>
            )
          })}
          <ContactsRow object={objectOf(contactsObject)} />
          <tr data-fact="csm">
            <th scope="row">The account’s CSM (your book)</th>
            <td>
              <PathChoice
                path="salesforce.csmField"
                label="The account’s CSM field"
                offered={objectOf("Account") && lookupsTo(objectOf("Account") as OrgObject, "User")}
                types="lookup to User"
              />
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  )
}

function RelatedError() {
  const draft = useOptions((s) => s.drafts[RELATED])
  if (!draft?.error) return null
  return (
    <p className="sop-field-error" id={`${fieldId(RELATED)}-error`} data-testid="field-error" role="alert">
      {draft.error}
    </p>
  )
}

/** A choice among the org's fields, or a typed API name when they are not known. */
function NameChoice({
  id,
  label,
  value,
  offered,
  types,
  empty,
  disabled,
  error,
  data,
  onChange,
  onCommit
}: {
  id: string
  label: string
  value: string
  /** undefined: the org's fields are not known, the name is typed. */
  offered: OrgField[] | undefined
  /** For the note on a mapped field that is not among them. */
  types: string
  /** The label of "no field" ("not in Salesforce"), when a fact may be unmapped. */
  empty?: string
  disabled: boolean
  error?: string
  data: Record<string, string>
  onChange: (value: string, immediate: boolean) => void
  onCommit: () => void
}) {
  const errorId = error ? `${id}-error` : undefined
  let control: ReactNode
  if (offered === undefined) {
    control = (
      <input
        id={id}
        type="text"
        value={value}
        placeholder={empty ?? "API name"}
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        onChange={(event) => onChange(event.target.value, false)}
        onBlur={onCommit}
        onKeyDown={(event) => {
          if (event.key === "Enter") onCommit()
        }}
        {...data}
      />
    )
  } else {
    const known = value === "" || offered.some((f) => f.apiName.toLowerCase() === value.toLowerCase())
    const selected = offered.find((f) => f.apiName.toLowerCase() === value.toLowerCase())?.apiName ?? value
    control = (
      <select
        id={id}
        value={selected}
        disabled={disabled}
        aria-invalid={error || !known ? true : undefined}
        aria-describedby={errorId ?? (known ? undefined : `${id}-unknown`)}
        onChange={(event) => onChange(event.target.value, true)}
        {...data}
      >
        {empty !== undefined || value === "" ? <option value="">{empty ?? "Choose a field"}</option> : null}
        {known ? null : (
          <option value={value} data-missing="true">
            {value} (not found)
          </option>
        )}
        {offered.map((field) => (
          <option key={field.apiName} value={field.apiName} data-type={field.dataType}>
            {field.label} ({field.apiName}) · {typeLabel(field.dataType)}
          </option>
        ))}
      </select>
    )
    if (!known) {
      return (
        <span className="sop-name-choice">
          <label htmlFor={id} className="sop-visually-hidden">
            {label}
          </label>
          {control}
          <span className="sop-field-error" id={`${id}-unknown`} data-testid="mapping-field-missing">
            {value} is not a {types} field you can read in this org.
          </span>
        </span>
      )
    }
  }
  return (
    <span className="sop-name-choice">
      <label htmlFor={id} className="sop-visually-hidden">
        {label}
      </label>
      {control}
      {error ? (
        <span className="sop-field-error" id={errorId} data-testid="field-error">
          {error}
        </span>
      ) : null}
    </span>
  )
}

/** A settings path that holds one name (`salesforce.fieldMapping.mrr`, `salesforce.contacts.field`). */
function PathChoice({
  path,
  label,
  offered,
  types,
  empty
}: {
  path: string
  label: string
  offered: OrgField[] | undefined
  types: string
  empty?: string
}) {
  const { value, error, locked } = useValue<string>(path)
  const edit = useOptions((s) => s.edit)
  const commit = useOptions((s) => s.commit)
  return (
    <NameChoice
      id={fieldId(path)}
      label={label}
      value={typeof value === "string" ? value : ""}
      offered={offered}
      types={types}
      {...(empty === undefined ? {} : { empty })}
      disabled={locked}
      {...(error === undefined ? {} : { error })}
      data={{ "data-path": path }}
      onChange={(next, immediate) => edit(path, next, "text", immediate)}
      onCommit={() => void commit(path)}
    />
  )
}

function AccountFieldChoice({ fact, account }: { fact: MappableFact; account: OrgObject | undefined }) {
  return (
    <PathChoice
      path={`salesforce.fieldMapping.${fact}`}
      label={`${factLabel(fact)} field`}
      offered={account && fieldsForFact(account, fact)}
      types={typesText(FIELD_TYPES_BY_FACT[fact])}
      empty="not in Salesforce"
    />
  )
}

function ContactsRow({ object }: { object: OrgObject | undefined }) {
  return (
    <tr data-fact="contactEmails">
      <th scope="row">{factLabel("contactEmails")}</th>
      <td className="sop-related-source">
        every{" "}
        <PathChoice path="salesforce.contacts.object" label="Contacts object" offered={undefined} types="object" />{" "}
        whose{" "}
        <PathChoice
          path="salesforce.contacts.relationship"
          label="Contacts' lookup to the account"
          offered={object && lookupsTo(object, "Account")}
          types="lookup to Account"
        />{" "}
        is the account:{" "}
        <PathChoice
          path="salesforce.contacts.field"
          label="Contact email field"
          offered={object && fieldsOfTypes(object, FIELD_TYPES.contactEmail)}
          types={typesText(FIELD_TYPES.contactEmail)}
        />
      </td>
    </tr>
  )
}

/** One fact read from the newest related record: object, lookup, field, conditions. */
function RelatedSourceEditor({
  fact,
  source,
  related,
  index,
  object
}: {
  fact: MappableFact
  source: RelatedSource
  related: RelatedSource[]
  index: number
  object: OrgObject | undefined
}) {
  const edit = useOptions((s) => s.edit)
  const commit = useOptions((s) => s.commit)
  const locked = useOptions((s) => isLocked(s.locked, RELATED))
  const change = (next: RelatedSource, immediate: boolean) => {
    const list = related.map((s, i) => (i === index ? next : s))
    // The whole list is one setting: a change to one source saves the list.
    edit(RELATED, list as unknown as string[], "list", immediate)
  }
  const setFilter = (i: number, next: SourceFilter | undefined, immediate: boolean) => {
    const filters = source.filters.flatMap((f, at) => (at === i ? (next ? [next] : []) : [f]))
    change({ ...source, filters }, immediate)
  }
  const onCommit = () => void commit(RELATED)
  const base = `${fieldId(RELATED)}-${fact}`
  const data = (part: string) => ({ "data-fact": fact, "data-part": part })
  return (
    <div className="sop-related-source" data-testid="related-source">
      newest{" "}
      <NameChoice
        id={`${base}-object`}
        label={`${factLabel(fact)}: object`}
        value={source.object}
        offered={undefined}
        types="object"
        disabled={locked}
        data={data("object")}
        onChange={(value, immediate) => change({ ...source, object: value }, immediate)}
        onCommit={onCommit}
      />{" "}
      whose{" "}
      <NameChoice
        id={`${base}-relationship`}
        label={`${factLabel(fact)}: lookup to the account`}
        value={source.relationship}
        offered={object && lookupsTo(object, "Account")}
        types="lookup to Account"
        disabled={locked}
        data={data("relationship")}
        onChange={(value, immediate) => change({ ...source, relationship: value }, immediate)}
        onCommit={onCommit}
      />{" "}
      is the account:{" "}
      <NameChoice
        id={`${base}-field`}
        label={`${factLabel(fact)}: field`}
        value={source.field}
        offered={object && fieldsForFact(object, fact)}
        types={typesText(FIELD_TYPES_BY_FACT[fact])}
        disabled={locked}
        data={data("field")}
        onChange={(value, immediate) => change({ ...source, field: value }, immediate)}
        onCommit={onCommit}
      />
      {source.filters.length > 0 ? (
        <ul className="sop-related-filters" aria-label={`${factLabel(fact)}: conditions`}>
          {source.filters.map((filter, i) => {
            const op = OPS.find((o) => o.value === filter.op)
            return (
              <li key={i} data-filter={i}>
                where{" "}
                <NameChoice
                  id={`${base}-filter${i}-field`}
                  label={`${factLabel(fact)}: condition ${i + 1} field`}
                  value={filter.field}
                  offered={object && filterableFields(object)}
                  types="filterable"
                  disabled={locked}
                  data={data(`filter${i}-field`)}
                  onChange={(value, immediate) => setFilter(i, { ...filter, field: value }, immediate)}
                  onCommit={onCommit}
                />{" "}
                <label htmlFor={`${base}-filter${i}-op`} className="sop-visually-hidden">
                  {`${factLabel(fact)}: condition ${i + 1}`}
                </label>
                <select
                  id={`${base}-filter${i}-op`}
                  value={filter.op}
                  disabled={locked}
                  onChange={(event) => setFilter(i, { ...filter, op: event.target.value as SourceFilter["op"] }, true)}
                  {...data(`filter${i}-op`)}
                >
                  {OPS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>{" "}
                {op?.takesValue ? (
                  <>
                    <label htmlFor={`${base}-filter${i}-value`} className="sop-visually-hidden">
                      {`${factLabel(fact)}: condition ${i + 1} value`}
                    </label>
                    <input
                      id={`${base}-filter${i}-value`}
                      type="text"
                      value={filter.value}
                      disabled={locked}
                      onChange={(event) => setFilter(i, { ...filter, value: event.target.value }, false)}
                      onBlur={onCommit}
                      {...data(`filter${i}-value`)}
                    />
                  </>
                ) : null}{" "}
                <button
                  type="button"
                  disabled={locked}
                  onClick={() => setFilter(i, undefined, true)}
                  data-action="remove-condition"
                >
                  Remove
                </button>
              </li>
            )
          })}
        </ul>
      ) : null}
      {source.filters.length < 5 ? (
        <button
          type="button"
          className="sop-link"
          disabled={locked}
          onClick={() =>
            change(
              {
                ...source,
                filters: [
                  ...source.filters,
                  { field: (object && filterableFields(object)[0]?.apiName) ?? "Name", op: "is_not_null", value: "" }
                ]
              },
              true
            )
          }
          data-action="add-condition"
        >
          Add a condition
        </button>
      ) : null}
    </div>
  )
}
