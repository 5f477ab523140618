import { useRef } from "react"

import { SETTINGS_VERSION } from "~/src/domain/settings"
import type { SettingsChange } from "~/src/messages/protocol"
import { plural } from "~/src/domain/text"

import { useOptions } from "../store-context"
import { SettingName } from "./fields"
import { settingLabel } from "./setting-labels"
import { ImpactList } from "./ImpactPreview"
import { valueText } from "./value-text"

export { valueText }

function DiffTable({ diff }: { diff: SettingsChange[] }) {
  return (
    <table className="sop-diff" data-testid="import-diff">
      <caption className="sop-visually-hidden">Settings that change</caption>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">Now</th>
          <th scope="col">After import</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((change) => (
          <tr key={change.path} data-path={change.path}>
            <th scope="row">
              <SettingName path={change.path} />
            </th>
            <td className="sop-from">{valueText(change.from)}</td>
            <td className="sop-to">{valueText(change.to)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Export the team settings to a file; import one with a preview of what changes. */
export function ImportExport() {
  const exportSettings = useOptions((s) => s.exportSettings)
  const exportError = useOptions((s) => s.exportError)
  const importing = useOptions((s) => s.importing)
  const setImportText = useOptions((s) => s.setImportText)
  const previewImport = useOptions((s) => s.previewImport)
  const applyImport = useOptions((s) => s.applyImport)
  const clearImport = useOptions((s) => s.clearImport)
  const fileInput = useRef<HTMLInputElement>(null)
  const { preview, errors, applied, busy } = importing

  const importFile = useOptions((s) => s.importFile)
  const onFile = async (file: File | undefined) => {
    if (file) await importFile(file)
  }

  return (
    <section className="sop-card" id="import-export" aria-labelledby="import-export-title">
      <h3 id="import-export-title">Share the team settings</h3>
      <p className="sop-card-intro">
        Export the team settings to a file, and import a file a Team Lead shared. Your profile is not part of it.
      </p>

      <div className="sop-actions" style={{ marginTop: 0 }}>
        <button type="button" className="sop-btn" data-action="export" onClick={() => void exportSettings()}>
          Export settings…
        </button>
        {exportError ? (
          <p className="sop-field-error" role="alert">
            {exportError}
          </p>
        ) : null}
      </div>

      <h4 style={{ margin: "18px 0 6px" }}>Import</h4>
      <div className="sop-file-row">
        <input
          ref={fileInput}
          id="import-file"
          className="sop-visually-hidden"
          type="file"
          accept=".json,application/json"
          data-action="import-file"
          onChange={(event) => {
            void onFile(event.target.files?.[0])
            event.target.value = ""
          }}
        />
        <label htmlFor="import-file" className="sop-btn sop-file-button">
          Choose a file…
        </label>
        <span className="sop-hint">
          {importing.source ? `Read ${importing.source}` : "or paste the file’s contents below"}
        </span>
      </div>
      <div className="sop-field" style={{ marginTop: 10 }}>
        <label htmlFor="import-text">Settings file contents</label>
        <textarea
          id="import-text"
          className="sop-mono"
          rows={6}
          value={importing.text}
          spellCheck={false}
          placeholder='{ "format": "sop-pilot-team-settings", "version": 1, … }'
          aria-describedby={errors ? "import-error" : undefined}
          aria-invalid={errors ? true : undefined}
          onChange={(event) => setImportText(event.target.value)}
        />
      </div>
      <div className="sop-actions">
        <button
          type="button"
          className="sop-btn"
          data-action="import-preview"
          disabled={busy}
          onClick={() => void previewImport()}
        >
          Preview changes
        </button>
        {importing.text !== "" || preview || errors ? (
          <button type="button" className="sop-btn" data-action="import-clear" onClick={clearImport}>
            Clear
          </button>
        ) : null}
      </div>

      {errors ? (
        <div className="sop-import-error" id="import-error" data-testid="import-error" role="alert">
          <p>This file cannot be imported; nothing was changed.</p>
          <ul>
            {errors.map((error) => (
              <li key={`${error.path}:${error.message}`} data-path={error.path}>
                <SettingName path={error.path} />: {error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview ? (
        <div data-testid="import-preview" role="status">
          {preview.diff.length === 0 ? (
            <p>Importing this file would change nothing.</p>
          ) : (
            <>
              <p style={{ margin: "14px 0 0" }}>
                Importing this file
                {preview.fromVersion < SETTINGS_VERSION
                  ? ` (an older settings file, version ${preview.fromVersion}, updated as it is read)`
                  : ""}{" "}
                changes <strong>{plural(preview.diff.length, "setting")}</strong>:
              </p>
              <DiffTable diff={preview.diff} />
              {importing.impact ? <ImpactList impact={importing.impact} /> : null}
            </>
          )}
          {preview.lockedKept.length > 0 ? (
            <p className="sop-hint" style={{ marginTop: 8 }}>
              Your organisation sets {preview.lockedKept.map((path) => settingLabel(path)).join(", ")}: those keep the
              organisation’s value.
            </p>
          ) : null}
          <div className="sop-actions">
            <button
              type="button"
              className="sop-btn sop-btn-primary"
              data-action="import-apply"
              disabled={busy || preview.diff.length === 0}
              onClick={() => void applyImport()}
            >
              Apply
            </button>
          </div>
        </div>
      ) : null}

      {applied ? (
        <p className="sop-import-ok" data-testid="import-applied" role="status">
          Imported: {plural(applied.diff.length, "setting")} changed.
        </p>
      ) : null}
    </section>
  )
}
