import { useMemo, useState } from "react"

import { defaultGapText } from "~/src/domain/compose-values"
import { TEMPLATE_IDS, type TemplateId } from "~/src/domain/templates/catalog"
import { MERGE_FIELDS } from "~/src/domain/templates/fields"
import { mergeTemplate, type MergedText } from "~/src/domain/templates/merge"
import { todayIn } from "~/src/domain/dates"
import { plural } from "~/src/domain/text"

import { templateLabel } from "../labels"
import { useOptions } from "../store-context"
import { TextAreaField, TextField } from "./fields"
import { demoAccounts, previewValues, type DemoAccount } from "./preview"
import { isLocked } from "./store"

/** Every SOP email's wording, each with a live preview on a demo account. */
export function TemplatesSection() {
  const timeZone = useOptions((s) => s.profile.timeZone)
  const today = useMemo(() => todayIn(timeZone || undefined), [timeZone])
  const accounts = useMemo(() => demoAccounts(today), [today])
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "")
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0]
  return (
    <section className="sop-card" id="templates" aria-labelledby="templates-title">
      <h3 id="templates-title">Email templates</h3>
      <p className="sop-card-intro">
        The wording of each SOP email. Write merge fields as <code>{"{{accountName}}"}</code>; the preview shows the
        email for a demo account, with gaps where a value is missing.
      </p>
      <div className="sop-preview-toolbar">
        <div className="sop-field">
          <label htmlFor="preview-account">Preview with</label>
          <select id="preview-account" value={account?.id ?? ""} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <p className="sop-hint">
          Meeting details (date, participants, main points…) are samples: in Gmail you type them.
        </p>
      </div>
      <div className="sop-snippet-intro">
        <TextField path="snippets.planRecap" label="Snippet for the recap the plan calls for" />
        <p className="sop-hint">
          In Gmail, type <code>;</code> and a short name in the email (<code>;recap</code>, <code>;welcome</code>) to
          insert that email, filled in for the account; the recap one is whichever recap is due now. A short name
          expands as soon as it is typed, so none may start another. Leave one empty to switch it off.
        </p>
      </div>
      <div className="sop-templates">
        {TEMPLATE_IDS.map((id) => (
          <TemplateEditor key={id} id={id} account={account} today={today} />
        ))}
      </div>
      <details className="sop-merge-fields">
        <summary>Merge fields you can use</summary>
        <ul>
          {MERGE_FIELDS.map((field) => (
            <li key={field.name}>
              <code>{`{{${field.name}}}`}</code> — {field.label}
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}

function TemplateEditor({ id, account, today }: { id: TemplateId; account: DemoAccount | undefined; today: string }) {
  const [open, setOpen] = useState(false)
  const subjectPath = `templates.${id}.subject`
  const bodyPath = `templates.${id}.body`
  const hasError = useOptions((s) => Boolean(s.drafts[subjectPath]?.error || s.drafts[bodyPath]?.error))
  const locked = useOptions((s) => isLocked(s.locked, subjectPath) || isLocked(s.locked, bodyPath))
  return (
    <details
      className="sop-template"
      data-template={id}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>
        {templateLabel(id)}
        {locked ? <span className="sop-badge sop-badge-amber">Set by your organisation</span> : null}
        {hasError ? <span className="sop-badge sop-badge-red">Fix the errors</span> : null}
      </summary>
      {open ? (
        <div className="sop-template-body">
          <div className="sop-field-stack" style={{ display: "grid", gap: 12, alignContent: "start" }}>
            <TextField path={`snippets.${id}`} label="Snippet short name (after ;)" />
            <TextField path={subjectPath} label="Subject" />
            <TextAreaField path={bodyPath} label="Body" rows={14} />
          </div>
          {account ? <TemplatePreview id={id} account={account} today={today} /> : null}
        </div>
      ) : null}
    </details>
  )
}

function Segments({ merged }: { merged: MergedText }) {
  return (
    <>
      {merged.map((segment, index) =>
        segment.kind === "text" ? (
          <span key={index}>{segment.text}</span>
        ) : segment.kind === "value" ? (
          <span key={index} className="sop-merge-value" data-field={segment.field}>
            {segment.text}
          </span>
        ) : (
          <mark key={index} className="sop-merge-gap" data-reason={segment.reason} data-field={segment.field}>
            {defaultGapText(segment)}
          </mark>
        )
      )}
    </>
  )
}

/** The merge of what is typed now (valid or not: unknown fields show in red). */
function TemplatePreview({ id, account, today }: { id: TemplateId; account: DemoAccount; today: string }) {
  const settings = useOptions((s) => s.settings)
  const profile = useOptions((s) => s.profile)
  const subjectDraft = useOptions((s) => s.drafts[`templates.${id}.subject`]?.raw)
  const bodyDraft = useOptions((s) => s.drafts[`templates.${id}.body`]?.raw)
  const subject = typeof subjectDraft === "string" ? subjectDraft : settings.templates[id].subject
  const body = typeof bodyDraft === "string" ? bodyDraft : settings.templates[id].body
  const values = useMemo(() => previewValues(account, settings, profile, today), [account, settings, profile, today])
  const merged = useMemo(() => mergeTemplate({ subject, body }, values), [subject, body, values])
  return (
    <div
      className="sop-preview"
      data-testid="template-preview"
      role="region"
      aria-label={`Preview for ${account.name}`}
    >
      <h4>Preview · {account.name}</h4>
      <p className="sop-preview-subject">
        <Segments merged={merged.subject} />
      </p>
      <p className="sop-preview-body">
        <Segments merged={merged.body} />
      </p>
      {merged.gaps.length > 0 ? (
        <p className="sop-hint" style={{ marginTop: 8 }}>
          {plural(merged.gaps.length, "field")} without a value here.
        </p>
      ) : null}
    </div>
  )
}
