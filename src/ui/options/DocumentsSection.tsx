import { useState } from "react"

import { RULE_IDS } from "~/src/domain/playbook/rule-ids"
import { TeamDocument } from "~/src/domain/settings"

import { useOptions } from "../store-context"
import { fieldId } from "./fields"
import { settingLabel } from "./setting-labels"
import { isLocked } from "./store"

const PATH = "documents"
const PART_LABELS: Record<string, string> = { label: "Document name", url: "Document address", rules: "For steps" }

/** "AD1, ad5 TL1" → ["AD1", "AD5", "TL1"]. */
export const readRuleIds = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((id) => id.trim().toUpperCase())
    .filter((id) => id !== "")

/** The typed document, or the first problem named by its field's label. */
export function readDocument(form: { label: string; url: string; rules: string }) {
  const parsed = TeamDocument.safeParse({ label: form.label, url: form.url.trim(), rules: readRuleIds(form.rules) })
  if (parsed.success) return { ok: true as const, document: parsed.data }
  const issue = parsed.error.issues[0]
  const part = String(issue?.path[0] ?? "")
  const unknown =
    part === "rules" && issue?.path.length === 2 ? ` (${readRuleIds(form.rules)[Number(issue.path[1])]})` : ""
  return {
    ok: false as const,
    error: `${PART_LABELS[part] ?? settingLabel(PATH)}: ${issue?.message ?? "invalid"}${unknown}`
  }
}

const EMPTY = { label: "", url: "", rules: "" }

/**
 * The team's documents a step links to (issue 16, item 7): the KYC checklist, the onboarding
 * presentation, the adoption checklist… each shown in the details of the steps it lists.
 */
export function DocumentsSection() {
  const documents = useOptions((s) => s.settings.documents)
  const saveError = useOptions((s) => s.drafts[PATH]?.error)
  const locked = useOptions((s) => isLocked(s.locked, PATH))
  const edit = useOptions((s) => s.edit)
  const [form, setForm] = useState(EMPTY)
  const [error, setError] = useState<string | null>(null)
  const base = fieldId(PATH)

  // The whole list is one setting: adding or removing one document saves the list.
  const save = (next: TeamDocument[]) => edit(PATH, next as unknown as string[], "list", true)
  const add = () => {
    const read = readDocument(form)
    if (!read.ok) {
      setError(read.error)
      return
    }
    setError(null)
    save([...documents, read.document])
    setForm(EMPTY)
  }
  const shown = error ?? saveError ?? null
  const input = (part: keyof typeof EMPTY, placeholder: string, type = "text") => (
    <div className="sop-field">
      <label htmlFor={`${base}-${part}`}>{PART_LABELS[part]}</label>
      <input
        id={`${base}-${part}`}
        type={type}
        value={form[part]}
        placeholder={placeholder}
        disabled={locked}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={shown !== null && shown.startsWith(PART_LABELS[part] ?? "") ? true : undefined}
        aria-describedby={shown !== null ? `${base}-error` : undefined}
        data-testid={`document-${part}`}
        onChange={(event) => setForm({ ...form, [part]: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === "Enter") add()
        }}
      />
    </div>
  )

  return (
    <section className="sop-card" id="documents" aria-labelledby="documents-title">
      <h3 id="documents-title">{settingLabel(PATH)}</h3>
      <p className="sop-card-intro">
        The team’s documents a step links to in its details, next to its SOP section: for example the Adoption checklist
        for AD1 and AD5. Steps are rule ids ({RULE_IDS[0]}, {RULE_IDS[1]}…), separated by commas.
      </p>
      {documents.length > 0 ? (
        <ul className="sop-documents" data-testid="documents-list">
          {documents.map((document, index) => (
            <li key={`${document.label}-${index}`} data-testid="document-row">
              <a href={document.url} target="_blank" rel="noopener noreferrer">
                {document.label}
              </a>{" "}
              <span className="sop-hint">for {document.rules.join(", ")}</span>{" "}
              <button
                type="button"
                className="sop-btn"
                data-action="remove-document"
                disabled={locked}
                aria-label={`Remove ${document.label}`}
                onClick={() => save(documents.filter((_, at) => at !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="sop-hint">No documents yet.</p>
      )}
      <div className="sop-grid">
        {input("label", "Adoption checklist")}
        {input("url", "https://docs.google.com/…", "url")}
        {input("rules", "AD1, AD5")}
      </div>
      {shown !== null ? (
        <p className="sop-field-error" id={`${base}-error`} data-testid="field-error" role="alert">
          {shown}
        </p>
      ) : null}
      <div className="sop-actions">
        <button type="button" className="sop-btn" data-action="add-document" disabled={locked} onClick={add}>
          Add document
        </button>
      </div>
    </section>
  )
}
